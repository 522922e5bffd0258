import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER, OOV_ID, PAD_ID, encodeSequence, fitSequenceVocabulary, isOverlong, quantile, terms, words, type TokenizerSettings } from './tokenizer';
import { fitTfidf, termIndex, textStats, tfidfInto } from './tfidf';

const unigrams: TokenizerSettings = { ...DEFAULT_TOKENIZER, wordNgrams: [1, 1] };

describe('tokenizer', () => {
  it('normalizes (NFKC), lowercases and drops punctuation', () => {
    // Full-width letters and digits fold to ASCII; the ligature "ﬁ" becomes "fi"; "Ä" decomposed or not is one word.
    expect(words('ＨＥＬＬＯ, Ｗｏｒｌｄ １２３!')).toEqual(['hello', 'world', '123']);
    expect(words('ﬁne CAFÉ café Cafe\u0301')).toEqual(['fine', 'café', 'café', 'café']);
    expect(words('Straße ΣΊΣΥΦΟΣ')).toEqual(['straße', 'σίσυφοσ'.replace(/σ$/, 'ς')]);
    expect(words("don't stop -- it's 3.5 km")).toEqual(["don't", 'stop', "it's", '3.5', 'km']);
  });

  it('segments Chinese and Japanese into words, not characters or whole lines', () => {
    const zh = words('我喜欢机器学习，这本书很好看。');
    expect(zh).toContain('喜欢');
    expect(zh).toContain('机器');
    expect(zh).toContain('学习');
    expect(zh).not.toContain('，');
    expect(zh.length).toBeGreaterThan(5);
    expect(zh.length).toBeLessThan(14); // fewer tokens than characters: words, not one per character
    const ja = words('東京に行きました');
    expect(ja).toContain('東京');
    expect(ja.join('')).toBe('東京に行きました');
    // Mixed scripts in one cell.
    expect(words('用Python做数据分析')).toEqual(expect.arrayContaining(['python', '数据', '分析']));
  });

  it('builds word bigrams and optional character n-grams', () => {
    expect(terms('The cat sat')).toEqual(['the', 'cat', 'sat', 'the cat', 'cat sat']);
    const withChars = terms('ab', { ...unigrams, charNgrams: [2, 3] });
    expect(withChars).toEqual(['ab', '# a', '#ab', '#b ', '# ab', '#ab ']);
  });

  it('caps long cells and says so', () => {
    const long = 'word '.repeat(5000);
    const settings = { ...DEFAULT_TOKENIZER, maxCellChars: 100 };
    expect(isOverlong(long, settings)).toBe(true);
    expect(words(long, settings)).toHaveLength(20);
    expect(textStats([long, 'short'], settings).overlong).toBe(1);
  });

  it('fits a capped sequence vocabulary on training texts, with OOV and padding ids', () => {
    const train = ['a b c', 'a b', 'a', 'a b c d e f g h i j'];
    const vocab = fitSequenceVocabulary(train, unigrams, 4, 200);
    expect(vocab.tokens).toEqual(['a', 'b']); // size cap 4 = pad + OOV + 2 words
    expect(vocab.maxTokens).toBe(10); // the 95th percentile of 1, 2, 3, 10 is 10 (nearest rank)
    const capped = fitSequenceVocabulary(train, unigrams, 100, 3);
    expect(capped.maxTokens).toBe(3);
    const out = new Int32Array(10).fill(-1);
    const r = encodeSequence('B zebra a', unigrams, vocab, new Map(vocab.tokens.map((t, i) => [t, i])), out, 0);
    expect(Array.from(out.slice(0, 4))).toEqual([3, OOV_ID, 2, PAD_ID]);
    expect(r).toEqual({ tokens: 3, oov: 1 });
  });

  it('takes nearest-rank quantiles', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(95);
    expect(quantile([], 0.95)).toBe(0);
  });
});

describe('tf-idf', () => {
  // Expected values from scikit-learn 1.x: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
  // token_pattern=r'(?u)\b\w+\b') on the same three documents.
  const docs = ['the cat sat', 'the cat sat on the mat', 'dogs bark loudly'];

  it('matches scikit-learn TfidfVectorizer (vocabulary, idf, l2-normalized sublinear rows)', () => {
    const v = fitTfidf(docs, DEFAULT_TOKENIZER, 1000);
    expect(v.terms).toEqual(['bark', 'bark loudly', 'cat', 'cat sat', 'dogs', 'dogs bark', 'loudly', 'mat', 'on', 'on the', 'sat', 'sat on', 'the', 'the cat', 'the mat']);
    const idf = [1.693147, 1.693147, 1.287682, 1.287682, 1.693147, 1.693147, 1.693147, 1.693147, 1.693147, 1.693147, 1.287682, 1.693147, 1.287682, 1.287682, 1.693147];
    v.idf.forEach((x, i) => expect(x).toBeCloseTo(idf[i], 5));
    const row = new Float32Array(v.terms.length);
    const r = tfidfInto(docs[1], DEFAULT_TOKENIZER, v, termIndex(v), row, 0);
    const expected = [0.0, 0.0, 0.253908, 0.253908, 0.0, 0.0, 0.0, 0.333858, 0.333858, 0.333858, 0.253908, 0.333858, 0.429903, 0.253908, 0.333858];
    Array.from(row).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
    expect(r.oov).toBe(0);
  });

  it('caps the vocabulary by total count and counts unseen terms as out of vocabulary', () => {
    const v = fitTfidf(docs, DEFAULT_TOKENIZER, 3);
    expect(v.terms).toEqual(['cat', 'cat sat', 'the']); // "the" ×3; "cat", "cat sat", "sat" ×2 (ties by code unit)
    const row = new Float32Array(3);
    const r = tfidfInto('the zebra', DEFAULT_TOKENIZER, v, termIndex(v), row, 0);
    expect(r).toEqual({ terms: 3, oov: 2 });
    expect(row[2]).toBeCloseTo(1, 6);
    const empty = new Float32Array(3);
    expect(tfidfInto('', DEFAULT_TOKENIZER, v, termIndex(v), empty, 0)).toEqual({ terms: 0, oov: 0 });
    expect(Array.from(empty)).toEqual([0, 0, 0]);
  });

  it('profiles token counts and frequent words', () => {
    const s = textStats(['我喜欢学习', '我喜欢', 'hello hello world'], DEFAULT_TOKENIZER, 2);
    expect(s.vocabularySize).toBeGreaterThanOrEqual(4);
    expect(s.topTokens[0].count).toBe(2);
    expect(s.medianTokens).toBeGreaterThanOrEqual(2);
    expect(s.cells).toBe(3);
  });
});
