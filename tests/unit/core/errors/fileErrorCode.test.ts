import { describe, expect, it } from 'vitest';
import { fileErrorCode } from '../../../../electron/core/errors/fileErrorCode';

function nodeError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed`), { code });
}

describe('fileErrorCode', () => {
  it.each([
    ['ENOENT', 'NOT_FOUND'],
    ['ENOTDIR', 'NOT_FOUND'],
    ['EACCES', 'PERMISSION_DENIED'],
    ['EPERM', 'PERMISSION_DENIED'],
    ['ENOSPC', 'DISK_FULL'],
    ['EDQUOT', 'DISK_FULL'],
    ['ELOOP', 'UNSUPPORTED_FILE'],
  ])('maps %s to %s', (code, expected) => {
    expect(fileErrorCode(nodeError(code))).toBe(expected);
  });

  it('reads the code of an error a wrapper keeps as its cause', () => {
    expect(fileErrorCode(new Error('upload failed', { cause: nodeError('ENOSPC') }))).toBe('DISK_FULL');
  });

  it.each([
    ['another Node code', nodeError('ECONNRESET')],
    ['an inherited name', nodeError('toString')],
    ['a numeric code', { code: 28 }],
    ['an error without a code', new Error('boom')],
    ['a string', 'ENOENT'],
    ['null', null],
  ])('is null for %s', (_what, error) => {
    expect(fileErrorCode(error)).toBeNull();
  });
});
