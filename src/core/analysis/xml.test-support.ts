/**
 * A tiny strict XML well-formedness checker for tests of the SVG renderers: one root element, balanced and
 * properly nested tags, quoted and unique attributes, no raw `<` or `&` in text or attribute values
 * (only the five predefined entities and character references). Returns a small tree to query.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${pos}: ${why} near "${source.slice(pos, pos + 40)}"`);
  };
  const skipMisc = (): void => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos))?.[0].length ?? 0;
      pos += ws;
      if (source.startsWith('<?xml', pos) && pos === ws) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated declaration');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos + 4);
        if (end < 0 || source.slice(pos + 4, end).includes('--')) fail('bad comment');
        pos = end + 3;
      } else return;
    }
  };
  const decode = (raw: string, where: string): string => {
    let out = '';
    for (let i = 0; i < raw.length; i += 1) {
      const ch = raw[i] as string;
      if (ch === '<') fail(`raw < in ${where}`);
      if (ch !== '&') {
        out += ch;
        continue;
      }
      const entity = ENTITY.exec(raw.slice(i))?.[0];
      if (entity === undefined) fail(`raw & in ${where}`);
      const ref = (entity as string).slice(1, -1);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      out +=
        named[ref] ??
        String.fromCodePoint(ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
      i += (entity as string).length - 1;
    }
    return out;
  };
  const element = (): XmlElement => {
    if (source[pos] !== '<') fail('expected <');
    pos += 1;
    const name = NAME.exec(source.slice(pos))?.[0] ?? fail('bad tag name');
    pos += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos))?.[0].length ?? 0;
      pos += ws;
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attrs, children: [] };
      }
      if (source[pos] === '>') {
        pos += 1;
        break;
      }
      if (ws === 0) fail('attributes must be separated by whitespace');
      const attr = NAME.exec(source.slice(pos))?.[0] ?? fail('bad attribute name');
      pos += attr.length;
      if (source[pos] !== '=') fail(`attribute ${attr} without =`);
      const quote = source[pos + 1];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} not quoted`);
      const end = source.indexOf(quote as string, pos + 2);
      if (end < 0) fail('unterminated attribute');
      if (attr in attrs) fail(`duplicate attribute ${attr}`);
      attrs[attr] = decode(source.slice(pos + 2, end), `attribute ${attr}`);
      pos = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      const next = source.indexOf('<', pos);
      if (next < 0) fail(`unclosed <${name}>`);
      if (next > pos) children.push(decode(source.slice(pos, next), `text of <${name}>`));
      pos = next;
      if (source.startsWith('</', pos)) {
        pos += 2;
        const closing = NAME.exec(source.slice(pos))?.[0];
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        pos += name.length;
        const gt = /^\s*>/.exec(source.slice(pos))?.[0] ?? fail('bad closing tag');
        pos += gt.length;
        return { name, attrs, children };
      }
      if (source.startsWith('<!--', pos)) skipMisc();
      else children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (pos !== source.length) fail('content after the root element');
  return root;
}

export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    if (node.name === name) out.push(node);
    for (const child of node.children) if (typeof child !== 'string') walk(child);
  };
  walk(root);
  return out;
}

export function textOf(node: XmlElement): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

/** Every <title> text in the document: where renderers keep the full labels. */
export function titles(root: XmlElement): string[] {
  return findAll(root, 'title').map(textOf);
}
