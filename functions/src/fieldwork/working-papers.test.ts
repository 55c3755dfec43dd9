import { createHash } from 'node:crypto';
import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import type { DeclaredPhoto, FieldPhoto, FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  packWorkingPapers,
  type WorkingPapers,
  type WorkingPapersInput,
  type WorkingPapersPhoto,
} from '#functions/fieldwork/working-papers.ts';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** UUIDv7-shaped ids that read as their number. */
const id = (n: number): string => `0196a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const meta = (recordId: string) => ({
  id: recordId,
  version: 1,
  status: 'active' as const,
  createdAt: '2027-04-01T01:00:00.000Z',
  updatedAt: '2027-04-01T01:00:00.000Z',
  createdBy: 'u-evaluator',
  updatedBy: 'u-evaluator',
});

const SITE_SCHOOL = id(11);
const SITE_CLINIC = id(12);
const IND_PLAN = id(21);
const IND_CLASSROOMS = id(22);
const IND_SATISFACTION = id(23);
const QN_PARENTS = id(31);
const QN_TEACHERS = id(32);
const Q_OVERALL = id(41);
const Q_TEACHING = id(42);
const Q_HEARD = id(43);
const Q_EQUIPMENT = id(44);
const ASSIGNMENT = id(51);
const PHOTO_1 = id(61);
const PHOTO_2 = id(62);
const PHOTO_MISSING = id(63);
const VISIT_SCHOOL = id(101);
const VISIT_CLINIC = id(102);
const INTERVIEW_CONSENT = id(103);
const INTERVIEW_NO_CONSENT = id(104);
const SYMPOSIUM = id(105);

const engagement: Engagement = {
  ...meta(id(1)),
  kind: 'PROJECT',
  fiscalYear: 2027,
  title: '2026年智慧课堂建设项目重点评价',
  state: 'FIELDWORK',
  projectId: id(2),
  projectCode: 'DL-JY-2026-007',
  projectName: '智慧课堂建设',
  approvedTargetId: id(3),
  departmentId: id(4),
  departmentName: '东丽区教育局',
  agencyId: id(5),
  agencyName: '天津津诚会计师事务所',
  conflictDeclaration: null,
  weights: { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 },
  // Out of level order on purpose: the paper lists 决策, 过程, 产出, 效益.
  indicators: [
    {
      id: IND_CLASSROOMS,
      level1: 'OUTPUT',
      level2: '产出数量',
      name: '智慧教室建设数量',
      source: 'TARGET',
      target: '≥ 40 间',
      points: 30,
      standard: '完成得满分，每少1间扣0.5分',
      claim: { source: 'SELF_EVALUATION', value: '40 间' },
    },
    {
      id: IND_PLAN,
      level1: 'DECISION',
      level2: '项目立项',
      name: '立项依据充分性',
      source: 'ENGAGEMENT',
      target: '',
      points: 20,
      standard: '立项依据符合法律法规，得满分',
      claim: null,
    },
    {
      id: IND_SATISFACTION,
      level1: 'BENEFIT',
      level2: '满意度',
      name: '学生及家长满意度',
      source: 'TARGET',
      target: '≥ 90 %',
      points: 30,
      standard: '达到90%得满分',
      claim: null,
    },
  ],
  sites: [
    { id: SITE_SCHOOL, name: '东丽区第一小学', address: '东丽区跃进路', latitude: 39.09, longitude: 117.31, note: '' },
    { id: SITE_CLINIC, name: '金桥街道中心小学', address: '', latitude: null, longitude: null, note: '' },
  ],
  sampling: { population: '全区 12 所学校', method: 'JUDGEMENTAL', note: '' },
  interviewQuestions: [],
  questionnaires: [
    {
      id: QN_PARENTS,
      title: '家长满意度问卷',
      respondentGroup: 'BENEFICIARY',
      groupWeight: 60,
      minimumSample: 1,
      questions: [
        {
          id: Q_OVERALL,
          text: '您对智慧课堂总体是否满意？',
          kind: 'LIKERT',
          options: [],
          indicatorId: IND_SATISFACTION,
        },
        { id: Q_TEACHING, text: '您对孩子的课堂学习效果是否满意？', kind: 'LIKERT', options: [], indicatorId: null },
        { id: Q_HEARD, text: '您从何处得知本项目？', kind: 'CHOICE', options: ['学校通知', '媒体'], indicatorId: null },
      ],
    },
    {
      id: QN_TEACHERS,
      title: '教师满意度问卷',
      respondentGroup: 'IMPLEMENTER',
      groupWeight: 40,
      minimumSample: 5,
      questions: [{ id: Q_EQUIPMENT, text: '设备是否好用？', kind: 'LIKERT', options: [], indicatorId: null }],
    },
  ],
  gpsAccuracyLimitMetres: 50,
  releasedAt: null,
};

const assignment: Assignment = {
  ...meta(ASSIGNMENT),
  engagementId: engagement.id,
  agencyId: id(5),
  evaluatorId: 'u-evaluator',
  evaluatorName: '孙强',
  siteIds: [SITE_SCHOOL, SITE_CLINIC],
  dueDate: null,
  note: '',
};

/** Starts and ends like a JPEG; the body differs per seed so each photo has its own hash. */
const jpeg = (seed: number): Uint8Array => {
  const bytes = new Uint8Array(3000 + seed);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed * 17) % 256;
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes;
};

const photoBytes = new Map([
  [PHOTO_1, jpeg(1)],
  [PHOTO_2, jpeg(2)],
]);
/** Each photo's file in its site's folder: when it was taken (Beijing time) and its caption. */
const photoFile = new Map([
  [PHOTO_1, '2027-04-10 1005 三年级一班智慧教室.jpg'],
  [PHOTO_2, '2027-04-10 1005 故障投影仪.jpg'],
]);

const declared = (photoId: string, caption: string, bytes: Uint8Array): DeclaredPhoto => ({
  id: photoId,
  sha256: sha256(bytes),
  sizeBytes: bytes.length,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1200,
  caption,
  takenAt: '2027-04-10T02:05:00.000Z',
  position: { latitude: 39.0901, longitude: 117.3102, accuracyMetres: 8, capturedAt: '2027-04-10T02:05:00.000Z' },
});

const stored = (recordId: string, deviceAt: string) => ({
  ...meta(recordId),
  engagementId: engagement.id,
  evaluatorId: 'u-evaluator',
  // Left to the assignment, as on a record written before the name was copied onto it.
  evaluatorName: '',
  agencyId: id(5),
  departmentId: id(4),
  assignmentId: ASSIGNMENT,
  receivedAt: '2027-04-10T04:00:00.000Z',
  departureReceivedAt: null,
  positionFlag: null,
  deviceCreatedAt: deviceAt,
  deviceUpdatedAt: deviceAt,
});

// Out of time order on purpose: each paper lists its records by time.
const records: FieldRecord[] = [
  {
    ...stored(VISIT_CLINIC, '2027-04-11T01:00:00.000Z'),
    positionFlag: 'NO_FIX',
    type: 'SITE_VISIT',
    siteId: SITE_CLINIC,
    arrivedAt: '2027-04-11T01:00:00.000Z',
    departedAt: null,
    position: null,
    positionNote: '室内无信号',
    accompaniedBy: '',
    checks: [
      {
        id: id(202),
        indicatorId: IND_CLASSROOMS,
        claim: '建成智慧教室 6 间',
        method: 'COUNT',
        declaredValue: '6',
        observedValue: '4',
        verdict: 'NOT_CONFIRMED',
        note: '2 间未完工',
      },
    ],
    findings: '部分教室未完工',
    signature: null,
    photos: [],
  },
  {
    ...stored(VISIT_SCHOOL, '2027-04-10T02:00:00.000Z'),
    departureReceivedAt: '2027-04-10T04:10:00.000Z',
    type: 'SITE_VISIT',
    siteId: SITE_SCHOOL,
    arrivedAt: '2027-04-10T02:00:00.000Z',
    departedAt: '2027-04-10T03:30:00.000Z',
    position: { latitude: 39.0901, longitude: 117.3102, accuracyMetres: 12, capturedAt: '2027-04-10T02:00:00.000Z' },
    positionNote: '',
    accompaniedBy: '总务处 刘老师',
    checks: [
      {
        id: id(201),
        indicatorId: IND_CLASSROOMS,
        claim: '建成智慧教室 8 间',
        method: 'COUNT',
        declaredValue: '8',
        observedValue: '8',
        verdict: 'CONFIRMED',
        note: '',
      },
      {
        id: id(203),
        indicatorId: null,
        claim: '设备运行正常',
        method: 'TEST_RUN',
        declaredValue: '正常',
        observedValue: '1 台投影故障',
        verdict: 'PARTLY',
        note: '',
      },
    ],
    findings: '教室均已交付，个别设备故障',
    signature: { signerName: '张校长', signedAt: '2027-04-10T03:25:00.000Z', path: 'M0 0 L10 10' },
    photos: [
      declared(PHOTO_1, '三年级一班智慧教室', photoBytes.get(PHOTO_1)!),
      declared(PHOTO_2, '故障投影仪', photoBytes.get(PHOTO_2)!),
    ],
  },
  {
    ...stored(INTERVIEW_CONSENT, '2027-04-10T05:00:00.000Z'),
    type: 'INTERVIEW',
    mode: 'IN_PERSON',
    place: '校长办公室',
    startedAt: '2027-04-10T05:00:00.000Z',
    interviewee: { category: 'IMPLEMENTER', role: '校长', name: '张明' },
    consent: { given: true, method: 'WRITTEN' },
    answers: [
      { questionId: null, question: '项目是否按期完成？', answer: '基本按期' },
      { questionId: null, question: '资金是否足额到位？', answer: '已足额到位' },
    ],
    notes: '',
    linkedIndicatorIds: [],
    photos: [],
  },
  {
    ...stored(INTERVIEW_NO_CONSENT, '2027-04-10T06:00:00.000Z'),
    type: 'INTERVIEW',
    mode: 'PHONE',
    place: '',
    startedAt: '2027-04-10T06:00:00.000Z',
    // The phone refuses a name without consent; the export must not rely on that.
    interviewee: { category: 'BENEFICIARY', role: '学生家长', name: '李某某' },
    consent: { given: false, method: null },
    answers: [{ questionId: null, question: '孩子是否喜欢新教室？', answer: '很喜欢' }],
    notes: '受访人不愿透露姓名',
    linkedIndicatorIds: [],
    photos: [declared(PHOTO_MISSING, '通话截图', jpeg(3))],
  },
  {
    ...stored(SYMPOSIUM, '2027-04-10T07:00:00.000Z'),
    type: 'SYMPOSIUM',
    topic: '智慧课堂使用情况',
    place: '会议室',
    startedAt: '2027-04-10T07:00:00.000Z',
    participants: [
      { category: 'IMPLEMENTER', role: '教师', count: 6 },
      { category: 'BENEFICIARY', role: '家长代表', count: 3 },
    ],
    answers: [],
    notes: '普遍反映效果良好',
    linkedIndicatorIds: [],
    photos: [],
  },
  // 家长问卷: P-001 answers both scale questions (5 and 3); P-002 leaves one out, so it is returned but not
  // valid. 教师问卷 has one response against a minimum sample of five.
  {
    ...stored(id(106), '2027-04-10T08:00:00.000Z'),
    type: 'SURVEY_RESPONSE',
    questionnaireId: QN_PARENTS,
    respondentGroup: 'BENEFICIARY',
    channel: 'ON_SITE',
    respondentCode: 'P-001',
    answers: [
      { questionId: Q_OVERALL, likert: 5, choice: null },
      { questionId: Q_TEACHING, likert: 3, choice: null },
      { questionId: Q_HEARD, likert: null, choice: '学校通知' },
    ],
    photos: [],
  },
  {
    ...stored(id(107), '2027-04-10T08:10:00.000Z'),
    type: 'SURVEY_RESPONSE',
    questionnaireId: QN_PARENTS,
    respondentGroup: 'BENEFICIARY',
    channel: 'PHONE',
    respondentCode: 'P-002',
    answers: [
      { questionId: Q_OVERALL, likert: 4, choice: null },
      { questionId: Q_TEACHING, likert: null, choice: null },
    ],
    photos: [],
  },
  {
    ...stored(id(108), '2027-04-10T08:20:00.000Z'),
    type: 'SURVEY_RESPONSE',
    questionnaireId: QN_TEACHERS,
    respondentGroup: 'IMPLEMENTER',
    channel: 'ONLINE',
    respondentCode: 'T-001',
    answers: [{ questionId: Q_EQUIPMENT, likert: 4, choice: null }],
    photos: [],
  },
];

const fieldPhoto = (photoId: string, recordId: string, bytes: Uint8Array): FieldPhoto => ({
  ...meta(photoId),
  recordId,
  engagementId: engagement.id,
  assignmentId: ASSIGNMENT,
  key: `T/t1/fieldwork/${engagement.id}/${ASSIGNMENT}/${photoId}`,
  sha256: sha256(bytes),
  sizeBytes: bytes.length,
  contentType: 'image/jpeg',
});

/** The input with each photo's bytes beside it, as the bucket would give them. */
type TestInput = Omit<WorkingPapersInput, 'photos' | 'readPhoto'> & { photos: WorkingPapersPhoto[] };

/** Packs as the job does, each photo's bytes read from the bucket when asked for (here, from the given bytes). */
const buildWorkingPapers = (given: TestInput, language: 'zh-CN' | 'en'): Promise<WorkingPapers> => {
  const bytes = new Map(given.photos.map((p) => [p.photo.id, p.bytes]));
  return packWorkingPapers(
    { ...given, photos: given.photos.map((p) => p.photo), readPhoto: async (photo) => bytes.get(photo.id) },
    language,
  );
};

const input: TestInput = {
  engagement,
  assignments: [assignment],
  records,
  photos: [...photoBytes].map(([photoId, bytes]) => ({
    photo: fieldPhoto(photoId, VISIT_SCHOOL, bytes),
    recordId: VISIT_SCHOOL,
    bytes,
  })),
  generatedAt: '2027-04-20T02:00:00.000Z',
  generatedBy: '周敏',
};

const entriesOf = async (bytes: Uint8Array): Promise<Map<string, Uint8Array>> => {
  const archive = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const file of Object.values(archive.files)) files.set(file.name, await file.async('uint8array'));
  return files;
};

const loadWorkbook = async (bytes: Uint8Array): Promise<ExcelJS.Workbook> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return book;
};

/** Rows below the column headings (row 3) as objects keyed by heading, as a reader of the paper takes them. */
const table = (sheet: ExcelJS.Worksheet): Record<string, unknown>[] => {
  const headings = (sheet.getRow(3).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 3) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(headings.flatMap((h, i) => (h === '' ? [] : [[h, values[i] ?? null]]))));
  });
  return rows;
};

describe('packWorkingPapers', () => {
  let papers: WorkingPapers;
  beforeAll(async () => {
    papers = await buildWorkingPapers(input, 'zh-CN');
  });
  const workbook = async () => loadWorkbook((await entriesOf(papers.zip)).get('工作底稿.xlsx')!);

  it('packs the workbook, the received photos by site, and the manifests', async () => {
    const files = await entriesOf(papers.zip);
    expect([...files.keys()]).toEqual([
      '工作底稿.xlsx',
      `照片/东丽区第一小学/${photoFile.get(PHOTO_1)}`,
      `照片/东丽区第一小学/${photoFile.get(PHOTO_2)}`,
      'manifest.json',
      'manifest.sha256',
    ]);
  });

  it('lists every other file with its real SHA-256 and size, in JSON and in sha256sum format', async () => {
    const files = await entriesOf(papers.zip);
    const manifest = JSON.parse(Buffer.from(files.get('manifest.json')!).toString('utf8'));
    expect(manifest).toMatchObject({
      engagement: { id: engagement.id, title: engagement.title },
      generatedAt: '2027-04-20T02:00:00.000Z',
      generatedBy: '周敏',
    });
    expect(manifest.files).toEqual(papers.manifest);
    expect(papers.manifest.map((f) => f.path)).toEqual(
      [...files.keys()].filter((p) => p !== 'manifest.json' && p !== 'manifest.sha256'),
    );
    for (const entry of papers.manifest) {
      const bytes = files.get(entry.path)!;
      expect(entry.sha256, entry.path).toBe(sha256(bytes));
      expect(entry.sizeBytes, entry.path).toBe(bytes.length);
    }
    const lines = Buffer.from(files.get('manifest.sha256')!).toString('utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    const listed = lines.slice(0, -1).map((line) => /^([0-9a-f]{64}) {2}(.+)$/.exec(line)?.slice(1));
    expect(listed).toEqual(
      [...papers.manifest.map((f) => f.path), 'manifest.json'].map((path) => [sha256(files.get(path)!), path]),
    );
  });

  it('keeps the photos byte for byte', async () => {
    const files = await entriesOf(papers.zip);
    for (const [photoId, bytes] of photoBytes) {
      expect(Buffer.from(files.get(`照片/东丽区第一小学/${photoFile.get(photoId)}`)!).equals(Buffer.from(bytes))).toBe(
        true,
      );
    }
  });

  it('gives the same bytes for the same input', async () => {
    expect(Buffer.from((await buildWorkingPapers(input, 'zh-CN')).zip).equals(Buffer.from(papers.zip))).toBe(true);
  });

  it('reads the photos one at a time, telling the progress after each and once all is packed', async () => {
    const reads = { open: 0, most: 0, count: 0 };
    const steps: [number, number][] = [];
    const bytes = new Map(input.photos.map((p) => [p.photo.id, p.bytes]));
    await packWorkingPapers(
      {
        ...input,
        photos: input.photos.map((p) => p.photo),
        readPhoto: async (photo) => {
          reads.open += 1;
          reads.most = Math.max(reads.most, reads.open);
          await new Promise((resolve) => setTimeout(resolve, 1));
          reads.open -= 1;
          reads.count += 1;
          return bytes.get(photo.id);
        },
        progress: async (done, total) => {
          steps.push([done, total]);
        },
      },
      'zh-CN',
    );
    expect(reads.most).toBe(1);
    expect(reads.count).toBe(input.photos.length);
    expect(steps).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('packs the conclusion’s papers beside the field records, each in the manifest', async () => {
    const sheet = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
    const packed = await buildWorkingPapers(
      {
        ...input,
        papers: [
          { path: '结论底稿/质量复核单.xlsx', data: sheet },
          { path: '结论底稿/说明.txt', data: '说明' },
        ],
      },
      'zh-CN',
    );
    const files = await entriesOf(packed.zip);
    expect(Buffer.from(files.get('结论底稿/质量复核单.xlsx')!).equals(Buffer.from(sheet))).toBe(true);
    expect(packed.manifest.slice(-2)).toEqual([
      { path: '结论底稿/质量复核单.xlsx', sha256: sha256(sheet), sizeBytes: sheet.length },
      { path: '结论底稿/说明.txt', sha256: sha256('说明'), sizeBytes: Buffer.byteLength('说明') },
    ]);
  });

  it('lists a recorded photo the bucket no longer has as not received, and packs the rest', async () => {
    const [first, second] = input.photos as [WorkingPapersPhoto, WorkingPapersPhoto];
    const packed = await packWorkingPapers(
      {
        ...input,
        photos: [first.photo, second.photo],
        readPhoto: async (photo) => (photo.id === first.photo.id ? undefined : second.bytes),
      },
      'zh-CN',
    );
    expect(packed.manifest.map((f) => f.path).filter((p) => p.startsWith('照片/'))).toEqual([
      `照片/东丽区第一小学/${photoFile.get(PHOTO_2)}`,
    ]);
  });

  it('writes the six papers into one workbook, the framework in level order', async () => {
    const book = await workbook();
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '评价指标体系',
      '现场核查记录',
      '访谈记录',
      '满意度问卷',
      '问卷汇总',
      '照片清单',
    ]);
    expect(book.creator).toBe('周敏');
    const framework = table(book.getWorksheet('评价指标体系')!);
    expect(framework.map((r) => [r.一级指标, r.三级指标, r.分值])).toEqual([
      ['决策', '立项依据充分性', 20],
      ['产出', '智慧教室建设数量', 30],
      ['效益', '学生及家长满意度', 30],
      [null, null, 80],
    ]);
    expect(framework[1]?.单位申报值).toBe('绩效自评：40 间');
    expect(framework[1]?.指标来源).toBe('绩效目标');
  });

  it('gives one row per check item, in Chinese, with device and server times in Beijing time', async () => {
    const rows = table((await workbook()).getWorksheet('现场核查记录')!);
    expect(rows.map((r) => [r.记录编号, r.核查点位, r.核查结论])).toEqual([
      [VISIT_SCHOOL, '东丽区第一小学', '属实'],
      [VISIT_SCHOOL, '东丽区第一小学', '部分属实'],
      [VISIT_CLINIC, '金桥街道中心小学', '不属实'],
    ]);
    expect(rows[0]).toMatchObject({
      评价人员: '孙强',
      陪同人员: '总务处 刘老师',
      '到达时间（设备）': '2027-04-10 10:00:00',
      '离开时间（设备）': '2027-04-10 11:30:00',
      '到达记录接收时间（服务器）': '2027-04-10 12:00:00',
      '离开记录接收时间（服务器）': '2027-04-10 12:10:00',
      纬度: 39.0901,
      经度: 117.3102,
      '定位精度（米）': 12,
      核查指标: '智慧教室建设数量',
      核查方法: '清点',
      签字人: '张校长',
      照片数: 2,
    });
    expect(rows[1]).toMatchObject({ 核查方法: '试运行', 核实值: '1 台投影故障', 核查指标: null });
    expect(rows[2]).toMatchObject({ 定位标记: '无定位', 定位说明: '室内无信号', 核实值: '4', 签字人: null, 照片数: 0 });
  });

  it('names an interviewee only with consent', async () => {
    const sheet = (await workbook()).getWorksheet('访谈记录')!;
    const rows = table(sheet);
    expect(rows.map((r) => [r.记录编号, r.类型, r.姓名, r.知情同意, r.问题])).toEqual([
      [INTERVIEW_CONSENT, '访谈', '张明', '已同意（书面）', '项目是否按期完成？'],
      [INTERVIEW_CONSENT, '访谈', '张明', '已同意（书面）', '资金是否足额到位？'],
      [INTERVIEW_NO_CONSENT, '访谈', null, '未同意', '孩子是否喜欢新教室？'],
      [SYMPOSIUM, '座谈', null, null, null],
    ]);
    expect(rows[2]).toMatchObject({ 受访对象类别: '受益对象', '职务/身份': '学生家长', 方式: '电话', 回答: '很喜欢' });
    expect(rows[3]).toMatchObject({ 座谈议题: '智慧课堂使用情况', 参加人员: '实施单位·教师×6；受益对象·家长代表×3' });
    const everything: unknown[] = [];
    sheet.eachRow((row) => {
      everything.push(...(row.values as unknown[]));
    });
    expect(everything.some((v) => typeof v === 'string' && v.includes('李某某'))).toBe(false);
  });

  it('gives one row per response and question', async () => {
    const rows = table((await workbook()).getWorksheet('满意度问卷')!);
    expect(rows.map((r) => [r.受访者编号, r.题号, r['评分（1–5）'], r.评分含义, r.选择])).toEqual([
      ['P-001', 1, 5, '非常满意', null],
      ['P-001', 2, 3, '一般', null],
      ['P-001', 3, null, null, '学校通知'],
      ['P-002', 1, 4, '满意', null],
      ['P-002', 2, null, null, null],
      ['P-002', 3, null, null, null],
      ['T-001', 1, 4, '满意', null],
    ]);
    expect(rows[3]).toMatchObject({ 问卷: '家长满意度问卷', 调查对象: '受益对象', 调查方式: '电话' });
  });

  it('summarises the questionnaires as worked out by hand', async () => {
    const rows = table((await workbook()).getWorksheet('问卷汇总')!);
    // 家长: 2 returned, 1 valid (P-002 skipped a scale question). P-001 gave 5 and 3: one answer in two is
    // 满意 or better → 50 %; (100 + 60) ÷ 2 = 80. 教师: 1 valid against a minimum of 5, so it is left out and
    // the combined result is the parents' alone (with it the rate would be (50 × 60 + 100 × 40) ÷ 100 = 70).
    expect(rows.slice(0, 3)).toEqual([
      {
        问卷: '家长满意度问卷',
        调查对象: '受益对象',
        '组权重（%）': 60,
        回收份数: 2,
        有效份数: 1,
        最低样本量: 1,
        低于最低样本量: '否',
        '满意率（%）': 50,
        满意度得分: 80,
        计入综合: '是',
      },
      {
        问卷: '教师满意度问卷',
        调查对象: '实施单位人员',
        '组权重（%）': 40,
        回收份数: 1,
        有效份数: 1,
        最低样本量: 5,
        低于最低样本量: '是',
        '满意率（%）': 100,
        满意度得分: 80,
        计入综合: '否',
      },
      expect.objectContaining({ '满意率（%）': 50, 满意度得分: 80 }),
    ]);
    expect(String(rows[2]?.问卷)).toMatch(/^综合/);
  });

  it('lists every declared photo, with its place in the archive or the fact that it never arrived', async () => {
    const rows = table((await workbook()).getWorksheet('照片清单')!);
    expect(rows.map((r) => [r.记录编号, r.文件路径, r.说明, r.已接收])).toEqual([
      [VISIT_SCHOOL, `照片/东丽区第一小学/${photoFile.get(PHOTO_1)}`, '三年级一班智慧教室', '是'],
      [VISIT_SCHOOL, `照片/东丽区第一小学/${photoFile.get(PHOTO_2)}`, '故障投影仪', '是'],
      [INTERVIEW_NO_CONSENT, null, '通话截图', '否'],
    ]);
    expect(rows[0]).toMatchObject({
      'SHA-256': sha256(photoBytes.get(PHOTO_1)!),
      '大小（字节）': photoBytes.get(PHOTO_1)!.length,
      拍摄时间: '2027-04-10 10:05:00',
      '定位精度（米）': 8,
    });
  });

  it('writes English names and labels when asked', async () => {
    const files = await entriesOf((await buildWorkingPapers(input, 'en')).zip);
    expect([...files.keys()]).toEqual([
      'working-papers.xlsx',
      `photos/东丽区第一小学/${photoFile.get(PHOTO_1)}`,
      `photos/东丽区第一小学/${photoFile.get(PHOTO_2)}`,
      'manifest.json',
      'manifest.sha256',
    ]);
    const book = await loadWorkbook(files.get('working-papers.xlsx')!);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Evaluation framework',
      'Site verification',
      'Interviews and symposia',
      'Survey responses',
      'Survey summary',
      'Photo register',
    ]);
    expect(table(book.getWorksheet('Site verification')!).map((r) => r.Verdict)).toEqual([
      'Confirmed',
      'Partly confirmed',
      'Not confirmed',
    ]);
  });

  it('refuses a photo whose bytes do not match its recorded hash, naming it', async () => {
    const [first, second] = input.photos as [WorkingPapersPhoto, WorkingPapersPhoto];
    await expect(
      buildWorkingPapers({ ...input, photos: [{ ...first, bytes: jpeg(9) }, second] }, 'zh-CN'),
    ).rejects.toThrow(`Photo ${PHOTO_1} of record ${VISIT_SCHOOL}`);
  });

  it('gives two sites of the same name their own photo folders, named so Windows accepts them', async () => {
    const clinicPhoto = jpeg(4);
    const photoId = id(64);
    const [school, clinic] = engagement.sites as [Engagement['sites'][number], Engagement['sites'][number]];
    const visit = records.find((r) => r.id === VISIT_CLINIC)!;
    const withPhoto = { ...visit, photos: [declared(photoId, '', clinicPhoto)] } as FieldRecord;
    const { manifest } = await buildWorkingPapers(
      {
        ...input,
        engagement: {
          ...engagement,
          // The same name once the characters Windows refuses are replaced.
          sites: [
            { ...school, name: '东丽区第一小学: 东校区?' },
            { ...clinic, name: '东丽区第一小学_ 东校区_' },
          ],
        },
        records: records.map((r) => (r.id === VISIT_CLINIC ? withPhoto : r)),
        photos: [
          ...input.photos,
          { photo: fieldPhoto(photoId, VISIT_CLINIC, clinicPhoto), recordId: VISIT_CLINIC, bytes: clinicPhoto },
        ],
      },
      'zh-CN',
    );
    expect(manifest.map((f) => f.path).filter((p) => p.startsWith('照片/'))).toEqual([
      `照片/东丽区第一小学_ 东校区_/${photoFile.get(PHOTO_1)}`,
      `照片/东丽区第一小学_ 东校区_/${photoFile.get(PHOTO_2)}`,
      // No caption: the time alone.
      '照片/东丽区第一小学_ 东校区_ (2)/2027-04-10 1005.jpg',
    ]);
  });

  it('names photos by time and caption safely for zip and Windows, and keeps two that collide apart', async () => {
    const visit = records.find((r) => r.id === VISIT_SCHOOL)!;
    const extra = [id(70), id(71), id(72), id(73)];
    const bytes = extra.map((_, i) => jpeg(10 + i));
    const captions = [
      // Every character Windows or a zip path refuses, a control character and a lone surrogate.
      '教室/门口\\侧面: *前?"后"<左>|右\u0007 \ud800尾',
      // The same caption as another photo of the same minute.
      '故障投影仪',
      'faulty PROJECTOR',
      `${'很长的说明'.repeat(30)}`,
    ];
    const photos = extra.map((photoId, i) => declared(photoId, captions[i]!, bytes[i]!));
    photos.push(declared(id(74), 'faulty projector', jpeg(20)));
    const allBytes = [...bytes, jpeg(20)];
    const withPhotos = { ...visit, photos: [...visit.photos, ...photos] } as FieldRecord;
    const { manifest, zip: archive } = await buildWorkingPapers(
      {
        ...input,
        records: records.map((r) => (r.id === VISIT_SCHOOL ? withPhotos : r)),
        photos: [
          ...input.photos,
          ...photos.map((p, i) => ({
            photo: fieldPhoto(p.id, VISIT_SCHOOL, allBytes[i]!),
            recordId: VISIT_SCHOOL,
            bytes: allBytes[i]!,
          })),
        ],
      },
      'zh-CN',
    );
    const paths = manifest.map((f) => f.path).filter((p) => p.startsWith('照片/'));
    expect(paths).toEqual([
      `照片/东丽区第一小学/${photoFile.get(PHOTO_1)}`,
      `照片/东丽区第一小学/${photoFile.get(PHOTO_2)}`,
      '照片/东丽区第一小学/2027-04-10 1005 教室_门口_侧面_ _前__后__左__右_ _尾.jpg',
      '照片/东丽区第一小学/2027-04-10 1005 故障投影仪 (2).jpg',
      '照片/东丽区第一小学/2027-04-10 1005 faulty PROJECTOR.jpg',
      // Cut to 60 characters: the time, a space and 44 of the caption.
      `照片/东丽区第一小学/2027-04-10 1005 ${'很长的说明'.repeat(8)}很长的说.jpg`,
      // Differs only in case from the one before: Windows and macOS would take it for the same file.
      '照片/东丽区第一小学/2027-04-10 1005 faulty projector (2).jpg',
    ]);
    for (const path of paths) {
      const name = path.split('/').at(-1)!;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what must not be there.
      expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
      expect(name.isWellFormed()).toBe(true);
    }
    const files = await entriesOf(archive);
    expect([...files.keys()].filter((p) => p.startsWith('照片/'))).toEqual(paths);
  });
});
