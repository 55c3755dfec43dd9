import { describe, expect, it } from 'vitest';
import { figureNamed, readDepartmentFigures } from '#core/department-evaluation/read-department-figures.ts';

const rows = (...lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));

describe('readDepartmentFigures', () => {
  it('reads names or keys, 万元 to the fen exactly and people as counts, with or without a header', () => {
    expect(
      readDepartmentFigures(
        rows(['项目', '金额'], ['年中追加(减)', '-0.000001'], ['STAFFINPOST', '48人'], ['paidFen', '1,080.5万元']),
      ),
    ).toEqual({ figures: { supplementaryFen: -1, staffInPost: 48, paidFen: 1_080_500_000 }, errors: [] });
    expect(readDepartmentFigures(rows(['编制数', '50'])).figures).toEqual({ authorisedPosts: 50 });
  });

  it('names the figure by its printed name, full-width or not, and nothing else', () => {
    expect(figureNamed('年中追加（减）')).toBe('supplementaryFen');
    expect(figureNamed(' 编制数 ')).toBe('authorisedPosts');
    expect(figureNamed('编制')).toBeUndefined();
  });

  it('gives every bad row its own error with row and column, and no figures at all', () => {
    const read = readDepartmentFigures(rows(['编制数', '50'], ['编制数', '51'], ['年初预算', '1e3'], ['', '1']));
    expect(read.figures).toEqual({});
    expect(read.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'A', 'duplicate_figure'],
      [3, 'B', 'not_number'],
      [4, 'A', 'missing_figure'],
    ]);
  });
});
