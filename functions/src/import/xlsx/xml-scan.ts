import { refuse } from '#functions/import/xlsx/xlsx-error.ts';

/**
 * A small, strict-enough XML scanner for the parts of an .xlsx: it walks tags and text in order and
 * hands each to a callback. Namespace prefixes are dropped ("x:c" is "c"), the five named entities
 * and numeric references are decoded, and a document type declaration is refused, so no entity can
 * expand (the "billion laughs" attack needs one).
 */
export interface XmlHandler {
  open?: (name: string, attrs: Record<string, string>, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export const decodeEntities = (s: string, part: string): string =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
        if (body[0] === '#') {
          const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
          if (code > 0x10ffff)
            return refuse(
              'BAD_XML',
              `${part} 含有无效字符引用 ${whole}`,
              `${part} has an invalid character reference ${whole}`,
            );
          return String.fromCodePoint(code);
        }
        const named = NAMED[body];
        return named ?? refuse('BAD_XML', `${part} 含有未知实体 ${whole}`, `${part} has an unknown entity ${whole}`);
      });

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const TOKEN =
  /<(?:(\/)?([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>|!--[\s\S]*?-->|!\[CDATA\[([\s\S]*?)\]\]>|\?[\s\S]*?\?>|(!DOCTYPE))/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export const scanXml = (xml: string, part: string, handler: XmlHandler): void => {
  const bad = (what: string, zh: string): never =>
    refuse('BAD_XML', `${part} 不是有效的 XML：${zh}`, `${part} is not well-formed XML: ${what}`);
  TOKEN.lastIndex = 0;
  let last = 0;
  let depth = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (m.index > last && handler.text) {
      const between = xml.slice(last, m.index);
      if (between.includes('<')) bad(`a broken tag near offset ${last}`, `第 ${last} 字节附近的标签损坏`);
      handler.text(decodeEntities(between, part));
    }
    last = TOKEN.lastIndex;
    if (m[6]) bad('a document type declaration is not allowed', '不允许文档类型声明');
    if (m[5] !== undefined) {
      handler.text?.(m[5]);
      continue;
    }
    const name = m[2];
    if (!name) continue; // a comment or a processing instruction
    if (m[1]) {
      depth -= 1;
      if (depth < 0) bad(`</${name}> closes nothing`, `</${name}> 没有对应的开始标签`);
      handler.close?.(localName(name));
      continue;
    }
    const attrs: Record<string, string> = {};
    const rawAttrs = m[3];
    if (rawAttrs) {
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(rawAttrs); a; a = ATTR.exec(rawAttrs)) {
        attrs[localName(a[1]!)] = decodeEntities(a[2] ?? a[3] ?? '', part);
      }
    }
    const selfClosing = Boolean(m[4]);
    if (!selfClosing) depth += 1;
    handler.open?.(localName(name), attrs, selfClosing);
    if (selfClosing) handler.close?.(localName(name));
  }
  const rest = xml.slice(last);
  if (rest.includes('<')) bad(`a broken tag near offset ${last}`, `第 ${last} 字节附近的标签损坏`);
  if (depth !== 0) bad('it ends inside an element', '元素未闭合即结束');
};
