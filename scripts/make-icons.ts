// Draws the app's icons with nothing but node:zlib: the app icon (PNG, ICO, ICNS), the tray icons for 0–9 and 9+
// unread (for a light taskbar, a dark one, and macOS's template images), and the Windows taskbar overlay badges.
// Run `npm run icons`; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
type Painter = (x: number, y: number) => RGBA | null;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Renders `paint` (in unit coordinates 0..1) at size×size with 4×4 supersampling into a PNG. */
export function renderPng(size: number, paint: Painter): Buffer {
  const ss = 4;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE: RGBA = [34, 99, 214, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const RED: RGBA = [224, 49, 49, 255];
const GREY: RGBA = [120, 128, 140, 255];
// For a dark taskbar or panel: the same bubble, lighter, so it stands out as the light one does on a light bar.
const LIGHT_BLUE: RGBA = [122, 170, 255, 255];
const LIGHT_GREY: RGBA = [200, 206, 214, 255];
// macOS template images are black and alpha only: the menu bar draws them in its own colour, light or dark.
const BLACK: RGBA = [0, 0, 0, 255];
const BLACK_DIM: RGBA = [0, 0, 0, 128];

function roundRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** A speech bubble with a tail at the lower left, in the box (x0,y0)-(x1,y1). */
function bubble(x: number, y: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const h = y1 - y0;
  const bodyBottom = y0 + h * 0.78;
  if (roundRect(x, y, x0, y0, x1, bodyBottom, h * 0.2)) return true;
  // Tail: a triangle under the body.
  const tx = x0 + (x1 - x0) * 0.22;
  const ty = y1;
  if (y < bodyBottom - 0.001 || y > ty) return false;
  const t = (y - bodyBottom) / (ty - bodyBottom);
  return x >= tx - (x1 - x0) * 0.02 && x <= tx + (x1 - x0) * 0.16 * (1 - t);
}

// 3×5 bitmap digits and '+'.
const GLYPHS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** Whether (x,y) falls on `text` drawn centred in the box, glyph cells 3×5 with one column of spacing. */
function text(x: number, y: number, value: string, cx: number, cy: number, height: number): boolean {
  const cell = height / 5;
  const width = value.length * 4 * cell - cell;
  const left = cx - width / 2;
  const top = cy - height / 2;
  const col = Math.floor((x - left) / cell);
  const row = Math.floor((y - top) / cell);
  if (row < 0 || row > 4 || col < 0) return false;
  const glyph = GLYPHS[value[Math.floor(col / 4)] ?? ''];
  const gc = col % 4;
  return gc < 3 && glyph?.[row]?.[gc] === '1';
}

const appIcon: Painter = (x, y) => {
  if (!roundRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  if (bubble(x, y, 0.24, 0.26, 0.76, 0.76)) {
    // Three dots of a message being typed.
    for (const dx of [0.37, 0.5, 0.63]) if ((x - dx) ** 2 + (y - 0.46) ** 2 < 0.045 ** 2) return BLUE;
    return WHITE;
  }
  return BLUE;
};

/** Which taskbar or menu bar a tray icon is drawn for: light, dark, or macOS's template (black and alpha). */
export type TrayVariant = 'light' | 'dark' | 'template';
export const TRAY_VARIANTS: readonly TrayVariant[] = ['light', 'dark', 'template'];

/** The file name (without .png) of a tray icon: tray-3, tray-3-dark, tray-3Template (the suffix macOS knows). */
export function trayFileName(label: string, variant: TrayVariant): string {
  const base = label === '9+' ? 'tray-9plus' : `tray-${label}`;
  return variant === 'light' ? base : variant === 'dark' ? `${base}-dark` : `${base}Template`;
}

export function trayIcon(label: string, variant: TrayVariant = 'light'): Painter {
  const template = variant === 'template';
  const bubbleColour =
    label === '0'
      ? { light: GREY, dark: LIGHT_GREY, template: BLACK_DIM }[variant]
      : { light: BLUE, dark: LIGHT_BLUE, template: BLACK }[variant];
  return (x, y) => {
    if (label !== '0') {
      const r = label.length > 1 ? 0.3 : 0.26;
      const cx = 1 - r;
      const cy = r;
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) {
        // A template has one colour: the digits are cut out of the badge.
        const digit = text(x, y, label, cx, cy, r * 1.15);
        if (template) return digit ? null : BLACK;
        return digit ? WHITE : RED;
      }
      // A thin transparent ring around the badge keeps it readable on the bubble.
      if ((x - cx) ** 2 + (y - cy) ** 2 <= (r + 0.06) ** 2) return null;
    }
    if (bubble(x, y, 0.04, 0.18, 0.86, 0.96)) return bubbleColour;
    return null;
  };
}

function overlayBadge(label: string): Painter {
  return (x, y) => {
    if ((x - 0.5) ** 2 + (y - 0.5) ** 2 > 0.5 ** 2) return null;
    return text(x, y, label, 0.5, 0.5, label.length > 1 ? 0.42 : 0.56) ? WHITE : RED;
  };
}

function ico(pngs: Array<{ size: number; data: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, data } of pngs) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

function icns(pngs: Array<{ type: string; data: Buffer }>): Buffer {
  const parts = pngs.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

export const TRAY_LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '9+'] as const;

function main(): void {
  const root = join(import.meta.dirname, '..', 'resources');
  const trayDir = join(root, 'tray');
  const overlayDir = join(root, 'overlay');
  for (const dir of [root, trayDir, overlayDir]) mkdirSync(dir, { recursive: true });

  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
  const app = new Map(sizes.map((s) => [s, renderPng(s, appIcon)]));
  writeFileSync(join(root, 'icon.png'), app.get(1024) as Buffer);
  mkdirSync(join(root, 'icons'), { recursive: true });
  for (const s of [16, 32, 48, 64, 128, 256, 512])
    writeFileSync(join(root, 'icons', `${s}x${s}.png`), app.get(s) as Buffer);
  writeFileSync(
    join(root, 'icon.ico'),
    ico([16, 32, 48, 64, 256].map((size) => ({ size, data: app.get(size) as Buffer }))),
  );
  writeFileSync(
    join(root, 'icon.icns'),
    icns([
      { type: 'ic07', data: app.get(128) as Buffer },
      { type: 'ic08', data: app.get(256) as Buffer },
      { type: 'ic09', data: app.get(512) as Buffer },
      { type: 'ic10', data: app.get(1024) as Buffer },
    ]),
  );

  for (const label of TRAY_LABELS) {
    for (const variant of TRAY_VARIANTS) {
      const name = trayFileName(label, variant);
      writeFileSync(join(trayDir, `${name}.png`), renderPng(16, trayIcon(label, variant)));
      writeFileSync(join(trayDir, `${name}@2x.png`), renderPng(32, trayIcon(label, variant)));
    }
    if (label !== '0') {
      const badge = label === '9+' ? 'overlay-9plus' : `overlay-${label}`;
      writeFileSync(join(overlayDir, `${badge}.png`), renderPng(16, overlayBadge(label)));
      writeFileSync(join(overlayDir, `${badge}@2x.png`), renderPng(32, overlayBadge(label)));
    }
  }
  console.log(`icons written to ${root}`);
}

if (import.meta.main) main();
