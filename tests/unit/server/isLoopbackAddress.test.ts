import { describe, expect, it } from 'vitest';
import { isLocalRequest, isLoopbackAddress, isLoopbackHost } from '../../../electron/server/isLoopbackAddress';

describe('isLoopbackAddress', () => {
  it('knows loopback peers in every spelling Node reports', () => {
    for (const address of ['127.0.0.1', '127.12.0.3', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
  });

  it('treats everything else, and an unknown peer, as another computer', () => {
    for (const address of [undefined, '', '192.168.1.4', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', '::', '1::1']) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('calls a bind address local only when nothing else can connect', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('::')).toBe(false);
    expect(isLoopbackHost('192.0.2.2')).toBe(false);
  });

  it('calls a request local only from a loopback peer, for a loopback host name, through no proxy', () => {
    const local = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
      isLocalRequest({ remoteAddress, headers });
    expect(local({ host: '127.0.0.1:43117' })).toBe(true);
    expect(local({ host: 'localhost:43117' })).toBe(true);
    expect(local({ host: '[::1]:43117' }, '::1')).toBe(true);
    expect(local({ host: '127.0.0.1:43117' }, '192.0.2.7')).toBe(false);
    expect(local({ host: 'hearth.example.com' })).toBe(false);
    expect(local({})).toBe(false);
    for (const header of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip']) {
      expect(local({ host: '127.0.0.1:43117', [header]: '203.0.113.9' }), header).toBe(false);
    }
  });
});
