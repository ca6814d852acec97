// Sending a large CSV of addresses in pieces, so that the screen can show how far the import has gone (the API
// answers each import once it is done). Line numbers of the report stay those of the person's file.
import type { ImportJobView, ImportLineError } from '@academie/contracts';

export interface CsvChunk {
  /** The text sent: the header line (if the file has one) then this chunk's lines. */
  csv: string;
  /** Added to the line numbers the API reports for this chunk to get the file's line numbers. */
  lineOffset: number;
  /** Lines of the file in this chunk (header not counted). */
  lines: number;
}

/** Lines sent per request: large enough to keep requests few, small enough for the progress to move. */
export const CHUNK_LINES = 2000;

// The column names the API recognises (libs/server/organisation/src/invitation/email-csv.ts).
const HEADER_NAMES = new Set(['email', 'e-mail', 'courriel', 'adresse e-mail', 'mail']);

/** True when the first line names the address column (`email`, `courriel`...), as the API reads it. */
export function hasHeader(firstLine: string): boolean {
  return firstLine.split(/[,;]/).some((cell) => HEADER_NAMES.has(cell.replace(/"/g, '').trim().toLowerCase()));
}

/** Splits the file's text into chunks of at most `size` lines, each repeating the header line if there is one. */
export function splitCsv(text: string, size = CHUNK_LINES): CsvChunk[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  if (lines.length === 0) return [];
  const header = hasHeader(lines[0] ?? '') ? lines[0] : undefined;
  const body = header === undefined ? lines : lines.slice(1);
  const chunks: CsvChunk[] = [];
  for (let start = 0; start < body.length; start += size) {
    const part = body.slice(start, start + size);
    chunks.push({
      csv: (header === undefined ? part : [header, ...part]).join('\n'),
      // The API numbers the chunk's lines from 1, header included, as the file's: only the lines before differ.
      lineOffset: start,
      lines: part.length,
    });
  }
  return chunks;
}

/** The report of the whole file, from the reports of its chunks. */
export interface ImportReport {
  totalLines: number;
  processedLines: number;
  invited: number;
  alreadyInvited: number;
  rejected: number;
  errors: ImportLineError[];
}

export const EMPTY_REPORT: ImportReport = { totalLines: 0, processedLines: 0, invited: 0, alreadyInvited: 0, rejected: 0, errors: [] };

export function addChunkReport(report: ImportReport, chunk: CsvChunk, job: ImportJobView): ImportReport {
  return {
    totalLines: report.totalLines,
    processedLines: report.processedLines + chunk.lines,
    invited: report.invited + job.invited,
    alreadyInvited: report.alreadyInvited + job.alreadyInvited,
    rejected: report.rejected + job.rejected,
    errors: [...report.errors, ...job.errors.map((error) => ({ ...error, line: error.line + chunk.lineOffset }))],
  };
}

/** The addresses typed in the text area: one per line, or separated by commas, semicolons or spaces. */
export function addressesFromText(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
