// The tray icons in resources/tray are what scripts/make-icons.ts draws (`npm run icons` was run and its output
// committed), for each bar: the template ones are black and alpha only (macOS colours them by that alpha), and the
// ones for a dark bar are lighter than those for a light bar.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  renderPng,
  TRAY_LABELS,
  TRAY_VARIANTS,
  type TrayVariant,
  trayFileName,
  trayIcon,
} from '../../../scripts/make-icons.ts';

const trayDir = resolve(import.meta.dirname, '../../../resources/tray');
const read = (label: string, variant: TrayVariant, scale = '') =>
  readFileSync(join(trayDir, `${trayFileName(label, variant)}${scale}.png`));

/** The RGBA pixels of a PNG as renderPng writes it (8-bit RGBA, every row unfiltered). */
function pixels(png: Buffer): { size: number; rgba: Buffer } {
  let offset = 8;
  let size = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      size = body.readUInt32BE(0);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, rgba };
}

/** The mean lightness of the icon's opaque pixels, 0–255. */
function meanLightness(png: Buffer): number {
  const { rgba } = pixels(png);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if ((rgba[i + 3] as number) < 200) continue;
    sum += 0.2126 * (rgba[i] as number) + 0.7152 * (rgba[i + 1] as number) + 0.0722 * (rgba[i + 2] as number);
    n += 1;
  }
  return sum / n;
}

describe('tray icons (scripts/make-icons.ts)', () => {
  it('the committed files are what the script draws, for every count and bar, at 16 and 32 pixels', () => {
    const stale: string[] = [];
    for (const label of TRAY_LABELS) {
      for (const variant of TRAY_VARIANTS) {
        if (!read(label, variant).equals(renderPng(16, trayIcon(label, variant)))) stale.push(`${label} ${variant}`);
        if (!read(label, variant, '@2x').equals(renderPng(32, trayIcon(label, variant)))) {
          stale.push(`${label} ${variant} @2x`);
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it('template images are black and alpha only, with the count cut out of the badge', () => {
    for (const label of TRAY_LABELS) {
      for (const scale of ['', '@2x']) {
        const { rgba } = pixels(read(label, 'template', scale));
        let coloured = 0;
        let opaque = 0;
        for (let i = 0; i < rgba.length; i += 4) {
          if (rgba[i] || rgba[i + 1] || rgba[i + 2]) coloured += 1;
          if ((rgba[i + 3] as number) > 0) opaque += 1;
        }
        expect(coloured, `${label}${scale}`).toBe(0);
        expect(opaque, `${label}${scale}`).toBeGreaterThan(0);
      }
    }
    // A count differs from another one by its cut-out digits, not only in colour.
    expect(read('3', 'template').equals(read('8', 'template'))).toBe(false);
  });

  it('the icons for a dark bar are lighter than those for a light bar', () => {
    for (const label of TRAY_LABELS) {
      expect(meanLightness(read(label, 'dark', '@2x')), label).toBeGreaterThan(
        meanLightness(read(label, 'light', '@2x')) + 25,
      );
    }
  });
});
