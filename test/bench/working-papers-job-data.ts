import { createHash } from 'node:crypto';
import type { DeclaredPhoto, FieldPhoto, FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { StoredAssignment, StoredEngagement } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { benchMeta } from '../support/self-evaluation-bench-data.ts';

/**
 * A key evaluation at the scale issue 13 item 11 names, generated: 500 field records (250 site visits with four
 * photos each, 150 interviews, 100 questionnaire responses) and so 1,000 photos, each a small JPEG-shaped file of
 * `photoBytes` (its body differs per photo, so every one has its own hash). Deterministic for a seed.
 */
export interface ArchiveBenchData {
  engagement: StoredEngagement;
  assignment: StoredAssignment;
  records: (FieldRecord & ReturnType<typeof benchMeta>)[];
  photos: { record: FieldPhoto & ReturnType<typeof benchMeta>; bytes: Uint8Array<ArrayBuffer> }[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Starts and ends like a JPEG; xorshift noise in between, as compressed image data looks. */
const jpeg = (size: number, seed: number): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(size);
  let x = seed * 2_654_435_761 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
};

export const archiveBenchData = (
  tenant: string,
  options: { records: number; photosPerVisit: number; photoBytes: number },
): ArchiveBenchData => {
  const at = '2027-04-10T02:00:00.000Z';
  const engagementId = uuidV7();
  const agencyId = uuidV7();
  const departmentId = uuidV7();
  const sites = Array.from({ length: 40 }, (_, i) => ({
    id: uuidV7(),
    name: `抽查点位${i + 1}`,
    address: `东丽区第${i + 1}街`,
    latitude: 39.09,
    longitude: 117.31,
    note: '',
  }));
  const indicators = (['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT'] as const).flatMap((level1, l) =>
    Array.from({ length: 3 }, (_, i) => ({
      id: uuidV7(),
      level1,
      level2: `${level1}-${i + 1}`,
      name: `三级指标${l + 1}.${i + 1}`,
      source: 'ENGAGEMENT' as const,
      target: '100%',
      points: [20, 20, 30, 30][l]! / 3,
      standard: '完成得满分，每少1%扣0.1分',
      claim: null,
    })),
  );
  const questions = Array.from({ length: 8 }, (_, i) => ({
    id: uuidV7(),
    text: `满意度问题${i + 1}`,
    kind: 'LIKERT' as const,
    options: [],
    indicatorId: i === 0 ? indicators.at(-1)!.id : null,
  }));
  const questionnaire = {
    id: uuidV7(),
    title: '受益群众满意度问卷',
    respondentGroup: 'BENEFICIARY' as const,
    groupWeight: 100,
    minimumSample: 30,
    questions,
  };
  const engagement = {
    ...benchMeta(engagementId, at),
    kind: 'PROJECT',
    fiscalYear: 2026,
    title: '基准测试 重点评价（500 条记录、1000 张照片）',
    state: 'FIELDWORK',
    projectId: uuidV7(),
    projectCode: 'BENCH-2026-001',
    projectName: '基准测试项目',
    approvedTargetId: uuidV7(),
    departmentId,
    departmentName: '基准测试部门',
    agencyId,
    agencyName: '基准测试会计师事务所',
    conflictDeclaration: null,
    weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
    indicators,
    sites,
    sampling: { population: '全区', method: 'JUDGEMENTAL', note: '' },
    interviewQuestions: [],
    questionnaires: [questionnaire],
    gpsAccuracyLimitMetres: 50,
    releasedAt: null,
    financeSectionId: null,
  } as unknown as StoredEngagement;
  const assignment = {
    ...benchMeta(uuidV7(), at),
    engagementId,
    agencyId,
    evaluatorId: 'bench-evaluator',
    evaluatorName: '孙强',
    siteIds: sites.map((s) => s.id),
    dueDate: null,
    note: '',
  } as StoredAssignment;

  const visits = Math.round(options.records / 2);
  const interviews = Math.round((options.records * 3) / 10);
  const minute = (n: number) => new Date(Date.parse(at) + n * 60_000).toISOString();
  const base = (n: number) => ({
    ...benchMeta(uuidV7(), minute(n)),
    engagementId,
    evaluatorId: 'bench-evaluator',
    evaluatorName: '孙强',
    agencyId,
    departmentId,
    assignmentId: assignment.id,
    receivedAt: minute(n + 1),
    departureReceivedAt: null,
    positionFlag: null,
    deviceCreatedAt: minute(n),
    deviceUpdatedAt: minute(n),
  });
  const records: ArchiveBenchData['records'] = [];
  const photos: ArchiveBenchData['photos'] = [];
  for (let n = 0; n < options.records; n++) {
    const common = base(n);
    if (n < visits) {
      const declared: DeclaredPhoto[] = [];
      for (let p = 0; p < options.photosPerVisit; p++) {
        const bytes = jpeg(options.photoBytes, photos.length + 1);
        const id = uuidV7();
        const hash = sha256(bytes);
        declared.push({
          id,
          sha256: hash,
          sizeBytes: bytes.length,
          contentType: 'image/jpeg',
          width: 1600,
          height: 1200,
          caption: `现场照片${p + 1}`,
          takenAt: minute(n),
          position: { latitude: 39.09, longitude: 117.31, accuracyMetres: 8, capturedAt: minute(n) },
        });
        photos.push({
          record: {
            ...benchMeta(id, minute(n + 2)),
            recordId: common.id,
            engagementId,
            assignmentId: assignment.id,
            key: `T/${tenant}/fieldwork/${engagementId}/${assignment.id}/${id}`,
            sha256: hash,
            sizeBytes: bytes.length,
            contentType: 'image/jpeg',
          },
          bytes,
        });
      }
      records.push({
        ...common,
        type: 'SITE_VISIT',
        siteId: sites[n % sites.length]!.id,
        arrivedAt: minute(n),
        departedAt: minute(n + 30),
        position: { latitude: 39.09, longitude: 117.31, accuracyMetres: 12, capturedAt: minute(n) },
        positionNote: '',
        accompaniedBy: '单位陪同人员',
        checks: indicators.slice(0, 3).map((indicator) => ({
          id: uuidV7(),
          indicatorId: indicator.id,
          claim: '单位申报：已完成',
          method: 'COUNT' as const,
          declaredValue: '10',
          observedValue: '9',
          verdict: 'PARTLY' as const,
          note: '现场核实数量少 1',
        })),
        findings: '现场核查发现部分内容与申报不一致，已拍照留存。',
        signature: { signerName: '陪同人员', signedAt: minute(n + 29), path: 'M0 0 L10 10' },
        photos: declared,
      } as FieldRecord & ReturnType<typeof benchMeta>);
    } else if (n < visits + interviews) {
      records.push({
        ...common,
        type: 'INTERVIEW',
        mode: 'IN_PERSON',
        place: '会议室',
        startedAt: minute(n),
        interviewee: { category: 'IMPLEMENTER', role: '项目负责人', name: '' },
        consent: { given: false, method: null },
        answers: Array.from({ length: 5 }, (_, i) => ({
          question: `访谈问题${i + 1}`,
          answer: '项目按计划推进，资金拨付略有延迟，已督促整改。'.repeat(3),
        })),
        notes: '访谈记录',
        linkedIndicatorIds: [],
        photos: [],
      } as unknown as FieldRecord & ReturnType<typeof benchMeta>);
    } else {
      records.push({
        ...common,
        type: 'SURVEY_RESPONSE',
        questionnaireId: questionnaire.id,
        respondentGroup: 'BENEFICIARY',
        channel: 'ON_SITE',
        respondentCode: `R-${n}`,
        answers: questions.map((q, i) => ({ questionId: q.id, likert: 1 + ((n + i) % 5), choice: null })),
        photos: [],
      } as unknown as FieldRecord & ReturnType<typeof benchMeta>);
    }
  }
  return { engagement, assignment, records, photos };
};
