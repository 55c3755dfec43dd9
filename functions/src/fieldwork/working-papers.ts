import { createHash } from 'node:crypto';
import type { Assignment } from '@jixiao/core/fieldwork/assignment.ts';
import {
  claimSources,
  type Engagement,
  evaluationLevels,
  type Questionnaire,
  respondentGroups,
  type SurveyQuestion,
} from '@jixiao/core/fieldwork/engagement.ts';
import {
  checkMethods,
  type DeclaredPhoto,
  type FieldPhoto,
  type FieldRecord,
  fieldRecordTypes,
  intervieweeCategories,
  verdicts,
} from '@jixiao/core/fieldwork/field-record.ts';
import { evaluationLevel1Codes, fieldworkDefaults } from '@jixiao/core/fieldwork/fieldwork-config.ts';
import { summariseSurvey } from '@jixiao/core/fieldwork/survey-summary.ts';
import type { Language, Localized } from '@jixiao/core/language.ts';
import type { Cell, CellValue, Sheet } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import { type ZipEntry, zip } from '#functions/export/zip.ts';

/**
 * The working papers (工作底稿, docs/domain/fieldwork.md#what-the-bureau-and-the-agency-see) of one key evaluation as one ZIP: the field
 * records as a workbook, the photos as they were received, the conclusion's papers (docs/domain/key-evaluation.md#the-archive),
 * and a manifest with the SHA-256 of every file so the archive can be checked years later
 * (`sha256sum -c manifest.sha256`) without this system. The one implementation, for the request path of a small
 * engagement and for the archive job: the caller reads the records and gives a reader of photo bytes, which is
 * asked for one photo at a time (its bytes checked and packed before the next is read), and stores the result.
 */

/** A received photo with its bytes, read by the caller's `readPhoto`. */
export interface WorkingPapersPhoto {
  photo: FieldPhoto;
  recordId: string;
  bytes: Uint8Array;
}

/** A paper the archive holds beyond the field records (a scoring paper's workbook, the final report…). */
export interface PaperFile {
  /** Its path in the archive, e.g. 结论底稿/质量复核单.xlsx. */
  path: string;
  data: Uint8Array | string;
}

export interface WorkingPapersInput {
  engagement: Engagement;
  assignments: Assignment[];
  records: FieldRecord[];
  /** The photos received, as recorded on upload; what each record declared (caption, time, position) is in its `photos`. */
  photos: FieldPhoto[];
  /** The bytes of one received photo, or undefined when the bucket has none at its key (listed as not received). */
  readPhoto: (photo: FieldPhoto) => Promise<Uint8Array | undefined>;
  /** The conclusion's papers, made by the archive's sections (functions/src/fieldwork/working-papers-sections.ts). */
  papers?: PaperFile[];
  /** Told after each photo packed (done of total; the workbooks and papers are the last step). */
  progress?: (done: number, total: number) => Promise<void>;
  /** ISO 8601; also the workbook's creation time, so the same input gives the same bytes. */
  generatedAt: string;
  generatedBy: string;
}

export interface ManifestEntry {
  path: string;
  /** Lower-case hex. */
  sha256: string;
  sizeBytes: number;
}

export interface WorkingPapers {
  zip: Uint8Array<ArrayBuffer>;
  /** Every file of the ZIP except manifest.json and manifest.sha256. */
  manifest: ManifestEntry[];
}

type SiteVisit = Extract<FieldRecord, { type: 'SITE_VISIT' }>;
type Conversation = Extract<FieldRecord, { type: 'INTERVIEW' | 'SYMPOSIUM' }>;
type SurveyResponse = Extract<FieldRecord, { type: 'SURVEY_RESPONSE' }>;

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

const names = {
  workbook: L('工作底稿.xlsx', 'working-papers.xlsx'),
  photos: L('照片', 'photos'),
  framework: L('评价指标体系', 'Evaluation framework'),
  siteVisits: L('现场核查记录', 'Site verification'),
  conversations: L('访谈记录', 'Interviews and symposia'),
  responses: L('满意度问卷', 'Survey responses'),
  surveySummary: L('问卷汇总', 'Survey summary'),
  photoList: L('照片清单', 'Photo register'),
};

const yesNo = { yes: L('是', 'Yes'), no: L('否', 'No') };
const indicatorSources = { TARGET: L('绩效目标', 'Performance target'), ENGAGEMENT: L('评价自设', 'Evaluation') };
const positionFlags = { INACCURATE: L('定位精度不足', 'Inaccurate fix'), NO_FIX: L('无定位', 'No fix') };
const interviewModes = { IN_PERSON: L('当面', 'In person'), PHONE: L('电话', 'Phone'), VIDEO: L('视频', 'Video') };
const consentMethods = { VERBAL: L('口头', 'verbal'), WRITTEN: L('书面', 'written') };
const channels = { ON_SITE: L('现场', 'On site'), PHONE: L('电话', 'Phone'), ONLINE: L('网络', 'Online') };
const questionKinds = { LIKERT: L('五级量表', 'Five-point scale'), CHOICE: L('单选', 'Single choice') };
/** Index = Likert value − 1. */
const likertLabels = [
  L('非常不满意', 'Very dissatisfied'),
  L('不满意', 'Dissatisfied'),
  L('一般', 'Neutral'),
  L('满意', 'Satisfied'),
  L('非常满意', 'Very satisfied'),
];
const photoExtensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

// ------------------------------------------------------------------------------------------- helpers

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

// All of China keeps UTC+8 without daylight saving, so a fixed offset gives the time the evaluator saw on the wall.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD HH:mm:ss' Beijing time; text that is not a time is shown as it is. */
const localTime = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
};
const localDate = (iso: string): string => localTime(iso).slice(0, 10);

const byTime =
  <T extends { id: string }>(time: (item: T) => string) =>
  (a: T, b: T) =>
    (Date.parse(time(a)) || 0) - (Date.parse(time(b)) || 0) || a.id.localeCompare(b.id);

const text = (value: string | null | undefined): Cell => ({ value: value ? value : null, style: 'text' });
const number = (value: number | null | undefined): Cell => ({ value: value ?? null, style: 'number' });
const integer = (value: number | null | undefined): Cell => ({ value: value ?? null, style: 'integer' });
const heading = (value: string): Cell => ({ value, style: 'header' });

const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/** Windows refuses these as file or folder names whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_SEGMENT = 60;

/** One path segment every unzip tool on Windows, macOS and Linux accepts; '' when nothing usable is left. */
export const safeSegment = (wanted: string): string => {
  const cleaned = wanted
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in file names.
    .replace(/[<>:"/\\|?*\u0000-\u001F\u007F]/g, '_')
    // A lone surrogate is no character: no file system can name a file with it.
    .replace(/\p{Cs}/gu, '_')
    .replace(/\s+/g, ' ');
  const cut = [...cleaned].slice(0, MAX_SEGMENT).join('');
  const trimmed = cut.trim().replace(/[. ]+$/, '');
  return RESERVED.test(trimmed) ? `_${trimmed}` : trimmed;
};

interface Column {
  heading: Localized;
  width: number;
}

const col = (zh: string, en: string, width: number): Column => ({ heading: L(zh, en), width });

// ------------------------------------------------------------------------------------------- builder

export const packWorkingPapers = async (input: WorkingPapersInput, language: Language): Promise<WorkingPapers> => {
  const { engagement } = input;
  const t = (label: Localized): string => label[language];
  const zh = language === 'zh-CN';

  const sites = new Map(engagement.sites.map((s) => [s.id, s]));
  const indicators = new Map(engagement.indicators.map((i) => [i.id, i]));
  const assignments = new Map(input.assignments.map((a) => [a.id, a]));
  const questionnaires = new Map(engagement.questionnaires.map((q) => [q.id, q]));
  const evaluatorOf = (r: FieldRecord): string =>
    r.evaluatorName || assignments.get(r.assignmentId)?.evaluatorName || '';
  const siteName = (id: string): string => sites.get(id)?.name ?? id;
  const indicatorName = (id: string | null): string => (id === null ? '' : (indicators.get(id)?.name ?? id));

  const siteVisits = input.records
    .filter((r): r is SiteVisit => r.type === 'SITE_VISIT')
    .sort(byTime((r) => r.arrivedAt));
  const conversations = input.records
    .filter((r): r is Conversation => r.type === 'INTERVIEW' || r.type === 'SYMPOSIUM')
    .sort(byTime((r) => r.startedAt));
  const questionnaireOrder = (id: string) => {
    const i = engagement.questionnaires.findIndex((q) => q.id === id);
    return i < 0 ? engagement.questionnaires.length : i;
  };
  const responses = input.records
    .filter((r): r is SurveyResponse => r.type === 'SURVEY_RESPONSE')
    .sort(
      (a, b) =>
        questionnaireOrder(a.questionnaireId) - questionnaireOrder(b.questionnaireId) ||
        byTime<SurveyResponse>((r) => r.deviceCreatedAt)(a, b),
    );
  const ordered: FieldRecord[] = [...siteVisits, ...conversations, ...responses];
  const records = new Map(ordered.map((r) => [r.id, r]));

  const info = zh
    ? [
        `评价项目：${engagement.title}（${engagement.id}）`,
        `年度：${engagement.fiscalYear}`,
        `被评价部门：${engagement.departmentName}`,
        `评价机构：${engagement.agencyName ?? '—'}`,
        `导出：${input.generatedBy} ${localTime(input.generatedAt)}`,
        '时间均为北京时间（UTC+8）',
      ].join('　')
    : [
        `Engagement: ${engagement.title} (${engagement.id})`,
        `Year: ${engagement.fiscalYear}`,
        `Department: ${engagement.departmentName}`,
        `Agency: ${engagement.agencyName ?? '—'}`,
        `Exported by ${input.generatedBy} at ${localTime(input.generatedAt)}`,
        'All times China Standard Time (UTC+8)',
      ].join('  ');

  /** A title row and the engagement line above the column headings, both kept in view while scrolling. */
  const sheet = (name: Localized, columns: Column[], rows: (Cell | CellValue)[][]): Sheet => {
    const last = columnName(columns.length - 1);
    return {
      name: t(name),
      columnWidths: columns.map((c) => c.width),
      rows: [[{ value: t(name), style: 'title' }], [text(info)], columns.map((c) => heading(t(c.heading))), ...rows],
      merges: [`A1:${last}1`, `A2:${last}2`],
      rowHeights: { 0: 28, 1: 32 },
      landscape: true,
      freezeRows: 3,
    };
  };

  // ---------------------------------------------------------------------------------------- photos

  const stored = new Map<string, FieldPhoto>();
  for (const photo of input.photos) {
    if (stored.has(photo.id)) throw new Error(`Photo ${photo.id} is given twice`);
    stored.set(photo.id, photo);
  }
  const totalSteps = stored.size + 1;
  let stepsDone = 0;
  /**
   * One photo's bytes, read now and checked against its recorded hash; only their size is kept beside the ZIP's
   * entry, so what is held is the archive as it grows, never a second list of every photo.
   */
  const receive = async (photo: FieldPhoto): Promise<WorkingPapersPhoto | undefined> => {
    const bytes = await input.readPhoto(photo);
    stepsDone += 1;
    await input.progress?.(stepsDone, totalSteps);
    if (!bytes) return undefined;
    // The caller has checked the upload already; a mismatch here means the bytes changed in storage since.
    const actual = sha256(bytes);
    if (actual !== photo.sha256.toLowerCase()) {
      throw new Error(
        `Photo ${photo.id} of record ${photo.recordId}: its bytes have SHA-256 ${actual}, not the recorded ${photo.sha256}`,
      );
    }
    return { photo, recordId: photo.recordId, bytes };
  };

  const recordLabel = (r: FieldRecord): string => {
    switch (r.type) {
      case 'SITE_VISIT':
        return siteName(r.siteId);
      case 'INTERVIEW':
        return `${t(fieldRecordTypes.INTERVIEW)} ${localDate(r.startedAt)} ${r.interviewee.role}`;
      case 'SYMPOSIUM':
        return `${t(fieldRecordTypes.SYMPOSIUM)} ${localDate(r.startedAt)} ${r.topic}`;
      case 'SURVEY_RESPONSE':
        return `${t(fieldRecordTypes.SURVEY_RESPONSE)} ${r.respondentCode || r.id}`;
    }
  };

  // One folder per site (every visit to it), or per other record; two sites of the same name get two folders.
  const folders = new Map<string, string>();
  const taken = new Set<string>();
  const folderOf = (recordId: string): string => {
    const record = records.get(recordId);
    const key = record?.type === 'SITE_VISIT' ? `site:${record.siteId}` : `record:${recordId}`;
    const known = folders.get(key);
    if (known) return known;
    const base = safeSegment(record ? recordLabel(record) : '') || safeSegment(recordId) || 'record';
    let folder = base;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base} (${n})`;
    taken.add(folder.toLowerCase());
    folders.set(key, folder);
    return folder;
  };

  interface PhotoRow {
    recordId: string;
    declared: DeclaredPhoto | null;
    received: { sha256: string; sizeBytes: number } | undefined;
    path: string;
  }
  const photoRows: PhotoRow[] = [];
  const photoEntries: ZipEntry[] = [];
  const photoPaths = new Set<string>();
  /**
   * A photo is named by when it was taken (Beijing time, to the minute) and its caption, in its site's
   * folder: `2027-04-10 1005 三年级一班智慧教室.jpg`; one no record declares keeps its id. Two that would
   * share a name (case aside, as Windows and macOS compare them) get " (2)", " (3)"…
   */
  const photoPath = (recordId: string, declared: DeclaredPhoto | null, item: WorkingPapersPhoto): string => {
    const extension = photoExtensions[item.photo.contentType.toLowerCase()] ?? 'bin';
    const wanted = declared ? `${localTime(declared.takenAt).slice(0, 16).replace(':', '')} ${declared.caption}` : '';
    const base = safeSegment(wanted) || safeSegment(item.photo.id) || 'photo';
    const folder = `${t(names.photos)}/${folderOf(recordId)}`;
    let path = `${folder}/${base}.${extension}`;
    for (let n = 2; photoPaths.has(path.toLowerCase()); n++) path = `${folder}/${base} (${n}).${extension}`;
    photoPaths.add(path.toLowerCase());
    return path;
  };
  const addPhoto = (recordId: string, declared: DeclaredPhoto | null, item: WorkingPapersPhoto | undefined) => {
    let path = '';
    if (item) {
      path = photoPath(recordId, declared, item);
      // Photos are JPEG, PNG or WebP: compressed already, so deflating them again only costs time.
      photoEntries.push({ name: path, data: item.bytes, compress: false });
    }
    const received = item && { sha256: item.photo.sha256.toLowerCase(), sizeBytes: item.bytes.byteLength };
    photoRows.push({ recordId, declared, received, path });
  };
  const placed = new Set<string>();
  for (const record of ordered) {
    for (const declared of record.photos) {
      const photo = stored.get(declared.id);
      if (photo) placed.add(declared.id);
      addPhoto(record.id, declared, photo && (await receive(photo)));
    }
  }
  // A photo no record declares should not exist, but evidence that was received is never left out.
  for (const photo of [...stored.values()]
    .filter((p) => !placed.has(p.id))
    .sort((a, b) => a.recordId.localeCompare(b.recordId) || a.id.localeCompare(b.id))) {
    addPhoto(photo.recordId, null, await receive(photo));
  }

  // ------------------------------------------------------------------------------------- framework

  const levelOrder = (level: string) => evaluationLevel1Codes.indexOf(level as (typeof evaluationLevel1Codes)[number]);
  const frameworkRows = engagement.indicators
    .map((indicator, i) => ({ indicator, i }))
    .sort((a, b) => levelOrder(a.indicator.level1) - levelOrder(b.indicator.level1) || a.i - b.i)
    .map(({ indicator }, i): (Cell | CellValue)[] => [
      integer(i + 1),
      text(t(evaluationLevels[indicator.level1])),
      text(indicator.level2),
      text(indicator.name),
      text(t(indicatorSources[indicator.source])),
      text(indicator.target),
      number(indicator.points),
      text(indicator.standard),
      text(
        indicator.claim ? `${t(claimSources[indicator.claim.source])}${zh ? '：' : ': '}${indicator.claim.value}` : '',
      ),
    ]);
  const totalPoints = Math.round(engagement.indicators.reduce((sum, i) => sum + i.points, 0) * 100) / 100;
  const frameworkSheet = sheet(
    names.framework,
    [
      col('序号', 'No.', 6),
      col('一级指标', 'Level 1', 10),
      col('二级指标', 'Level 2', 14),
      col('三级指标', 'Indicator', 28),
      col('指标来源', 'Source', 12),
      col('目标值', 'Target', 16),
      col('分值', 'Points', 8),
      col('评分标准', 'Scoring standard', 50),
      col('单位申报值', 'Department claim', 28),
    ],
    [
      ...frameworkRows,
      [
        { value: zh ? '合计' : 'Total', style: 'label' },
        ...Array.from({ length: 5 }, () => text('')),
        number(totalPoints),
        text(''),
        text(''),
      ],
    ],
  );

  // ----------------------------------------------------------------------------------- site visits

  const siteVisitRows = siteVisits.flatMap((r) => {
    const visit: (Cell | CellValue)[] = [
      text(r.id),
      text(siteName(r.siteId)),
      text(evaluatorOf(r)),
      text(r.accompaniedBy),
      text(localTime(r.arrivedAt)),
      text(localTime(r.departedAt)),
      text(localTime(r.receivedAt)),
      text(localTime(r.departureReceivedAt)),
      number(r.position?.latitude),
      number(r.position?.longitude),
      number(r.position?.accuracyMetres),
      text(r.positionFlag ? t(positionFlags[r.positionFlag]) : ''),
      text(r.positionNote),
    ];
    const after: (Cell | CellValue)[] = [
      text(r.findings),
      text(r.signature?.signerName),
      text(localTime(r.signature?.signedAt)),
      integer(r.photos.length),
    ];
    // A visit with no check items still gets its row: the visit itself is evidence.
    const checks = r.checks.length > 0 ? r.checks : [null];
    return checks.map((c): (Cell | CellValue)[] => [
      ...visit,
      text(c ? indicatorName(c.indicatorId) : ''),
      text(c?.claim),
      text(c ? t(checkMethods[c.method]) : ''),
      text(c?.declaredValue),
      text(c?.observedValue),
      text(c?.verdict ? t(verdicts[c.verdict]) : ''),
      text(c?.note),
      ...after,
    ]);
  });
  const siteVisitSheet = sheet(
    names.siteVisits,
    [
      col('记录编号', 'Record', 38),
      col('核查点位', 'Site', 20),
      col('评价人员', 'Evaluator', 10),
      col('陪同人员', 'Accompanied by', 14),
      col('到达时间（设备）', 'Arrived (device)', 20),
      col('离开时间（设备）', 'Departed (device)', 20),
      col('到达记录接收时间（服务器）', 'Arrival received (server)', 20),
      col('离开记录接收时间（服务器）', 'Departure received (server)', 20),
      col('纬度', 'Latitude', 12),
      col('经度', 'Longitude', 12),
      col('定位精度（米）', 'Accuracy (m)', 10),
      col('定位标记', 'Position flag', 12),
      col('定位说明', 'Position note', 20),
      col('核查指标', 'Indicator', 24),
      col('单位申报内容', 'Claim', 28),
      col('核查方法', 'Method', 8),
      col('申报值', 'Declared value', 12),
      col('核实值', 'Observed value', 12),
      col('核查结论', 'Verdict', 10),
      col('核查说明', 'Note', 30),
      col('核查发现', 'Findings', 40),
      col('签字人', 'Signed by', 10),
      col('签字时间', 'Signed at', 20),
      col('照片数', 'Photos', 7),
    ],
    siteVisitRows,
  );

  // ------------------------------------------------------------------------- interviews and symposia

  const consentText = (r: Extract<FieldRecord, { type: 'INTERVIEW' }>): string => {
    if (!r.consent.given) return zh ? '未同意' : 'Not given';
    const method = r.consent.method ? t(consentMethods[r.consent.method]) : '';
    if (zh) return method ? `已同意（${method}）` : '已同意';
    return method ? `Given (${method})` : 'Given';
  };
  const conversationRows = conversations.flatMap((r) => {
    const interview = r.type === 'INTERVIEW' ? r : null;
    const symposium = r.type === 'SYMPOSIUM' ? r : null;
    const participants = symposium?.participants
      .map((p) => `${t(intervieweeCategories[p.category])}·${p.role}×${p.count}`)
      .join(zh ? '；' : '; ');
    const head: (Cell | CellValue)[] = [
      text(r.id),
      text(t(fieldRecordTypes[r.type])),
      text(localTime(r.startedAt)),
      text(r.place),
      text(interview ? t(interviewModes[interview.mode]) : ''),
      text(symposium?.topic),
      text(interview ? t(intervieweeCategories[interview.interviewee.category]) : ''),
      text(interview?.interviewee.role),
      // A name is evidence only with the interviewee's consent; without it the row must not identify them.
      text(interview?.consent.given ? interview.interviewee.name : ''),
      text(interview ? consentText(interview) : ''),
      text(participants),
    ];
    const tail = [text(r.notes), text(evaluatorOf(r))];
    const answers = r.answers.length > 0 ? r.answers : [null];
    return answers.map((a): (Cell | CellValue)[] => [...head, text(a?.question), text(a?.answer), ...tail]);
  });
  const conversationSheet = sheet(
    names.conversations,
    [
      col('记录编号', 'Record', 38),
      col('类型', 'Type', 8),
      col('时间', 'Time', 20),
      col('地点', 'Place', 16),
      col('方式', 'Mode', 8),
      col('座谈议题', 'Topic', 20),
      col('受访对象类别', 'Interviewee category', 12),
      col('职务/身份', 'Role', 14),
      col('姓名', 'Name', 10),
      col('知情同意', 'Consent', 14),
      col('参加人员', 'Participants', 30),
      col('问题', 'Question', 36),
      col('回答', 'Answer', 50),
      col('备注', 'Notes', 36),
      col('评价人员', 'Evaluator', 10),
    ],
    conversationRows,
  );

  // -------------------------------------------------------------------------------- survey responses

  const responseRows = responses.flatMap((r) => {
    const questionnaire: Questionnaire | undefined = questionnaires.get(r.questionnaireId);
    const head: (Cell | CellValue)[] = [
      text(r.id),
      text(questionnaire?.title ?? r.questionnaireId),
      text(t(respondentGroups[r.respondentGroup])),
      text(t(channels[r.channel])),
      text(r.respondentCode),
      text(localTime(r.deviceCreatedAt)),
    ];
    const known = questionnaire?.questions ?? [];
    // Answers to questions the questionnaire no longer has are kept too, under their question id.
    const questions: { no: number | null; id: string; text: string; kind: SurveyQuestion['kind'] | null }[] = [
      ...known.map((q, i) => ({ no: i + 1, id: q.id, text: q.text, kind: q.kind })),
      ...r.answers
        .filter((a) => !known.some((q) => q.id === a.questionId))
        .map((a) => ({ no: null, id: a.questionId, text: a.questionId, kind: null })),
    ];
    return questions.map((q): (Cell | CellValue)[] => {
      const answer = r.answers.find((a) => a.questionId === q.id);
      const likert = answer?.likert ?? null;
      const likertLabel = likert === null ? undefined : likertLabels[likert - 1];
      return [
        ...head,
        integer(q.no),
        text(q.text),
        text(q.kind ? t(questionKinds[q.kind]) : ''),
        integer(likert),
        text(likertLabel ? t(likertLabel) : ''),
        text(answer?.choice),
      ];
    });
  });
  const responseSheet = sheet(
    names.responses,
    [
      col('记录编号', 'Record', 38),
      col('问卷', 'Questionnaire', 24),
      col('调查对象', 'Respondent group', 12),
      col('调查方式', 'Channel', 8),
      col('受访者编号', 'Respondent code', 12),
      col('填写时间（设备）', 'Filled in (device)', 20),
      col('题号', 'No.', 6),
      col('题目', 'Question', 36),
      col('题型', 'Kind', 10),
      col('评分（1–5）', 'Score (1–5)', 10),
      col('评分含义', 'Meaning', 12),
      col('选择', 'Choice', 16),
    ],
    responseRows,
  );

  // ---------------------------------------------------------------------------------- survey summary

  const summary = summariseSurvey(engagement.questionnaires, responses);
  const titleOf = (id: string) => questionnaires.get(id)?.title ?? id;
  const questionText = (questionnaireId: string, questionId: string) =>
    questionnaires.get(questionnaireId)?.questions.find((q) => q.id === questionId)?.text ?? questionId;
  const summaryRows: (Cell | CellValue)[][] = summary.questionnaires.map((s) => [
    text(titleOf(s.questionnaireId)),
    text(t(respondentGroups[s.respondentGroup])),
    number(s.groupWeight),
    integer(s.returned),
    integer(s.valid),
    integer(s.minimumSample),
    text(t(s.belowMinimumSample ? yesNo.yes : yesNo.no)),
    number(s.rate),
    number(s.score),
    text(t(s.belowMinimumSample || s.rate === null ? yesNo.no : yesNo.yes)),
  ]);
  summaryRows.push([
    {
      value: zh
        ? '综合（按组权重，未达最低样本量的问卷不计）'
        : 'Combined (by group weight, excluding questionnaires below their minimum sample)',
      style: 'label',
    },
    ...Array.from({ length: 6 }, () => text('')),
    number(summary.combinedRate),
    number(summary.combinedScore),
    text(''),
  ]);
  const likertHeadings = [...likertLabels]
    .reverse()
    .map((label, i) => (zh ? `${t(label)}（${5 - i}）` : `${t(label)} (${5 - i})`));
  summaryRows.push(
    [],
    [
      heading(zh ? '问卷' : 'Questionnaire'),
      heading(zh ? '题目' : 'Question'),
      ...likertHeadings.map(heading),
      heading(zh ? '有效回答' : 'Valid answers'),
      heading(zh ? '满意率（%）' : 'Satisfaction rate (%)'),
      heading(zh ? '满意度得分' : 'Score'),
    ],
  );
  for (const s of summary.questionnaires) {
    for (const q of s.questions) {
      summaryRows.push([
        text(titleOf(s.questionnaireId)),
        text(questionText(s.questionnaireId, q.questionId)),
        ...[...q.counts].reverse().map(integer),
        integer(q.answered),
        number(q.rate),
        number(q.score),
      ]);
    }
  }
  const choiceRows = summary.questionnaires.flatMap((s) =>
    s.choices.flatMap((c) =>
      Object.entries(c.counts).map(([option, count]): (Cell | CellValue)[] => [
        text(titleOf(s.questionnaireId)),
        text(questionText(s.questionnaireId, c.questionId)),
        text(option),
        integer(count),
      ]),
    ),
  );
  if (choiceRows.length > 0) {
    summaryRows.push(
      [],
      [zh ? '问卷' : 'Questionnaire', zh ? '题目' : 'Question', zh ? '选项' : 'Option', zh ? '次数' : 'Count'].map(
        heading,
      ),
      ...choiceRows,
    );
  }
  const weights = fieldworkDefaults.likertWeights.join('/');
  summaryRows.push(
    [],
    [
      zh
        ? `满意率 =（非常满意 + 满意）÷ 有效回答；满意度得分按非常满意…非常不满意 ${weights} 加权。有效问卷：每道量表题均有作答。`
        : `Rate = (very satisfied + satisfied) ÷ valid answers; score weights very satisfied … very dissatisfied ${weights}. A valid response answers every scale question.`,
    ],
  );
  const surveySummarySheet = sheet(
    names.surveySummary,
    [
      col('问卷', 'Questionnaire', 24),
      col('调查对象', 'Respondent group', 24),
      col('组权重（%）', 'Group weight (%)', 12),
      col('回收份数', 'Returned', 12),
      col('有效份数', 'Valid', 12),
      col('最低样本量', 'Minimum sample', 12),
      col('低于最低样本量', 'Below minimum', 14),
      col('满意率（%）', 'Satisfaction rate (%)', 14),
      col('满意度得分', 'Score', 12),
      col('计入综合', 'In combined result', 12),
    ],
    summaryRows,
  );

  // ---------------------------------------------------------------------------------- photo register

  const photoRegisterRows = photoRows.map(({ recordId, declared, received: item, path }, i) => {
    const record = records.get(recordId);
    return [
      integer(i + 1),
      text(recordId),
      text(record ? t(fieldRecordTypes[record.type]) : ''),
      text(record ? recordLabel(record) : ''),
      text(path),
      text(declared?.caption),
      text(localTime(declared?.takenAt)),
      number(declared?.position?.latitude),
      number(declared?.position?.longitude),
      number(declared?.position?.accuracyMetres),
      text(item?.sha256 ?? declared?.sha256),
      integer(item ? item.sizeBytes : declared?.sizeBytes),
      text(t(item ? yesNo.yes : yesNo.no)),
    ];
  });
  const photoSheet = sheet(
    names.photoList,
    [
      col('序号', 'No.', 6),
      col('记录编号', 'Record', 38),
      col('记录类型', 'Record type', 10),
      col('点位/对象', 'Site or subject', 20),
      col('文件路径', 'File in this archive', 50),
      col('说明', 'Caption', 30),
      col('拍摄时间', 'Taken at', 20),
      col('纬度', 'Latitude', 12),
      col('经度', 'Longitude', 12),
      col('定位精度（米）', 'Accuracy (m)', 10),
      col('SHA-256', 'SHA-256', 68),
      col('大小（字节）', 'Size (bytes)', 12),
      col('已接收', 'Received', 8),
    ],
    photoRegisterRows,
  );

  // ------------------------------------------------------------------------------------------- ZIP

  const workbook = writeXlsx({
    sheets: [frameworkSheet, siteVisitSheet, conversationSheet, responseSheet, surveySummarySheet, photoSheet],
    creator: input.generatedBy,
    createdAt: input.generatedAt,
  });
  // An XLSX is a ZIP of deflated parts already.
  const papers: ZipEntry[] = (input.papers ?? []).map((p) => ({
    name: p.path,
    data: p.data,
    // Office files (XLSX, DOCX) are ZIPs of deflated parts already; PDFs and pictures are compressed too.
    compress: !/\.(xlsx|docx|pdf|jpe?g|png|webp)$/i.test(p.path),
  }));
  const files: ZipEntry[] = [{ name: t(names.workbook), data: workbook, compress: false }, ...photoEntries, ...papers];
  const manifest: ManifestEntry[] = files.map((f) => ({
    path: f.name,
    sha256: sha256(f.data),
    sizeBytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength,
  }));
  const manifestJson = `${JSON.stringify(
    {
      engagement: { id: engagement.id, title: engagement.title },
      generatedAt: input.generatedAt,
      generatedBy: input.generatedBy,
      files: manifest,
    },
    null,
    2,
  )}\n`;
  // The sha256sum format, so `sha256sum -c manifest.sha256` checks every file, manifest.json included.
  const checksums = [...manifest, { path: 'manifest.json', sha256: sha256(manifestJson) }]
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
  const archive = zip([
    ...files,
    { name: 'manifest.json', data: manifestJson },
    { name: 'manifest.sha256', data: checksums },
  ]);
  stepsDone += 1;
  await input.progress?.(stepsDone, totalSteps);
  return { zip: archive, manifest };
};
