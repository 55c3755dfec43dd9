/** One record of a CSV file: the physical line it starts on (from 1) and its fields. */
export interface TextRow {
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: TextRow[] } | { ok: false; line: number; problem: CsvProblem };

export type CsvProblem = 'UNCLOSED_QUOTE' | 'TEXT_AFTER_QUOTE' | 'QUOTE_IN_FIELD';

/**
 * A strict RFC 4180 reader: fields split by commas, records by CRLF, LF or a lone CR; a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). What a lenient reader would
 * guess at is refused with the line it starts on: a quote left open, text after a closing quote, a
 * quote inside an unquoted field. A byte-order mark is the decoder's business (decode-text.ts);
 * one left in the text is dropped here too.
 */
export const parseCsv = (input: string): CsvResult => {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: TextRow[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= text.length) return { ok: false, line: opened, problem: 'UNCLOSED_QUOTE' };
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            if (ch === '\r' && text[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
            } else {
              field += ch;
              i++;
            }
            line++;
            continue;
          }
          field += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          return { ok: false, line, problem: 'TEXT_AFTER_QUOTE' };
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') return { ok: false, line, problem: 'QUOTE_IN_FIELD' };
          field += text[i];
          i++;
        }
      }
      cells.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (text[i] === '\n') i++;
    line++;
    rows.push({ line: start, cells });
  }
  return { ok: true, rows };
};
