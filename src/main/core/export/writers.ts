// The two file formats behind one small interface: a row at a time, then `end` once everything is on disk.
// XLSX uses exceljs's streaming WorkbookWriter (rows leave memory as they are committed); CSV uses CsvWriter.
import type { WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ExportFormat, Locale } from '../../../shared/bridge.ts';
import {
  csvDate,
  EXPORT_COLUMNS,
  type ExportRow,
  neutraliseFormula,
  STATUS_LABELS,
  XLSX_DATE_FORMAT,
} from './columns.ts';
import { CsvWriter } from './csvWriter.ts';
import { installNativeCrc } from './nativeCrc.ts';

const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

export const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: XLSX_DATE_FORMAT };
export const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

/** exceljs internals the writer watches for back-pressure (absent in another version: then it does not wait). */
interface SheetInternals {
  stream?: {
    write?(text: string): unknown;
    pipes?: Array<{ _writableState?: { length: number }; _readableState?: { length: number } }>;
  };
}
interface WorkbookInternals {
  styles?: { addStyleModel?(style: unknown, type: number): number };
}

/** What the fast row path uses of exceljs 4.4.0 (package.json pins it; test/unit/export/exceljsPin.test.ts checks it). */
export interface ExceljsRowAccess {
  /** Appends XML to the sheet's part of the zip. */
  writeXml(xml: string): void;
  /** Bytes queued between the sheet and the zip. */
  queuedAtZip(): number;
  /** The style id of the date cells, registered in the workbook's styles. */
  dateStyleId: number;
}

/** The internals the fast row path needs, or null when this exceljs does not have them (rows then go through addRow). */
export function exceljsRowAccess(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: ExcelJS.Worksheet,
): ExceljsRowAccess | null {
  const stream = (sheet as unknown as SheetInternals).stream;
  const styles = (workbook as unknown as WorkbookInternals).styles;
  if (
    typeof stream?.write !== 'function' ||
    !Array.isArray(stream.pipes) ||
    typeof styles?.addStyleModel !== 'function'
  ) {
    return null;
  }
  return {
    writeXml: (xml) => stream.write?.(xml),
    queuedAtZip: () => {
      const pipe = stream.pipes?.[0];
      return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
    },
    dateStyleId: styles.addStyleModel(DATE_STYLE, ExcelJS.ValueType.Date),
  };
}

/**
 * A line break inside a spreadsheet cell is LF (what Alt+Enter makes); XML would turn a raw CR into LF anyway
 * (CRLF into one LF), so the file says so itself.
 */
export function cellText(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export interface SessionFileWriter {
  write(rows: ExportRow[]): Promise<void>;
  end(): Promise<void>;
}

export function sheetName(locale: Locale): string {
  return locale === 'ar' ? 'جلسات المحادثة' : 'Chat sessions';
}

export interface WriterOptions {
  /** XLSX: build the data rows with exceljs's Row objects rather than the fast path (tests compare the two). */
  rowsThroughExceljs?: boolean;
}

export function createSessionWriter(
  format: ExportFormat,
  locale: Locale,
  out: WriteStream,
  options: WriterOptions = {},
): SessionFileWriter {
  return format === 'csv' ? csvSessionWriter(locale, out) : xlsxSessionWriter(locale, out, options);
}

const CSV_QUOTE = /[",\r\n]/;

/** A name as a CSV field: the formula guard, then RFC 4180 quoting (csvField(neutraliseFormula(text))). */
function csvNameField(text: string): string {
  const guarded = neutraliseFormula(text);
  return CSV_QUOTE.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function csvSessionWriter(locale: Locale, out: WriteStream): SessionFileWriter {
  const csv = new CsvWriter(out);
  let started = false;
  return {
    async write(rows) {
      if (!started) {
        started = true;
        await csv.row(EXPORT_COLUMNS.map((c) => c.header[locale]));
      }
      // One string per batch, no arrays per row (csvRecord's result, field for field; dates never need quotes).
      let text = '';
      const labels = STATUS_LABELS[locale];
      for (const r of rows) {
        text += `${csvNameField(r[0])},${csvNameField(r[1])},${csvNameField(r[2])},${r[3]},${r[4]},${csvDate(r[5])},${csvDate(r[6])},${csvDate(r[7])},${labels[r[8]]},${r[9] === null ? '' : csvNameField(r[9])},${r[10] === null ? '' : csvDate(r[10])},${r[11] === null ? '' : csvDate(r[11])}\r\n`;
      }
      await csv.text(text);
    },
    async end() {
      if (!started) await this.write([]);
      await csv.end();
    },
  };
}

function xlsxSessionWriter(locale: Locale, out: WriteStream, options: WriterOptions): SessionFileWriter {
  let failure: Error | null = null;
  // Settles only by failing: raced against the workbook's commit, which would wait forever for a stream that died.
  const failed = new Promise<never>((_, reject) => {
    out.on('error', (error) => {
      failure ??= error;
      reject(error);
    });
  });
  // Its failure reaches the caller through `failure` and the race in end(); this only keeps the rejection from
  // being reported as unhandled while nothing races it.
  failed.catch(() => {});
  installNativeCrc();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // Fast compression: the sheet's XML is repetitive, level 1 already shrinks it most of the way.
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Chat Desk';
  const sheet = workbook.addWorksheet(sheetName(locale), {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: locale === 'ar' }],
  });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header[locale], key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  // The data rows' XML is written here, straight into the sheet's stream, in exactly the form exceljs gives it
  // (see sheetRowXml): at a million rows exceljs's Row and Cell objects cost a third of the export's time. The
  // package, styles, sheet view, columns, header and zip stay exceljs's. Without those internals (another exceljs
  // version), rows go through addRow.
  const access = exceljsRowAccess(workbook, sheet);
  const raw = !options.rowsThroughExceljs && access ? access : null;
  // exceljs hands each row's XML to the zip without waiting for it (its sheet stream ignores back-pressure), so a
  // fast reader would pile the whole sheet up in memory ahead of the compressor. Wait while more than
  // MAX_QUEUED_BYTES is queued between the sheet and the zip (the pass-through archiver reads the sheet from).
  const waitForDisk = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!failure && (access?.queuedAtZip() ?? 0) > MAX_QUEUED_BYTES) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
    if (failure) throw failure;
  };
  let rowNumber = 1;
  const labels = STATUS_LABELS[locale];

  return {
    async write(rows) {
      if (failure) throw failure;
      if (raw) {
        let xml = '';
        for (const r of rows) xml += sheetRowXml(++rowNumber, r, raw.dateStyleId, labels);
        raw.writeXml(xml);
      } else {
        for (const r of rows) {
          const row = sheet.addRow(rowValues(r, labels));
          styleRow(row);
          row.commit();
        }
      }
      await waitForDisk();
    },
    async end() {
      if (failure) throw failure;
      sheet.commit();
      await Promise.race([workbook.commit(), failed]);
      if (failure) throw failure;
    },
  };
}

// XML text as exceljs writes it (utils.xmlEncode): markup characters escaped, characters XML cannot hold dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(XML_SPECIAL_ALL, (c) => XML_ENTITIES[c] ?? '');
}

/** Days since 1899-12-30 (Excel's serial date, UTC), as exceljs's dateToExcel computes it. */
export function excelSerial(iso: string): number {
  return 25569 + Date.parse(iso) / 86_400_000;
}

/** The values exceljs's addRow takes for one row (an empty value: null, a cell exceljs does not write). */
export function rowValues(r: ExportRow, labels: Record<ExportRow[8], string>): Array<string | number | Date | null> {
  return [
    cellText(r[0]),
    cellText(r[1]),
    cellText(r[2]),
    r[3],
    r[4],
    new Date(r[5]),
    new Date(r[6]),
    new Date(r[7]),
    labels[r[8]],
    r[9] === null ? null : cellText(r[9]),
    r[10] === null ? null : new Date(r[10]),
    r[11] === null ? null : new Date(r[11]),
  ];
}

const DATE_CELLS = new Set([6, 7, 8, 11, 12]);

/** One style object per kind, shared by every cell (exceljs finds its style id by identity); empty cells get none. */
export function styleRow(row: ExcelJS.Row): void {
  for (let i = 1; i <= EXPORT_COLUMNS.length; i++) {
    const cell = row.getCell(i);
    if (cell.value !== null) cell.style = DATE_CELLS.has(i) ? DATE_STYLE : PLAIN_STYLE;
  }
}

/** One data row, as exceljs's row and cell xforms write it (strings `t="str"`, dates as serials with the date style). */
export function sheetRowXml(
  n: number,
  r: ExportRow,
  dateStyleId: number,
  labels: Record<ExportRow[8], string>,
): string {
  const s = dateStyleId ? ` s="${dateStyleId}"` : '';
  // Every column is in the row's span (styleRow touches each cell), the empty ones are not written.
  return (
    `<row r="${n}" spans="1:12" x14ac:dyDescent="0.25">` +
    `<c r="A${n}" t="str"><v>${xmlText(cellText(r[0]))}</v></c>` +
    `<c r="B${n}" t="str"><v>${xmlText(cellText(r[1]))}</v></c>` +
    `<c r="C${n}" t="str"><v>${xmlText(cellText(r[2]))}</v></c>` +
    `<c r="D${n}"><v>${r[3]}</v></c>` +
    `<c r="E${n}"><v>${r[4]}</v></c>` +
    `<c r="F${n}"${s}><v>${excelSerial(r[5])}</v></c>` +
    `<c r="G${n}"${s}><v>${excelSerial(r[6])}</v></c>` +
    `<c r="H${n}"${s}><v>${excelSerial(r[7])}</v></c>` +
    `<c r="I${n}" t="str"><v>${xmlText(labels[r[8]])}</v></c>` +
    (r[9] === null ? '' : `<c r="J${n}" t="str"><v>${xmlText(cellText(r[9]))}</v></c>`) +
    (r[10] === null ? '' : `<c r="K${n}"${s}><v>${excelSerial(r[10])}</v></c>`) +
    (r[11] === null ? '' : `<c r="L${n}"${s}><v>${excelSerial(r[11])}</v></c>`) +
    '</row>'
  );
}
