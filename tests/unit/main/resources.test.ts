import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const resources = join(root, 'resources');

/** Width, height, colour type and pixels of an 8-bit, unfiltered RGBA PNG as scripts/generate-icons.mjs writes. */
function readPng(file: string) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25];
  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT')
      idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, colourType, pixels };
}

describe('icons', () => {
  it.each([
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
  ])('%s is a %ipx black glyph with alpha (a macOS template image)', (name, size) => {
    const png = readPng(join(resources, name));
    expect([png.width, png.height, png.colourType]).toEqual([size, size, 6]);
    let opaque = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      expect(png.pixels.readUInt8(i) + png.pixels.readUInt8(i + 1) + png.pixels.readUInt8(i + 2)).toBe(0);
      if (png.pixels[i + 3] === 255) opaque++;
    }
    // A readable glyph, not an empty or a filled square.
    expect(opaque / (size * size)).toBeGreaterThan(0.2);
    expect(opaque / (size * size)).toBeLessThan(0.7);
  });
  it('has a 1024px app icon with transparent corners (electron-builder makes the .icns from it)', () => {
    const png = readPng(join(resources, 'icon.png'));
    expect([png.width, png.height, png.colourType]).toEqual([1024, 1024, 6]);
    expect(png.pixels[3]).toBe(0);
    expect(png.pixels[(512 * 1024 + 512) * 4 + 3]).toBe(255);
  });

  const outDir = mkdtempSync(join(tmpdir(), 'hearth-icons-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  it('are exactly what scripts/generate-icons.mjs draws', () => {
    execFileSync(process.execPath, [join(root, 'scripts/generate-icons.mjs'), outDir]);
    for (const name of ['trayTemplate.png', 'trayTemplate@2x.png', 'icon.png']) {
      expect(readFileSync(join(outDir, name)).equals(readFileSync(join(resources, name))), name).toBe(true);
    }
  });
});

describe('entitlements.mac.plist', () => {
  const plist = readFileSync(join(resources, 'entitlements.mac.plist'), 'utf8');
  const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
  it('grants exactly what the hardened runtime needs for V8 and nothing broader', () => {
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
