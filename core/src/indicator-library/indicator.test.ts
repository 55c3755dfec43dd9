import { describe, expect, it } from 'vitest';
import { uuidV7 } from '#core/ids.ts';
import { createIndicator, indicatorErrors } from '#core/indicator-library/indicator.ts';
import { validate } from '#core/validation.ts';

const entry = {
  framework: 'mof-2020' as const,
  level1: 'OUTPUT',
  level2: 'COST',
  scope: 'SECTOR',
  sector: 'AGRI_TECH_EXTENSION',
  operator: 'LTE',
  unit: '元/户',
  referenceValue: '80',
  valueBasis: 'SPENDING_STANDARD',
  spendingStandardCap: 100,
  validFrom: '2026-01-01',
};

type Entry = Parameters<typeof indicatorErrors>[0];
const codes = (e: Partial<Entry>) => indicatorErrors({ ...entry, ...e }, 'zh-CN').map((x) => `${x.pointer} ${x.code}`);

describe('indicator rules', () => {
  it('accepts a well-formed cost indicator within its spending standard', () => {
    expect(codes({})).toEqual([]);
  });

  it('keeps the level-2 under its level-1', () => {
    expect(codes({ level1: 'BENEFIT' })).toEqual(['/level2 level2_mismatch']);
    expect(codes({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', valueBasis: 'PLAN' })).toEqual([]);
  });

  it('asks common entries for a category and sector entries for a sector', () => {
    expect(codes({ scope: 'COMMON' })).toEqual(['/commonCategory category_required']);
    expect(codes({ sector: null })).toEqual(['/sector sector_required']);
    expect(codes({ scope: 'COMMON', commonCategory: 'GRASSROOTS_PARTY' })).toEqual([]);
  });

  it('requires a unit and a numeric value of quantitative entries (rule 1), not of qualitative ones', () => {
    expect(codes({ unit: ' ' })).toEqual(['/unit unit_required_quantitative']);
    expect(codes({ referenceValue: '约80' })).toEqual(['/referenceValue numeric_value']);
    expect(
      codes({
        level2: 'QUALITY',
        operator: 'QUALITATIVE',
        unit: '',
        referenceValue: '达到预期目标',
        valueBasis: 'PLAN',
      }),
    ).toEqual([]);
  });

  it('keeps a cost indicator within its spending standard (rule 3) and asks for the standard', () => {
    expect(codes({ referenceValue: '120' })).toEqual(['/referenceValue above_spending_cap']);
    expect(indicatorErrors({ ...entry, referenceValue: '120' }, 'zh-CN')[0]?.message).toBe(
      '成本指标不得高于支出标准（100）',
    );
    expect(codes({ spendingStandardCap: null })).toEqual(['/spendingStandardCap spending_cap_required']);
    expect(codes({ referenceValue: '100' })).toEqual([]);
    expect(codes({ valueBasis: 'HISTORICAL', spendingStandardCap: null, referenceValue: '120' })).toEqual([]);
  });

  it('keeps the validity period forwards', () => {
    expect(codes({ validTo: '2025-12-31' })).toEqual(['/validTo valid_to_before_from']);
    expect(codes({ validTo: '2026-12-31' })).toEqual([]);
  });
});

describe('createIndicator schema', () => {
  const body = {
    id: uuidV7(),
    fiscalYear: 2026,
    code: 'hy-nj-009',
    name: '农技推广服务单位成本',
    level1: 'OUTPUT',
    level2: 'COST',
    scope: 'SECTOR',
    sector: 'AGRI_TECH_EXTENSION',
    operator: 'LTE',
    unit: '元/户',
    referenceValue: '80',
    valueBasis: 'SPENDING_STANDARD',
    spendingStandardCap: 100,
    scoringStandard: '不高于标准得满分',
    validFrom: '2026-01-01',
  };

  it('upper-cases the code and fills the defaults', () => {
    expect(validate(createIndicator, body, 'zh-CN')).toMatchObject({
      ok: true,
      value: { code: 'HY-NJ-009', framework: 'mof-2020', keywords: [], explanation: '', dataSource: '' },
    });
  });

  it('refuses unknown sectors, bad dates and fiscal years', () => {
    const result = validate(
      createIndicator,
      { ...body, sector: 'SPACE', validFrom: '2026-13-01', fiscalYear: 1999 },
      'zh-CN',
    );
    expect(result.ok ? [] : result.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/fiscalYear fiscal_year',
      '/sector picklist',
      '/validFrom iso_date',
    ]);
  });
});
