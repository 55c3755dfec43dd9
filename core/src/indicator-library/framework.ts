import type { Localized } from '#core/language.ts';

/**
 * The level-1/level-2 structure indicators hang in (docs/domain/README.md#the-indicator-framework). Stored as data, versioned by
 * framework, so a district can move to the 2021 structure (cost as its own level 1) without code
 * changes; every indicator records the framework it was written against.
 */
export interface FrameworkLevel {
  code: string;
  name: Localized;
  children: { code: string; name: Localized }[];
}

export const indicatorFrameworks = {
  /** 财预〔2020〕10号 / 88号: cost sits under output. */
  'mof-2020': [
    {
      code: 'OUTPUT',
      name: { 'zh-CN': '产出指标', en: 'Output' },
      children: [
        { code: 'QUANTITY', name: { 'zh-CN': '数量指标', en: 'Quantity' } },
        { code: 'QUALITY', name: { 'zh-CN': '质量指标', en: 'Quality' } },
        { code: 'TIMELINESS', name: { 'zh-CN': '时效指标', en: 'Timeliness' } },
        { code: 'COST', name: { 'zh-CN': '成本指标', en: 'Cost' } },
      ],
    },
    {
      code: 'BENEFIT',
      name: { 'zh-CN': '效益指标', en: 'Benefit' },
      children: [
        { code: 'ECONOMIC', name: { 'zh-CN': '经济效益指标', en: 'Economic' } },
        { code: 'SOCIAL', name: { 'zh-CN': '社会效益指标', en: 'Social' } },
        { code: 'ECOLOGICAL', name: { 'zh-CN': '生态效益指标', en: 'Ecological' } },
        { code: 'SUSTAINABLE', name: { 'zh-CN': '可持续影响指标', en: 'Sustainable impact' } },
      ],
    },
    {
      code: 'SATISFACTION',
      name: { 'zh-CN': '满意度指标', en: 'Satisfaction' },
      children: [
        { code: 'SERVICE_RECIPIENT', name: { 'zh-CN': '服务对象满意度指标', en: 'Service-recipient satisfaction' } },
      ],
    },
  ],
} as const satisfies Record<string, readonly FrameworkLevel[]>;

export type FrameworkId = keyof typeof indicatorFrameworks;
export const frameworkIds = Object.keys(indicatorFrameworks) as FrameworkId[];

export const level1Codes = ['OUTPUT', 'BENEFIT', 'SATISFACTION'] as const;
export const level2Codes = [
  'QUANTITY',
  'QUALITY',
  'TIMELINESS',
  'COST',
  'ECONOMIC',
  'SOCIAL',
  'ECOLOGICAL',
  'SUSTAINABLE',
  'SERVICE_RECIPIENT',
] as const;
export type Level1 = (typeof level1Codes)[number];
export type Level2 = (typeof level2Codes)[number];

export const level2Belongs = (framework: FrameworkId, level1: string, level2: string): boolean =>
  indicatorFrameworks[framework].some((l) => l.code === level1 && l.children.some((c) => c.code === level2));
