import type { Localized } from '#core/language.ts';

/**
 * How library entries are grouped (docs/domain/README.md#the-indicator-framework): common indicators by project category and
 * sector (个性) indicators by sector. The reference district's four categories and five sectors,
 * with education for the demo's school projects, are the defaults; a district adds its own here.
 */
export const commonCategories = {
  INTERNATIONAL_DUES: { 'zh-CN': '国际组织会费类', en: 'International-organisation dues' },
  SPECIAL_PERSONNEL_SUBSIDY: { 'zh-CN': '特殊人员政策补贴类', en: 'Special-personnel policy subsidies' },
  SPECIAL_MATTER_SUBSIDY: { 'zh-CN': '特殊事项政策补贴类', en: 'Special-matter policy subsidies' },
  GRASSROOTS_PARTY: { 'zh-CN': '基层党组织类', en: 'Grassroots party organisations' },
} as const satisfies Record<string, Localized>;

export const sectors = {
  POLLUTION_PREVENTION: { 'zh-CN': '污染防治', en: 'Pollution prevention' },
  POSTAL: { 'zh-CN': '邮政', en: 'Postal services' },
  VETERANS_AFFAIRS: { 'zh-CN': '退役军人事务', en: 'Veterans affairs' },
  STATE_ASSETS: { 'zh-CN': '国有资产监管', en: 'State-owned asset supervision' },
  AGRI_TECH_EXTENSION: { 'zh-CN': '农业技术推广', en: 'Agricultural technology extension' },
  EDUCATION: { 'zh-CN': '教育', en: 'Education' },
} as const satisfies Record<string, Localized>;

export type CommonCategory = keyof typeof commonCategories;
export type Sector = keyof typeof sectors;
export const commonCategoryCodes = Object.keys(commonCategories) as [CommonCategory, ...CommonCategory[]];
export const sectorCodes = Object.keys(sectors) as [Sector, ...Sector[]];

/**
 * Which 支出功能分类 (类 or 款 code) each sector's projects are classified under, so a project's
 * indicator search can start from its own sector. The longest matching prefix wins; a project
 * whose class matches none starts from the whole library.
 */
export const sectorFunctionalClasses: Record<Sector, readonly string[]> = {
  POLLUTION_PREVENTION: ['21103'],
  POSTAL: ['21405'],
  VETERANS_AFFAIRS: ['20828'],
  STATE_ASSETS: ['21507'],
  AGRI_TECH_EXTENSION: ['21301'],
  EDUCATION: ['205'],
};

export const sectorOfFunctionalClass = (functionalClass: string | null | undefined): Sector | null => {
  if (!functionalClass) return null;
  let best: { sector: Sector; length: number } | null = null;
  for (const sector of sectorCodes) {
    for (const prefix of sectorFunctionalClasses[sector]) {
      if (functionalClass.startsWith(prefix) && prefix.length > (best?.length ?? 0))
        best = { sector, length: prefix.length };
    }
  }
  return best?.sector ?? null;
};
