import { describe, expect, it } from 'vitest';
import { isConnectionError, toObjectError } from '../../../../electron/core/objects/objectErrors';
import { HearthError } from '../../../../electron/shared/errors';

const sys = (code: string, message = code) => Object.assign(new Error(message), { code });
const s3 = (code: string) => Object.assign(new Error(`S3 says ${code}`), { name: 'S3Error', code });

describe('toObjectError', () => {
  it('maps a refused, reset or hung-up connection to SIDECAR_DOWN for the sidecar', () => {
    for (const error of [sys('ECONNREFUSED'), sys('ECONNRESET', 'socket hang up'), sys('EPIPE')]) {
      const mapped = toObjectError(error, 'sidecar', 'upload "a.pdf"');
      expect(mapped.code).toBe('SIDECAR_DOWN');
      expect(mapped.message).toBe(
        'Could not upload "a.pdf": Hearth’s object store stopped responding. Hearth restarts it automatically; try again in a moment.',
      );
      expect(isConnectionError(error)).toBe(true);
    }
  });

  it('maps the same failures to REMOTE_UNAVAILABLE for an external endpoint', () => {
    expect(toObjectError(sys('ECONNREFUSED'), 'external', 'list ""').code).toBe('REMOTE_UNAVAILABLE');
    expect(toObjectError(sys('ENOTFOUND'), 'external', 'list ""').code).toBe('REMOTE_UNAVAILABLE');
    expect(toObjectError(s3('AccessDenied'), 'external', 'list ""').code).toBe('REMOTE_UNAVAILABLE');
  });

  it('finds a socket error in `cause` (fetch/undici style)', () => {
    const error = new TypeError('fetch failed', { cause: sys('ECONNREFUSED') });
    expect(toObjectError(error, 'sidecar', 'x').code).toBe('SIDECAR_DOWN');
  });

  it('maps S3 and file-system codes to what a person can act on', () => {
    expect(toObjectError(s3('NoSuchKey'), 'sidecar', 'x').code).toBe('NOT_FOUND');
    expect(toObjectError(s3('NotFound'), 'sidecar', 'x').code).toBe('NOT_FOUND');
    expect(toObjectError(s3('NoSuchUpload'), 'sidecar', 'x').code).toBe('NOT_FOUND');
    expect(toObjectError(s3('XMinioStorageFull'), 'sidecar', 'x').code).toBe('DISK_FULL');
    expect(toObjectError(sys('ENOSPC'), 'sidecar', 'x').code).toBe('DISK_FULL');
    expect(toObjectError(sys('ENOENT'), 'sidecar', 'x').code).toBe('NOT_FOUND');
    expect(toObjectError(sys('EACCES'), 'sidecar', 'x').code).toBe('PERMISSION_DENIED');
    expect(toObjectError(s3('InvalidRange'), 'sidecar', 'x').code).toBe('INVALID_INPUT');
    expect(toObjectError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'sidecar', 'x').code).toBe(
      'CANCELLED',
    );
    const unknown = toObjectError(s3('SlowDown'), 'sidecar', 'tag "k"');
    expect(unknown.code).toBe('INTERNAL');
    expect(unknown.details).toEqual({ s3: 'SlowDown' });
  });

  it('passes HearthErrors through untouched', () => {
    const original = new HearthError('CONFLICT', 'changed');
    expect(toObjectError(original, 'sidecar', 'x')).toBe(original);
  });
});
