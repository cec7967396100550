"""Anchors: what survives translation, for grouping copies across languages.

A translation shares no words with its original, but it keeps the facts that
are written the same way in every language: the figures (23,000 / 23.000 /
23 000 / ٢٣٬٠٠٠ are one number; "1,5 Milliarden" is 1.5 billion), the dates
("12 May", "12. Mai", "12 мая", "١٢ أيار/مايو" are one day), and the names,
which a translator transliterates (Zelensky, Зеленский, زيلينسكي).

- Figures (numbers and dates) are read in any script and normalised to one
  key each ("23000", "1500000000", "05-12"); they keep their order.
- Names are capitalised words not at the start of a sentence in scripts that
  have capitals; in scripts without (Arabic, Persian, Hebrew, Indic) every
  word may be one. Each is transliterated to Latin (anyascii) and reduced to
  a consonant skeleton whose letter classes absorb what transliteration
  changes: vowels, b/p, f/v, k/g/q/c/j, s/z, d/t, doubled letters, Greek
  μπ/ντ, Arabic article and clitics. Zelensky, Зеленский, Зеленського and
  زيلينسكي all give SLNSK.
- Candidates are found by MinHash band hashes over the strong figures (not
  years, not single digits: those are in every article), looked up in the
  store like the shingle bands.
- A candidate is the same story when the two figure sequences align (most
  figures shared, in the same order), enough names match, and the texts
  have similar length and figure density. Names alone never suffice: two
  stories about one minister in one city share every name.

Everything here is pure and deterministic (fixed seed and permutations);
changing a constant changes the stored band hashes, so they are constants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex
from anyascii import anyascii
from datasketch import MinHash

from cleaning.fingerprint import SCHEME, band_hashes_of
from cleaning.lexicon import data_lines

ANCHOR_SEED = 20240917
ANCHOR_BANDS, ANCHOR_ROWS = 12, 3
MIN_BUCKET_FIGURES = 3  # fewer strong figures: the article is not bucketed
MAX_FIGURES = 200  # bounds the alignment's cost on figure-heavy pages (tables)
WEAK_WEIGHT = 0.25
ORDER_MIN_FIGURES = 6

_TEMPLATE = MinHash(num_perm=ANCHOR_BANDS * ANCHOR_ROWS, seed=ANCHOR_SEED, scheme=SCHEME)

_TOKEN = regex.compile(
    r"(?P<iso>(?<![0-9])(?:1[89]|2[01])[0-9]{2}-[01]?[0-9]-[0-3]?[0-9](?![0-9]))"
    r"|(?P<dmy>(?<![0-9.,/])[0-3]?[0-9][./-][0-3]?[0-9][./-](?:1[89]|2[01])[0-9]{2}(?![0-9]))"
    r"|(?P<time>(?<![0-9])[0-2]?[0-9]:[0-5][0-9](?![0-9]))"
    # Grouped thousands (23,000 / 23.000 / 23 000 / 23'000) with an optional
    # decimal part, or plain digits with an optional decimal part.
    r"|(?P<num>(?<![0-9])(?:[0-9]{1,3}(?:[,.'\u2019\u00a0\u202f\u2009\x20][0-9]{3}(?![0-9]))+(?:[.,][0-9]+)?"
    r"|[0-9]+(?:[.,][0-9]+)?)(?![0-9]))"
    r"|(?P<word>[\p{L}\p{M}]+(?:[\u200c\u200d][\p{L}\p{M}]+)*)"
    r"|(?P<stop>[.!?;:\n\u00ab\u00bb\"\u201c\u201d\u201e\u061f\u06d4\u0964])"
    r"|(?P<other>\S)"
)
_OTHER_DIGIT = regex.compile(r"(?![0-9])\p{Nd}")
# Arabic decimal and thousands separators and percent sign, one character each.
_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ",", "\u066a": "%"})
_MARKS = regex.compile(r"[\p{Mn}\p{Me}\u0640]")  # combining marks and the Arabic tatweel
_RUNS = regex.compile(r"(.)\1+")
_ARABIC_LETTER = regex.compile(r"\p{Arabic}")
_GREEK = regex.compile(r"\p{Greek}")
_GREEK_DIGRAPHS = (("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("χ", "h"))
# Latin digraphs of the common transliterations, read as one sound.
_DIGRAPHS = (
    ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("zh", "z"), ("ts", "s"), ("tz", "s"),
    ("th", "t"), ("ph", "f"), ("dh", "d"), ("ck", "k"), ("dj", "j"), ("x", "ks"),
)
_CLASS_OF = {**{c: "B" for c in "bp"}, **{c: "F" for c in "fv"}, **{c: "K" for c in "cgjkq"}, **{c: "S" for c in "sz"},
             **{c: "T" for c in "dt"}, "l": "L", "m": "M", "n": "N", "r": "R"}
# On lower-case ASCII (what anyascii gives, lowered): the class letters,
# every other character dropped.
_CLASSES = str.maketrans({chr(c): _CLASS_OF.get(chr(c)) for c in range(128)})
# Arabic-script clitics written onto the next word: "and", "by/with", "for",
# "like", "so", and the article; tried off a word when keying it as a name.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
_ARABIC_CLITICS = "وفبلك"


@dataclass(frozen=True)
class Figure:
    kind: str  # "number" | "date" | "time"
    key: str  # "23000", "4.7", "05-12", "2024-05", "14:30"
    text: str  # as written in the article
    strong: bool  # not a year, a single digit, a time or a bare month


@dataclass(frozen=True)
class Name:
    text: str
    keys: tuple[str, ...]  # consonant skeletons of the word and of its variants


@dataclass(frozen=True)
class ArticleAnchors:
    figures: tuple[Figure, ...]
    length: int  # characters of text
    # The text as read (NFKC). The names are read from it when first asked
    # for: only a translation candidate needs them, after its figures agree.
    text: str = field(repr=False)

    @functools.cached_property
    def _names(self) -> tuple[tuple[Name, ...], bool]:
        names, caseless = extract_names(self.text)
        return tuple(names), caseless

    @property
    def names(self) -> tuple[Name, ...]:
        return self._names[0]

    @property
    def caseless(self) -> bool:
        """Written in a script without capitals: every word may be a name."""
        return self._names[1]

    @property
    def strong_keys(self) -> list[str]:
        return sorted({f"{f.kind[0]}:{f.key}" for f in self.figures if f.strong})


@dataclass(frozen=True)
class AnchorOptions:
    # Weighted share of the smaller side's figures found in the other.
    min_score: float = 0.6
    # Share of pairs of shared figures that both texts give in the same order.
    min_order: float = 0.7
    # Strong figures (not years, single digits or times) the two must share.
    min_shared: int = 3
    # Share of names found in the other text (checked when a side has capitals).
    min_name_share: float = 0.3
    # Longer text / shorter text, in characters.
    max_length_ratio: float = 4.0
    # Strong figures per character, lower / higher.
    min_density_ratio: float = 0.4


DEFAULT_ANCHOR_OPTIONS = AnchorOptions()


@dataclass(frozen=True)
class AnchorMatch:
    same: bool
    score: float
    coverage: float
    order: float
    shared: int
    name_share: float | None
    length_ratio: float
    density_ratio: float
    figures: tuple[tuple[str, str, str], ...]  # (key, as written in a, as written in b), in order
    names: tuple[tuple[str, str], ...]  # (as written in a, as written in b)
    reason: str  # what failed, when not the same story

    def evidence(self, limit: int = 12) -> dict:
        return {
            "score": round(self.score, 3),
            "figures_shared": self.shared,
            "coverage": round(self.coverage, 3),
            "order": round(self.order, 3),
            "name_share": None if self.name_share is None else round(self.name_share, 3),
            "length_ratio": round(self.length_ratio, 2),
            "density_ratio": round(self.density_ratio, 2),
            "figures": [{"key": k, "a": a, "b": b} for k, a, b in self.figures[:limit]],
            "names": [{"a": a, "b": b} for a, b in self.names[:limit]],
        }


# -- read-once tables ------------------------------------------------------------


def fold(word: str) -> str:
    """A word as the tables store it: no accents or vowel marks, one form per
    Arabic/Persian letter variant, case-folded."""
    if word.isascii():
        return word.casefold()  # nothing to decompose, strip or unify
    word = unicodedata.normalize("NFKD", word)
    word = _MARKS.sub("", word)
    word = word.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").replace("ة", "ه")
    return unicodedata.normalize("NFC", word).casefold()


@functools.cache
def month_names() -> dict[tuple[str, ...], int]:
    """Folded month name (as a tuple of words) -> month number."""
    table: dict[tuple[str, ...], int] = {}
    for line in data_lines("month_names.txt"):
        _lang, _sep, months = line.partition(":")
        for number, forms in enumerate(months.split(), start=1):
            for form in forms.split("|"):
                table[tuple(fold(w) for w in form.split("_"))] = number
    return table


@functools.cache
def month_first_words() -> frozenset[str]:
    """The folded words a month name can start with."""
    return frozenset(words[0] for words in month_names())


@functools.cache
def scale_words() -> dict[str, int]:
    """Folded scale word ("milliarden", "млн") -> multiplier."""
    table: dict[str, int] = {}
    for line in data_lines("number_scales.txt"):
        value, _sep, words = line.partition(":")
        for word in words.split():
            table[fold(word.rstrip("."))] = int(value)
    return table


# -- figures ------------------------------------------------------------------------


def normalize_digits(text: str) -> str:
    """Digits of any script as ASCII, Arabic separators as ASCII ones. The
    length is kept, so positions in the result are positions in `text`."""
    text = text.translate(_SEPARATORS)
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), text)


def parse_number(raw: str) -> Decimal | None:
    """The value of a figure as written: 23,000 / 23.000 / 23 000 / 23'000 →
    23000; 4,7 / 4.7 → 4.7; 1.234,5 / 1,234.5 → 1234.5."""
    digits_only = raw.translate(str.maketrans("", "", "0123456789"))
    if not digits_only:
        return Decimal(raw)
    parts = regex.split(r"[^0-9]", raw)
    seps = list(digits_only)
    try:
        if len(set(seps)) > 1:
            # The last separator is the decimal one, the others group thousands.
            return Decimal("".join(parts[:-1]) + "." + parts[-1])
        sep = seps[0]
        if sep in ".," and len(seps) == 1 and (len(parts[1]) != 3 or parts[0] == "0"):
            return Decimal(parts[0] + "." + parts[1])
        return Decimal("".join(parts))
    except InvalidOperation:
        return None


def number_key(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _tokens(text: str, start: int = 0, end: int | None = None, digits_done: bool = False) -> list[tuple[str, str, int, int, str]]:
    """(kind, value, start, end, folded word) over the text (or its span
    start:end, positions still in the text) with digits made ASCII."""
    folded: dict[str, str] = {}  # a text repeats its words: fold each once
    out = []
    for m in _TOKEN.finditer(text if digits_done else normalize_digits(text), start, len(text) if end is None else end):
        kind, value = m.lastgroup, m.group()
        word = ""
        if kind == "word":
            word = folded.get(value) or folded.setdefault(value, fold(value))
        out.append((kind, value, m.start(), m.end(), word))
    return out


def _month_at(tokens, i: int) -> tuple[int, int] | None:
    """(month, index after it) when tokens[i:] start with a month name."""
    table = month_names()
    if i >= len(tokens) or tokens[i][0] != "word":
        return None
    first = tokens[i][4]
    if i + 1 < len(tokens) and tokens[i + 1][0] == "word":
        pair = table.get((first, tokens[i + 1][4]))
        if pair:
            return pair, i + 2
    month = table.get((first,))
    return (month, i + 1) if month else None


def _is_short_joiner(token) -> bool:
    """"de", "of", "th", "-го", "." between a day and its month."""
    kind, value = token[0], token[1]
    return (kind == "word" and len(value) <= 3) or (kind in ("stop", "other") and value in ".-/,")


def _year_at(tokens, i: int) -> tuple[int, int] | None:
    for j in range(i, min(i + 3, len(tokens))):
        kind, value = tokens[j][0], tokens[j][1]
        if kind == "num" and value.isdigit() and len(value) == 4 and 1800 <= int(value) <= 2199:
            return int(value), j + 1
        if not _is_short_joiner(tokens[j]):
            return None
    return None


def _is_day(token) -> bool:
    return token[0] == "num" and token[1].isdigit() and len(token[1]) <= 2 and 1 <= int(token[1]) <= 31


# A line with a digit: every figure has one, and none reaches past its line
# (a line break is a "stop" token, which no date, year or scale word spans).
_ASCII_DIGIT = re.compile(r"[0-9]")


def extract_figures(text: str, tokens=None) -> list[Figure]:
    """Numbers and dates in the order they appear, each with its normalised key."""
    if tokens is not None:
        return _figures(text, tokens, [])
    digits = normalize_digits(text)
    figures: list[Figure] = []
    start = 0
    for line in digits.split("\n"):
        end = start + len(line)
        if _ASCII_DIGIT.search(line):
            _figures(text, _tokens(digits, start, end, digits_done=True), figures)
            if len(figures) >= MAX_FIGURES:
                break
        start = end + 1
    return figures


def _figures(text: str, tokens, figures: list[Figure]) -> list[Figure]:
    """The figures of `tokens`, appended to `figures` (up to MAX_FIGURES in all)."""
    scales = scale_words()
    month_starts = month_first_words()

    def written(start: int, end: int) -> str:
        return text[start:end]

    def add_year(year: int, start: int, end: int) -> None:
        figures.append(Figure("number", str(year), written(start, end), False))

    i = 0
    while i < len(tokens) and len(figures) < MAX_FIGURES:
        kind, value, start, end, _word = tokens[i]
        if kind in ("iso", "dmy"):
            if kind == "iso":
                y, mo, d = (int(p) for p in value.split("-"))
            else:
                d, mo, y = (int(p) for p in regex.split(r"[./-]", value))
                if mo > 12 and d <= 12:
                    d, mo = mo, d  # month first (US style)
            if 1 <= mo <= 12 and 1 <= d <= 31:
                figures.append(Figure("date", f"{mo:02d}-{d:02d}", written(start, end), True))
                add_year(y, start, end)
            i += 1
            continue
        if kind == "time":
            h, mi = value.split(":")
            figures.append(Figure("time", f"{int(h):02d}:{mi}", written(start, end), False))
            i += 1
            continue
        if kind == "num":
            # A day followed by its month: "12 May", "12. Mai", "12 de mayo", "12th of May".
            if _is_day(tokens[i]):
                j = i + 1
                while j < len(tokens) and j <= i + 2 and _month_at(tokens, j) is None and _is_short_joiner(tokens[j]):
                    j += 1
                found = _month_at(tokens, j)
                if found:
                    month, after = found
                    # "أيار/مايو": the same month in two calendars' names.
                    if after + 1 < len(tokens) and tokens[after][1] == "/" and _month_at(tokens, after + 1):
                        after = _month_at(tokens, after + 1)[1]
                    figures.append(Figure("date", f"{month:02d}-{int(value):02d}", written(start, tokens[after - 1][3]), True))
                    year = _year_at(tokens, after)
                    if year:
                        add_year(year[0], tokens[year[1] - 1][2], tokens[year[1] - 1][3])
                        after = year[1]
                    i = after
                    continue
            number = parse_number(value.replace("\u2019", "'"))
            if number is None:
                i += 1
                continue
            j, end_of = i + 1, end
            while j < len(tokens) and tokens[j][0] == "word" and tokens[j][4] in scales:
                number *= scales[tokens[j][4]]
                end_of = tokens[j][3]
                j += 1
            scaled = j > i + 1
            plain = value.isdigit()
            year_like = plain and len(value) == 4 and 1800 <= int(value) <= 2199 and not scaled
            strong = not year_like and not (plain and number < 10 and not scaled)
            figures.append(Figure("number", number_key(number), written(start, end_of), strong))
            i = j
            continue
        if kind == "word" and _word in month_starts:
            # A month before its day or year: "May 12, 2024", "May 2024", "mayo de 2024".
            found = _month_at(tokens, i)
            if found:
                month, after = found
                if after < len(tokens) and _is_day(tokens[after]) and not (
                    after + 1 < len(tokens) and tokens[after + 1][0] == "word" and tokens[after + 1][4] in scales
                ):
                    day = int(tokens[after][1])
                    figures.append(Figure("date", f"{month:02d}-{day:02d}", written(start, tokens[after][3]), True))
                    year = _year_at(tokens, after + 1)
                    if year:
                        add_year(year[0], tokens[year[1] - 1][2], tokens[year[1] - 1][3])
                        after = year[1]
                    else:
                        after += 1
                    i = after
                    continue
                year = _year_at(tokens, after)
                if year:
                    figures.append(Figure("date", f"{year[0]}-{month:02d}", written(start, tokens[year[1] - 1][3]), False))
                    i = year[1]
                    continue
        i += 1
    return figures


# -- names ----------------------------------------------------------------------------


def skeleton(word: str) -> str:
    """The consonant skeleton of a word in any script: transliterated, vowels
    and h/w/y dropped, similar consonants in one class, runs collapsed.
    Putin, Путин, بوتين, Πούτιν → BTN."""
    word = fold(word)
    if _GREEK.search(word):
        for greek, latin in _GREEK_DIGRAPHS:
            word = word.replace(greek, latin)
    latin = anyascii(word).lower()
    for digraph, sound in _DIGRAPHS:
        latin = latin.replace(digraph, sound)
    return _RUNS.sub(r"\1", latin.translate(_CLASSES))


def name_keys(word: str) -> tuple[str, ...]:
    """Skeletons of a name as written and without the Arabic-script clitics
    and article that may be attached to it (والرياض → الرياض → رياض)."""
    variants = [word]
    if _ARABIC_LETTER.search(word):
        stems = [word]
        if len(word) >= 4 and word[0] in _ARABIC_CLITICS:
            stems.append(word[1:])
        for stem in list(stems):
            for prefix in _ARABIC_PREFIXES:
                if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                    stems.append(stem[len(prefix):])
                    break
        variants = stems
    keys = []
    for v in variants:
        key = skeleton(v)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def extract_names(text: str, tokens=None) -> tuple[list[Name], bool]:
    """Name candidates in order, and whether the text is written in a script
    without capitals (then every word is a candidate)."""
    tokens = _tokens(text) if tokens is None else tokens
    months = month_names()
    scales = scale_words()
    cased = caseless = 0
    candidates: list[str] = []
    sentence_start = True
    for kind, value, _start, _end, folded in tokens:
        if kind == "stop":
            sentence_start = True
            continue
        if kind != "word":
            if kind != "other":
                sentence_start = False
            continue
        first = value[0]
        if first.isupper() or first.islower():
            cased += 1
            is_name = first.isupper() and not sentence_start and len(value) > 1
        else:
            caseless += 1
            is_name = len(value) > 1
        sentence_start = False
        if is_name:
            if (folded,) not in months and folded not in scales:
                candidates.append(value)
    seen: dict[str, Name] = {}
    memo: dict[str, tuple[str, ...]] = {}
    for word in candidates:
        if word in seen:
            continue
        keys = memo.get(word) or memo.setdefault(word, name_keys(word))
        if keys:
            seen[word] = Name(word, keys)
    return list(seen.values()), caseless > cased


def extract_anchors(text: str) -> ArticleAnchors:
    """Figures and names of an article, in order."""
    text = unicodedata.normalize("NFKC", text or "")
    return ArticleAnchors(tuple(extract_figures(text)), len(text), text)


# -- buckets --------------------------------------------------------------------------


def anchor_band_hashes(anchors: ArticleAnchors) -> list[tuple[int, int]]:
    """(band, hash) pairs to store and look up; empty with too few strong figures."""
    keys = anchors.strong_keys
    if len(keys) < MIN_BUCKET_FIGURES:
        return []
    m = MinHash(num_perm=ANCHOR_BANDS * ANCHOR_ROWS, seed=ANCHOR_SEED, scheme=SCHEME, permutations=_TEMPLATE.permutations)
    m.update_batch([k.encode("utf-8") for k in keys])
    return band_hashes_of(m.hashvalues, ANCHOR_BANDS, ANCHOR_ROWS)


# -- verification ---------------------------------------------------------------------


def _weight(f: Figure) -> float:
    return 1.0 if f.strong else WEAK_WEIGHT


def _paired(a: tuple[Figure, ...], b: tuple[Figure, ...]) -> list[tuple[int, int]]:
    """Index pairs of the figures both texts give: the k-th occurrence of a
    key in one with its k-th occurrence in the other, in the first text's order."""
    where_b: dict[str, list[int]] = {}
    for j, f in enumerate(b):
        where_b.setdefault(f.key, []).append(j)
    taken: Counter = Counter()
    pairs = []
    for i, f in enumerate(a):
        positions = where_b.get(f.key)
        if positions and taken[f.key] < len(positions):
            pairs.append((i, positions[taken[f.key]]))
            taken[f.key] += 1
    return pairs


def _concordance(pairs: list[tuple[int, int]]) -> float:
    """Share of pairs of shared figures given in the same order by both texts
    (1.0: same order; about 0.5: no relation). A translation moves a figure
    within its sentence or swaps two sentences: a few discordant pairs."""
    n = len(pairs)
    if n < 2:
        return 1.0 if n else 0.0
    concordant = sum(1 for x in range(n) for y in range(x + 1, n) if pairs[y][1] > pairs[x][1])
    return concordant / (n * (n - 1) / 2)


def _variants(key: str) -> set[str]:
    """The key with one class dropped, from five classes up: two keys within
    one edit share a variant (symmetric deletion). Shorter keys must match
    exactly: with four classes or fewer, one edit away is too many words."""
    if len(key) < 5:
        return set()
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _match_names(a: ArticleAnchors, b: ArticleAnchors) -> tuple[float | None, list[tuple[str, str]]]:
    if a.caseless and b.caseless:
        return None, []  # no capitals on either side: names cannot be told from words
    min_len = 3 if (a.caseless or b.caseless) else 2
    # Count on the side whose names are names: the cased one, or the one with fewer.
    if a.caseless or (not b.caseless and len(b.names) < len(a.names)):
        counted, other, flipped = b, a, True
    else:
        counted, other, flipped = a, b, False
    exact: dict[str, Name] = {}
    near: dict[str, Name] = {}
    for name in other.names:
        for key in name.keys:
            # Case endings add a class or two at the end (Зеленского, Putina): compare five.
            key = key[:5]
            if len(key) >= min_len:
                exact.setdefault(key, name)
                for v in _variants(key) | {key}:
                    near.setdefault(v, name)
    eligible = matched = 0
    pairs: list[tuple[str, str]] = []
    for name in counted.names:
        keys = [k[:5] for k in name.keys if len(k) >= min_len]
        if not keys:
            continue
        eligible += 1
        hit = next((exact[k] for k in keys if k in exact), None)
        if hit is None:
            hit = next((near[v] for k in keys for v in sorted(_variants(k) | ({k} if len(k) >= 4 else set()))
                        if v in near and (len(v) >= 4)), None)
        if hit is not None:
            matched += 1
            pairs.append((hit.text, name.text) if flipped else (name.text, hit.text))
    if not eligible:
        return None, []
    return matched / eligible, pairs


def match_anchors(a: ArticleAnchors, b: ArticleAnchors, options: AnchorOptions = DEFAULT_ANCHOR_OPTIONS) -> AnchorMatch:
    """Whether two texts in different languages are one story, by their anchors."""
    pairs = _paired(a.figures, b.figures)
    aligned = [(a.figures[i], b.figures[j]) for i, j in pairs]
    total_a = sum(_weight(f) for f in a.figures)
    total_b = sum(_weight(f) for f in b.figures)
    found = sum(_weight(x) for x, _y in aligned)
    coverage = found / min(total_a, total_b) if min(total_a, total_b) else 0.0
    order = _concordance(pairs)
    score = coverage
    shared_strong = sum(1 for x, _y in aligned if x.strong)
    length_ratio = max(a.length, b.length) / max(1, min(a.length, b.length))
    strong_a = sum(1 for f in a.figures if f.strong) / max(1, a.length)
    strong_b = sum(1 for f in b.figures if f.strong) / max(1, b.length)
    density_ratio = min(strong_a, strong_b) / max(strong_a, strong_b) if max(strong_a, strong_b) else 0.0
    figures = tuple((x.key, x.text, y.text) for x, y in aligned)

    def result(same: bool, reason: str, name_share=None, names=()) -> AnchorMatch:
        return AnchorMatch(same, score, coverage, order, shared_strong, name_share, length_ratio, density_ratio,
                           figures, tuple(names), reason)

    if shared_strong < options.min_shared:
        return result(False, f"{shared_strong} strong figures in common (fewer than {options.min_shared})")
    if score < options.min_score:
        return result(False, f"{score:.2f} of the figures shared (below {options.min_score})")
    # With few figures one swapped pair of sentences looks like no order at
    # all (two blocks of two and three: 6 of 10 pairs reversed): the order
    # is judged from six shared figures up.
    if len(pairs) >= ORDER_MIN_FIGURES and order < options.min_order:
        return result(False, f"figures in another order ({order:.2f} of pairs in the same order)")
    if length_ratio > options.max_length_ratio:
        return result(False, f"lengths differ {length_ratio:.1f} times (more than {options.max_length_ratio})")
    if density_ratio < options.min_density_ratio:
        return result(False, f"figure densities differ (ratio {density_ratio:.2f})")
    name_share, names = _match_names(a, b)
    if name_share is not None and name_share < options.min_name_share:
        return result(False, f"{name_share:.2f} of the names found (below {options.min_name_share})", name_share, names)
    return result(True, "", name_share, names)
