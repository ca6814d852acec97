import { redactAddresses } from './mail-send.handler';
import { addressOf, fileUrlDirectory, messageIdFor } from './mail-transport';

describe('message ids', () => {
  it('derives the same Message-ID from the same message, on the sender domain', () => {
    const from = "Académie de l'IA <ne-pas-repondre@academie-ia.gouv.fr>";
    expect(messageIdFor('7d1f0f2c-8a4e-4b7e-9a55-0c6f7b1e2d3a', from)).toBe('<7d1f0f2c-8a4e-4b7e-9a55-0c6f7b1e2d3a@academie-ia.gouv.fr>');
    expect(messageIdFor('a', from)).toBe(messageIdFor('a', from));
    expect(messageIdFor('a', 'bot@example.org')).toBe('<a@example.org>');
  });

  it('reads the address of a sender', () => {
    expect(addressOf('Nom <x@y.fr>')).toBe('x@y.fr');
    expect(addressOf(' x@y.fr ')).toBe('x@y.fr');
  });

  it('turns file: URLs into folders', () => {
    expect(fileUrlDirectory('file:///tmp/mails')).toBe('/tmp/mails');
    expect(fileUrlDirectory('file:.data/mail')).toMatch(/\/\.data\/mail$/);
  });
});

describe('redactAddresses', () => {
  it('removes the addresses quoted by SMTP errors', () => {
    expect(redactAddresses("Can't send mail - all recipients were rejected: 550 5.1.1 <camille.martin@example.fr>: Recipient address rejected")).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <<adresse>>: Recipient address rejected",
    );
    expect(redactAddresses('connect ECONNREFUSED 127.0.0.1:1025')).toBe('connect ECONNREFUSED 127.0.0.1:1025');
  });
});
