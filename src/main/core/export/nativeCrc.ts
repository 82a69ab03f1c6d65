// The XLSX zip's CRC-32 in native code. exceljs's zip (archiver → compress-commons → crc32-stream) sums every byte
// of the sheet with the `crc-32` package, in JavaScript on the export's thread: about 4 ms per MB, near two seconds
// for a million rows. node:zlib's crc32 gives the same sums about ten times faster; the package's `buf` is pointed
// at it once, with the package's own contract (signed 32-bit result, the previous sum as the seed). If that chain
// of packages is not there (another version), nothing changes.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

interface Crc32Package {
  buf(data: Uint8Array, seed?: unknown): number;
}

/** `crc-32`'s buf, computed by zlib: the seed is the previous sum (signed or not; anything else starts anew). */
export function nativeCrcBuf(data: Uint8Array, seed?: unknown): number {
  return crc32(data, typeof seed === 'number' ? seed >>> 0 : 0) | 0;
}

let patched: boolean | null = null;

/** Resolves `crc-32` the way exceljs's zip does and swaps in nativeCrcBuf; true when it did. */
export function installNativeCrc(): boolean {
  if (patched !== null) return patched;
  patched = false;
  try {
    let require = createRequire(import.meta.url);
    for (const name of ['exceljs', 'archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) {
      require = createRequire(require.resolve(name));
    }
    const crc = require('crc-32') as Crc32Package;
    if (typeof crc.buf !== 'function' || crc.buf(Buffer.from('123456789')) !== nativeCrcBuf(Buffer.from('123456789'))) {
      return false;
    }
    crc.buf = nativeCrcBuf;
    patched = true;
  } catch {
    // Not resolvable from here (a bundle that inlined exceljs): the JavaScript sum stays.
  }
  return patched;
}
