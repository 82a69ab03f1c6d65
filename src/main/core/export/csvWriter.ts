// A streaming CSV writer (RFC 4180): fields with a comma, a quote or a line break are quoted and their quotes
// doubled, records end with CRLF, and the file starts with a UTF-8 byte order mark so Excel reads Arabic text.
// Rows are buffered into chunks and written with back-pressure, so a million rows never sit in memory.
import type { Writable } from 'node:stream';

export const UTF8_BOM = '\uFEFF';

export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: ReadonlyArray<string | number>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export class CsvWriter {
  readonly #out: Writable;
  #chunk = '';
  readonly #chunkChars: number;
  #error: Error | null = null;

  constructor(out: Writable, options: { chunkChars?: number } = {}) {
    this.#out = out;
    this.#chunkChars = options.chunkChars ?? 256 * 1024;
    out.on('error', (error) => {
      this.#error ??= error;
    });
    this.#chunk = UTF8_BOM;
  }

  /** Adds records (a batch); waits only when a full chunk has to wait for the disk. */
  async rows(records: ReadonlyArray<ReadonlyArray<string | number>>): Promise<void> {
    for (const values of records) this.#chunk += csvRecord(values);
    if (this.#chunk.length >= this.#chunkChars) await this.#flush();
  }

  /** Adds records already formatted (each ending with CRLF); waits only when a full chunk has to wait for the disk. */
  async text(records: string): Promise<void> {
    this.#chunk += records;
    if (this.#chunk.length >= this.#chunkChars) await this.#flush();
  }

  /** Adds one record; resolves at once unless a full chunk has to wait for the disk. */
  async row(values: ReadonlyArray<string | number>): Promise<void> {
    this.#chunk += csvRecord(values);
    if (this.#chunk.length >= this.#chunkChars) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#error) throw this.#error;
    const chunk = this.#chunk;
    this.#chunk = '';
    if (!chunk) return;
    if (!this.#out.write(chunk, 'utf8')) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.#out.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          this.#out.off('drain', onDrain);
          reject(error);
        };
        this.#out.once('drain', onDrain);
        this.#out.once('error', onError);
      });
    }
    if (this.#error) throw this.#error;
  }

  /** Writes what is left and closes the stream once the data is on disk. */
  async end(): Promise<void> {
    await this.#flush();
    await new Promise<void>((resolve, reject) => {
      if (this.#error) return reject(this.#error);
      this.#out.once('error', reject);
      this.#out.end((error?: Error | null) => {
        this.#out.off('error', reject);
        const failure = error ?? this.#error;
        if (failure) reject(failure);
        else resolve();
      });
    });
  }
}
