/**
 * A local, dependency-free storage plugin for the inlang SDK, so that Paraglide compiles offline.
 *
 * The usual setup lists `https://cdn.jsdelivr.net/npm/@inlang/plugin-message-format@…` in
 * `settings.json` `modules`, which the SDK downloads on every compile. The SDK also accepts a
 * module path relative to the folder that holds `project.inlang`; it reads that file and imports
 * it as a `data:` URL, so this file must not import anything.
 *
 * Files: `messages/{locale}.json`, a flat object of `"message_key": "Text with {variable}"`.
 * The `$schema` key is ignored. `{name}` becomes an input variable of the message function.
 */
const key = 'plugin.jixiao.messageFormat';
const defaultPathPattern = './messages/{locale}.json';
const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `pathPattern` names one file per locale; `pathPatterns` several, for messages kept per area of
 * the app (e.g. `./messages/{locale}.json` and `./messages/engagements/{locale}.json`). A key may
 * appear in only one of them.
 */
const pathPatternsOf = (settings) => {
  const options = settings?.[key] ?? {};
  return options.pathPatterns ?? [options.pathPattern ?? defaultPathPattern];
};

const parsePattern = (text) => {
  const pattern = [];
  let last = 0;
  for (const match of text.matchAll(placeholder)) {
    if (match.index > last) pattern.push({ type: 'text', value: text.slice(last, match.index) });
    pattern.push({ type: 'expression', arg: { type: 'variable-reference', name: match[1] } });
    last = match.index + match[0].length;
  }
  if (last < text.length) pattern.push({ type: 'text', value: text.slice(last) });
  return pattern;
};

const serializePattern = (pattern) =>
  pattern
    .map((part) => {
      if (part.type === 'text') return part.value;
      if (part.type === 'expression' && part.arg.type === 'variable-reference') return `{${part.arg.name}}`;
      throw new Error(`${key}: only text and {variable} placeholders are supported`);
    })
    .join('');

export default {
  key,
  toBeImportedFiles: ({ settings }) =>
    settings.locales.flatMap((locale) =>
      pathPatternsOf(settings).map((pattern) => ({ locale, path: pattern.replace('{locale}', locale) })),
    ),
  importFiles: ({ files }) => {
    const declarations = new Map();
    const messages = [];
    const variants = [];
    const seen = new Set();
    for (const file of files) {
      const json = JSON.parse(new TextDecoder().decode(file.content));
      for (const [bundleId, text] of Object.entries(json)) {
        if (bundleId === '$schema') continue;
        if (seen.has(`${file.locale}/${bundleId}`))
          throw new Error(`${key}: "${bundleId}" appears in more than one ${file.locale} file`);
        seen.add(`${file.locale}/${bundleId}`);
        if (typeof text !== 'string') throw new Error(`${key}: ${file.locale}.json "${bundleId}" must be a string`);
        const names = declarations.get(bundleId) ?? new Set();
        for (const match of text.matchAll(placeholder)) names.add(match[1]);
        declarations.set(bundleId, names);
        messages.push({ bundleId, locale: file.locale, selectors: [] });
        variants.push({
          messageBundleId: bundleId,
          messageLocale: file.locale,
          matches: [],
          pattern: parsePattern(text),
        });
      }
    }
    const bundles = [...declarations].map(([id, names]) => ({
      id,
      declarations: [...names].map((name) => ({ type: 'input-variable', name })),
    }));
    return { bundles, messages, variants };
  },
  exportFiles: ({ bundles, messages, variants, settings }) =>
    settings.locales.map((locale) => {
      const json = {};
      for (const bundle of bundles) {
        const message = messages.find((m) => m.bundleId === bundle.id && m.locale === locale);
        const variant = message && variants.find((v) => v.messageId === message.id);
        if (variant) json[bundle.id] = serializePattern(variant.pattern);
      }
      return {
        locale,
        name: `${locale}.json`,
        content: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`),
      };
    }),
};
