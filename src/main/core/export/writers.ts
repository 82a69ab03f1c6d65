// The two file formats behind one small interface: a row at a time, then `end` once everything is on disk.
// XLSX uses exceljs's streaming WorkbookWriter (rows leave memory as they are committed); CSV uses CsvWriter.
import type { WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ExportFormat, Locale } from '../../../shared/bridge.ts';
import { csvDate, EXPORT_COLUMNS, type ExportRow, neutraliseFormula, XLSX_DATE_FORMAT } from './columns.ts';
import { CsvWriter } from './csvWriter.ts';

/** exceljs internals the writer watches for back-pressure (absent in another version: then it does not wait). */
interface SheetInternals {
  stream?: { pipes?: Array<{ _writableState?: { length: number }; _readableState?: { length: number } }> };
}
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: XLSX_DATE_FORMAT };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

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

export function createSessionWriter(format: ExportFormat, locale: Locale, out: WriteStream): SessionFileWriter {
  return format === 'csv' ? csvSessionWriter(locale, out) : xlsxSessionWriter(locale, out);
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
      for (const r of rows) {
        await csv.row([
          neutraliseFormula(r[0]),
          neutraliseFormula(r[1]),
          neutraliseFormula(r[2]),
          r[3],
          r[4],
          csvDate(r[5]),
          csvDate(r[6]),
          csvDate(r[7]),
        ]);
      }
    },
    async end() {
      if (!started) await this.write([]);
      await csv.end();
    },
  };
}

function xlsxSessionWriter(locale: Locale, out: WriteStream): SessionFileWriter {
  let failure: Error | null = null;
  // Settles only by failing: raced against the workbook's commit, which would wait forever for a stream that died.
  const failed = new Promise<never>((_, reject) => {
    out.on('error', (error) => {
      failure ??= error;
      reject(error);
    });
  });
  failed.catch(() => {});
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

  // exceljs hands each row's XML to the zip without waiting for it (its sheet stream ignores back-pressure), so a
  // fast reader would pile the whole sheet up in memory ahead of the compressor. Wait while more than this is
  // queued between the sheet and the zip (the pass-through archiver reads the sheet from).
  const queuedAtZip = () => {
    const pipe = (sheet as unknown as SheetInternals).stream?.pipes?.[0];
    return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
  };
  const waitForDisk = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!failure && queuedAtZip() > MAX_QUEUED_BYTES) await new Promise<void>((resolve) => setTimeout(resolve, 1));
    if (failure) throw failure;
  };

  return {
    async write(rows) {
      if (failure) throw failure;
      for (const r of rows) {
        const row = sheet.addRow([
          cellText(r[0]),
          cellText(r[1]),
          cellText(r[2]),
          r[3],
          r[4],
          new Date(r[5]),
          new Date(r[6]),
          new Date(r[7]),
        ]);
        // One style object per kind, shared by every cell: exceljs then finds its style id by identity instead
        // of hashing a fresh style per cell (a third of the time at a million rows).
        for (let i = 1; i <= 8; i++) row.getCell(i).style = i >= 6 ? DATE_STYLE : PLAIN_STYLE;
        row.commit();
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
