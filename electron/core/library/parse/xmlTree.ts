import { Parser } from 'htmlparser2';
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

/** Deeper than this, a part is refused: no real document nests so far, and the walks below recurse. */
const MAX_DEPTH = 256;

/**
 * Parses an XML part of a document package with htmlparser2 in XML mode: a streaming tokenizer, forgiving of
 * damage, that decodes the predefined and numeric entities but never expands a DTD's own (so a "billion laughs"
 * part stays small). Elements keep document order, so paragraphs and cells come out as written. `what` names the
 * kind of file in the error for a part nested past MAX_DEPTH.
 */
export function parseXml(xml: string, what: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let tooDeep = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: XmlElement = { name: name.slice(name.indexOf(':') + 1), attrs: { ...attrs }, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        if (stack.length > MAX_DEPTH) {
          tooDeep = true;
          parser.pause();
        }
      },
      ontext(text) {
        const children = stack[stack.length - 1]!.children;
        const last = children[children.length - 1];
        if (typeof last === 'string') children[children.length - 1] = last + text;
        else children.push(text);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(xml);
  if (tooDeep) {
    throw new HearthError('UNSUPPORTED_FILE', `This ${what} is damaged (its XML nests more than ${MAX_DEPTH} deep).`);
  }
  parser.end();
  return root;
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
