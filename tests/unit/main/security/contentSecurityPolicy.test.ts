import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  withContentSecurityPolicy,
} from '../../../../electron/main/security/contentSecurityPolicy';
import { CONTENT_SECURITY_POLICY as SERVER_POLICY } from '../../../../electron/server/securityHeaders';
import { contentSecurityPolicy } from '../../../../electron/shared/contentSecurityPolicy';
import viteConfig, { contentSecurityPolicyMeta } from '../../../../vite.config';

const directives = (policy: string) =>
  new Set(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean),
  );

/** The tags the renderer build's CSP plugin adds to index.html. */
function injectedTags(): HtmlTagDescriptor[] {
  const hook = contentSecurityPolicyMeta().transformIndexHtml;
  if (typeof hook !== 'function') throw new Error('the CSP plugin has no plain transformIndexHtml hook');
  const html = readFileSync(join(__dirname, '../../../../renderer/index.html'), 'utf8');
  return hook.call({} as never, html, { path: '/index.html', filename: 'index.html' }) as HtmlTagDescriptor[];
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the shared policy in both shells, the desktop’s also allowing its hearth: originals', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(contentSecurityPolicy({ hearthScheme: true }));
    expect(SERVER_POLICY).toBe(contentSecurityPolicy({ hearthScheme: false }));
    const desktop = directives(CONTENT_SECURITY_POLICY);
    const headless = directives(SERVER_POLICY);
    expect(desktop).toContain("connect-src 'self' hearth:");
    expect(headless).toContain("connect-src 'self'");
    desktop.delete("connect-src 'self' hearth:");
    headless.delete("connect-src 'self'");
    expect(headless).toEqual(desktop);
  });
  it('forbids inline and eval’d script, plugins, base and form tricks and framing', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, SERVER_POLICY]) {
      const set = directives(policy);
      expect(set).toContain("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-(inline|eval)/);
      expect(set).toContain("object-src 'none'");
      expect(set).toContain("base-uri 'none'");
      expect(set).toContain("frame-ancestors 'none'");
    }
  });
  it('reaches renderer/index.html only through the build, as the shared policy (a <meta> cannot carry frame-ancestors)', () => {
    const html = readFileSync(join(__dirname, '../../../../renderer/index.html'), 'utf8');
    expect(html).not.toMatch(/Content-Security-Policy/i);
    const plugins = (viteConfig as { plugins?: unknown[] }).plugins?.flat() as Plugin[];
    expect(plugins.map((p) => p.name)).toContain(contentSecurityPolicyMeta().name);
    const [meta, ...rest] = injectedTags();
    expect(rest).toEqual([]);
    expect(meta).toMatchObject({ tag: 'meta', injectTo: 'head-prepend' });
    expect(meta?.attrs?.['http-equiv']).toBe('Content-Security-Policy');
    const expected = directives(CONTENT_SECURITY_POLICY);
    expected.delete("frame-ancestors 'none'");
    expect(directives(String(meta?.attrs?.['content']))).toEqual(expected);
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
