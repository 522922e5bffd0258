/**
 * Text tokenization for free-text columns: pure, deterministic, the same in the worker, the runner and
 * the exported plain-JS snippet (src/export/snippet/predict-with-bundle.mjs repeats these steps).
 *
 * Steps: cap the cell at `maxCellChars` characters → Unicode NFKC normalization → lowercase →
 * word segmentation with Intl.Segmenter (ICU word boundaries; Chinese and Japanese are split into
 * dictionary words, not one token per line) keeping word-like segments only (letters, numbers, CJK)
 * → optionally character n-grams of each word (padded with spaces, like scikit-learn's `char_wb`).
 */
export interface TokenizerSettings {
  /** Unicode normalization applied before lowercasing. */
  normalization: 'NFKC';
  lowercase: boolean;
  /** 'intl-word': Intl.Segmenter word granularity, word-like segments only. */
  segmenter: 'intl-word';
  /** Word n-grams [min, max], e.g. [1, 2] for unigrams and bigrams. */
  wordNgrams: [number, number];
  /** Character n-grams [min, max] inside word boundaries, or null for none. */
  charNgrams: [number, number] | null;
  /** Longer cells are cut to this many characters (UTF-16 code units) before tokenizing. */
  maxCellChars: number;
}

export const DEFAULT_TOKENIZER: TokenizerSettings = {
  normalization: 'NFKC',
  lowercase: true,
  segmenter: 'intl-word',
  wordNgrams: [1, 2],
  charNgrams: null,
  maxCellChars: 10_000,
};

/** Reserved ids of token sequences: 0 pads, 1 stands for every word outside the vocabulary. */
export const PAD_ID = 0;
export const OOV_ID = 1;
export const OOV_TOKEN = '[OOV]';

let segmenter: Intl.Segmenter | null = null;

function wordSegmenter(): Intl.Segmenter {
  if (segmenter) return segmenter;
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    throw new Error('This JavaScript engine has no Intl.Segmenter; text columns need a current browser (Chrome 87+, Safari 14.1+, Firefox 125+) or Node 16+.');
  }
  // A fixed locale keeps segmentation identical on every machine; ICU's word rules and its CJK
  // dictionaries do not depend on it.
  segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return segmenter;
}

/** Whether the cell is longer than the tokenizer reads (it is cut, and the caller should say so). */
export function isOverlong(text: string, settings: TokenizerSettings): boolean {
  return text.length > settings.maxCellChars;
}

/** Normalized, lowercased words of one cell, in order (no n-grams). */
export function words(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER): string[] {
  let cell = text.length > settings.maxCellChars ? text.slice(0, settings.maxCellChars) : text;
  cell = cell.normalize(settings.normalization);
  if (settings.lowercase) cell = cell.toLowerCase();
  const out: string[] = [];
  for (const part of wordSegmenter().segment(cell)) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

/**
 * The terms a bag-of-words model counts in one cell: word n-grams (joined by a space) and, when
 * enabled, character n-grams of each word (marked with a leading "#" so they never collide with words).
 */
export function terms(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER): string[] {
  const ws = words(text, settings);
  const out: string[] = [];
  const [lo, hi] = settings.wordNgrams;
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= ws.length; i++) out.push(n === 1 ? ws[i] : ws.slice(i, i + n).join(' '));
  }
  if (settings.charNgrams) {
    const [cl, ch] = settings.charNgrams;
    for (const w of ws) {
      const chars = Array.from(` ${w} `);
      for (let n = cl; n <= ch; n++) {
        for (let i = 0; i + n <= chars.length; i++) out.push(`#${chars.slice(i, i + n).join('')}`);
      }
    }
  }
  return out;
}

/** The q-th quantile (0..1) of non-negative integers, nearest rank on the sorted values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Frequency-ranked vocabulary: most frequent first, ties by code-unit order; at most `maxSize`. */
export function rankTerms(counts: Map<string, number>, maxSize: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, maxSize))
    .map(([t]) => t);
}

export interface SequenceVocabulary {
  /** Index i + 2 is the id of tokens[i]; ids 0 and 1 are padding and OOV. */
  tokens: string[];
  /** Sequence length: the 95th percentile of training token counts, at most the cap, at least 1. */
  maxTokens: number;
}

/**
 * Word vocabulary for token-id sequences (the text CNN), fitted on training texts only: the
 * `maxSize − 2` most frequent words, and a length that covers 95% of training cells.
 */
export function fitSequenceVocabulary(texts: Iterable<string>, settings: TokenizerSettings, maxSize: number, maxTokensCap: number): SequenceVocabulary {
  const counts = new Map<string, number>();
  const lengths: number[] = [];
  for (const text of texts) {
    const ws = words(text, settings);
    lengths.push(ws.length);
    for (const w of ws) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const p95 = quantile(lengths, 0.95);
  return { tokens: rankTerms(counts, maxSize - 2), maxTokens: Math.max(1, Math.min(maxTokensCap, p95)) };
}

/** Token ids of one cell, cut or padded (at the end) to `vocabulary.maxTokens`. */
export function encodeSequence(
  text: string,
  settings: TokenizerSettings,
  vocabulary: SequenceVocabulary,
  index: Map<string, number>,
  out: Int32Array | Float32Array,
  at: number,
): { tokens: number; oov: number } {
  const ws = words(text, settings);
  const n = Math.min(ws.length, vocabulary.maxTokens);
  let oov = 0;
  for (let i = 0; i < n; i++) {
    const id = index.get(ws[i]);
    if (id === undefined) oov++;
    out[at + i] = id === undefined ? OOV_ID : id + 2;
  }
  out.fill(PAD_ID, at + n, at + vocabulary.maxTokens);
  return { tokens: ws.length, oov };
}
