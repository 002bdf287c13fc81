import { describe, expect, it } from 'vitest';
import { findElements, parseXml, textContent } from '../../../../../electron/core/library/parse/xmlTree';

describe('parseXml', () => {
  it('keeps document order, drops prefixes from element names only, and decodes entities', () => {
    const root = parseXml(
      '<?xml version="1.0"?><a:p r:id="x" id="1">Tom &amp; Jerry <a:b>&#x263A;</a:b> &lt;3<br/></a:p>',
      'test',
    );
    const p = findElements(root, 'p')[0]!;
    expect(p.attrs).toEqual({ 'r:id': 'x', id: '1' });
    expect(p.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['Tom & Jerry ', 'b', ' <3', 'br']);
    expect(textContent(p)).toBe('Tom & Jerry ☺ <3');
  });

  it('never expands a DTD entity (no billion laughs) and refuses a pathological nest', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      `<r>${'&b;'.repeat(1000)}</r>`;
    expect(textContent(parseXml(laughs, 'test')).length).toBeLessThan(5000);
    expect(() => parseXml('<a>'.repeat(10_000), 'spreadsheet')).toThrow(
      /^This spreadsheet is damaged \(its XML nests more than 256 deep\)\.$/,
    );
  });
});
