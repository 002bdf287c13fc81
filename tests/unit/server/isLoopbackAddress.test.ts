import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from '../../../electron/server/isLoopbackAddress';

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
});
