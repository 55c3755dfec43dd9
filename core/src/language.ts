/** The UI and problem messages come in Simplified Chinese first, English second (docs/architecture.md#languages). */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export type Localized = Record<Language, string>;

/** Picks the language of a request from its Accept-Language header; Chinese unless English is preferred. */
export const languageFromHeader = (acceptLanguage: string | undefined): Language => {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
};
