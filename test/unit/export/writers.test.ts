// The file writers on their own: CSV quoting (RFC 4180), the BOM and CRLF, the formula guard; the XLSX fast row
// path producing the very cells exceljs's own rows produce (same values, types and formats), tricky text included.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvDate, type ExportRow, neutraliseFormula } from '../../../src/main/core/export/columns.ts';
import { csvField, csvRecord } from '../../../src/main/core/export/csvWriter.ts';
import { createSessionWriter, xmlText } from '../../../src/main/core/export/writers.ts';
import { readXlsx } from '../../integration/export/exportFiles.ts';

const dir = mkdtempSync(join(tmpdir(), 'chatdesk-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS: ExportRow[] = [
  [
    'عطر "عود" فاخر, 100 مل',
    'Line one\nLine two',
    '=SUM(A1:A2)',
    12,
    3,
    '2026-11-27T10:00:00.000Z',
    '2026-01-01T00:00:00.000Z',
    '2026-11-27T10:00:00.123Z',
    'pending',
    'Sara "Agent", Jr.',
    '2026-11-27T11:00:00.000Z',
    null,
  ],
  [
    "<b>bold</b> & 'quoted'",
    'CR\r\nLF',
    'tab\there',
    0,
    0,
    '1999-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '2038-01-19T03:14:07.000Z',
    'open',
    null,
    null,
    null,
  ],
  [
    'control\u0001char\u001f',
    'emoji 🙂 and ـــ tatweel',
    'Store 1',
    1_000_000,
    999_999,
    '2026-02-28T12:30:45.500Z',
    '2026-02-28T12:30:45.500Z',
    '2026-02-28T12:30:45.500Z',
    'resolved',
    null,
    '2026-02-28T12:00:00.000Z',
    '2026-02-28T13:00:00.000Z',
  ],
];

async function write(name: string, format: 'csv' | 'xlsx', options: { rowsThroughExceljs?: boolean } = {}) {
  const path = join(dir, name);
  const writer = createSessionWriter(format, 'en', createWriteStream(path), options);
  await writer.write(ROWS);
  await writer.end();
  return path;
}

describe('CSV', () => {
  it('quotes only what needs quoting and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField(42)).toBe('42');
    expect(csvRecord(['a', 'b,c', 3])).toBe('a,"b,c",3\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, and writes UTC times a spreadsheet reads', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', '\rx', 'a=b'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
      'a=b',
    ]);
    expect(csvDate('2026-11-27T10:00:00.123Z')).toBe('2026-11-27 10:00:00');
    expect(csvDate('2026-11-27T12:00:00+02:00')).toBe('2026-11-27 10:00:00');
  });

  it('starts with one BOM, ends every record with CRLF, and keeps text exactly', async () => {
    const bytes = readFileSync(await write('a.csv', 'csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('Product,Customer,Seller,')).toBe(true);
    expect(text).toContain('"عطر ""عود"" فاخر, 100 مل","Line one\nLine two",\'=SUM(A1:A2),12,3,2026-11-27 10:00:00');
    expect(text).toContain('"CR\r\nLF"');
    // B10's columns: the status in words, an assignee quoted like any name, empty cells for what is not there.
    expect(text).toContain(',2026-11-27 10:00:00,Pending,"Sara ""Agent"", Jr.",2026-11-27 11:00:00,\r\n');
    expect(text).toContain(',Open,,,\r\n');
    expect(text.endsWith(',Resolved,,2026-02-28 12:00:00,2026-02-28 13:00:00\r\n')).toBe(true);
  });
});

describe('XLSX', () => {
  it('the fast row path writes the same cells as exceljs’s own rows', async () => {
    const fast = await readXlsx(await write('fast.xlsx', 'xlsx'));
    const slow = await readXlsx(await write('slow.xlsx', 'xlsx', { rowsThroughExceljs: true }));
    expect(fast.rows).toEqual(slow.rows);
    expect(fast.formats).toEqual(slow.formats);
    expect(fast.header).toEqual(slow.header);
    expect(fast.rows[0]).toEqual([
      'عطر "عود" فاخر, 100 مل',
      'Line one\nLine two',
      '=SUM(A1:A2)',
      12,
      3,
      new Date('2026-11-27T10:00:00.000Z'),
      new Date('2026-01-01T00:00:00.000Z'),
      new Date('2026-11-27T10:00:00.123Z'),
      'Pending',
      'Sara "Agent", Jr.',
      new Date('2026-11-27T11:00:00.000Z'),
    ]);
    expect(fast.rows[1]).toHaveLength(9);
    expect(fast.rows[2]?.slice(8)).toEqual([
      'Resolved',
      undefined,
      new Date('2026-02-28T12:00:00.000Z'),
      new Date('2026-02-28T13:00:00.000Z'),
    ]);
    expect(fast.rows[1]?.slice(0, 2)).toEqual(["<b>bold</b> & 'quoted'", 'CR\nLF']);
    expect(fast.rows[2]?.[0]).toBe('controlchar');
  });

  it('escapes XML markup and drops the characters XML cannot hold', () => {
    expect(xmlText('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(xmlText('x\u0000y\u0008z\u000bw\ttab\nnl')).toBe('xyzw\ttab\nnl');
    expect(xmlText('نص عربي')).toBe('نص عربي');
  });
});
