import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

export const conclusionOperations = (_store: RecordStore, _evidence: EvidenceStore): Operations => ({});
