import { quantile, rankTerms, terms, words, type TokenizerSettings } from './tokenizer';

/**
 * TF-IDF as scikit-learn's TfidfVectorizer(ngram_range, max_features, sublinear_tf=True, norm='l2',
 * smooth_idf=True) computes it: idf = ln((1 + n) / (1 + df)) + 1, tf = 1 + ln(count), each row
 * scaled to unit length. Terms are kept by total count over the training texts (ties by code unit)
 * and stored in code-unit order, as scikit-learn's vocabulary_ is.
 */
export interface TfidfVocabulary {
  terms: string[];
  idf: number[];
  sublinearTf: boolean;
  norm: 'l2';
}

export interface TextStats {
  /** Words per cell (before n-grams): median and 95th percentile. */
  medianTokens: number;
  p95Tokens: number;
  /** Distinct words seen. */
  vocabularySize: number;
  topTokens: { token: string; count: number }[];
  /** Cells longer than the tokenizer reads (cut at maxCellChars). */
  overlong: number;
  cells: number;
}

export function fitTfidf(texts: readonly string[], settings: TokenizerSettings, maxFeatures: number): TfidfVocabulary {
  const total = new Map<string, number>();
  const df = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const t of terms(text, settings)) {
      total.set(t, (total.get(t) ?? 0) + 1);
      seen.add(t);
    }
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const kept = rankTerms(total, maxFeatures).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = texts.length;
  return { terms: kept, idf: kept.map((t) => Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1), sublinearTf: true, norm: 'l2' };
}

/**
 * Writes the TF-IDF row of one cell into out[at .. at + terms.length). Returns how many terms the cell
 * had and how many of them are outside the vocabulary (the out-of-vocabulary rate is a drift signal).
 */
export function tfidfInto(text: string, settings: TokenizerSettings, vocabulary: TfidfVocabulary, index: Map<string, number>, out: Float32Array, at: number): { terms: number; oov: number } {
  const counts = new Map<number, number>();
  const ts = terms(text, settings);
  let oov = 0;
  for (const t of ts) {
    const slot = index.get(t);
    if (slot === undefined) oov++;
    else counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  let squares = 0;
  const values: [number, number][] = [];
  for (const [slot, count] of counts) {
    const tf = vocabulary.sublinearTf ? 1 + Math.log(count) : count;
    const v = tf * vocabulary.idf[slot];
    values.push([slot, v]);
    squares += v * v;
  }
  const norm = squares > 0 ? Math.sqrt(squares) : 1;
  for (const [slot, v] of values) out[at + slot] = v / norm;
  return { terms: ts.length, oov };
}

export function termIndex(vocabulary: { terms: string[] }): Map<string, number> {
  return new Map(vocabulary.terms.map((t, i) => [t, i]));
}

/** What the profile shows for a text column: token counts, vocabulary size, most frequent words. */
export function textStats(texts: Iterable<string>, settings: TokenizerSettings, top = 10): TextStats {
  const counts = new Map<string, number>();
  const lengths: number[] = [];
  let overlong = 0;
  for (const text of texts) {
    if (text.length > settings.maxCellChars) overlong++;
    const ws = words(text, settings);
    lengths.push(ws.length);
    for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return {
    medianTokens: quantile(lengths, 0.5),
    p95Tokens: quantile(lengths, 0.95),
    vocabularySize: counts.size,
    topTokens: rankTerms(counts, top).map((token) => ({ token, count: counts.get(token) ?? 0 })),
    overlong,
    cells: lengths.length,
  };
}
