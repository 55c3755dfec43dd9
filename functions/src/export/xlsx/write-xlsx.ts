import type { Cell, CellStyle, CellValue, Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';
import { zip } from '#functions/export/zip.ts';

// Excel's own limits: past them it refuses the file or "repairs" it, so fail here with a clear message instead.
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Index into cellXfs in styles.xml; 0 is the default look for a cell that has no style. */
const STYLE_IDS: Record<CellStyle, number> = {
  title: 1,
  header: 2,
  label: 3,
  text: 4,
  number: 5,
  integer: 6,
  money: 7,
};

// ---------------------------------------------------------------------------------------------- XML text

// Code points XML 1.0 cannot carry at all, even as character references: a file with one will not open.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const escapeXml = (s: string): string =>
  s.replace(ILLEGAL_XML, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? '&#13;'); // a raw CR would be read as LF

/** Cell text, where Excel also decodes _xHHHH_ as a character: the underscore of literal text like that is escaped. */
const escapeCellText = (s: string): string => escapeXml(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));

// ------------------------------------------------------------------------------------ cell references

const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const cellRef = (row: number, column: number): string => `${columnName(column)}${row + 1}`;

interface Range {
  text: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const parseRange = (text: string, sheet: string): Range => {
  const match = /^([A-Z]{1,3})([1-9]\d{0,6}):([A-Z]{1,3})([1-9]\d{0,6})$/.exec(text);
  if (!match) throw new Error(`Sheet "${sheet}": merge "${text}" is not an A1-style range such as "A1:K1"`);
  const column = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const [, c1, r1, c2, r2] = match as unknown as [string, string, string, string, string];
  const range = { text, top: Number(r1) - 1, left: column(c1), bottom: Number(r2) - 1, right: column(c2) };
  if (range.right >= MAX_COLUMNS || range.bottom >= MAX_ROWS) {
    throw new Error(`Sheet "${sheet}": merge "${text}" lies outside the sheet (XFD1048576 is the last cell)`);
  }
  if (range.top > range.bottom || range.left > range.right) {
    throw new Error(`Sheet "${sheet}": merge "${text}" must run from its top-left cell to its bottom-right cell`);
  }
  if (range.top === range.bottom && range.left === range.right) {
    throw new Error(`Sheet "${sheet}": merge "${text}" covers a single cell`);
  }
  return range;
};

const overlaps = (a: Range, b: Range): boolean =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

// ------------------------------------------------------------------------------------------ checks

const checkSheetNames = (sheets: Sheet[]): void => {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (typeof name !== 'string' || name.trim() === '') throw new Error('A sheet name must not be blank');
    if (name.length > 31) throw new Error(`Sheet name "${name}" is longer than 31 characters`);
    const forbidden = /[:\\/?*[\];]/.exec(name);
    if (forbidden) throw new Error(`Sheet name "${name}" must not contain "${forbidden[0]}"`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    if (/[\u0000-\u001F]/.test(name)) throw new Error(`Sheet name "${name}" must not contain control characters`);
    if (name.startsWith("'") || name.endsWith("'")) {
      throw new Error(`Sheet name "${name}" must not begin or end with an apostrophe`);
    }
    if (name.toUpperCase() === 'HISTORY') throw new Error(`Sheet name "${name}" is reserved by Excel`);
    if (seen.has(name.toUpperCase())) throw new Error(`Sheet name "${name}" is used twice (case is ignored)`);
    seen.add(name.toUpperCase());
  }
};

const checkSize = (value: number, min: number, max: number, what: string): void => {
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${what} must be from ${min} to ${max}`);
};

// ---------------------------------------------------------------------------------------- worksheets

interface Resolved {
  value: CellValue;
  style: number;
}

/** Interns strings for sharedStrings.xml, where each distinct text is stored once. */
const sharedStrings = () => {
  const index = new Map<string, number>();
  let count = 0;
  return {
    add: (text: string): number => {
      count += 1;
      const known = index.get(text);
      if (known !== undefined) return known;
      index.set(text, index.size);
      return index.size - 1;
    },
    xml: (): string =>
      `<sst xmlns="${MAIN_NS}" count="${count}" uniqueCount="${index.size}">${[...index.keys()]
        .map((text) => `<si><t xml:space="preserve">${escapeCellText(text)}</t></si>`)
        .join('')}</sst>`,
  };
};

const resolveCell = (cell: Cell | CellValue | undefined, where: () => string): Resolved | undefined => {
  const { value, style } = cell !== null && typeof cell === 'object' ? cell : { value: cell, style: undefined };
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${where()}: number ${value} is not finite`);
  }
  if (typeof value === 'string' && value.replace(ILLEGAL_XML, '').length > MAX_CELL_TEXT) {
    throw new Error(`${where()}: text is longer than ${MAX_CELL_TEXT} characters`);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return style ? { value: null, style: STYLE_IDS[style] } : undefined;
  }
  return { value, style: STYLE_IDS[style ?? (typeof value === 'number' ? 'number' : 'text')] };
};

const sheetXml = (sheet: Sheet, sheetIndex: number, strings: ReturnType<typeof sharedStrings>): string => {
  const name = sheet.name;
  if (sheet.rows.length > MAX_ROWS) throw new Error(`Sheet "${name}" has more than ${MAX_ROWS} rows`);
  const grid = sheet.rows.map((row, r) => {
    if (row.length > MAX_COLUMNS) throw new Error(`Sheet "${name}" row ${r + 1} has more than ${MAX_COLUMNS} cells`);
    return Array.from(row, (cell, c) => resolveCell(cell, () => `Sheet "${name}" cell ${cellRef(r, c)}`));
  });

  const merges = (sheet.merges ?? []).map((text) => parseRange(text, name));
  merges.forEach((a, i) => {
    const other = merges.slice(0, i).find((b) => overlaps(a, b));
    if (other) throw new Error(`Sheet "${name}": merges "${other.text}" and "${a.text}" overlap`);
  });
  // Excel keeps only the top-left cell of a merge, and draws the merged border from every covered cell.
  for (const m of merges) {
    const style = grid[m.top]?.[m.left]?.style ?? 0;
    for (let r = m.top; r <= m.bottom; r++) {
      const row = grid[r] ?? [];
      grid[r] = row;
      for (let c = r === m.top ? m.left + 1 : m.left; c <= m.right; c++) {
        const covered = row[c];
        if (covered && covered.value !== null && covered.value !== '') {
          throw new Error(`Sheet "${name}": merge "${m.text}" covers non-empty cell ${cellRef(r, c)}`);
        }
        row[c] = covered ? { value: null, style: covered.style } : style ? { value: null, style } : undefined;
      }
    }
  }

  const heights = new Map<number, number>();
  for (const [key, height] of Object.entries(sheet.rowHeights ?? {})) {
    const r = Number(key);
    if (!Number.isInteger(r) || r < 0 || r >= MAX_ROWS)
      throw new Error(`Sheet "${name}": rowHeights key ${key} is not a row index`);
    checkSize(height, 0, 409, `Sheet "${name}" row ${r + 1} height`);
    heights.set(r, height);
  }

  let lastColumn = 0;
  const rows: string[] = [];
  const rowCount = Math.max(grid.length, ...[...heights.keys()].map((r) => r + 1));
  for (let r = 0; r < rowCount; r++) {
    const cells: string[] = [];
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      lastColumn = Math.max(lastColumn, c);
      const attrs = `r="${cellRef(r, c)}"${cell.style ? ` s="${cell.style}"` : ''}`;
      if (cell.value === null) cells.push(`<c ${attrs}/>`);
      else if (typeof cell.value === 'number') cells.push(`<c ${attrs}><v>${cell.value}</v></c>`);
      else cells.push(`<c ${attrs} t="s"><v>${strings.add(cell.value.replace(ILLEGAL_XML, ''))}</v></c>`);
    }
    const height = heights.get(r);
    if (cells.length === 0 && height === undefined) continue;
    const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
    rows.push(`<row r="${r + 1}"${ht}>${cells.join('')}</row>`);
  }

  const cols: string[] = [];
  sheet.columnWidths?.forEach((width, c) => {
    if (c >= MAX_COLUMNS) throw new Error(`Sheet "${name}" has more than ${MAX_COLUMNS} column widths`);
    checkSize(width, 0, 255, `Sheet "${name}" column ${columnName(c)} width`);
    cols.push(`<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`);
  });

  const freeze = sheet.freezeRows ?? 0;
  if (!Number.isInteger(freeze)) throw new Error(`Sheet "${name}": freezeRows must be a whole number`);
  checkSize(freeze, 0, MAX_ROWS - 1, `Sheet "${name}" freezeRows`);
  const pane = freeze
    ? `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`
    : '';

  // Paper is A4, as Chinese offices print; fitToHeight="0" lets a long table run onto as many pages as it needs.
  const page = sheet.landscape
    ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    : '<pageSetup paperSize="9" orientation="portrait"/>';

  return [
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    sheet.landscape ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '',
    `<dimension ref="A1:${cellRef(Math.max(rowCount - 1, 0), lastColumn)}"/>`,
    `<sheetViews><sheetView workbookViewId="0"${sheetIndex === 0 ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="13.5"/>',
    cols.length ? `<cols>${cols.join('')}</cols>` : '',
    `<sheetData>${rows.join('')}</sheetData>`,
    merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m.text}"/>`).join('')}</mergeCells>`
      : '',
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    page,
    '</worksheet>',
  ].join('');
};

// ------------------------------------------------------------------------------------ package parts

const relationships = (rels: [type: string, target: string][]): string =>
  `<Relationships xmlns="${PACKAGE_REL_NS}">${rels
    .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

// 宋体 with the GB2312 charset is what Chinese Excel and WPS expect of an official form.
const font = (extra: string) => `<font>${extra}<name val="宋体"/><family val="3"/><charset val="134"/></font>`;
const xf = (numFmt: number, fontId: number, fill: number, border: number, alignment: string) =>
  `<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment ${alignment}/></xf>`;
const thin = (side: string) => `<${side} style="thin"><color auto="1"/></${side}>`;

const STYLES = [
  `<styleSheet xmlns="${MAIN_NS}">`,
  // '0.##' would leave a dangling point on whole numbers, so 'number' stays General (id 0).
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="0"/><numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>',
  `<fonts count="3">${font('<sz val="11"/>')}${font('<b/><sz val="11"/>')}${font('<b/><sz val="14"/>')}</fonts>`,
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>',
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>`,
  `<border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<diagonal/></border></borders>`,
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  xf(0, 2, 0, 0, 'horizontal="center" vertical="center" wrapText="1"'), // title
  xf(0, 1, 2, 1, 'horizontal="center" vertical="center" wrapText="1"'), // header
  xf(0, 1, 0, 1, 'horizontal="left" vertical="center" wrapText="1"'), // label
  xf(0, 0, 0, 1, 'horizontal="left" vertical="top" wrapText="1"'), // text
  xf(0, 0, 0, 1, 'horizontal="right" vertical="center"'), // number
  xf(164, 0, 0, 1, 'horizontal="right" vertical="center"'), // integer
  xf(165, 0, 0, 1, 'horizontal="right" vertical="center"'), // money
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
].join('');

const coreXml = (creator: string | undefined, createdAt: string): string => {
  const created = new Date(createdAt);
  if (Number.isNaN(created.getTime())) throw new Error(`createdAt "${createdAt}" is not an ISO 8601 date`);
  const w3cdtf = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    creator === undefined ? '' : `<dc:creator>${escapeXml(creator)}</dc:creator>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
};

// ---------------------------------------------------------------------------------------- workbook

/** The workbook as .xlsx bytes; throws on anything Excel would refuse or silently "repair". */
export const writeXlsx = (workbook: Workbook): Uint8Array => {
  checkSheetNames(workbook.sheets);
  const strings = sharedStrings();
  const sheets = workbook.sheets.map((sheet, i) => sheetXml(sheet, i, strings));
  const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      [
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
        '<Default Extension="xml" ContentType="application/xml"/>',
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`,
        ...sheets.map(
          (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`,
        ),
        `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`,
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`,
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>',
        '</Types>',
      ].join(''),
    ],
    [
      '_rels/.rels',
      relationships([
        [`${REL_NS}/officeDocument`, 'xl/workbook.xml'],
        [`${PACKAGE_REL_NS}/metadata/core-properties`, 'docProps/core.xml'],
        [`${REL_NS}/extended-properties`, 'docProps/app.xml'],
      ]),
    ],
    ['docProps/core.xml', coreXml(workbook.creator, workbook.createdAt ?? new Date().toISOString())],
    // WPS and Excel open a file whose application they know without a compatibility prompt.
    [
      'docProps/app.xml',
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>',
    ],
    [
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${workbook.sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      relationships([
        ...sheets.map((_, i): [string, string] => [`${REL_NS}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
        [`${REL_NS}/styles`, 'styles.xml'],
        [`${REL_NS}/sharedStrings`, 'sharedStrings.xml'],
      ]),
    ],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', strings.xml()],
    ...sheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ];
  return zip(files.map(([name, xml]) => ({ name, data: declaration + xml })));
};
