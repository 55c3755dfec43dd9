import type { RecordKind } from '#functions/ports/record-store.ts';

/** How each kind of organisation master data is keyed, listed, searched and kept unique. */
export const financeSectionKind: RecordKind = {
  type: 'finance-section',
  sortField: 'code',
  searchFields: ['code', 'name'],
  uniqueFields: ['code'],
};

export const departmentKind: RecordKind = {
  type: 'department',
  sortField: 'code',
  ownerField: 'financeSectionId',
  searchFields: ['code', 'name'],
  uniqueFields: ['code'],
};

export const unitKind: RecordKind = {
  type: 'unit',
  sortField: 'code',
  ownerField: 'departmentId',
  searchFields: ['code', 'name'],
  uniqueFields: ['code'],
};

export const agencyKind: RecordKind = {
  type: 'agency',
  sortField: 'name',
  searchFields: ['name', 'creditCode'],
  uniqueFields: ['creditCode'],
};

export const userKind: RecordKind = {
  type: 'user',
  sortField: 'username',
  ownerField: 'departmentId',
  searchFields: ['username', 'displayName'],
  uniqueFields: ['username'],
};
