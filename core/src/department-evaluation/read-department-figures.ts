import * as v from 'valibot';
import {
  type DepartmentFigures,
  departmentFigures,
  type FigureKey,
} from '#core/department-evaluation/department-figures.ts';
import { text } from '#core/schema-parts.ts';
import type { TextRow } from '#core/self-evaluation/execution-figures/parse-csv.ts';
import type { ImportError } from '#core/self-evaluation/execution-figures/read-execution-figures.ts';
import { columnLetters } from '#core/self-evaluation/table-check/cell-grid.ts';
import { decimalOf, fold, scaleDecimal } from '#core/self-evaluation/table-check/table-text.ts';

/**
 * The department's figures read from a file of two columns (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"): column A names the figure as the formulas print it (上年结转结余, 编制数, …; its key is taken
 * too), column B gives its value — 万元 for money, exact to the fen (6 decimals at most), a whole count for people.
 * A first row that names no figure and holds no number is a header and is skipped. Every bad row is its own error
 * with its row and column; the caller stores nothing unless the list of errors is empty.
 */

/** The import request: the file base64 in the JSON body (CSV or XLSX, told apart by their bytes), at the version read. */
export const importDepartmentFigures = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  fileName: text(1, 200),
  /** Checked by the import itself (base64, size), so a bad file gets its own words rather than a schema's. */
  contentBase64: v.string(),
});
export type ImportDepartmentFigures = v.InferOutput<typeof importDepartmentFigures>;

/** The largest file taken: twenty figures are a few hundred bytes, a workbook a few kilobytes. */
export const maxFigureFileBytes = 256 * 1024;
/** Data rows one file may hold: each figure once, and room for notes would be a mistake to read. */
const maxFigureRows = 200;

const maxFen = 10n ** 13n;
const maxPeople = 1_000_000n;

const byName = new Map<string, FigureKey>(
  (Object.keys(departmentFigures) as FigureKey[]).flatMap((key) => [
    [fold(departmentFigures[key].name['zh-CN']), key],
    [fold(key).toUpperCase(), key],
  ]),
);

/** The figure a cell names: its Chinese name as the formulas print it, or its key (any case). */
export const figureNamed = (cell: string): FigureKey | undefined =>
  byName.get(fold(cell)) ?? byName.get(fold(cell).toUpperCase());

const isBlank = (row: TextRow) => row.cells.every((c) => fold(c) === '');

export interface FiguresRead {
  figures: Partial<DepartmentFigures>;
  errors: ImportError[];
}

export const readDepartmentFigures = (rows: readonly TextRow[]): FiguresRead => {
  const data = rows.filter((row) => !isBlank(row));
  const first = data[0];
  const isHeader =
    first !== undefined && !figureNamed(first.cells[0] ?? '') && decimalOf(first.cells[1] ?? '') === undefined;
  const headers = [
    (isHeader ? first.cells[0]?.trim() : '') || '指标名称',
    (isHeader ? first.cells[1]?.trim() : '') || '数值',
  ];
  const body = isHeader ? data.slice(1) : data;
  const whole = (code: string, zh: string, en: string): FiguresRead => ({
    figures: {},
    errors: [{ line: null, column: null, code, message: { 'zh-CN': zh, en } }],
  });
  if (body.length === 0) return whole('no_rows', '文件中没有数据行', 'The file has no data rows');
  if (body.length > maxFigureRows)
    return whole(
      'too_many_rows',
      `文件有 ${body.length} 行数据，部门数据最多 ${maxFigureRows} 行`,
      `The file has ${body.length} data rows; department figures take at most ${maxFigureRows}`,
    );

  const errors: ImportError[] = [];
  const figures: Partial<Record<FigureKey, number>> = {};
  const seen = new Map<FigureKey, number>();
  for (const row of body) {
    const at = (i: number) => ({
      value: (row.cells[i] ?? '').trim(),
      column: columnLetters(i + 1),
      zh: `第 ${row.line} 行 ${columnLetters(i + 1)} 列（${headers[i]}）`,
      en: `line ${row.line}, column ${columnLetters(i + 1)} (${headers[i]})`,
    });
    const bad = (cell: ReturnType<typeof at>, code: string, zh: string, en: string) =>
      errors.push({
        line: row.line,
        column: cell.column,
        code,
        message: { 'zh-CN': `${cell.zh}：${zh}`, en: `${cell.en}: ${en}` },
      });
    const name = at(0);
    const value = at(1);
    const key = figureNamed(name.value);
    if (!fold(name.value)) {
      bad(name, 'missing_figure', '指标名称为空', 'the figure’s name is empty');
    } else if (!key) {
      bad(
        name,
        'unknown_figure',
        `“${name.value}”不是部门数据的名称（应为上年结转结余、年初预算、编制数等）`,
        `"${name.value}" names no department figure (上年结转结余, 年初预算, 编制数, …)`,
      );
    } else if (seen.has(key)) {
      bad(
        name,
        'duplicate_figure',
        `“${name.value}”已在第 ${seen.get(key)} 行出现`,
        `"${name.value}" already appears on line ${seen.get(key)}`,
      );
      continue;
    } else seen.set(key, row.line);

    const money = key ? departmentFigures[key].kind === 'MONEY' : true;
    const unitWords = money ? /(?:万元)$/u : /(?:人)$/u;
    if (!fold(value.value)) {
      bad(value, 'missing_value', '数值为空', 'the value is empty');
      continue;
    }
    const decimal = decimalOf(fold(value.value).replace(unitWords, ''));
    if (decimal === undefined) {
      bad(value, 'not_number', `“${value.value}”不是数字`, `"${value.value}" is not a number`);
      continue;
    }
    if (!key) continue;
    const negative = decimal.startsWith('-') && /[1-9]/.test(decimal);
    // Only the supplementary budget net of cuts (追加 minus 追减) may be below zero.
    if (negative && key !== 'supplementaryFen') {
      bad(value, 'negative', `“${value.value}”为负数`, `"${value.value}" is negative`);
      continue;
    }
    if (money) {
      const fen = scaleDecimal(decimal, 6);
      if (fen === undefined) {
        bad(
          value,
          'not_fen',
          `“${value.value}”万元不是整分金额（最多 6 位小数）`,
          `"${value.value}" 万元 is not a whole number of fen (6 decimals at most)`,
        );
      } else if ((fen < 0n ? -fen : fen) > maxFen) {
        bad(value, 'too_large', `金额“${value.value}”万元过大`, `the amount "${value.value}" 万元 is too large`);
      } else figures[key] = Number(fen);
    } else {
      const people = scaleDecimal(decimal, 0);
      if (people === undefined) {
        bad(value, 'not_integer', `“${value.value}”不是整数人数`, `"${value.value}" is not a whole number of people`);
      } else if (people > maxPeople) {
        bad(value, 'too_large', `人数“${value.value}”过大`, `the count "${value.value}" is too large`);
      } else figures[key] = Number(people);
    }
  }
  return errors.length > 0 ? { figures: {}, errors } : { figures, errors: [] };
};
