import type { Language, Localized } from '#core/language.ts';

/**
 * Every error the API returns is an RFC 9457 problem with one of these stable types. The title is
 * given in the request's language; `errors` carries field-level details for validation failures.
 */
export const problemCatalogue = {
  'validation-failed': { status: 400, title: { 'zh-CN': '提交的数据有误', en: 'Some fields are invalid' } },
  'malformed-json': {
    status: 400,
    title: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  },
  'unsupported-media-type': {
    status: 415,
    title: { 'zh-CN': '请求内容类型必须是 application/json', en: 'The request body must be application/json' },
  },
  'body-too-large': { status: 413, title: { 'zh-CN': '请求内容过大', en: 'The request body is too large' } },
  unauthenticated: { status: 401, title: { 'zh-CN': '请先登录', en: 'Sign-in required' } },
  forbidden: { status: 403, title: { 'zh-CN': '无权执行此操作', en: 'You may not do this' } },
  'not-found': { status: 404, title: { 'zh-CN': '未找到该记录', en: 'Not found' } },
  'route-not-found': { status: 404, title: { 'zh-CN': '接口不存在', en: 'No such endpoint' } },
  'version-conflict': {
    status: 409,
    title: {
      'zh-CN': '该记录已被他人修改，请刷新后再改',
      en: 'Someone else changed this record; reload and try again',
    },
  },
  'idempotency-conflict': {
    status: 409,
    title: { 'zh-CN': '该编号已用于另一份不同的内容', en: 'This id was already used for different content' },
  },
  duplicate: { status: 409, title: { 'zh-CN': '已存在相同编码的记录', en: 'A record with the same code exists' } },
  'invalid-transition': {
    status: 409,
    title: {
      'zh-CN': '当前状态下不能执行此操作，请刷新后查看最新状态',
      en: 'This cannot be done in the current state; reload to see it',
    },
  },
  // docs/domain/key-evaluation.md#the-lock: after the final report a paper changes only by an amendment with a reason.
  'papers-locked': {
    status: 409,
    title: {
      'zh-CN': '评价报告已定稿，底稿已锁定；如需更正，请以修正方式提交并说明理由',
      en: 'The final report has locked the papers; a correction must be an amendment with a reason',
    },
  },
  'rules-not-met': {
    status: 422,
    title: { 'zh-CN': '尚未满足办理此操作的条件', en: 'The conditions for this step are not met' },
  },
  'record-too-large': {
    status: 422,
    title: {
      'zh-CN': '记录内容过多，无法保存，请精简后再试',
      en: 'This record has grown too large to save; shorten it and try again',
    },
  },
  'reference-not-found': {
    status: 422,
    title: { 'zh-CN': '引用的记录不存在', en: 'A referenced record does not exist' },
  },
  throttled: {
    status: 429,
    title: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  },
  internal: { status: 500, title: { 'zh-CN': '服务器出错了，请稍后再试', en: 'Something went wrong on our side' } },
  unavailable: { status: 503, title: { 'zh-CN': '服务暂时不可用', en: 'Service temporarily unavailable' } },
  // The write was sent but its answer was lost: it may have been saved. Sending the same request
  // again is safe (creates are idempotent on their id, changes carry their version).
  'outcome-unknown': {
    status: 503,
    title: {
      'zh-CN': '无法确认是否已保存，请用相同内容重试，不会重复保存',
      en: 'We could not confirm whether this was saved; send the same request again, it will not be saved twice',
    },
  },
  'headers-too-large': {
    status: 431,
    title: { 'zh-CN': '请求头过大', en: 'The request headers are too large' },
  },
  'malformed-request': { status: 400, title: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' } },
} as const satisfies Record<string, { status: number; title: Localized }>;

export type ProblemCode = keyof typeof problemCatalogue;

export const problemTypeUri = (code: ProblemCode): string => `urn:jixiao:problem:${code}`;

export interface FieldError {
  /** JSON pointer to the field, e.g. `/name` or `/roles/1`. */
  pointer: string;
  /** A stable code the UI can key on, e.g. `required`, `too_long`, `unknown_field`. */
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** For version conflicts: the server's current copy, so the client can merge instead of overwrite. */
  current?: unknown;
}

export const problem = (
  code: ProblemCode,
  language: Language,
  extra: Omit<Problem, 'type' | 'title' | 'status'> = {},
): Problem => ({
  type: problemTypeUri(code),
  title: problemCatalogue[code].title[language],
  status: problemCatalogue[code].status,
  ...extra,
});
