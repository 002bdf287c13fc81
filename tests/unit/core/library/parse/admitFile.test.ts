import { describe, expect, it } from 'vitest';
import { admitFile } from '../../../../../electron/core/library/parse/admitFile';
import { fileReadError } from '../../../../../electron/core/library/parse/fileReadError';

const file = (size: number, isFile = true) => ({ isFile: () => isFile, size });

describe('admitFile', () => {
  it('admits a regular, non-empty file within the limit and returns its size', () => {
    expect(admitFile(file(1024), 1024)).toBe(1024);
  });

  it.each([
    ['a device, pipe or socket', file(10, false), 'UNSUPPORTED_FILE', /not a regular file/],
    ['an empty file', file(0), 'UNSUPPORTED_FILE', /^The file is empty\.$/],
    ['a file over the limit', file(2 * 1024 * 1024), 'FILE_TOO_LARGE', /^This file is 2\.1 MB, over the 1 MB limit\.$/],
  ])('refuses %s', (_what, stats, code, message) => {
    expect(() => admitFile(stats, 1024 * 1024)).toThrowError(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });
});

describe('fileReadError', () => {
  it.each([
    ['ENOENT', 'NOT_FOUND'],
    ['EACCES', 'PERMISSION_DENIED'],
    ['ELOOP', 'UNSUPPORTED_FILE'],
    ['EIO', 'INTERNAL'],
  ])('turns %s into %s, keeping the cause', (nodeCode, code) => {
    const cause = Object.assign(new Error(nodeCode), { code: nodeCode });
    expect(fileReadError(cause)).toMatchObject({ code, cause });
  });
});
