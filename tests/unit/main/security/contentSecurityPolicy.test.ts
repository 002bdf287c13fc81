import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  withContentSecurityPolicy,
} from '../../../../electron/main/security/contentSecurityPolicy';
import { CONTENT_SECURITY_POLICY as SERVER_POLICY } from '../../../../electron/server/securityHeaders';

const directives = (policy: string) =>
  new Set(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean),
  );

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the headless shell’s policy, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(SERVER_POLICY);
  });
  it('forbids inline and eval’d script, plugins, base and form tricks and framing', () => {
    const set = directives(CONTENT_SECURITY_POLICY);
    expect(set).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(set).toContain("object-src 'none'");
    expect(set).toContain("base-uri 'none'");
    expect(set).toContain("frame-ancestors 'none'");
  });
  it('agrees with renderer/index.html’s <meta> policy (which cannot carry frame-ancestors)', () => {
    const html = readFileSync(join(__dirname, '../../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = directives(CONTENT_SECURITY_POLICY);
    expected.delete("frame-ancestors 'none'");
    expect(directives(meta ?? '')).toEqual(expected);
  });
});

describe('withContentSecurityPolicy', () => {
  it('puts the policy on documents, replacing any the response brought', () => {
    const headers = withContentSecurityPolicy({
      resourceType: 'mainFrame',
      responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(withContentSecurityPolicy({ resourceType: 'subFrame' })['Content-Security-Policy']).toEqual([
      CONTENT_SECURITY_POLICY,
    ]);
  });
  it('leaves other responses alone', () => {
    const responseHeaders = { 'Content-Type': ['image/png'] };
    expect(withContentSecurityPolicy({ resourceType: 'image', responseHeaders })).toEqual(responseHeaders);
  });
});
