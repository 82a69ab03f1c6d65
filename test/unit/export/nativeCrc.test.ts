// The zip's CRC-32 moved to node:zlib: the same sums as the `crc-32` package it replaces, chained chunk after chunk
// the way crc32-stream calls it.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installNativeCrc, nativeCrcBuf } from '../../../src/main/core/export/nativeCrc.ts';

let require = createRequire(import.meta.url);
for (const name of ['exceljs', 'archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) {
  require = createRequire(require.resolve(name));
}
const crcPackage = require('crc-32') as { buf(data: Uint8Array, seed?: unknown): number };
const original = crcPackage.buf;

describe('native CRC-32 for the XLSX zip', () => {
  it('gives the crc-32 package’s sums, chained with signed, unsigned and Buffer seeds', () => {
    expect(nativeCrcBuf(Buffer.from('123456789'))).toBe(original(Buffer.from('123456789')));
    expect(nativeCrcBuf(Buffer.from('123456789')) >>> 0).toBe(0xcbf43926);
    const chunks = [0, 1, 15, 16, 17, 4096, 65_537].map((n) => randomBytes(n));
    // crc32-stream starts from a 4-byte Buffer and keeps the sum unsigned (>>> 0) between chunks.
    let js: unknown = Buffer.alloc(4);
    let native: unknown = Buffer.alloc(4);
    for (const chunk of chunks) {
      js = original(chunk, js) >>> 0;
      native = nativeCrcBuf(chunk, native) >>> 0;
      expect(native).toBe(js);
      expect(nativeCrcBuf(chunk, (js as number) | 0)).toBe(original(chunk, (js as number) | 0));
    }
  });

  it('is swapped into the package exceljs’s zip uses', () => {
    expect(installNativeCrc()).toBe(true);
    expect(crcPackage.buf).toBe(nativeCrcBuf);
  });
});
