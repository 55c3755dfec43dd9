import type { Localized } from '@jixiao/core/language.ts';

/** Why a file was refused, as a stable code and in both languages (the API turns it into problem+json). */
export type XlsxErrorCode =
  | 'FILE_TOO_LARGE'
  | 'NOT_XLSX'
  | 'LEGACY_OR_ENCRYPTED'
  | 'CORRUPT_ZIP'
  | 'TOO_MANY_ENTRIES'
  | 'TOO_LARGE_UNCOMPRESSED'
  | 'UNSUPPORTED_ZIP'
  | 'MISSING_PART'
  | 'BAD_XML'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'TOO_MANY_SHARED_STRINGS'
  | 'BAD_CELL';

export class XlsxReadError extends Error {
  readonly code: XlsxErrorCode;
  readonly detail: Localized;
  constructor(code: XlsxErrorCode, detail: Localized) {
    super(detail.en);
    this.name = 'XlsxReadError';
    this.code = code;
    this.detail = detail;
  }
}

export const refuse = (code: XlsxErrorCode, zh: string, en: string): never => {
  throw new XlsxReadError(code, { 'zh-CN': zh, en });
};
