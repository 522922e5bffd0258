/** Guesses the delimiter and decimal separator of a delimited text file from its first bytes. */
export interface CsvDialect {
  delimiter: ',' | ';' | '\t' | '|';
  /** ',' when the file writes decimals as `1,5` (common with `;` delimiters in European locales). */
  decimal: '.' | ',';
}

const CANDIDATES: CsvDialect['delimiter'][] = [',', '\t', ';', '|'];
const COMMA_DECIMAL = /^\s*[-+]?\d+,\d+\s*$/;
const DOT_DECIMAL = /^\s*[-+]?\d*\.\d+(?:[eE][-+]?\d+)?\s*$/;

/** Splits the sample into records with `delimiter`, honouring quotes. The last, maybe cut, record is dropped. */
function sampleRecords(sample: string, delimiter: string, maxRecords: number): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < sample.length && records.length < maxRecords; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field.length === 0) inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0].trim() === '')) records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  return records;
}

export function detectDialect(sample: string, isComplete: boolean): CsvDialect {
  // When the sample is the whole file, its last line is complete and counts too.
  const text = isComplete && !/[\r\n]$/.test(sample) ? sample + '\n' : sample;
  let best: { delimiter: CsvDialect['delimiter']; score: number; fields: number; records: string[][] } | null = null;
  for (const delimiter of CANDIDATES) {
    const records = sampleRecords(text, delimiter, 50);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modeFields = 1;
    let modeCount = 0;
    for (const [fields, count] of counts) {
      if (count > modeCount || (count === modeCount && fields > modeFields)) {
        modeFields = fields;
        modeCount = count;
      }
    }
    if (modeFields < 2) continue;
    // Consistency first (every line has the same number of fields), then the header agreeing with the body.
    const consistency = modeCount / records.length;
    const headerAgrees = records[0].length === modeFields ? 0.5 : 0;
    const score = consistency + headerAgrees;
    if (!best || score > best.score + 1e-9) best = { delimiter, score, fields: modeFields, records };
  }
  if (!best) return { delimiter: ',', decimal: '.' };
  let decimal: CsvDialect['decimal'] = '.';
  if (best.delimiter !== ',') {
    let commaDecimals = 0;
    let dotDecimals = 0;
    for (const record of best.records.slice(1)) {
      for (const field of record) {
        if (COMMA_DECIMAL.test(field)) commaDecimals++;
        else if (DOT_DECIMAL.test(field)) dotDecimals++;
      }
    }
    if (commaDecimals > 0 && dotDecimals === 0) decimal = ',';
  }
  return { delimiter: best.delimiter, decimal };
}

export function delimiterName(delimiter: CsvDialect['delimiter']): string {
  return { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[delimiter];
}
