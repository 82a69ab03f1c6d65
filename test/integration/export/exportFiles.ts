// Test helpers for exports: read an exported file back (exceljs reader, csv-parse) and the sessions the cache
// shows for the same target and order, page by page through the bridge.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { SessionFilter, SessionSort, SortOrder } from '../../../src/shared/api.ts';
import type { Session } from '../../../src/shared/domain.ts';
import type { TestDesk } from '../../support/desk.ts';

export interface XlsxContent {
  sheetName: string;
  rightToLeft: boolean;
  header: unknown[];
  rows: unknown[][];
  /** numFmt of the first data row's cells. */
  formats: Array<string | undefined>;
}

export async function readXlsx(path: string): Promise<XlsxContent> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${path} has no sheet`);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  const formats = Array.from({ length: 8 }, (_, i) => sheet.getRow(2).getCell(i + 1).numFmt);
  return {
    sheetName: sheet.name,
    rightToLeft: sheet.views[0]?.rightToLeft === true,
    header: rows[0] ?? [],
    rows: rows.slice(1),
    formats,
  };
}

export function readCsv(path: string): { bom: boolean; crlf: boolean; records: string[][] } {
  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8');
  // Every record ends with CRLF, and no bare LF appears outside a quoted field: count line ends outside quotes.
  let crlf = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted && text[i - 1] !== '\r') crlf = false;
  }
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  return { bom, crlf: crlf && text.endsWith('\r\n'), records };
}

/** Every session the cache shows for a filter, in the grid's order (pages of 500 through the bridge). */
export async function cacheSessions(
  desk: TestDesk,
  filter: SessionFilter,
  sort: SessionSort,
  order: SortOrder,
): Promise<Session[]> {
  const all: Session[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await desk.call('sessions.page', { filter, sort, order, offset, limit: 500 });
    all.push(...page.rows);
    if (all.length >= page.total || page.rows.length === 0) return all;
  }
}

/** `2026-11-27 11:44:26` from an ISO instant (UTC), as the CSV writes it. */
export const csvTime = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

/** The CSV guard against formulas: a leading `'` before = + - @ tab CR. */
export const csvText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
