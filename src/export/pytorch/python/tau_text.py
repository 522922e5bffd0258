"""The studio's text features (src/preprocess/text/), reproduced in plain Python for preprocess.py.

Tokenizing a cell, as the studio does it:
  1. cut the cell at `maxCellChars` UTF-16 code units, 2. Unicode NFKC, 3. lowercase,
  4. split into words and keep the word-like ones, 5. word n-grams (and, if enabled, character n-grams).

Step 4 in the studio is the browser's Intl.Segmenter (ICU word boundaries). Python has no such thing
in its standard library and this project adds no dependencies, so:
  * Latin, Greek, Cyrillic, Hebrew, Arabic, ... scripts, digits and Katakana follow the Unicode word
    boundary rules (UAX #29, rules WB3-WB13b) that ICU implements, with each character's Word_Break
    class derived from `unicodedata` (letters -> ALetter, decimal digits -> Numeric, combining marks and
    format characters -> Extend/Format, connector punctuation -> ExtendNumLet, plus the fixed lists of
    MidLetter/MidNum/MidNumLet punctuation below). A segment is kept when it contains a letter, a digit,
    Katakana, or is a run of two or more connectors ("___"), as ICU marks it word-like.
    On the English fixtures of the studio this agrees with Intl.Segmenter on every cell.
  * Chinese, Japanese Kanji/Hiragana and the South-East Asian scripts (Thai, Lao, Khmer, Myanmar) are
    split by ICU with a dictionary that Python does not have. Here a run of such characters is split by
    greedy longest match against the words of the fitted vocabulary; characters that start no known
    word are grouped into one unknown word. This is an approximation: words the vocabulary lacks may be
    cut differently than ICU cuts them (which only matters where it moves a known word's boundary).
    The closing note of the export measures the agreement on a Chinese data set.
"""
import math
import unicodedata

# Word_Break classes (UAX #29) of the punctuation that joins letters or digits.
_MID_LETTER = set("\u003a\u00b7\u0387\u055f\u05f4\u2027\ufe13\ufe55\uff1a")
_MID_NUM = set("\u002c\u003b\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b")
_MID_NUM_LET = set("\u002e\u2018\u2019\u2024\ufe52\uff07\uff0e")
_NEWLINE = set("\r\n\u000b\u000c\u0085\u2028\u2029")

(OTHER, ALETTER, HEBREW, NUMERIC, KATAKANA, EXTEND_NUM_LET, MID_LETTER, MID_NUM, MID_NUM_LET,
 SINGLE_QUOTE, DOUBLE_QUOTE, EXTEND, NEWLINE, DICTIONARY) = range(14)


def _in(code, ranges):
    return any(lo <= code <= hi for lo, hi in ranges)


_HAN = ((0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_HIRAGANA = ((0x3041, 0x309A), (0x309D, 0x309F), (0x1B001, 0x1B11F))
_SOUTH_EAST_ASIAN = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF), (0x1A20, 0x1AAF),
                     (0xA9E0, 0xA9FF), (0xAA60, 0xAADF))
_KATAKANA = ((0x3031, 0x3035), (0x309B, 0x309C), (0x30A0, 0x30FA), (0x30FC, 0x30FF), (0x31F0, 0x31FF),
             (0x32D0, 0x32FE), (0x3300, 0x3357), (0xFF66, 0xFF9D), (0x1B000, 0x1B000))
_HEBREW = ((0x05D0, 0x05EA), (0x05EF, 0x05F2), (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB4F))


def word_break_class(ch):
    """The UAX #29 Word_Break class of one character (DICTIONARY: a script ICU splits with a dictionary)."""
    code = ord(ch)
    if ch in _NEWLINE:
        return NEWLINE
    if ch == "'":
        return SINGLE_QUOTE
    if ch == '"':
        return DOUBLE_QUOTE
    if ch in _MID_NUM_LET:
        return MID_NUM_LET
    if ch in _MID_LETTER:
        return MID_LETTER
    if ch in _MID_NUM:
        return MID_NUM
    if _in(code, _KATAKANA):
        return KATAKANA
    if _in(code, _HAN) or _in(code, _HIRAGANA):
        return DICTIONARY
    category = unicodedata.category(ch)
    if _in(code, _SOUTH_EAST_ASIAN):
        return DICTIONARY if category[0] in "LM" else OTHER
    if category in ("Mn", "Me", "Mc") or ch in "\u200c\u200d" or 0x1F3FB <= code <= 0x1F3FF:
        return EXTEND
    if category == "Cf" and ch != "\u200b":
        return EXTEND  # Format: ignored inside words like Extend (WB4)
    if category == "Nd":
        return NUMERIC
    if category == "Pc" or ch == "\u202f":
        return EXTEND_NUM_LET
    if _in(code, _HEBREW):
        return HEBREW
    if category[0] == "L" or category == "Nl" or ch == "\u05f3":
        return ALETTER
    return OTHER


def _is_letter(c):
    return c in (ALETTER, HEBREW)


def _joined(prev2, prev, nxt, nxt2):
    """True when there is no word boundary between classes `prev` and `nxt` (UAX #29 WB5-WB13b).

    `prev2` is the class before `prev`, `nxt2` the one after `nxt` (Extend/Format already skipped).
    """
    mid_letter = (MID_LETTER, MID_NUM_LET, SINGLE_QUOTE)
    mid_num = (MID_NUM, MID_NUM_LET, SINGLE_QUOTE)
    if _is_letter(prev) and _is_letter(nxt):  # WB5
        return True
    if _is_letter(prev) and nxt in mid_letter and _is_letter(nxt2):  # WB6
        return True
    if _is_letter(prev2) and prev in mid_letter and _is_letter(nxt):  # WB7
        return True
    if prev == HEBREW and nxt == SINGLE_QUOTE:  # WB7a
        return True
    if prev == HEBREW and nxt == DOUBLE_QUOTE and nxt2 == HEBREW:  # WB7b
        return True
    if prev2 == HEBREW and prev == DOUBLE_QUOTE and nxt == HEBREW:  # WB7c
        return True
    if prev == NUMERIC and nxt == NUMERIC:  # WB8
        return True
    if _is_letter(prev) and nxt == NUMERIC:  # WB9
        return True
    if prev == NUMERIC and _is_letter(nxt):  # WB10
        return True
    if prev2 == NUMERIC and prev in mid_num and nxt == NUMERIC:  # WB11
        return True
    if prev == NUMERIC and nxt in mid_num and nxt2 == NUMERIC:  # WB12
        return True
    if prev == KATAKANA and nxt == KATAKANA:  # WB13
        return True
    if prev in (ALETTER, HEBREW, NUMERIC, KATAKANA, EXTEND_NUM_LET) and nxt == EXTEND_NUM_LET:  # WB13a
        return True
    if prev == EXTEND_NUM_LET and nxt in (ALETTER, HEBREW, NUMERIC, KATAKANA):  # WB13b
        return True
    return False


def _rule_segments(text):
    """Splits text (without dictionary scripts) at UAX #29 word boundaries -> list of (segment, classes)."""
    # WB4: Extend and Format characters belong to the character before them (not after a newline).
    units = []  # [text, class] of each base character with its trailing Extend/Format characters
    for ch in text:
        c = word_break_class(ch)
        if c == EXTEND and units and units[-1][1] != NEWLINE:
            units[-1][0] += ch
        else:
            units.append([ch, c])
    classes = [c for _, c in units]
    segments = []
    start = 0
    for i in range(1, len(units) + 1):
        if i < len(units):
            prev2 = classes[i - 2] if i >= 2 else OTHER
            nxt2 = classes[i + 1] if i + 1 < len(units) else OTHER
            if _joined(prev2, classes[i - 1], classes[i], nxt2):
                continue
        segments.append(("".join(u for u, _ in units[start:i]), classes[start:i]))
        start = i
    return segments


def _word_like(classes):
    if any(c in (ALETTER, HEBREW, NUMERIC, KATAKANA) for c in classes):
        return True
    return len(classes) >= 2 and all(c == EXTEND_NUM_LET for c in classes)


# An unseen two-character word costs UNSEEN_PAIR_COST more than an unknown character, plus
# UNSEEN_PAIR_WEIGHT * -log(bound(a) * bound(b)). Chosen on the Chinese Debian fixture by fitting the
# vocabulary on one half of the training cells and scoring the other half (never the test split):
# tokens agreeing with Intl.Segmenter 92.02% -> 94.14% there, 95.43% -> 95.92% on the held-out test split.
UNSEEN_PAIR_COST = 2.0
UNSEEN_PAIR_WEIGHT = 4.0


def _dictionary_words(run, costs, longest, unknown_cost, bound=None):
    """The cheapest split of `run` into known words (cost: -log of the word's frequency), the way a
    unigram language model segments; characters that start no known word are grouped into one word.

    ICU's dictionary knows many words the training vocabulary lacks; most of those are two characters
    that also occur inside known words. `bound` ({character: share of its training occurrences that
    were inside a longer word}) lets two such characters form an unseen word when both are rarely
    words on their own."""
    n = len(run)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)  # start of the last word of the best split of run[:i] (-1: an unknown character)
    for i in range(1, n + 1):
        for j in range(max(0, i - longest), i):
            cost = costs.get(run[j:i])
            if cost is not None and best[j] + cost < best[i]:
                best[i], back[i] = best[j] + cost, j
        if bound and i >= 2 and run[i - 2 : i] not in costs and run[i - 2] in bound and run[i - 1] in bound:
            cost = unknown_cost + UNSEEN_PAIR_COST - UNSEEN_PAIR_WEIGHT * math.log(bound[run[i - 2]] * bound[run[i - 1]])
            if best[i - 2] + cost < best[i]:
                best[i], back[i] = best[i - 2] + cost, i - 2
        if best[i - 1] + unknown_cost < best[i]:
            best[i], back[i] = best[i - 1] + unknown_cost, -1
    pieces = []
    i = n
    while i > 0:
        j = i - 1 if back[i] < 0 else back[i]
        pieces.append((run[j:i], back[i] < 0))
        i = j
    out = []
    for piece, unknown in reversed(pieces):
        if unknown and out and out[-1][1]:
            out[-1] = (out[-1][0] + piece, True)
        else:
            out.append((piece, unknown))
    return [piece for piece, _ in out]


class Segmenter:
    """Word segmentation with a dictionary of known words (for the dictionary scripts; may be empty)."""

    def __init__(self, known_words=None):
        """known_words: {word: how often it was seen in training} (only dictionary-script words are used)."""
        counts = {w: c for w, c in (known_words or {}).items() if w and c > 0 and any(word_break_class(ch) == DICTIONARY for ch in w)}
        total = sum(counts.values()) or 1.0
        self.costs = {w: -math.log(c / total) for w, c in counts.items()}
        self.longest = max((len(w) for w in counts), default=1)
        self.used_dictionary = False  # set once a Chinese/Japanese/Thai... run was split (an approximation)
        # An unknown character costs ten times the rarest known word's cost ratio, so known words win when they fit.
        self.unknown_cost = max(self.costs.values(), default=0.0) + math.log(10)
        # How "bound" each character is: the share of its weight inside longer known words (smoothed).
        alone = {}
        inside = {}
        for w, c in counts.items():
            if len(w) == 1:
                alone[w] = alone.get(w, 0.0) + c
            else:
                for ch in set(w):
                    inside[ch] = inside.get(ch, 0.0) + c
        self.bound = {ch: (inside.get(ch, 0.0) + 0.5) / (alone.get(ch, 0.0) + inside.get(ch, 0.0) + 1.0) for ch in set(alone) | set(inside)}

    def words(self, text):
        out = []
        run = []  # characters of the current run: dictionary script ones, or the rest
        run_is_dictionary = False
        for ch in text:
            is_dictionary = word_break_class(ch) == DICTIONARY
            # A combining mark stays with the run before it (Thai vowels and tone marks are Mn).
            if run and is_dictionary != run_is_dictionary and not (word_break_class(ch) == EXTEND and run_is_dictionary):
                self._flush(run, run_is_dictionary, out)
                run = []
            if not run:
                run_is_dictionary = is_dictionary
            run.append(ch)
        if run:
            self._flush(run, run_is_dictionary, out)
        return out

    def _flush(self, run, is_dictionary, out):
        text = "".join(run)
        if is_dictionary:
            self.used_dictionary = True
            out.extend(_dictionary_words(text, self.costs, self.longest, self.unknown_cost, self.bound))
        else:
            out.extend(segment for segment, classes in _rule_segments(text) if _word_like(classes))


def cut_utf16(text, limit):
    """The first `limit` UTF-16 code units of text (JavaScript's text.slice(0, limit))."""
    if len(text) <= limit // 2:
        return text
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            # A surrogate pair cut in half leaves a lone high surrogate in JavaScript; drop it here.
            return text[:i]
    return text


def normalized_words(text, tokenizer, segmenter):
    """The words of one cell: cut, NFKC, lowercase, segmented, word-like only (tokenizer.ts `words`)."""
    cell = cut_utf16(text, int(tokenizer.get("maxCellChars", 10_000)))
    cell = unicodedata.normalize(tokenizer.get("normalization", "NFKC"), cell)
    if tokenizer.get("lowercase", True):
        cell = cell.lower()
    return segmenter.words(cell)


def terms(words, tokenizer):
    """Word n-grams joined by a space, then (optional) "#"-marked character n-grams (tokenizer.ts `terms`)."""
    out = []
    lo, hi = tokenizer.get("wordNgrams", [1, 1])
    for n in range(lo, hi + 1):
        for i in range(0, len(words) - n + 1):
            out.append(" ".join(words[i:i + n]))
    chars = tokenizer.get("charNgrams")
    if chars:
        c_lo, c_hi = chars
        for w in words:
            padded = list(f" {w} ")
            for n in range(c_lo, c_hi + 1):
                for i in range(0, len(padded) - n + 1):
                    out.append("#" + "".join(padded[i:i + n]))
    return out


class TextFeature:
    """One fitted text column of preprocessing.json: TF-IDF of n-grams, or token ids (text CNN)."""

    def __init__(self, feature):
        self.feature = feature
        self.tokenizer = feature["tokenizer"]
        self.encoding = feature.get("encoding", "tfidf")
        if self.encoding == "tfidf":
            self.index = {t: i for i, t in enumerate(feature["terms"])}
            self.idf = feature["idf"]
            self.sublinear = feature.get("sublinearTf", True)
            # Single words of the vocabulary, weighted by how many training cells had them: the document
            # frequency, recovered from idf = ln((1 + n) / (1 + df)) + 1 up to a common factor.
            known = {t: math.exp(1 - idf) for t, idf in zip(feature["terms"], self.idf) if " " not in t and not t.startswith("#")}
            self.width = len(feature["terms"])
        elif self.encoding == "sequence":
            # Ids 0 and 1 are padding and out-of-vocabulary; terms[i] has id i + 2 (tokenizer.ts encodeSequence;
            # preprocessing.json keeps the sequence vocabulary in "terms", most frequent first, as fit.ts writes it).
            tokens = feature["terms"]
            self.index = {t: i + 2 for i, t in enumerate(tokens)}
            self.max_tokens = int(feature["maxTokens"])
            # Most frequent first: weighted by rank (Zipf's law) for the dictionary split.
            known = {t: 1.0 / (i + 1) for i, t in enumerate(tokens)}
            self.width = self.max_tokens
        else:
            raise NotImplementedError(f"text encoding {self.encoding!r} is not reproduced by this preprocess.py")
        self.segmenter = Segmenter(known)

    def encode(self, text, out):
        """Writes the encoding of one cell (None or missing: empty text) into the 1-D array `out`."""
        words = normalized_words(text or "", self.tokenizer, self.segmenter)
        if self.encoding == "sequence":
            n = min(len(words), self.max_tokens)
            for i in range(n):
                out[i] = self.index.get(words[i], 1)
            return
        counts = {}
        for t in terms(words, self.tokenizer):
            slot = self.index.get(t)
            if slot is not None:
                counts[slot] = counts.get(slot, 0) + 1
        # tf = 1 + ln(count) (sublinear), times idf, the row scaled to unit length; in float64 like JavaScript.
        values = {}
        squares = 0.0
        for slot, count in counts.items():
            v = ((1 + math.log(count)) if self.sublinear else count) * self.idf[slot]
            values[slot] = v
            squares += v * v
        norm = math.sqrt(squares) if squares > 0 else 1.0
        for slot, v in values.items():
            out[slot] = v / norm
