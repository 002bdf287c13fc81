/** The quick prompt's shortcut unless the user picks another: ⌥Space. */
export const DEFAULT_QUICK_PROMPT_SHORTCUT = 'Alt+Space';

/** Electron's modifier names (case-insensitive), mapped to the spelling we store. */
const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Named key codes Electron accepts, in their canonical spelling. */
// prettier-ignore
const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'VolumeUp', 'VolumeDown',
  'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const KEYS = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]));

/** Single characters Electron accepts as key codes (`+` itself must be written `Plus`). */
const PUNCTUATION = new Set(')!@#$%^&*(:;<=>,_-.?/~`{}[]|\\\'"');

function keyName(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (PUNCTUATION.has(token)) return token;
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(token)) return token.toUpperCase();
  if (/^num[0-9]$/i.test(token)) return token.toLowerCase();
  return KEYS.get(token.toLowerCase()) ?? null;
}

/** A parsed shortcut, or why it cannot be one. */
export type ParsedAccelerator = { ok: true; accelerator: string } | { ok: false; reason: string };

/**
 * Checks a global shortcut before it reaches `globalShortcut.register` (which throws on bad syntax): modifiers,
 * then exactly one key. A global shortcut needs a modifier unless the key is a function key, or it would steal
 * that key from every app. Returns the accelerator in canonical spelling (`cmd+shift+k` → `Command+Shift+K`).
 */
export function parseAccelerator(text: string): ParsedAccelerator {
  const tokens = text.trim().split('+');
  if (tokens.some((token) => token.trim() === '')) {
    return { ok: false, reason: `"${text}" is not a shortcut: write keys joined by "+", and "+" itself as "Plus".` };
  }
  const modifiers: string[] = [];
  let key: string | null = null;
  for (const raw of tokens) {
    const token = raw.trim();
    const modifier = MODIFIERS[token.toLowerCase()];
    if (modifier && key === null) {
      if (modifiers.includes(modifier)) return { ok: false, reason: `"${text}" names ${modifier} twice.` };
      modifiers.push(modifier);
      continue;
    }
    if (key !== null) return { ok: false, reason: `"${text}" has more than one key; use one key with modifiers.` };
    key = keyName(token);
    if (key === null) return { ok: false, reason: `"${token}" is not a key Electron knows.` };
  }
  if (key === null) return { ok: false, reason: `"${text}" has modifiers but no key.` };
  if (modifiers.length === 0 && !/^F\d+$/.test(key)) {
    return { ok: false, reason: `"${text}" needs a modifier (⌘, ⌃, ⌥ or ⇧), or it would take ${key} from every app.` };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}
