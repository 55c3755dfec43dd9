import { respondentGroups } from '@jixiao/core/fieldwork/engagement.ts';
import {
  checkMethods,
  type FieldRecordType,
  fieldRecordTypes,
  intervieweeCategories,
  verdicts,
} from '@jixiao/core/fieldwork/field-record.ts';
import type { Localized } from '@jixiao/core/language.ts';
import { formatBytes } from '#lib/attachments.ts';
import { ageOf, type RecordState } from '#lib/field/local-record.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { m } from '#lib/paraglide/messages.js';

/** Display names for the field app's codes and times, in the UI's language. */
const pick = <K extends string>(table: Record<K, Localized>, code: string): string =>
  (table as Record<string, Localized>)[code]?.[i18n.language] ?? code;

export const recordTypeLabel = (type: FieldRecordType): string => pick(fieldRecordTypes, type);
export const verdictLabel = (code: string): string => pick(verdicts, code);
export const methodLabel = (code: string): string => pick(checkMethods, code);
export const categoryLabel = (code: string): string => pick(intervieweeCategories, code);
export const groupLabel = (code: string): string => pick(respondentGroups, code);

export const stateLabel = (state: RecordState): string =>
  ({
    draft: m.record_state_draft,
    waiting: m.record_state_waiting,
    sent: m.record_state_sent,
    attention: m.record_state_attention,
    conflict: m.record_state_conflict,
  })[state]();

export const ageText = (iso: string, now: number = Date.now()): string => {
  const age = ageOf(iso, now);
  switch (age.unit) {
    case 'now':
      return m.age_now();
    case 'minutes':
      return m.age_minutes({ count: age.count });
    case 'hours':
      return m.age_hours({ count: age.count });
    case 'days':
      return m.age_days({ count: age.count });
  }
};

export const timeText = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
};

export const likertLabel = (n: number): string =>
  [m.likert_1, m.likert_2, m.likert_3, m.likert_4, m.likert_5][n - 1]?.() ?? String(n);

export const modeLabel = (mode: string): string =>
  (({ IN_PERSON: m.mode_in_person, PHONE: m.mode_phone, VIDEO: m.mode_video }) as Record<string, () => string>)[
    mode
  ]?.() ?? mode;

export const channelLabel = (channel: string): string =>
  (({ ON_SITE: m.channel_on_site, PHONE: m.channel_phone, ONLINE: m.channel_online }) as Record<string, () => string>)[
    channel
  ]?.() ?? channel;

/** Web texts for the record rules' codes that core's `describe` may not know (yet). */
export const fieldCheckMessage = (code: string): string | undefined =>
  (
    ({
      verdict_required: m.fieldcheck_verdict_required,
      observed_required: m.fieldcheck_observed_required,
      departure_before_arrival: m.fieldcheck_departure_before_arrival,
      position_note_required: m.fieldcheck_position_note_required,
      signature_required: m.fieldcheck_signature_required,
      name_without_consent: m.fieldcheck_name_without_consent,
      consent_method_required: m.fieldcheck_consent_method_required,
      duplicate_id: m.fieldcheck_duplicate_id,
      photo_missing: m.fieldcheck_photo_missing,
    }) as Record<string, (() => string) | undefined>
  )[code]?.();

export { formatBytes };

/** The app's status-chip tone for a record's state: sent is done, waiting is on its way, the rest need the evaluator. */
export const stateTone = (state: RecordState): 'ok' | 'back' | 'stop' =>
  state === 'sent' ? 'ok' : state === 'attention' || state === 'conflict' ? 'stop' : 'back';
