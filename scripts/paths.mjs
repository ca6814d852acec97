// Reads the workspace's path aliases from tsconfig.base.json, so that Jest and the server build
// resolve `@academie/*` exactly as the type-checker does.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function workspaceAliases() {
  const text = readFileSync(join(root, 'tsconfig.base.json'), 'utf8');
  const { compilerOptions } = JSON.parse(text);
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, join(root, target)]),
  );
}
