import type { CustomScheme } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME } from '../../../../electron/main/protocol/appScheme';
import { registerHearthScheme } from '../../../../electron/main/protocol/registerHearthScheme';

describe('registerHearthScheme', () => {
  it('declares app: (the UI) and hearth: (originals) in the one call Electron allows', () => {
    const calls: CustomScheme[][] = [];
    registerHearthScheme({ registerSchemesAsPrivileged: (schemes) => void calls.push(schemes) });
    expect(calls).toHaveLength(1);
    const app = calls[0]!.find((s) => s.scheme === APP_SCHEME);
    // A standard, secure origin of its own; nothing that would let another origin read it or skip the CSP.
    expect(app?.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(calls[0]!.map((s) => s.scheme)).toEqual([APP_SCHEME, 'hearth']);
  });
});
