import { describe, expect, it } from 'vitest';
import { checkKey, checkRange, checkTags, metadataHeaders } from '../../../../electron/core/objects/objectInput';

describe('object input checks', () => {
  it('accepts ordinary keys and refuses empty, absolute, overlong or control-character keys', () => {
    expect(() => checkKey('originals/ab/cd e+f.pdf')).not.toThrow();
    for (const key of ['', '/abs', 'a\nb', 'x'.repeat(1025)]) {
      expect(() => checkKey(key)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('holds tags to S3’s limits', () => {
    expect(() => checkTags({ embedding_version: '3', sha256: 'ab'.repeat(32) })).not.toThrow();
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}`, 'v']));
    expect(() => checkTags(eleven)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => checkTags({ 'new\nline': 'v' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => checkTags({ k: 'v'.repeat(257) })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('turns metadata into x-amz-meta headers and refuses what would not survive HTTP', () => {
    expect(metadataHeaders({ 'Original-Name': 'report.pdf' }, 'application/pdf')).toEqual({
      'Content-Type': 'application/pdf',
      'x-amz-meta-original-name': 'report.pdf',
    });
    expect(() => metadataHeaders({ name: 'r\u00e9sum\u00e9.pdf' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => metadataHeaders({ 'bad name': 'x' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('wants inclusive ranges with 0 ≤ start ≤ end', () => {
    expect(() => checkRange({ start: 0, end: 0 })).not.toThrow();
    for (const range of [
      { start: -1, end: 3 },
      { start: 5, end: 4 },
      { start: 0.5, end: 3 },
    ]) {
      expect(() => checkRange(range)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});
