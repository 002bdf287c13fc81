import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponse } from '../../../../electron/main/protocol/appResponse';
import { APP_URL, appContentType, resolveAppAsset } from '../../../../electron/main/protocol/appScheme';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/security/contentSecurityPolicy';

const dir = '/Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer';

describe('resolveAppAsset', () => {
  it('maps app://hearth/ paths to files of the renderer build, / to the UI document', () => {
    expect(resolveAppAsset(dir, APP_URL)).toBe(join(dir, 'index.html'));
    expect(resolveAppAsset(dir, 'app://hearth/')).toBe(join(dir, 'index.html'));
    expect(resolveAppAsset(dir, 'app://hearth/assets/index-B6GIO-sF.js')).toBe(join(dir, 'assets/index-B6GIO-sF.js'));
    expect(resolveAppAsset(dir, `${APP_URL}#/settings`)).toBe(join(dir, 'index.html'));
    expect(resolveAppAsset(dir, 'app://hearth/assets/a%20b.css?v=1')).toBe(join(dir, 'assets/a b.css'));
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://hearth/../../../../etc/passwd',
      'app://hearth/%2e%2e/%2e%2e/etc/passwd',
      'app://hearth/assets/..%2f..%2f..%2fetc/passwd',
      'app://hearth/assets%2f..%2f..%2fmain.cjs',
      'app://hearth/..%5c..%5csecrets.insecure.json',
      'app://hearth/%2fetc/passwd',
      'app://hearth//etc/passwd',
      'app://hearth/index.html%00.png',
      'app://hearth/%E0%A4%A',
      'app://hearth/..',
    ]) {
      const file = resolveAppAsset(dir, url);
      if (file !== null) expect(file.startsWith(`${dir}/`), url).toBe(true);
    }
    // URL parsing clamps dot segments (encoded too) at the root: still a file of the build, never /etc/passwd.
    expect(resolveAppAsset(dir, 'app://hearth/%2e%2e/%2e%2e/etc/passwd')).toBe(join(dir, 'etc/passwd'));
    expect(resolveAppAsset(dir, 'app://hearth/..%2f..%2fmain.cjs')).toBeNull();
    expect(resolveAppAsset(dir, 'app://hearth/index.html%00.png')).toBeNull();
  });

  it('answers only its own scheme and host', () => {
    expect(resolveAppAsset(dir, 'app://evil/index.html')).toBeNull();
    expect(resolveAppAsset(dir, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAsset(dir, 'hearth://original/abc')).toBeNull();
    expect(resolveAppAsset(dir, 'not a url')).toBeNull();
  });
});

describe('appContentType', () => {
  it('gives each kind of file the build writes its type, and unknown files plain bytes', () => {
    expect(appContentType('index.html')).toBe('text/html; charset=utf-8');
    expect(appContentType('assets/index.js')).toBe('text/javascript; charset=utf-8');
    expect(appContentType('assets/pdf.worker.min-CIqJB0yW.mjs')).toBe('text/javascript; charset=utf-8');
    expect(appContentType('assets/index.CSS')).toBe('text/css; charset=utf-8');
    expect(appContentType('favicon.svg')).toBe('image/svg+xml');
    expect(appContentType('assets/font.woff2')).toBe('font/woff2');
    expect(appContentType('assets/qcms.wasm')).toBe('application/wasm');
    expect(appContentType('secrets')).toBe('application/octet-stream');
  });
});

describe('appResponse', () => {
  const files = new Map([
    [join(dir, 'index.html'), '<!doctype html><title>Hearth</title>'],
    [join(dir, 'assets/index.js'), 'console.log(1)'],
  ]);
  const options = {
    rendererDir: dir,
    readFile: async (path: string) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
  };

  it('serves the UI with its type, the CSP and nosniff', async () => {
    const response = await appResponse({ url: `${APP_URL}#/chat`, method: 'GET' }, options);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Hearth</title>');
    const script = await appResponse({ url: 'app://hearth/assets/index.js', method: 'GET' }, options);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file or a path out of the folder, without reading it', async () => {
    const read: string[] = [];
    const spy = { ...options, readFile: (path: string) => (read.push(path), options.readFile(path)) };
    expect((await appResponse({ url: 'app://hearth/nope.js', method: 'GET' }, spy)).status).toBe(404);
    expect((await appResponse({ url: 'app://hearth/..%2f..%2fmain.cjs', method: 'GET' }, spy)).status).toBe(404);
    expect(read).toEqual([join(dir, 'nope.js')]);
  });

  it('refuses anything but GET and HEAD', async () => {
    const response = await appResponse({ url: APP_URL, method: 'POST' }, options);
    expect(response.status).toBe(405);
    const head = await appResponse({ url: APP_URL, method: 'HEAD' }, options);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('originals and the app origin', () => {
  it('lets only app://hearth read originals across origins', async () => {
    const { originalResponse } = await import('../../../../electron/main/protocol/originalResponse');
    const response = await originalResponse(new Request('hearth://original/not-a-document-id'), {
      openOriginal: async () => null,
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('app://hearth');
  });
});
