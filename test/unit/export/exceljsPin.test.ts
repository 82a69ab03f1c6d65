// exceljs is pinned (package.json, exact version) because the XLSX writer's fast row path relies on its internals:
// the sheet's stream and its pipe to the zip, the workbook's style registry, and the exact XML its row and cell
// writers produce. Each of these is checked against the installed exceljs here, so an upgrade that changes one of
// them fails this file instead of silently falling back to the slow path or writing different cells.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ExportRow, STATUS_LABELS } from '../../../src/main/core/export/columns.ts';
import { installNativeCrc } from '../../../src/main/core/export/nativeCrc.ts';
import { exceljsRowAccess, rowValues, sheetRowXml, styleRow } from '../../../src/main/core/export/writers.ts';

const require = createRequire(import.meta.url);

const ROWS: ExportRow[] = [
  [
    'عطر "عود" <فاخر> & co',
    "O'Brien\r\nline two",
    '=cmd|x\u0001',
    12,
    0,
    '2026-11-27T10:00:00.123Z',
    '1970-01-01T00:00:00.000Z',
    '2038-01-19T03:14:07.000Z',
    'pending',
    'Amal <Admin> & co',
    '2026-11-27T11:00:00.000Z',
    null,
  ],
  [
    'plain',
    'tab\there',
    'emoji 🙂',
    1_000_000,
    999_999,
    '1999-12-31T23:59:59.999Z',
    '2026-02-28T12:30:45.500Z',
    '2026-02-28T12:30:45.500Z',
    'resolved',
    null,
    null,
    '2026-02-28T13:00:00.000Z',
  ],
  [
    'open',
    'none',
    'x',
    0,
    0,
    '2026-02-28T12:30:45.500Z',
    '2026-02-28T12:30:45.500Z',
    '2026-02-28T12:30:45.500Z',
    'open',
    null,
    null,
    null,
  ],
];

function newSheet() {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().resume(), useStyles: true });
  const sheet = workbook.addWorksheet('pin');
  sheet.columns = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => ({ header: `h${i}`, key: `k${i}` }));
  sheet.getRow(1).commit();
  return { workbook, sheet };
}

describe('exceljs pin', () => {
  it('package.json names the installed exceljs exactly, with no range', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = (require('exceljs/package.json') as { version: string }).version;
    expect(manifest.dependencies.exceljs).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.dependencies.exceljs).toBe(installed);
  });

  it('has the internals the fast row path uses (sheet stream, its pipe to the zip, the style registry)', () => {
    const { workbook, sheet } = newSheet();
    const access = exceljsRowAccess(workbook, sheet);
    expect(access).not.toBeNull();
    expect(access?.dateStyleId).toBeGreaterThan(0);
    expect(access?.queuedAtZip()).toBeGreaterThanOrEqual(0);
  });

  it("writes data rows in exactly the XML exceljs's own Row and Cell objects produce", () => {
    const { workbook, sheet } = newSheet();
    const access = exceljsRowAccess(workbook, sheet);
    if (!access) throw new Error('exceljs internals missing');
    // Capture what exceljs itself writes into the sheet's stream for rows committed through addRow.
    const stream = (sheet as unknown as { stream: { write(text: unknown): unknown } }).stream;
    const written: string[] = [];
    const write = stream.write.bind(stream);
    stream.write = (text: unknown) => {
      written.push(String(text));
      return write(text);
    };
    const labels = STATUS_LABELS.en;
    for (const r of ROWS) {
      const row = sheet.addRow(rowValues(r, labels));
      styleRow(row);
      row.commit();
    }
    expect(written.join('')).toBe(ROWS.map((r, i) => sheetRowXml(i + 2, r, access.dateStyleId, labels)).join(''));
  });

  it("reaches the crc-32 package through exceljs's zip chain (archiver, zip-stream, compress-commons)", () => {
    expect(installNativeCrc()).toBe(true);
  });
});
