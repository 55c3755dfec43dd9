import { createHash } from 'node:crypto';
import { qualityReviewLevels, type ReviewEntry } from '@jixiao/core/fieldwork/engagement.ts';
import { maxPayments } from '@jixiao/core/key-evaluation/account-check.ts';
import {
  drawAccountSample,
  methodText,
  populationKey,
  type SampleReason,
  yuanText,
} from '@jixiao/core/key-evaluation/account-check-sample.ts';
import { accountCheckTotals } from '@jixiao/core/key-evaluation/account-check-totals.ts';
import { engagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { scoringTable } from '@jixiao/core/key-evaluation/evaluation-report-scoring-table.ts';
import { findingCategories } from '@jixiao/core/key-evaluation/finding.ts';
import { answerPositions, handlingDecisions } from '@jixiao/core/key-evaluation/opinion-exchange.ts';
import { paperDocuments, type ScoringPaper, scoringMethods } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import type { Language, Localized } from '@jixiao/core/language.ts';
import { reviewGrades } from '@jixiao/core/submission/performance-target.ts';
import { scoringTableSheet } from '#functions/export/docx/scoring-table-xlsx.ts';
import type { Cell, CellValue, Sheet } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { type PaperFile, safeSegment } from '#functions/fieldwork/working-papers.ts';
import {
  accountCheckKind,
  accountPaymentKind,
  type StoredAccountCheck,
  type StoredPayment,
} from '#functions/key-evaluation/account-check-kind.ts';
import { evaluationReportSource } from '#functions/key-evaluation/evaluation-report-source.ts';
import {
  opinionExchangeKind,
  readAnswers,
  readFindings,
  type StoredOpinionExchange,
} from '#functions/key-evaluation/finding-kind.ts';
import { papersOfFramework, readScoringPapers } from '#functions/key-evaluation/scoring-paper-kind.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';

/**
 * The archive's sections (docs/domain/key-evaluation.md#the-archive): beside the field records and photos that
 * functions/src/fieldwork/working-papers.ts packs, each section adds the papers of one part of the conclusion
 * (绩效指标底稿, 账务核查, 问题汇总表, 意见交换记录, 质量复核单, the final report) under 结论底稿/. A section whose
 * records the engagement does not have yet adds nothing: the manifest lists what the archive holds. The papers'
 * file names follow the archive's language; the issue summary and the exchange are written in Chinese, as filed.
 */
export interface PaperSectionContext {
  store: RecordStore;
  tenant: string;
  engagement: StoredEngagement;
  language: Language;
  /** ISO 8601: the workbooks' creation time, so the same papers give the same bytes. */
  generatedAt: string;
  generatedBy: string;
  /** The bytes of a document uploaded for a paper, from the evidence bucket (undefined when it has none). */
  readDocument: (key: string) => Promise<Uint8Array | undefined>;
}

export interface PaperSection {
  /** The section's name, as its failure would name it. */
  name: string;
  papers(context: PaperSectionContext): Promise<PaperFile[]>;
}

const L = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });
export const conclusionFolder = L('结论底稿', 'conclusion');

const levelNames: Record<ReviewEntry['level'], Localized> = {
  ...qualityReviewLevels,
  FINANCE: L('财政部门审核', 'Finance bureau review'),
};
const decisions: Record<ReviewEntry['decision'], Localized> = {
  approve: L('通过', 'Approved'),
  return: L('退回', 'Returned'),
};

/**
 * 质量复核单: the agency's review levels and the bureau's review, oldest first, and what the final report fixed
 * (score and grade) once it has; none before the first review.
 */
export const qualityReviewSection: PaperSection = {
  name: '质量复核单',
  papers: async ({ engagement, language, generatedAt, generatedBy }) => {
    const reviews = engagement.reviews ?? [];
    if (reviews.length === 0 && !engagement.conclusion) return [];
    const t = (label: Localized) => label[language];
    const zh = language === 'zh-CN';
    const title = zh ? '质量复核单' : 'Quality review sheet';
    const heading = (value: string): Cell => ({ value, style: 'header' });
    const rows: (Cell | CellValue)[][] = [
      [{ value: title, style: 'title' }],
      [`${engagement.title}（${engagement.id}）`],
      (zh
        ? ['序号', '复核层级', '结论', '复核人', '复核意见', '处理情况', '时间']
        : ['No.', 'Level', 'Decision', 'Reviewer', 'Comments', 'Resolution', 'At']
      ).map(heading),
      ...reviews.map((r, i): (Cell | CellValue)[] => [
        { value: i + 1, style: 'integer' },
        t(levelNames[r.level]),
        t(decisions[r.decision]),
        r.reviewerName,
        r.comments,
        r.resolution,
        r.at,
      ]),
    ];
    const c = engagement.conclusion;
    if (c) {
      rows.push(
        [],
        [
          { value: zh ? '评价结论' : 'Conclusion', style: 'label' },
          zh
            ? `得分 ${c.score}，等级 ${t(reviewGrades[c.grade])}；${c.finalizedByName} ${c.finalizedAt} 定稿`
            : `Score ${c.score}, grade ${t(reviewGrades[c.grade])}; finalised by ${c.finalizedByName} at ${c.finalizedAt}`,
        ],
      );
    }
    const bytes = writeXlsx({
      sheets: [
        {
          name: title,
          columnWidths: [6, 16, 8, 12, 48, 48, 24],
          rows,
          merges: ['A1:G1', 'A2:G2'],
          freezeRows: 3,
          landscape: true,
        },
      ],
      creator: generatedBy,
      createdAt: generatedAt,
    });
    return [{ path: `${t(conclusionFolder)}/${zh ? '质量复核单' : 'quality-review'}.xlsx`, data: bytes }];
  },
};

/** A paper of one sheet: its title, the engagement's line, the column headings and the rows; frozen above the rows. */
const paperSheet = (
  title: string,
  engagement: StoredEngagement,
  columns: readonly (readonly [string, number])[],
  rows: (Cell | CellValue)[][],
): Sheet => {
  const last = String.fromCharCode(64 + columns.length);
  return {
    name: title,
    columnWidths: columns.map(([, width]) => width),
    rows: [
      [{ value: title, style: 'title' }],
      [`${engagement.title}（${engagement.id}）`],
      columns.map(([value]): Cell => ({ value, style: 'header' })),
      ...rows,
    ],
    merges: [`A1:${last}1`, `A2:${last}2`],
    freezeRows: 3,
    landscape: true,
  };
};

/**
 * 绩效指标底稿: the scoring table (评分表) as the report's annex has it, every figure the engine's with the year's
 * scoring settings, and one row per level-3 indicator with its paper: standard, data source, what it links to,
 * the verification, how it was scored (each deduction with its reason), deviation, cause, responsible party and
 * suggestion. An indicator without a saved paper is listed as not scored. None before the first paper is saved.
 */
export const scoringPapersSection: PaperSection = {
  name: '绩效指标底稿',
  papers: async ({ store, tenant, engagement, language, generatedAt, generatedBy, readDocument }) => {
    const saved = await readScoringPapers(store, tenant, engagement.id);
    if (saved.length === 0) return [];
    const documents = await paperDocumentFiles(engagement, saved, language, readDocument);
    const settings = await scoringSettingsOperations(store).scoringFor(tenant, engagement.fiscalYear);
    const papers = papersOfFramework(engagement, saved);
    // The rows show what was saved; an indicator without a saved paper is listed as not scored.
    const byIndicator = new Map(saved.map((paper) => [paper.indicatorId, paper]));
    const table = scoringTable(
      engagement.indicators,
      papers,
      engagementScore(engagement, papers, settings),
      settings.rounding,
    );
    const scoreSheet = scoringTableSheet(table, {
      title: '评分表',
      subtitle: `${engagement.title}　合计 ${table.totalText}　等级 ${table.gradeLabel}`,
    });
    const rowOf = new Map(table.groups.flatMap((g) => g.rows.map((r) => [r.indicatorId, r] as const)));
    const rows = engagement.indicators.map((indicator, i): (Cell | CellValue)[] => {
      const paper = byIndicator.get(indicator.id);
      const row = rowOf.get(indicator.id);
      const links = paper?.evidence;
      const files = documents.listed.get(indicator.id) ?? [];
      return [
        { value: i + 1, style: 'integer' },
        indicator.level2,
        indicator.name,
        { value: indicator.points, style: 'number' },
        paper?.standard || indicator.standard,
        paper?.dataSource ?? '',
        links
          ? [
              `现场记录 ${links.recordIds.length} 条；照片 ${links.photoIds.length} 张；问卷 ${links.questionnaireIds.length} 份；文件 ${files.length} 份`,
              ...files,
            ].join('\n')
          : '',
        paper?.verification ?? '',
        paper?.scoring ? scoringMethods[paper.scoring.method]['zh-CN'] : '',
        (row?.deductions ?? []).join('\n'),
        row?.scoreText ?? '—',
        paper?.deviation ?? '',
        paper?.causeAnalysis ?? '',
        paper?.responsibleParty ?? '',
        paper?.suggestion ?? '',
        paper?.amendment ? `已修正：${paper.amendment.reason}` : '',
      ];
    });
    const paperRows = paperSheet(
      '指标底稿',
      engagement,
      [
        ['序号', 6],
        ['二级指标', 12],
        ['三级指标', 20],
        ['分值', 8],
        ['评价标准', 30],
        ['数据来源', 20],
        ['佐证材料', 24],
        ['核查情况', 36],
        ['评分方法', 12],
        ['扣分及理由', 36],
        ['得分', 8],
        ['偏差', 14],
        ['原因分析', 30],
        ['责任主体', 14],
        ['整改建议', 30],
        ['修正', 20],
      ],
      rows,
    );
    return [
      {
        path: `${conclusionFolder[language]}/${language === 'en' ? 'scoring-papers' : '绩效指标底稿'}.xlsx`,
        data: writeXlsx({ sheets: [scoreSheet, paperRows], creator: generatedBy, createdAt: generatedAt }),
      },
      ...documents.files,
    ];
  },
};

/**
 * The documents uploaded for the papers, each under 结论底稿/指标文件/<n>-<indicator>/ with its own name, and for each
 * paper the line the sheet lists it by (its path in the archive, or that the bucket no longer has it). Bytes that no
 * longer match the hash recorded at upload fail the archive, as a photo's do.
 */
const paperDocumentFiles = async (
  engagement: StoredEngagement,
  papers: readonly ScoringPaper[],
  language: Language,
  readDocument: PaperSectionContext['readDocument'],
) => {
  const listed = new Map<string, string[]>();
  const files: PaperFile[] = [];
  const folder = `${conclusionFolder[language]}/${language === 'en' ? 'indicator-documents' : '指标文件'}`;
  for (const [i, indicator] of engagement.indicators.entries()) {
    const paper = papers.find((p) => p.indicatorId === indicator.id);
    const lines: string[] = [];
    for (const [j, document] of paperDocuments(paper?.evidence ?? {}).entries()) {
      const bytes = await readDocument(document.key);
      if (!bytes) {
        lines.push(`${document.name}（文件缺失）`);
        continue;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== document.sha256) {
        throw new Error(`document ${document.id} of paper ${paper?.id} does not match its hash`);
      }
      const path = `${folder}/${i + 1}-${safeSegment(indicator.name)}/${j + 1}-${safeSegment(document.name)}`;
      files.push({ path, data: bytes });
      lines.push(path);
    }
    listed.set(indicator.id, lines);
  }
  return { listed, files };
};

const checkNames = { OK: '相符', ABNORMAL: '异常', NOT_APPLICABLE: '不适用' } as const;
const sampleNames: Record<SampleReason, string> = { THRESHOLD: '达到金额标准', RANDOM: '随机抽取' };

/**
 * 账务核查: every payment of the project in date order, whether the sample in force took it (and why), its check
 * against budget, contract and voucher, the explanation of an abnormal one and the findings it is listed under; above
 * them the sampling method with its seed (as the report states it), whether the list changed since the draw, and the
 * totals (core's). None before the first payment or draw.
 */
export const accountCheckSection: PaperSection = {
  name: '账务核查',
  papers: async ({ store, tenant, engagement, language, generatedAt, generatedBy }) => {
    const [check, payments] = await Promise.all([
      store.get<StoredAccountCheck>(tenant, accountCheckKind, engagement.id),
      listAll<StoredPayment>(store, tenant, accountPaymentKind, { ownerId: engagement.id }, maxPayments),
    ]);
    if (!check && payments.length === 0) return [];
    const draw = check?.draws.at(-1);
    const reasons = draw ? drawAccountSample(payments, draw).reasons : new Map<string, SampleReason>();
    const ordered = [...payments].sort(
      (a, b) =>
        a.paymentDate.localeCompare(b.paymentDate) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const totals = accountCheckTotals(
      ordered.map((p) => ({
        amountFen: p.amountFen,
        sampled: reasons.has(p.id),
        abnormal: p.check?.abnormal === true,
        checked: p.check !== null,
      })),
    );
    const yuan = (fen: number | null): Cell | CellValue => (fen === null ? null : { value: fen / 100, style: 'money' });
    const rows = ordered.map((p, i): (Cell | CellValue)[] => {
      const reason = reasons.get(p.id);
      return [
        { value: i + 1, style: 'integer' },
        p.paymentDate,
        p.payee,
        yuan(p.amountFen),
        p.reference,
        p.quotaIssueDate,
        p.milestone,
        p.budgetLine,
        yuan(p.budgetAmountFen),
        reason ? sampleNames[reason] : '未抽中',
        p.check ? checkNames[p.check.budget] : '',
        p.check ? checkNames[p.check.contract] : '',
        p.check ? checkNames[p.check.voucher] : '',
        p.check ? (p.check.abnormal ? '是' : '否') : '',
        p.check?.explanation ?? '',
        p.check?.evidenceNumber ?? '',
        p.check?.findingIds.length ? `${p.check.findingIds.length} 项` : '',
        p.check ? `${p.checkedByName ?? ''} ${p.checkedAt ?? ''}`.trim() : '',
      ];
    });
    const method = draw
      ? `${methodText(draw, draw.random)}${draw.populationKey === populationKey(payments) ? '' : '（抽样后支付清单已变动，需重新抽样）'}；${draw.byName} ${draw.at}`
      : '尚未抽样';
    rows.push(
      [],
      [{ value: '抽样方法', style: 'label' }, method],
      [
        { value: '合计', style: 'label' },
        `支付 ${totals.populationCount} 笔、${yuanText(totals.populationFen)} 元；抽查 ${totals.sampleCount} 笔、${yuanText(totals.sampleFen)} 元（覆盖 ${totals.coveragePct ?? '—'}%）；已核查 ${totals.checkedCount} 笔；异常 ${totals.abnormalCount} 笔、${yuanText(totals.abnormalFen)} 元`,
      ],
    );
    const sheet = paperSheet(
      '账务核查',
      engagement,
      [
        ['序号', 6],
        ['支付日期', 12],
        ['收款方', 20],
        ['金额（元）', 14],
        ['合同号或凭证号', 16],
        ['指标下达日期', 12],
        ['验收节点', 14],
        ['预算项目', 18],
        ['预算金额（元）', 14],
        ['抽样', 12],
        ['预算', 8],
        ['合同', 8],
        ['凭证', 8],
        ['异常', 6],
        ['说明', 36],
        ['凭证编号', 14],
        ['关联问题', 10],
        ['核查人及时间', 28],
      ],
      rows,
    );
    return [
      {
        path: `${conclusionFolder[language]}/${language === 'en' ? 'account-check' : '账务核查'}.xlsx`,
        data: writeXlsx({ sheets: [sheet], creator: generatedBy, createdAt: generatedAt }),
      },
    ];
  },
};

/**
 * 问题汇总表: every finding, oldest first (the summary's order), a withdrawn one kept and marked, a corrected one with
 * its amendment's reason; in Chinese, as the agency files it.
 */
export const issueSummarySection: PaperSection = {
  name: '问题汇总表',
  papers: async ({ store, tenant, engagement, language, generatedAt, generatedBy }) => {
    const findings = await readFindings(store, tenant, engagement.id);
    if (findings.length === 0) return [];
    const rows = findings.map((f, i): (Cell | CellValue)[] => [
      { value: i + 1, style: 'integer' },
      findingCategories[f.category]['zh-CN'],
      f.title,
      f.facts,
      f.amount === null ? null : { value: f.amount, style: 'money' },
      f.quantity,
      f.basis,
      [
        f.evidence.fieldRecordIds.length ? `现场记录 ${f.evidence.fieldRecordIds.length} 条` : '',
        f.evidence.photoIds.length ? `照片 ${f.evidence.photoIds.length} 张` : '',
        f.evidence.indicatorIds.length ? `指标 ${f.evidence.indicatorIds.length} 项` : '',
      ]
        .filter(Boolean)
        .join('；'),
      f.responsibleParty,
      f.suggestion,
      f.reportParagraph,
      [f.withdrawn ? '已撤回' : '', f.amendment ? `已修正：${f.amendment.reason}` : ''].filter(Boolean).join('；'),
    ]);
    const sheet = paperSheet(
      '问题汇总表',
      engagement,
      [
        ['序号', 6],
        ['问题类别', 10],
        ['问题', 24],
        ['事实描述', 48],
        ['金额（元）', 14],
        ['数量', 12],
        ['依据', 30],
        ['证据', 20],
        ['责任主体', 14],
        ['整改建议', 36],
        ['报告段落', 10],
        ['状态', 20],
      ],
      rows,
    );
    return [
      {
        path: `${conclusionFolder[language]}/${language === 'en' ? 'issue-summary' : '问题汇总表'}.xlsx`,
        data: writeXlsx({ sheets: [sheet], creator: generatedBy, createdAt: generatedAt }),
      },
    ];
  },
};

/**
 * 意见交换记录: when the findings were sent and by whom, the department's submitted answer to each finding and how
 * the agency handled it, and the close (late, with its note). The department's unsent drafts are its own, not a
 * paper: they are not packed.
 */
export const opinionExchangeSection: PaperSection = {
  name: '意见交换记录',
  papers: async ({ store, tenant, engagement, language, generatedAt, generatedBy }) => {
    const exchange = await store.get<StoredOpinionExchange>(tenant, opinionExchangeKind, engagement.id);
    if (!exchange) return [];
    const [findings, answers] = await Promise.all([
      readFindings(store, tenant, engagement.id),
      exchange.submittedAt ? readAnswers(store, tenant, engagement.id) : Promise.resolve([]),
    ]);
    const answerOf = new Map(answers.map((a) => [a.findingId, a]));
    const rows = findings.map((f, i): (Cell | CellValue)[] => {
      const a = answerOf.get(f.id);
      return [
        { value: i + 1, style: 'integer' },
        f.title,
        a ? answerPositions[a.position]['zh-CN'] : '未答复',
        a?.explanation ?? '',
        a?.answeredByName ?? '',
        a?.handling ? handlingDecisions[a.handling.decision]['zh-CN'] : '',
        a?.handling?.reason ?? '',
        a?.handling ? `${a.handling.byName} ${a.handling.at}` : '',
      ];
    });
    rows.push(
      [],
      [{ value: '发送', style: 'label' }, `${exchange.sentByName} ${exchange.sentAt}，答复期限 ${exchange.dueDate}`],
      [
        { value: '部门提交', style: 'label' },
        exchange.submittedAt ? `${exchange.submittedByName ?? ''} ${exchange.submittedAt}` : '未提交',
      ],
      [
        { value: '结束', style: 'label' },
        exchange.closedAt
          ? `${exchange.closedByName ?? ''} ${exchange.closedAt}${exchange.lateNote ? `（逾期未答复：${exchange.lateNote}）` : ''}`
          : '尚未结束',
      ],
    );
    const sheet = paperSheet(
      '意见交换记录',
      engagement,
      [
        ['序号', 6],
        ['问题', 24],
        ['部门意见', 10],
        ['部门说明', 40],
        ['答复人', 10],
        ['处理结果', 12],
        ['处理理由', 40],
        ['处理人及时间', 28],
      ],
      rows,
    );
    return [
      {
        path: `${conclusionFolder[language]}/${language === 'en' ? 'opinion-exchange' : '意见交换记录'}.xlsx`,
        data: writeXlsx({ sheets: [sheet], creator: generatedBy, createdAt: generatedAt }),
      },
    ];
  },
};

/**
 * 评价报告: the final report as the bureau approved it, as DOCX, read as the report's screen and downloads read it
 * (functions/src/key-evaluation/evaluation-report-source.ts); nothing before the final report locked the papers,
 * since a draft is not what is filed.
 */
export const finalReportSection: PaperSection = {
  name: '评价报告',
  papers: async ({ store, tenant, engagement, language, generatedAt, generatedBy }) => {
    const source = evaluationReportSource(store);
    const assembled = await source.assemble(tenant, engagement);
    if (assembled.state !== 'locked') return [];
    return [
      {
        path: `${conclusionFolder[language]}/${language === 'en' ? 'final-report' : '评价报告'}.docx`,
        data: await source.docx(tenant, engagement, { generatedAt, generatedBy }, assembled),
      },
    ];
  },
};

/** The sections the archive holds, in the order of 10号's steps. */
export const archivePaperSections: readonly PaperSection[] = [
  scoringPapersSection,
  accountCheckSection,
  issueSummarySection,
  opinionExchangeSection,
  qualityReviewSection,
  finalReportSection,
];

/** Every section's papers, one section after another (each reads its own records). */
export const readArchivePapers = async (
  context: PaperSectionContext,
  sections: readonly PaperSection[] = archivePaperSections,
): Promise<PaperFile[]> => {
  const papers: PaperFile[] = [];
  for (const section of sections) papers.push(...(await section.papers(context)));
  return papers;
};
