import { BlockList, isIP } from 'node:net';

/** The named ranges also understood by TRUST_PROXY (Fastify's proxy-addr), so that both settings read alike. */
const NAMED_RANGES: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
};

/**
 * A list of client addresses: `none`, or comma-separated addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal`. Used by METRICS_ALLOW; the parse throws an Error naming the wrong entry.
 */
export class AddressList {
  private readonly list = new BlockList();
  /** True when the list admits every address (`0.0.0.0/0` or `::/0`): no protection at all. */
  readonly admitsEveryone: boolean;
  readonly empty: boolean;

  constructor(spec: string) {
    const entries = spec
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    let everyone = false;
    if (entries.length === 1 && entries[0] === 'none') {
      this.empty = true;
      this.admitsEveryone = false;
      return;
    }
    for (const entry of entries) {
      const named = NAMED_RANGES[entry];
      if (named) {
        for (const [network, prefix, type] of named) this.list.addSubnet(network, prefix, type);
        continue;
      }
      const [address, prefixText, extra] = entry.split('/');
      const type = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
      const max = type === 'ipv4' ? 32 : 128;
      const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
      if (!type || extra !== undefined || prefix < 0 || prefix > max) {
        throw new Error(`has an entry that is neither an address, a CIDR range nor loopback/linklocal/uniquelocal: "${entry}"`);
      }
      if (prefix === 0) everyone = true;
      this.list.addSubnet(address, prefix, type);
    }
    this.empty = entries.length === 0;
    this.admitsEveryone = everyone;
  }

  /** Whether a client address (as Node reports it, IPv4-mapped IPv6 included) is in the list. */
  admits(address: string | undefined): boolean {
    if (!address || this.empty) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const plain = mapped ? mapped[1] : address;
    const type = isIP(plain);
    if (type === 0) return false;
    return this.list.check(plain, type === 4 ? 'ipv4' : 'ipv6');
  }
}
