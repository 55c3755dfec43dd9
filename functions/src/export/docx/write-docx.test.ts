import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Table, WordDocument } from '#functions/export/docx/document.ts';
import { writeDocx } from '#functions/export/docx/write-docx.ts';

const CREATED_AT = '2026-12-07T08:00:00.000Z';

/** Every part of the package, read back by an independent ZIP reader. */
const parts = async (doc: WordDocument): Promise<Record<string, string>> => {
  const read = await JSZip.loadAsync(writeDocx(doc));
  const out: Record<string, string> = {};
  for (const name of Object.keys(read.files)) out[name] = await read.file(name)!.async('string');
  return out;
};

/** Throws unless the text is well-formed XML (saxes is the strict parser exceljs reads its files with). */
const wellFormed = (xml: string): void => {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
};

const scoringTable: Table = {
  kind: 'table',
  columns: [1, 1, 2],
  headerRows: 1,
  rows: [
    [{ text: '一级指标', bold: true, align: 'center' }, { text: '二级指标', bold: true }, { text: '得分' }],
    [{ text: '决策', merge: 'restart' }, { text: '项目立项' }, { text: '4.50' }],
    [{ text: '', merge: 'continue' }, { text: '绩效目标' }, { text: '3.00' }],
    [{ text: '合计', span: 2 }, { text: '7.50' }],
  ],
};

const report: WordDocument = {
  title: '项目支出绩效评价报告',
  creator: '某会计师事务所',
  createdAt: CREATED_AT,
  header: '征求意见稿',
  blocks: [
    { kind: 'paragraph', style: 'title', text: '城区道路养护项目支出绩效评价报告' },
    { kind: 'paragraph', style: 'heading1', text: '一、基本情况' },
    { kind: 'paragraph', style: 'heading2', text: '（一）项目概况' },
    { kind: 'paragraph', style: 'heading3', text: '1. 立项背景' },
    { kind: 'paragraph', style: 'body', text: '第一行 <A&B> "引号"\n第二行' },
    scoringTable,
    { kind: 'page-break' },
    { kind: 'paragraph', style: 'note', text: '注：得分保留两位小数。' },
  ],
};

describe('writeDocx', () => {
  it('writes a package whose every part is well-formed XML, with the parts Word needs', async () => {
    const files = await parts(report);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/app.xml',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/footer1.xml',
      'word/header1.xml',
      'word/settings.xml',
      'word/styles.xml',
    ]);
    for (const xml of Object.values(files)) wellFormed(xml);
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(files['word/_rels/document.xml.rels']).toContain('Target="header1.xml"');
    expect(files['docProps/core.xml']).toContain('<dc:title>项目支出绩效评价报告</dc:title>');
    expect(files['docProps/core.xml']).toContain('2026-12-07T08:00:00Z');
  });

  it('escapes text, keeps line breaks, and gives each paragraph its style', async () => {
    const doc = (await parts(report))['word/document.xml']!;
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading3"/>');
    expect(doc).toContain(
      '第一行 &lt;A&amp;B&gt; &quot;引号&quot;</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">第二行',
    );
    expect(doc).toContain('<w:br w:type="page"/>');
  });

  it('sets A4 with the official margins, the page number in the footer and the draft mark in the header', async () => {
    const files = await parts(report);
    const doc = files['word/document.xml']!;
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(doc).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"');
    expect(doc).toContain('<w:headerReference w:type="default" r:id="rIdHeader"/>');
    expect(files['word/footer1.xml']).toContain('<w:instrText xml:space="preserve"> PAGE </w:instrText>');
    expect(files['word/header1.xml']).toContain('征求意见稿');
  });

  it('has no header part when the document has no header text (the final report)', async () => {
    const files = await parts({ ...report, header: undefined });
    expect(files['word/header1.xml']).toBeUndefined();
    expect(files['word/document.xml']).not.toContain('headerReference');
    expect(files['[Content_Types].xml']).not.toContain('header1.xml');
    expect(files['word/_rels/document.xml.rels']).not.toContain('header');
  });

  it('sets the East Asian fonts so Word and WPS render Chinese in 仿宋_GB2312, 黑体, 楷体 and 宋体', async () => {
    const styles = (await parts(report))['word/styles.xml']!;
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toMatch(/w:styleId="Heading1">.*?w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:styleId="Heading2">.*?w:eastAsia="楷体_GB2312"/);
    expect(styles).toMatch(/w:styleId="Title">.*?w:eastAsia="宋体".*?<w:b\/>.*?<w:sz w:val="44"\/>/);
    expect(styles).toMatch(/w:styleId="TableText">.*?w:eastAsia="宋体".*?<w:sz w:val="21"\/>/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
  });

  it('draws a table with a repeated heading row, horizontal and vertical merges, on a grid the width of the text', async () => {
    const doc = (await parts(report))['word/document.xml']!;
    const grid = [...doc.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(3);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1588 - 1474);
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(doc).toContain('<w:vMerge w:val="restart"/>');
    expect(doc.match(/<w:vMerge\/>/g)).toHaveLength(1);
    expect(doc).toContain('<w:gridSpan w:val="2"/>');
  });

  it('refuses tables Word would repair: a row of the wrong width, an orphan or non-empty continued merge', () => {
    const withRows = (rows: Table['rows']): WordDocument => ({ blocks: [{ ...scoringTable, rows }] });
    expect(() => writeDocx(withRows([[{ text: 'a' }, { text: 'b' }]]))).toThrow('covers 2 columns, not 3');
    expect(() => writeDocx(withRows([[{ text: '', merge: 'continue' }, { text: 'b' }, { text: 'c' }]]))).toThrow(
      'has no merged cell above it',
    );
    expect(() =>
      writeDocx(
        withRows([
          [{ text: 'a', merge: 'restart' }, { text: 'b' }, { text: 'c' }],
          [{ text: 'x', merge: 'continue' }, { text: 'b' }, { text: 'c' }],
        ]),
      ),
    ).toThrow('must be empty');
    expect(() => writeDocx({ blocks: [{ ...scoringTable, columns: [] }] })).toThrow('from 1 to 63 columns');
  });

  it('drops characters XML cannot carry instead of writing a file that will not open', async () => {
    const doc = (
      await parts({ blocks: [{ kind: 'paragraph', style: 'body', text: 'a\u0001b\u000bc' }], createdAt: CREATED_AT })
    )['word/document.xml']!;
    wellFormed(doc);
    expect(doc).toContain('>abc<');
  });

  it('gives the same bytes for the same input', () => {
    expect(Buffer.from(writeDocx(report)).equals(Buffer.from(writeDocx(report)))).toBe(true);
  });
});
