import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../../electron/main/security/isSafeExternalUrl';

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'http://example.com/docs?q=1#x', 'https://localhost:8080/'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });
  it.each([
    'file:///Applications/Calculator.app',
    'smb://server/share',
    'javascript:alert(1)',
    'data:text/html,hi',
    'hearth://original/abc',
    'vscode://file/etc/passwd',
    'mailto:someone@example.com',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
