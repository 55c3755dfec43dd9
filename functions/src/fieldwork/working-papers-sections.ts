import { qualityReviewLevels, type ReviewEntry } from '@jixiao/core/fieldwork/engagement.ts';
import type { Language, Localized } from '@jixiao/core/language.ts';
import { reviewGrades } from '@jixiao/core/submission/performance-target.ts';
import type { Cell, CellValue } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { PaperFile } from '#functions/fieldwork/working-papers.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/**
 * The archive's sections (docs/domain/key-evaluation.md#the-archive): beside the field records and photos that
 * functions/src/fieldwork/working-papers.ts packs, each section adds the papers of one part of the conclusion
 * (绩效指标底稿, 账务核查, 问题汇总表, 意见交换记录, 质量复核单, the final report) under 结论底稿/. A section whose
 * records the engagement does not have yet adds nothing: the manifest lists what the archive holds.
 */
export interface PaperSectionContext {
  store: RecordStore;
  tenant: string;
  engagement: StoredEngagement;
  language: Language;
  /** ISO 8601: the workbooks' creation time, so the same papers give the same bytes. */
  generatedAt: string;
  generatedBy: string;
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

/**
 * The sections the archive holds, in the order of 10号's steps. The conclusion's other papers join here as their
 * record kinds land (functions/src/key-evaluation/): scoring papers, account check, issue summary, opinion
 * exchange, the final report.
 */
export const archivePaperSections: readonly PaperSection[] = [qualityReviewSection];

/** Every section's papers, one section after another (each reads its own records). */
export const readArchivePapers = async (
  context: PaperSectionContext,
  sections: readonly PaperSection[] = archivePaperSections,
): Promise<PaperFile[]> => {
  const papers: PaperFile[] = [];
  for (const section of sections) papers.push(...(await section.papers(context)));
  return papers;
};
