import {
  type CellGrid,
  cellRef,
  type GridCell,
  type GridSheet,
  type MergedRange,
  parseCellRef,
  parseRange,
} from '@jixiao/core/self-evaluation/table-check/cell-grid.ts';
import { openZip, type ZipArchive } from '#functions/import/xlsx/unzip.ts';
import { refuse } from '#functions/import/xlsx/xlsx-error.ts';
import { scanXml } from '#functions/import/xlsx/xml-scan.ts';

/**
 * Reads an .xlsx into a grid of cells per sheet, with its merges (docs/domain/self-evaluation.md,
 * "Checking a filled table"). Dependency-free (Node's zlib and a small XML scanner), so it fits a
 * Lambda bundle. It reads what a filled table holds: shared strings (rich-text runs joined, phonetic
 * runs left out), inline strings, numbers, booleans, errors, formula results as last saved, dates and
 * percentages by their number format. Every limit below is a refusal with its reason, never a cut.
 */
export interface XlsxLimits {
  /** The uploaded file. */
  maxFileBytes: number;
  /** Parts inside the ZIP. */
  maxEntries: number;
  /** What one part may unpack to. */
  maxPartBytes: number;
  /** What the parts read may unpack to together. */
  maxUnpackedBytes: number;
  /** Rows and columns of one sheet (the last row or column that holds a cell or a merge). */
  maxRows: number;
  maxColumns: number;
  /** Distinct texts in the shared-string table. */
  maxSharedStrings: number;
}

const MiB = 1024 * 1024;

/** A filled table is tens of kilobytes; these leave room for a department's workbook of many projects. */
export const defaultXlsxLimits: XlsxLimits = {
  maxFileBytes: 10 * MiB,
  maxEntries: 1_000,
  maxPartBytes: 50 * MiB,
  maxUnpackedBytes: 100 * MiB,
  maxRows: 20_000,
  maxColumns: 200,
  maxSharedStrings: 200_000,
};

const MAIN_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

// --------------------------------------------------------------------------------------- numbers

/** The stored number as its decimal, at Excel's 15 significant digits ("0.86190000000000011" → "0.8619"). */
export const decimalText = (raw: string): string => {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw.trim();
  const digits =
    raw.replace(/^[-+]?0*/, '').replace(/[.eE].*$/, '').length +
    (raw.split('.')[1]?.replace(/[eE].*$/, '').length ?? 0);
  const value = digits > 15 || /e/i.test(raw) ? Number(n.toPrecision(15)) : n;
  return plainDecimal(value);
};

/** A number written out without an exponent. */
const plainDecimal = (n: number): string => {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa = '', exp = '0'] = s.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  const out =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + out.replace(/^0+(?=\d)/, '');
};

/** A decimal × 100 by moving the point, so "0.8619" is "86.19" exactly. */
export const timesHundred = (decimal: string): string => {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const padded = fraction.padEnd(2, '0');
  const int = `${whole}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${rest ? `.${rest}` : ''}`;
};

// ------------------------------------------------------------------------------------------ styles

// Built-in number formats that are dates or times (ECMA-376 Part 1, "numFmt", with the East Asian ids).
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
const BUILTIN_PERCENTS = new Set([9, 10]);

type Look = 'date' | 'percent' | 'plain';

const lookOfFormat = (code: string): Look => {
  // Literal text ("..." and \x) and [colour]/[condition] sections say nothing about the kind.
  const bare =
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, '')
      .split(';')[0] ?? '';
  if (bare.includes('%')) return 'percent';
  if (/[ymdhs]/i.test(bare) && !/general/i.test(bare)) return 'date';
  return 'plain';
};

const readStyles = (archive: ZipArchive, path: string | undefined): Look[] => {
  if (!path || !archive.has(path)) return [];
  const formats = new Map<number, string>();
  const looks: Look[] = [];
  let inCellXfs = false;
  scanXml(archive.read(path).toString('utf8'), path, {
    open: (name, attrs) => {
      if (name === 'numFmt') formats.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attrs.numFmtId ?? 0);
        const custom = formats.get(id);
        looks.push(
          custom !== undefined
            ? lookOfFormat(custom)
            : BUILTIN_DATES.has(id)
              ? 'date'
              : BUILTIN_PERCENTS.has(id)
                ? 'percent'
                : 'plain',
        );
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return looks;
};

// ------------------------------------------------------------------------------------------ dates

const pad = (n: number) => String(n).padStart(2, '0');

/** A date serial as the day it names, in the 1900 system (with Excel's phantom 29 February 1900) or 1904. */
export const serialDate = (serial: number, date1904: boolean): string | undefined => {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined; // 9999-12-31
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  if (!date1904 && day === 60) return '1900-02-29';
  const d = new Date(epoch + day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

// -------------------------------------------------------------------------------------- relations

const resolveTarget = (base: string, target: string): string => {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
};

const relsPath = (part: string) => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

const readRels = (archive: ZipArchive, part: string): Map<string, { type: string; target: string }> => {
  const rels = new Map<string, { type: string; target: string }>();
  const path = relsPath(part);
  if (!archive.has(path)) return rels;
  scanXml(archive.read(path).toString('utf8'), path, {
    open: (name, attrs) => {
      if (name === 'Relationship' && attrs.Id && attrs.Target && attrs.TargetMode !== 'External') {
        rels.set(attrs.Id, { type: attrs.Type ?? '', target: resolveTarget(part, attrs.Target) });
      }
    },
  });
  return rels;
};

// ------------------------------------------------------------------------------------ shared strings

/** Cell text escapes what XML cannot carry as _xHHHH_ ("_x000D_" for a carriage return; "_x005F_" for "_"). */
const unescapeCellText = (text: string): string =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;

const readSharedStrings = (archive: ZipArchive, path: string | undefined, limits: XlsxLimits): string[] => {
  if (!path || !archive.has(path)) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  scanXml(archive.read(path).toString('utf8'), path, {
    open: (name, _attrs, selfClosing) => {
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) {
          refuse(
            'TOO_MANY_SHARED_STRINGS',
            `共享字符串超过上限 ${limits.maxSharedStrings} 个`,
            `The file has more than the limit of ${limits.maxSharedStrings} shared strings`,
          );
        }
        current = [];
        if (selfClosing) strings.push('');
      } else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && !selfClosing) inT = true;
    },
    close: (name) => {
      if (name === 'si' && current) {
        strings.push(unescapeCellText(current.join('')));
        current = null;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inT = false;
    },
    text: (t) => {
      // Phonetic runs (rPh) carry furigana/pinyin guides, not the cell's text.
      if (inT && current && phonetic === 0) current.push(t);
    },
  });
  return strings;
};

// ---------------------------------------------------------------------------------------- sheets

interface Context {
  strings: string[];
  looks: Look[];
  date1904: boolean;
  limits: XlsxLimits;
}

const readSheet = (xml: string, name: string, hidden: boolean, part: string, ctx: Context): GridSheet => {
  const cells: GridCell[] = [];
  const merges: MergedRange[] = [];
  const { limits } = ctx;
  let row = 0;
  let col = 0;
  let cell: { row: number; col: number; type: string; style: number } | null = null;
  let value: string[] | null = null;
  let inline: string[] | null = null;
  let inV = false;
  let inT = false;
  let phonetic = 0;

  /** `where` is a cell or range reference, or a row number. */
  const within = (r: number, c: number, where: string) => {
    if (r > limits.maxRows) {
      refuse(
        'TOO_MANY_ROWS',
        `工作表“${name}”的 ${where} 超出行数上限 ${limits.maxRows} 行`,
        `Sheet "${name}": ${where} is past the limit of ${limits.maxRows} rows`,
      );
    }
    if (c > limits.maxColumns) {
      refuse(
        'TOO_MANY_COLUMNS',
        `工作表“${name}”的 ${where} 超出列数上限 ${limits.maxColumns} 列`,
        `Sheet "${name}": ${where} is past the limit of ${limits.maxColumns} columns`,
      );
    }
  };

  const finish = () => {
    if (!cell) return;
    const ref = cellRef(cell.row, cell.col);
    const raw = inline ? unescapeCellText(inline.join('')) : (value?.join('') ?? '');
    const at = `${name}!${ref}`;
    const base = { ref, row: cell.row, col: cell.col };
    switch (cell.type) {
      case 's': {
        if (raw.trim() === '') break;
        const text = ctx.strings[Number(raw)];
        if (!/^\d+$/.test(raw.trim()) || text === undefined) {
          refuse(
            'BAD_CELL',
            `单元格 ${at} 指向不存在的共享字符串 ${raw}`,
            `Cell ${at} points at shared string ${raw}, which does not exist`,
          );
        }
        if (text) cells.push({ ...base, text: text!, kind: 'text' });
        break;
      }
      case 'str':
      case 'inlineStr':
        if (raw) cells.push({ ...base, text: raw, kind: 'text' });
        break;
      case 'b':
        if (raw) cells.push({ ...base, text: raw.trim() === '1' ? 'TRUE' : 'FALSE', kind: 'boolean' });
        break;
      case 'e':
        if (raw) cells.push({ ...base, text: raw.trim(), kind: 'error' });
        break;
      default: {
        const trimmed = raw.trim();
        if (trimmed === '') break;
        const number = Number(trimmed);
        if (!Number.isFinite(number)) {
          refuse(
            'BAD_CELL',
            `单元格 ${at} 的数值“${trimmed}”无效`,
            `Cell ${at} holds "${trimmed}", which is not a number`,
          );
        }
        const decimal = decimalText(trimmed);
        const look = ctx.looks[cell.style] ?? 'plain';
        const date = look === 'date' ? serialDate(number, ctx.date1904) : undefined;
        if (date) cells.push({ ...base, text: date, number, kind: 'date' });
        else if (look === 'percent')
          cells.push({ ...base, text: `${timesHundred(decimal)}%`, number, kind: 'percent' });
        else cells.push({ ...base, text: decimal, number, kind: 'number' });
      }
    }
    cell = null;
    value = null;
    inline = null;
  };

  scanXml(xml, part, {
    open: (tag, attrs, selfClosing) => {
      switch (tag) {
        case 'row':
          row = attrs.r ? Number(attrs.r) : row + 1;
          if (!Number.isInteger(row) || row < 1)
            refuse(
              'BAD_CELL',
              `工作表“${name}”含有无效行号 ${attrs.r}`,
              `Sheet "${name}" has an invalid row number ${attrs.r}`,
            );
          within(row, 1, `A${row}`);
          col = 0;
          break;
        case 'c': {
          const at = attrs.r ? parseCellRef(attrs.r) : { row, col: col + 1 };
          if (!at)
            return refuse(
              'BAD_CELL',
              `工作表“${name}”含有无效单元格引用 ${attrs.r}`,
              `Sheet "${name}" has an invalid cell reference ${attrs.r}`,
            );
          within(at.row, at.col, cellRef(Math.min(at.row, 9_999_999), Math.min(at.col, 16_384)));
          row = at.row;
          col = at.col;
          cell = { row: at.row, col: at.col, type: attrs.t ?? 'n', style: Number(attrs.s ?? 0) };
          value = null;
          inline = null;
          if (selfClosing) cell = null;
          break;
        }
        case 'v':
          if (cell) value = [];
          inV = !selfClosing;
          break;
        case 'is':
          if (cell) inline = [];
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (!selfClosing) inT = true;
          break;
        case 'mergeCell': {
          const range = attrs.ref ? parseRange(attrs.ref) : undefined;
          if (!range)
            return refuse(
              'BAD_CELL',
              `工作表“${name}”含有无效合并区域 ${attrs.ref}`,
              `Sheet "${name}" has an invalid merged range ${attrs.ref}`,
            );
          within(range.bottom, range.right, range.ref);
          if (range.top !== range.bottom || range.left !== range.right) merges.push(range);
          break;
        }
      }
    },
    close: (tag) => {
      if (tag === 'c') finish();
      else if (tag === 'v') inV = false;
      else if (tag === 't') inT = false;
      else if (tag === 'rPh') phonetic -= 1;
    },
    text: (t) => {
      // Only the text inside <v> or an inline string's <t>: not the layout whitespace between elements.
      if (inline && inT && phonetic === 0) inline.push(t);
      else if (value && inV) value.push(t);
    },
  });
  return { name, hidden, cells, merges };
};

// -------------------------------------------------------------------------------------- workbook

export const readXlsx = (file: Uint8Array, limits: XlsxLimits = defaultXlsxLimits): CellGrid => {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length > limits.maxFileBytes) {
    refuse(
      'FILE_TOO_LARGE',
      `文件大小 ${(bytes.length / MiB).toFixed(1)} MB，超过上限 ${limits.maxFileBytes / MiB} MB`,
      `The file is ${(bytes.length / MiB).toFixed(1)} MB, more than the limit of ${limits.maxFileBytes / MiB} MB`,
    );
  }
  // Excel 97–2003 files and password-protected workbooks are OLE compound files, not ZIP.
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) {
    refuse(
      'LEGACY_OR_ENCRYPTED',
      '这是 Excel 97–2003（.xls）文件或加密的工作簿，请另存为 .xlsx 并去掉密码后再上传',
      'This is an Excel 97–2003 (.xls) file or a password-protected workbook; save it as .xlsx without a password',
    );
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    refuse('NOT_XLSX', '文件不是 .xlsx 格式', 'The file is not an .xlsx workbook');
  }
  const archive = openZip(bytes, {
    maxEntries: limits.maxEntries,
    maxEntryBytes: limits.maxPartBytes,
    maxTotalBytes: limits.maxUnpackedBytes,
  });

  const root = readRels(archive, '');
  const workbookPath =
    [...root.values()].find((r) => r.type === MAIN_REL || r.type.endsWith('/officeDocument'))?.target ??
    'xl/workbook.xml';
  if (!archive.has(workbookPath)) {
    refuse(
      'NOT_XLSX',
      '文件中没有工作簿（xl/workbook.xml），不是 .xlsx 格式',
      'The file has no workbook (xl/workbook.xml); it is not an .xlsx workbook',
    );
  }
  const rels = readRels(archive, workbookPath);
  const sheets: { name: string; id: string; hidden: boolean }[] = [];
  let date1904 = false;
  scanXml(archive.read(workbookPath).toString('utf8'), workbookPath, {
    open: (name, attrs) => {
      if (name === 'sheet')
        sheets.push({ name: attrs.name ?? '', id: attrs.id ?? '', hidden: (attrs.state ?? 'visible') !== 'visible' });
      else if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    },
  });
  if (sheets.length === 0) refuse('MISSING_PART', '工作簿中没有工作表', 'The workbook has no sheets');
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const ctx: Context = {
    strings: readSharedStrings(archive, byType('/sharedStrings'), limits),
    looks: readStyles(archive, byType('/styles')),
    date1904,
    limits,
  };
  return {
    sheets: sheets.map(({ name, id, hidden }) => {
      const part = rels.get(id)?.target;
      if (!part || !archive.has(part)) {
        return refuse(
          'MISSING_PART',
          `工作表“${name}”在文件中缺失${part ? `（${part}）` : ''}`,
          `Sheet "${name}" is missing from the file${part ? ` (${part})` : ''}`,
        );
      }
      return readSheet(archive.read(part).toString('utf8'), name, hidden, part, ctx);
    }),
  };
};
