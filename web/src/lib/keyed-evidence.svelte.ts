import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import { api } from '#lib/api.ts';

/**
 * Where a versioned record keeps evidence files per part of it: a self-evaluation per row
 * (`/self-evaluations/{id}`, `row-attachment-uploads`, `row-attachments`, `rowId`), a department overall
 * self-evaluation per indicator (`/department-evaluations/{id}`, `evidence-uploads`, `entry-attachments`, `code`).
 */
export interface EvidenceEndpoints {
  /** The record's path under /api/v1, e.g. `/self-evaluations/{id}`. */
  record: string;
  uploads: string;
  lists: string;
  /** The body field naming the part (a row id, an indicator code). */
  keyField: 'rowId' | 'code';
}

/** What every save of a list answers: at least the record's new version (the rest is the record's own). */
export interface EvidenceSaved {
  version: number;
}

/**
 * The attachments field's wiring for one part of such a record (#lib/components/attachments-field.svelte, the one
 * component every evidence form uses): uploads asked at the record's version for the part, and the part's list
 * saved at that version; `onsaved` takes the record's answer (its new version) before the next change is made.
 */
export const partEvidence = <T extends EvidenceSaved>(
  at: EvidenceEndpoints,
  key: string,
  current: () => { version: number; attachments: readonly Attachment[] },
  onsaved: ((next: T) => void) | undefined,
) => ({
  path: at.record,
  uploads: `${at.record}/${at.uploads}`,
  ask: () => ({ version: current().version, [at.keyField]: key }),
  save: async (change: (stored: readonly Attachment[]) => Attachment[]) => {
    const { version, attachments } = current();
    const next = await api.patch<T>(`${at.record}/${at.lists}`, {
      version,
      [at.keyField]: key,
      attachments: change(attachments),
    });
    onsaved?.(next);
  },
});
