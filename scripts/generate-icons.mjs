// Draws Hearth's icons with nothing but Node built-ins, so they are reproducible from the repository:
//   resources/trayTemplate.png     16×16  menu-bar glyph (black + alpha; the "Template" suffix makes macOS tint
//   resources/trayTemplate@2x.png  32×32  it for light and dark menu bars and pick the @2x file on Retina)
//   resources/icon.png           1024×1024 app icon (electron-builder turns it into icon.icns)
// Usage: node scripts/generate-icons.mjs [outDir]   (outDir defaults to resources/)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

// ---- PNG ---------------------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGBA PNG from straight-alpha pixels (Uint8Array of width × height × 4). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes (unit square, y down) ------------------------------------------------------------------------------

/**
 * A flame: the teardrop x = sin t · sin^m(t/2), y = cos t, pointed end up, fitted to [top, bottom] × half-width,
 * its tip leaning right the higher it gets.
 */
function flame({ cx, top, bottom, halfWidth, lean = 0, m = 1.25, steps = 240 }) {
  const widest = Math.max(
    ...Array.from({ length: 400 }, (_, i) => Math.sin((i / 400) * Math.PI * 2) * Math.sin((i / 400) * Math.PI) ** m),
  );
  const points = [];
  for (let i = 0; i < steps; i++) {
    const t = (i / steps) * Math.PI * 2;
    const x = (Math.sin(t) * Math.abs(Math.sin(t / 2)) ** m) / widest;
    const up = (1 + Math.cos(t)) / 2; // 0 at the round bottom, 1 at the tip
    points.push([cx + x * halfWidth + lean * up * up, bottom - up * (bottom - top)]);
  }
  return points;
}

/** A rectangle with fully rounded ends (a log or a grate bar). */
function capsule({ x0, x1, y0, y1, steps = 48 }) {
  const r = (y1 - y0) / 2;
  const cy = y0 + r;
  const points = [];
  for (let i = 0; i <= steps; i++) {
    const a = -Math.PI / 2 + (i / steps) * Math.PI;
    points.push([x1 - r + Math.cos(a) * r, cy + Math.sin(a) * r]);
  }
  for (let i = 0; i <= steps; i++) {
    const a = Math.PI / 2 + (i / steps) * Math.PI;
    points.push([x0 + r + Math.cos(a) * r, cy + Math.sin(a) * r]);
  }
  return points;
}

/** The macOS icon outline: a superellipse ("squircle") inset like Apple's icon grid. */
function squircle({ inset, n = 5, steps = 720 }) {
  const half = 0.5 - inset;
  const points = [];
  for (let i = 0; i < steps; i++) {
    const a = (i / steps) * Math.PI * 2;
    const c = Math.cos(a);
    const s = Math.sin(a);
    points.push([
      0.5 + half * Math.sign(c) * Math.abs(c) ** (2 / n),
      0.5 + half * Math.sign(s) * Math.abs(s) ** (2 / n),
    ]);
  }
  return points;
}

// ---- rasterising -----------------------------------------------------------------------------------------------

/**
 * Coverage (0…1 per pixel) of rings filled with the even-odd rule (a ring inside another is a hole), computed on
 * `sub` scanlines per pixel with exact horizontal coverage: smooth edges without a supersampled canvas.
 */
function coverage(rings, size, sub) {
  const out = new Float32Array(size * size);
  const edges = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i];
      const [bx, by] = ring[(i + 1) % ring.length];
      if (ay !== by) edges.push([ax * size, ay * size, bx * size, by * size]);
    }
  }
  for (let py = 0; py < size; py++) {
    for (let s = 0; s < sub; s++) {
      const y = py + (s + 0.5) / sub;
      const xs = [];
      for (const [ax, ay, bx, by] of edges) {
        if ((ay <= y && by > y) || (by <= y && ay > y)) xs.push(ax + ((y - ay) / (by - ay)) * (bx - ax));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const a = Math.max(0, xs[k]);
        const b = Math.min(size, xs[k + 1]);
        for (let px = Math.floor(a); px < Math.ceil(b); px++) {
          out[py * size + px] += (Math.min(b, px + 1) - Math.max(a, px)) / sub;
        }
      }
    }
  }
  return out;
}

/** Paints layers back to front with "over" compositing into straight-alpha RGBA. */
function paint(size, layers, sub) {
  const rgba = new Uint8Array(size * size * 4);
  const acc = new Float64Array(size * size * 4); // premultiplied r, g, b, a in 0…1
  for (const { rings, color } of layers) {
    const cov = coverage(rings, size, sub);
    for (let i = 0; i < size * size; i++) {
      const a = Math.min(1, cov[i]);
      if (a <= 0) continue;
      const [r, g, b] = color(((i % size) + 0.5) / size, (Math.floor(i / size) + 0.5) / size);
      const keep = 1 - a;
      acc[i * 4] = r * a + acc[i * 4] * keep;
      acc[i * 4 + 1] = g * a + acc[i * 4 + 1] * keep;
      acc[i * 4 + 2] = b * a + acc[i * 4 + 2] * keep;
      acc[i * 4 + 3] = a + acc[i * 4 + 3] * keep;
    }
  }
  for (let i = 0; i < size * size; i++) {
    const a = acc[i * 4 + 3];
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = a > 0 ? Math.round((acc[i * 4 + c] / a) * 255) : 0;
    rgba[i * 4 + 3] = Math.round(a * 255);
  }
  return rgba;
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * Math.min(1, Math.max(0, t)));

// ---- the icons ---------------------------------------------------------------------------------------------------

/** The menu-bar glyph: a flame with an inner flame cut out, over a hearth log. Black; only alpha matters. */
function trayGlyph(size) {
  const black = () => [0, 0, 0];
  const outer = flame({ cx: 0.5, top: 0.03, bottom: 0.75, halfWidth: 0.3, lean: 0.06 });
  const inner = flame({ cx: 0.5, top: 0.36, bottom: 0.67, halfWidth: 0.12, lean: 0.02 });
  // On whole pixels at 16 and 32 px (rows 13–14 and 26–29), so the log stays crisp instead of a grey smear.
  const log = capsule({ x0: 0.125, x1: 0.875, y0: 0.8125, y1: 0.9375 });
  return paint(
    size,
    [
      { rings: [outer, inner], color: black },
      { rings: [log], color: black },
    ],
    16,
  );
}

/** The app icon: a glowing flame on an ember-dark squircle. */
function appIcon(size) {
  const top = hex('#5a2412');
  const bottom = hex('#1c0a05');
  const tip = hex('#ff4d1a');
  const base = hex('#ffb02e');
  const core = hex('#fff3c4');
  const background = { rings: [squircle({ inset: 0.098 })], color: (_x, y) => mix(top, bottom, (y - 0.1) / 0.8) };
  const outer = {
    rings: [flame({ cx: 0.5, top: 0.2, bottom: 0.7, halfWidth: 0.2, lean: 0.04 })],
    color: (_x, y) => mix(tip, base, (y - 0.2) / 0.5),
  };
  const inner = {
    rings: [flame({ cx: 0.5, top: 0.42, bottom: 0.66, halfWidth: 0.09, lean: 0.015 })],
    color: () => core,
  };
  const wood = hex('#8a4b2a');
  const logs = {
    rings: [capsule({ x0: 0.27, x1: 0.73, y0: 0.72, y1: 0.78 })],
    color: (_x, y) => mix(wood, hex('#5c2f19'), (y - 0.72) / 0.06),
  };
  return paint(size, [background, outer, inner, logs], 4);
}

export function generateIcons(outDir) {
  mkdirSync(outDir, { recursive: true });
  const files = [
    ['trayTemplate.png', 16, trayGlyph],
    ['trayTemplate@2x.png', 32, trayGlyph],
    ['icon.png', 1024, appIcon],
  ];
  for (const [name, size, draw] of files) writeFileSync(join(outDir, name), encodePng(size, size, draw(size)));
  return files.map(([name]) => join(outDir, name));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'resources'));
  for (const file of generateIcons(outDir)) console.log(`wrote ${file}`);
}
