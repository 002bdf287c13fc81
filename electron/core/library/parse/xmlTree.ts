import { XMLParser } from 'fast-xml-parser';
import { HearthError } from '../../../shared/errors';

/**
 * An XML element named without its namespace prefix (`a:t` is `t`); attributes keep theirs (`r:id`, since `id` may
 * sit beside it). Text runs are strings among the children.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/**
 * fast-xml-parser keeps document order (so paragraphs and cells come out as written), leaves values as strings,
 * and bounds entity expansion and nesting with its defaults (at most 100 entities and 100,000 expanded characters,
 * 100 nested tags: a "billion laughs" file or a pathological nest fails instead of filling the heap).
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  removeNSPrefix: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  maxNestedTags: 256,
});

type Ordered = Record<string, unknown>;

function convert(items: Ordered[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (key === ':@') continue;
      const value = item[key];
      if (key === '#text') out.push(String(value));
      else if (!key.startsWith('?') && !key.startsWith('!')) {
        const attrs = (item[':@'] as Record<string, unknown> | undefined) ?? {};
        out.push({
          name: key.slice(key.indexOf(':') + 1),
          attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, String(v)])),
          children: Array.isArray(value) ? convert(value as Ordered[]) : [],
        });
      }
    }
  }
  return out;
}

/** Parses an XML part of a document package; a malformed part is a damaged file, `what` says which kind. */
export function parseXml(xml: string, what: string): XmlElement {
  let items: Ordered[];
  try {
    items = parser.parse(xml) as Ordered[];
  } catch (err) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      `This ${what} is damaged (${err instanceof Error ? err.message : String(err)}).`,
      undefined,
      { cause: err },
    );
  }
  return { name: '#document', attrs: {}, children: convert(items) };
}

function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** Direct child elements, optionally only those with the (prefix-free) name. */
export function childElements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name));
}

/** The first descendant element with this name, depth first in document order. */
export function findElement(node: XmlElement, name: string): XmlElement | undefined {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

/** Every descendant element with this name, in document order; matches are not searched inside. */
export function findElements(node: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) out.push(child);
    else findElements(child, name, out);
  }
  return out;
}

/** All text under a node, in order. `onElement` may return a string to use instead of an element's own text. */
export function textContent(node: XmlNode, onElement?: (el: XmlElement) => string | undefined): string {
  if (!isElement(node)) return node;
  const parts: string[] = [];
  for (const child of node.children) {
    const replaced = isElement(child) ? onElement?.(child) : undefined;
    parts.push(replaced ?? textContent(child, onElement));
  }
  return parts.join('');
}
