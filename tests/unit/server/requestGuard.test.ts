import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkRequest, provesSameOrigin, servedHosts } from '../../../electron/server/requestGuard';

describe('servedHosts', () => {
  it('a loopback bind answers to the loopback names with its port', () => {
    const hosts = servedHosts({ host: '127.0.0.1', port: 4000, tls: false });
    expect([...hosts].sort()).toEqual(['127.0.0.1:4000', '[::1]:4000', 'localhost:4000']);
  });

  it('a specific address answers to itself and the configured names only', () => {
    const hosts = servedHosts({ host: '192.168.1.5', port: 443, tls: true, names: ['Hearth.Example'] });
    expect([...hosts].sort()).toEqual(['192.168.1.5', '192.168.1.5:443', 'hearth.example', 'hearth.example:443']);
  });

  it('a configured name is served without a port too (an Ingress in front serves it on 443)', () => {
    const hosts = servedHosts({ host: '0.0.0.0', port: 8443, tls: true, names: ['Hearth.Example.com'] });
    expect(hosts.has('hearth.example.com')).toBe(true);
    expect(hosts.has('hearth.example.com:8443')).toBe(true);
    expect(hosts.has('127.0.0.1')).toBe(false);
    expect(hosts.has('evil.example')).toBe(false);
  });

  it('a wildcard bind answers to this computer’s name and addresses', () => {
    const hosts = servedHosts({ host: '0.0.0.0', port: 80, tls: false });
    expect(hosts.has(`${hostname().toLowerCase()}:80`)).toBe(true);
    expect(hosts.has('127.0.0.1')).toBe(true);
    expect(hosts.has('evil.example:80')).toBe(false);
  });
});

describe('checkRequest', () => {
  const hosts = servedHosts({ host: '127.0.0.1', port: 4000, tls: false });
  const check = (url: string, headers: Record<string, string>) =>
    checkRequest({ url, headers: { host: '127.0.0.1:4000', ...headers } }, hosts);

  it('refuses another Host (DNS rebinding) with 421, and a missing one', () => {
    expect(check('/api/ws', { host: 'rebind.example:4000' })).toMatchObject({ status: 421 });
    expect(checkRequest({ url: '/', headers: {} }, hosts)).toMatchObject({ status: 421 });
    expect(check('/api/ws', { host: 'LOCALHOST:4000' })).toBeNull();
  });

  it('admits same-origin and header-less requests to /api/*, refuses every other Sec-Fetch-Site', () => {
    expect(check('/api/uploads?name=x', {})).toBeNull();
    expect(check('/api/uploads?name=x', { 'sec-fetch-site': 'same-origin' })).toBeNull();
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(check('/api/uploads?name=x', { 'sec-fetch-site': site })).toMatchObject({
        status: 403,
        message: expect.stringMatching(/another site/),
      });
    }
  });

  it('lets the sign-in link be typed or pasted (none), not followed from another site', () => {
    expect(check('/?token=abc', { 'sec-fetch-site': 'none' })).toBeNull();
    expect(check('/?token=abc', { 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403 });
  });
});

describe('provesSameOrigin', () => {
  it('needs a same-origin Origin or Sec-Fetch-Site: same-origin', () => {
    const host = '127.0.0.1:4000';
    expect(provesSameOrigin({ host })).toBe(false);
    expect(provesSameOrigin({ host, 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(provesSameOrigin({ host, origin: 'http://127.0.0.1:4000' })).toBe(true);
    expect(provesSameOrigin({ host, origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' })).toBe(false);
  });
});
