import chardet from 'chardet';
import iconv from 'iconv-lite';

/** How many bytes chardet looks at; enough to decide, bounded so huge files stay quick. */
const DETECT_BYTES = 64 * 1024;

export interface DecodedText {
  text: string;
  /** The encoding used, as iconv-lite names it. */
  encoding: string;
  /** True when undecodable bytes were replaced by U+FFFD. */
  lossy: boolean;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes text of unknown encoding: a BOM wins, then strict UTF-8, then chardet's guess, and as a last resort UTF-8
 * with replacement characters. Never throws: an odd byte must not cost the user the whole file.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return lenientUtf8(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', lossy: false };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', lossy: false };
  try {
    return { text: utf8Strict.decode(buf), encoding: 'utf-8', lossy: false };
  } catch {
    // Not valid UTF-8: fall through to detection.
  }
  let guess: string | null;
  try {
    guess = chardet.detect(buf.subarray(0, DETECT_BYTES));
  } catch {
    guess = null;
  }
  if (guess !== null && !/^utf-?8$/i.test(guess) && !/^utf-?(16|32)/i.test(guess) && iconv.encodingExists(guess)) {
    return { text: iconv.decode(buf, guess), encoding: guess.toLowerCase(), lossy: false };
  }
  return lenientUtf8(buf);
}

function lenientUtf8(buf: Buffer): DecodedText {
  const text = new TextDecoder('utf-8').decode(buf);
  return { text, encoding: 'utf-8', lossy: text.includes('\uFFFD') };
}
