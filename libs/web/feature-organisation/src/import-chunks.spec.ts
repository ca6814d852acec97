import { describe, expect, it } from '@jest/globals';
import type { ImportJobView } from '@academie/contracts';
import { EMPTY_REPORT, addChunkReport, addressesFromText, hasHeader, splitCsv } from './import-chunks';

const job = (errors: ImportJobView['errors']): ImportJobView => ({
  id: 'j',
  status: 'done',
  totalLines: 2,
  processedLines: 2,
  invited: 1,
  alreadyInvited: 0,
  rejected: errors.length,
  errors,
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:00.000Z',
});

describe('splitCsv', () => {
  it('keeps the line numbers of the file when there is no header', () => {
    const chunks = splitCsv('a@x.fr\nb@x.fr\nc@x.fr\n', 2);
    expect(chunks.map((c) => c.csv)).toEqual(['a@x.fr\nb@x.fr', 'c@x.fr']);
    // Line 1 of the second chunk is line 3 of the file.
    const report = addChunkReport(EMPTY_REPORT, chunks[1]!, job([{ line: 1, value: 'c', reason: 'r' }]));
    expect(report.errors[0]?.line).toBe(3);
  });

  it('repeats the header in every chunk and still reports the file’s line numbers', () => {
    const chunks = splitCsv('\uFEFFnom;Courriel\r\nA;a@x.fr\r\nB;pas-une-adresse\r\nC;c@x.fr', 2);
    expect(chunks.map((c) => c.csv)).toEqual(['nom;Courriel\nA;a@x.fr\nB;pas-une-adresse', 'nom;Courriel\nC;c@x.fr']);
    // The API numbers the bad line 3 in the first chunk (header = line 1): line 3 of the file too.
    expect(addChunkReport(EMPTY_REPORT, chunks[0]!, job([{ line: 3, value: 'x', reason: 'r' }])).errors[0]?.line).toBe(3);
    // Line 2 of the second chunk is the file's line 4.
    expect(addChunkReport(EMPTY_REPORT, chunks[1]!, job([{ line: 2, value: 'x', reason: 'r' }])).errors[0]?.line).toBe(4);
  });

  it('has nothing to send for an empty file', () => {
    expect(splitCsv('\n\n')).toEqual([]);
  });
});

describe('hasHeader', () => {
  it('recognises the column names the API reads, and not an address', () => {
    expect(hasHeader('email')).toBe(true);
    expect(hasHeader('"Prénom","E-mail"')).toBe(true);
    expect(hasHeader('a@x.fr')).toBe(false);
  });
});

describe('addressesFromText', () => {
  it('reads one address per line or separated by commas, semicolons and spaces', () => {
    expect(addressesFromText(' a@x.fr,b@x.fr;\n\nc@x.fr  d@x.fr ')).toEqual(['a@x.fr', 'b@x.fr', 'c@x.fr', 'd@x.fr']);
  });
});
