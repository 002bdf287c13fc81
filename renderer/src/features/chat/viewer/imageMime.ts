/**
 * The MIME type of an image the viewer can draw, from its first bytes (the original is served as a plain download,
 * whatever it is): PNG, JPEG, WebP. Undefined for anything else, TIFF included, which browsers do not draw.
 */
export function imageMime(bytes: Uint8Array): string | undefined {
  const at = (offset: number, ...values: number[]): boolean => values.every((v, i) => bytes[offset + i] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  // "RIFF" size "WEBP"
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}
