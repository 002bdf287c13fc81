/**
 * The lines of a text, as Hearth numbers them: split on CRLF, CR or LF, and a final line ending does not make an extra
 * empty line. The core numbers cited line ranges this way and the viewer shows the original's lines the same way, so
 * "lines 4–9" are the same lines on both sides.
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
