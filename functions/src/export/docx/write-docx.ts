import type {
  Block,
  Paragraph,
  ParagraphStyle,
  Table,
  TableCell,
  WordDocument,
} from '#functions/export/docx/document.ts';
import { zip } from '#functions/export/zip.ts';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

// A4 in twentieths of a point, and GB/T 9704's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

// Word's own limit on a table's grid; past it the file opens "repaired".
const MAX_COLUMNS = 63;

// ---------------------------------------------------------------------------------------------- XML text

// Code points XML 1.0 cannot carry at all, even as character references: a file with one will not open.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (s: string): string => s.replace(ILLEGAL_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Text as runs: each line its own w:t, joined by w:br; tabs as w:tab. xml:space keeps leading spaces. */
const runs = (text: string, props: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\t').map((t) => (t === '' ? '' : `<w:t xml:space="preserve">${escapeXml(t)}</w:t>`));
      return `<w:r>${props}${parts.join('<w:tab/>')}</w:r>`;
    })
    .join(`<w:r>${props}<w:br/></w:r>`);

// ------------------------------------------------------------------------------------------ styles

const fonts = (eastAsia: string) =>
  `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${eastAsia}" w:cs="Times New Roman" w:hint="eastAsia"/>`;

/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { 二号: 44, 三号: 32, 小四: 24, 五号: 21 } as const;

interface StyleLook {
  name: string;
  font: string;
  size: number;
  bold?: boolean;
  paragraph: string;
  outline?: number;
}

// Fixed 28 pt lines give GB/T 9704's 22 lines a page; headings keep with the next paragraph.
const LINE = '<w:spacing w:line="560" w:lineRule="exact" w:before="0" w:after="0"/>';
const LOOKS: Record<ParagraphStyle | 'cell', StyleLook> = {
  title: {
    name: 'Title',
    font: '宋体',
    size: SIZE.二号,
    bold: true,
    paragraph:
      '<w:keepNext/><w:spacing w:before="240" w:after="240" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/>',
  },
  subtitle: {
    name: 'Subtitle',
    font: '楷体_GB2312',
    size: SIZE.三号,
    paragraph: `<w:keepNext/>${LINE}<w:jc w:val="center"/>`,
  },
  heading1: {
    name: 'heading 1',
    font: '黑体',
    size: SIZE.三号,
    paragraph: `<w:keepNext/>${LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/>`,
    outline: 0,
  },
  heading2: {
    name: 'heading 2',
    font: '楷体_GB2312',
    size: SIZE.三号,
    paragraph: `<w:keepNext/>${LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/>`,
    outline: 1,
  },
  heading3: {
    name: 'heading 3',
    font: '仿宋_GB2312',
    size: SIZE.三号,
    bold: true,
    paragraph: `<w:keepNext/>${LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/>`,
    outline: 2,
  },
  body: {
    name: 'Body Text',
    font: '仿宋_GB2312',
    size: SIZE.三号,
    paragraph: `${LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>`,
  },
  note: { name: 'Note', font: '仿宋_GB2312', size: SIZE.小四, paragraph: '<w:spacing w:before="60" w:after="120"/>' },
  cell: {
    name: 'Table Text',
    font: '宋体',
    size: SIZE.五号,
    paragraph: '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
  },
};

const STYLE_IDS: Record<ParagraphStyle | 'cell', string> = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  body: 'BodyText',
  note: 'Note',
  cell: 'TableText',
};

const styleXml = (key: ParagraphStyle | 'cell'): string => {
  const look = LOOKS[key];
  const outline = look.outline === undefined ? '' : `<w:outlineLvl w:val="${look.outline}"/>`;
  return [
    `<w:style w:type="paragraph" w:customStyle="${look.outline === undefined ? 1 : 0}" w:styleId="${STYLE_IDS[key]}">`,
    `<w:name w:val="${look.name}"/><w:basedOn w:val="Normal"/><w:qFormat/>`,
    `<w:pPr>${look.paragraph}${outline}</w:pPr>`,
    `<w:rPr>${fonts(look.font)}${look.bold ? '<w:b/><w:bCs/>' : ''}<w:sz w:val="${look.size}"/><w:szCs w:val="${look.size}"/></w:rPr>`,
    '</w:style>',
  ].join('');
};

const STYLES = [
  `<w:styles xmlns:w="${W_NS}">`,
  // zh-CN as the East Asian language: Word and WPS then break lines and pick fonts as for Chinese.
  `<w:docDefaults><w:rPrDefault><w:rPr>${fonts('仿宋_GB2312')}<w:sz w:val="${SIZE.三号}"/><w:szCs w:val="${SIZE.三号}"/>`,
  '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>',
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
  ...(Object.keys(LOOKS) as (ParagraphStyle | 'cell')[]).map(styleXml),
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>',
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>',
  `<w:pPr><w:jc w:val="right"/></w:pPr><w:rPr>${fonts('黑体')}<w:sz w:val="${SIZE.小四}"/></w:rPr></w:style>`,
  '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>',
  `<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr>${fonts('宋体')}<w:sz w:val="28"/></w:rPr></w:style>`,
  '</w:styles>',
].join('');

// ------------------------------------------------------------------------------------------ blocks

const paragraphXml = (p: Paragraph): string => {
  const align = p.align ? `<w:jc w:val="${p.align === 'left' ? 'left' : p.align}"/>` : '';
  return `<w:p><w:pPr><w:pStyle w:val="${STYLE_IDS[p.style]}"/>${align}</w:pPr>${runs(p.text, '')}</w:p>`;
};

const BORDER = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');

/**
 * Checks that every row covers the grid exactly and that each 'continue' cell sits under a merged area with the
 * same columns: Word "repairs" a table that breaks either, and WPS draws it shifted.
 */
const checkTable = (t: Table, index: number): number[] => {
  const where = `Table ${index + 1}`;
  if (t.columns.length === 0 || t.columns.length > MAX_COLUMNS) {
    throw new Error(`${where} must have from 1 to ${MAX_COLUMNS} columns`);
  }
  if (t.columns.some((w) => !Number.isFinite(w) || w <= 0)) throw new Error(`${where}: column widths must be positive`);
  if (t.rows.length === 0) throw new Error(`${where} has no rows`);
  const headerRows = t.headerRows ?? 0;
  if (!Number.isInteger(headerRows) || headerRows < 0 || headerRows > t.rows.length) {
    throw new Error(`${where}: headerRows must be from 0 to its number of rows`);
  }
  // The column each row's cells start at, and which columns are open for a vertical merge.
  let open = new Map<number, number>(); // start column → span
  t.rows.forEach((row, r) => {
    let column = 0;
    const next = new Map<number, number>();
    for (const cell of row) {
      const span = cell.span ?? 1;
      if (!Number.isInteger(span) || span < 1)
        throw new Error(`${where}, row ${r + 1}: a span must be a whole number ≥ 1`);
      if (cell.merge === 'continue') {
        if (open.get(column) !== span) {
          throw new Error(
            `${where}, row ${r + 1}: a continued merge at column ${column + 1} has no merged cell above it`,
          );
        }
        if (cell.text !== '') throw new Error(`${where}, row ${r + 1}: a continued merge must be empty`);
      }
      if (cell.merge) next.set(column, span);
      column += span;
    }
    if (column !== t.columns.length) {
      throw new Error(`${where}, row ${r + 1} covers ${column} columns, not ${t.columns.length}`);
    }
    open = next;
  });
  const total = t.columns.reduce((a, b) => a + b, 0);
  // Rounded down to whole twips, the rest given to the last column, so the grid is exactly the text width.
  const widths = t.columns.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
};

const cellXml = (cell: TableCell, width: number): string => {
  const props = [
    `<w:tcW w:w="${width}" w:type="dxa"/>`,
    (cell.span ?? 1) > 1 ? `<w:gridSpan w:val="${cell.span}"/>` : '',
    cell.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : cell.merge === 'continue' ? '<w:vMerge/>' : '',
    '<w:vAlign w:val="center"/>',
  ].join('');
  const align = `<w:jc w:val="${cell.align ?? 'left'}"/>`;
  const bold = cell.bold ? '<w:rPr><w:b/><w:bCs/></w:rPr>' : '';
  return `<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>${align}</w:pPr>${runs(cell.text, bold)}</w:p></w:tc>`;
};

const tableXml = (t: Table, index: number): string => {
  const widths = checkTable(t, index);
  const headerRows = t.headerRows ?? 0;
  const rows = t.rows.map((row, r) => {
    let column = 0;
    const cells = row.map((cell) => {
      const span = cell.span ?? 1;
      const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      return cellXml(cell, width);
    });
    // A heading row repeats on each page; no row is split across pages, so a score never sits apart from its name.
    const trPr = `<w:trPr><w:cantSplit/>${r < headerRows ? '<w:tblHeader/>' : ''}</w:trPr>`;
    return `<w:tr>${trPr}${cells.join('')}</w:tr>`;
  });
  return [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${BORDER}</w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>',
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    ...rows,
    '</w:tbl>',
    // Word needs a paragraph between two tables (or else joins them) and after a table that ends a cell or document.
    '<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr></w:p>',
  ].join('');
};

const blockXml = (block: Block, tables: { count: number }): string => {
  if (block.kind === 'paragraph') return paragraphXml(block);
  if (block.kind === 'table') return tableXml(block, tables.count++);
  return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
};

// ------------------------------------------------------------------------------------ package parts

const relationships = (rels: [id: string, type: string, target: string][]): string =>
  `<Relationships xmlns="${PACKAGE_REL_NS}">${rels
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

// The page number as "— 1 —" in the footer's centre, as on official documents: PAGE is a field Word and WPS update.
const FOOTER = [
  `<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`,
  '<w:r><w:t xml:space="preserve">— </w:t></w:r>',
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
  '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>',
].join('');

const headerXml = (text: string): string =>
  `<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>${runs(text, '')}</w:p></w:hdr>`;

const coreXml = (title: string | undefined, creator: string | undefined, createdAt: string): string => {
  const created = new Date(createdAt);
  if (Number.isNaN(created.getTime())) throw new Error(`createdAt "${createdAt}" is not an ISO 8601 date`);
  const w3cdtf = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    title === undefined ? '' : `<dc:title>${escapeXml(title)}</dc:title>`,
    creator === undefined ? '' : `<dc:creator>${escapeXml(creator)}</dc:creator>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
};

/** The document as .docx bytes; throws on a table Word would "repair". */
export const writeDocx = (doc: WordDocument): Uint8Array => {
  const tables = { count: 0 };
  const body = doc.blocks.map((b) => blockXml(b, tables)).join('');
  const hasHeader = doc.header !== undefined && doc.header !== '';
  const section = [
    '<w:sectPr>',
    hasHeader ? '<w:headerReference w:type="default" r:id="rIdHeader"/>' : '',
    '<w:footerReference w:type="default" r:id="rIdFooter"/>',
    `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>`,
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="851" w:footer="992" w:gutter="0"/>`,
    '<w:docGrid w:type="lines" w:linePitch="560"/>',
    '</w:sectPr>',
  ].join('');
  const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      [
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        `<Override PartName="/word/document.xml" ContentType="${CT}.document.main+xml"/>`,
        `<Override PartName="/word/styles.xml" ContentType="${CT}.styles+xml"/>`,
        `<Override PartName="/word/settings.xml" ContentType="${CT}.settings+xml"/>`,
        hasHeader ? `<Override PartName="/word/header1.xml" ContentType="${CT}.header+xml"/>` : '',
        `<Override PartName="/word/footer1.xml" ContentType="${CT}.footer+xml"/>`,
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
        '</Types>',
      ].join(''),
    ],
    [
      '_rels/.rels',
      relationships([
        ['rId1', `${R_NS}/officeDocument`, 'word/document.xml'],
        ['rId2', `${PACKAGE_REL_NS}/metadata/core-properties`, 'docProps/core.xml'],
        ['rId3', `${R_NS}/extended-properties`, 'docProps/app.xml'],
      ]),
    ],
    ['docProps/core.xml', coreXml(doc.title, doc.creator, doc.createdAt ?? new Date().toISOString())],
    [
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>',
    ],
    [
      'word/_rels/document.xml.rels',
      relationships([
        ['rIdStyles', `${R_NS}/styles`, 'styles.xml'],
        ['rIdSettings', `${R_NS}/settings`, 'settings.xml'],
        ...(hasHeader ? [['rIdHeader', `${R_NS}/header`, 'header1.xml'] as [string, string, string]] : []),
        ['rIdFooter', `${R_NS}/footer`, 'footer1.xml'],
      ]),
    ],
    [
      'word/document.xml',
      `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body}${section}</w:body></w:document>`,
    ],
    ['word/styles.xml', STYLES],
    // No updateFields: Word would ask on opening; the footer's PAGE field is drawn afresh on every page anyway.
    [
      'word/settings.xml',
      `<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>`,
    ],
    ...(hasHeader ? [['word/header1.xml', headerXml(doc.header ?? '')] as [string, string]] : []),
    ['word/footer1.xml', FOOTER],
  ];
  return zip(files.map(([name, xml]) => ({ name, data: declaration + xml })));
};
