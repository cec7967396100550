"""Language detection: the language an article is written in, in every script.

langdetect (seeded, on a bounded sample) is the statistical core; around it,
cheaper and surer evidence comes first. The rules, in the order they are
tried; the first that answers gives the result:

1. Too little text. Below `min_chars` letters (a Han, kana or Hangul
   character counts as three: each is a syllable or a word) the answer is
   "und", or the page's declared language when the text is in a script that
   language is written in (or has no letters at all); confidence 0.
2. Script. Letters are counted per Unicode script; the script with the most
   is the text's, Latin letters counting half against another script
   (names, addresses and English site furniture appear in articles of every
   script, the reverse is rare).
   a. Marker letters (data/language_letters.txt), checked in file order: the
      first line whose letters are frequent enough decides (ђ ћ Serbian,
      ї є ґ Ukrainian, ў Belarusian, ы э Russian, ے ٹ ڈ ڑ ں Urdu, پ چ ژ گ
      Persian, ơ ư Vietnamese, ħ Maltese, ...). Some lines decide "und":
      letters of languages langdetect has no profile for.
   b. A script written by one language decides: Georgian ka, Armenian hy,
      Greek el, Hebrew he, Thai th, Lao lo, Khmer km, Myanmar my, Sinhala si,
      Bengali bn, Gurmukhi pa, Gujarati gu, Oriya or, Tamil ta, Telugu te,
      Kannada kn, Malayalam ml, Ethiopic am, Tibetan bo, Thaana dv, Mongolian
      mn, Hangul ko. Han with kana is Japanese (ja), Han without kana Chinese
      (zh). Another script langdetect has no profile for: "und".
   c. Scripts many languages share (Latin, Cyrillic, Arabic, Devanagari)
      go on to 3, their candidates narrowed to the languages of the script.
3. Function-word vote (data/language_function_words.txt): per language, the
   text's words found among its commonest function words, a word common to
   k unrelated languages counting 1/k for each. A clear winner (enough
   hits, three times the best language outside its close group, a share of
   the hits of at least `min_prob`) is the answer, without langdetect.
4. langdetect, its prior limited to the script's languages. The declared
   language wins when langdetect gives it at least 0.2; below `min_prob`
   the answer is "und" (or the declared language when the vote does not
   contradict it). An answer whose own function words are (almost) absent
   from the text's distinct lower-case words, enough of them to show some,
   is a language langdetect has no profile for: the vote's language when
   the vote names one langdetect lacks (Malay, Serbian, Bosnian,
   Azerbaijani, Galician, Basque...), else "und".
5. Close languages (data/language_distinctive_words.txt): when the answer
   has close relatives (ms/id, hr/bs/sr, da/no/sv, cs/sk, tr/az, es/gl/pt,
   bg/mk/sr, hi/mr/ne, ar/fa/ur, tl and Cebuano), their distinctive letters
   narrow and their distinctive words decide; a tie keeps the declared
   language when it is one of the tied, else the answer so far, else the
   one langdetect knows. A relative without an ISO 639-1 code is "und".

Confidence: the share of the text's letters in the deciding script (rule
2), the vote's share of the function-word hits against the best rival (3),
langdetect's probability (4).

Paragraph level: `detect_paragraph_languages` finds paragraphs written in
another language than the article (a theme's widget in the site's language,
an untranslated leftover). Every paragraph gets the cheap checks (script,
function words); only the suspect ones (another script, or words of another
language outnumbering the article's, sooner those of a declared language
that is not the article's) get the full detection, and at most
`max_suspect_paragraphs` of them. A close relative of the article's
language is not reported. It only reports them; whether to drop them is
the cleaners' policy.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from cleaning.lexicon import data_lines

UNDETERMINED = "und"


@dataclass(frozen=True)
class LanguageOptions:
    min_chars: int = 80  # letters needed before the language is judged at all
    min_prob: float = 0.80
    sample_chars: int = 4000  # long articles cost no more than this
    # langdetect's cost is linear in its sample (n-gram extraction) on top of
    # a fixed ~1 ms of trials: it reads at most this much of the sample.
    detector_chars: int = 1000
    # Paragraphs: shorter ones are not judged (a line is too little to go
    # on), a foreign verdict needs a high probability, only the first
    # `max_paragraphs` get the cheap checks and only `max_suspect_paragraphs`
    # of the suspect ones the full detection, so a long article costs a
    # bounded time.
    paragraph_min_chars: int = 60
    paragraph_min_prob: float = 0.90
    paragraph_sample_chars: int = 600
    max_paragraphs: int = 40
    max_suspect_paragraphs: int = 6


DEFAULT_LANGUAGE_OPTIONS = LanguageOptions()

# -- thresholds ------------------------------------------------------------------
MARKER_MIN_COUNT = 2  # marker letters: at least this many occurrences...
MARKER_MIN_SHARE = 0.003  # ...and this share of the script's letters
KANA_MIN_SHARE = 0.05  # of Han + kana letters, for Japanese
SCRIPT_LETTER_WEIGHT = {"Hani": 3, "Kana": 3, "Hang": 3}
LATIN_AGAINST_OTHER_SCRIPTS = 0.5
VOTE_MIN_HITS = 4  # a clear vote has at least this many function-word hits,
VOTE_MIN_RATIO = 3.0  # this many times the best rival's,
VOTE_MIN_COVERAGE = 0.08  # and covers this share of the text's words
UNKNOWN_MIN_WORDS = 20  # distinct lower-case words from which langdetect's answer is checked,
UNKNOWN_MAX_SHARE = 0.04  # and found not to be that language below this share of its function words,
UNKNOWN_MIN_WORDS_NONE = 10  # or from this many when none of them is one
HINT_MIN_PROB = 0.2  # langdetect's probability at which the declared language wins
# A paragraph is suspect when another language's function words show (at
# least this many hits) and outnumber the article's, or the article's cover
# less than this share of its words.
PARAGRAPH_MIN_RIVAL_HITS = 2
PARAGRAPH_MIN_COVERAGE = 0.10

# Declared codes that name the same language as a detected one.
_HINT_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "fil": "tl", "mo": "ro"}
# langdetect answers "zh-cn"/"zh-tw"; the store keeps ISO 639-1.
_DETECTOR_CODES = {"zh-cn": "zh", "zh-tw": "zh"}

# -- scripts --------------------------------------------------------------------
# (first code point, last code point, script); Han and kana are told apart
# because kana is what makes Han text Japanese.
_SCRIPT_RANGES = sorted(
    [
        (0x0041, 0x024F, "Latn"), (0x0250, 0x02AF, "Latn"), (0x1E00, 0x1EFF, "Latn"),
        (0x2C60, 0x2C7F, "Latn"), (0xA720, 0xA7FF, "Latn"), (0xFF21, 0xFF5A, "Latn"),
        (0x0370, 0x03FF, "Grek"), (0x1F00, 0x1FFF, "Grek"),
        (0x0400, 0x052F, "Cyrl"), (0x1C80, 0x1C8F, "Cyrl"), (0x2DE0, 0x2DFF, "Cyrl"), (0xA640, 0xA69F, "Cyrl"),
        (0x0530, 0x058F, "Armn"), (0xFB13, 0xFB17, "Armn"),
        (0x0590, 0x05FF, "Hebr"), (0xFB1D, 0xFB4F, "Hebr"),
        (0x0600, 0x06FF, "Arab"), (0x0750, 0x077F, "Arab"), (0x08A0, 0x08FF, "Arab"),
        (0xFB50, 0xFDFF, "Arab"), (0xFE70, 0xFEFF, "Arab"),
        (0x0780, 0x07BF, "Thaa"), (0x0900, 0x097F, "Deva"), (0xA8E0, 0xA8FF, "Deva"),
        (0x0980, 0x09FF, "Beng"), (0x0A00, 0x0A7F, "Guru"), (0x0A80, 0x0AFF, "Gujr"),
        (0x0B00, 0x0B7F, "Orya"), (0x0B80, 0x0BFF, "Taml"), (0x0C00, 0x0C7F, "Telu"),
        (0x0C80, 0x0CFF, "Knda"), (0x0D00, 0x0D7F, "Mlym"), (0x0D80, 0x0DFF, "Sinh"),
        (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Laoo"), (0x0F00, 0x0FFF, "Tibt"),
        (0x1000, 0x109F, "Mymr"), (0x10A0, 0x10FF, "Geor"), (0x1C90, 0x1CBF, "Geor"), (0x2D00, 0x2D2F, "Geor"),
        (0x1100, 0x11FF, "Hang"), (0x3130, 0x318F, "Hang"), (0xA960, 0xA97F, "Hang"),
        (0xAC00, 0xD7AF, "Hang"), (0xD7B0, 0xD7FF, "Hang"),
        (0x1200, 0x139F, "Ethi"), (0x2D80, 0x2DDF, "Ethi"), (0x1780, 0x17FF, "Khmr"), (0x19E0, 0x19FF, "Khmr"),
        (0x1800, 0x18AF, "Mong"), (0x3040, 0x309F, "Kana"), (0x30A0, 0x30FF, "Kana"),
        (0x31F0, 0x31FF, "Kana"), (0xFF66, 0xFF9F, "Kana"), (0x3005, 0x3007, "Hani"),
        (0x3400, 0x4DBF, "Hani"), (0x4E00, 0x9FFF, "Hani"), (0xF900, 0xFAFF, "Hani"), (0x20000, 0x2FA1F, "Hani"),
    ]
)
_RANGE_STARTS = [start for start, _end, _script in _SCRIPT_RANGES]

# Scripts that one language writes (Han and kana are decided apart).
_SCRIPT_LANGUAGE = {
    "Geor": "ka", "Armn": "hy", "Grek": "el", "Hebr": "he", "Thai": "th", "Laoo": "lo", "Khmr": "km",
    "Mymr": "my", "Sinh": "si", "Beng": "bn", "Guru": "pa", "Gujr": "gu", "Orya": "or", "Taml": "ta",
    "Telu": "te", "Knda": "kn", "Mlym": "ml", "Ethi": "am", "Tibt": "bo", "Thaa": "dv", "Mong": "mn",
    "Hang": "ko",
}


def _script(ch: str) -> str | None:
    code = ord(ch)
    i = bisect.bisect_right(_RANGE_STARTS, code) - 1
    if i >= 0 and code <= _SCRIPT_RANGES[i][1]:
        return _SCRIPT_RANGES[i][2]
    return None


# Words are runs of letters; an elided word keeps its apostrophe ("l'",
# "dell'"). Where the text has combining marks (Indic vowel signs, Arabic
# harakat) they are part of the word: a plain \w+ would cut "है" in two.
def _mark_class() -> str:
    marks = [cp for cp in range(0x0300, 0x10000) if unicodedata.category(chr(cp)) in ("Mn", "Mc")]
    runs, start, prev = [], marks[0], marks[0]
    for cp in marks[1:]:
        if cp != prev + 1:
            runs.append((start, prev))
            start = cp
        prev = cp
    runs.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in runs)


_MARKS = _mark_class()
_WORD = re.compile(r"[^\W\d_]+(?:'(?=[^\W\d_]))?")
_WORD_WITH_MARKS = re.compile(f"(?:[^\\W\\d_]|[{_MARKS}])+(?:'(?=[^\\W\\d_]))?")
_IS_MARK = re.compile(f"[{_MARKS}]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# Spelling variants folded before words are looked up: the typographic
# apostrophe, Romanian comma-below and cedilla letters, the dot Python leaves
# after lower-casing "İ", Arabic yeh and kaf written for the Persian ones,
# harakat and tatweel, and the turned e some Azerbaijani texts type for ə.
_FOLD = str.maketrans(
    {"\u2019": "'", "ș": "ş", "ț": "ţ", "\u0307": None, "ي": "ی", "ى": "ی", "ك": "ک", "\u0640": None, "ǝ": "ə",
     **{chr(cp): None for cp in range(0x064B, 0x0660)}, "\u0670": None}
)
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _FOLD) + "]")


def _fold(text: str) -> str:
    text = text.lower()
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


# -- data ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    script: str
    members: tuple[str, ...]
    words: dict  # word -> codes it counts for
    letters: dict  # code -> its marker letters


@dataclass(frozen=True)
class _Lexicon:
    words: dict  # script -> {folded word: (codes whose function words include it, weight)}
    scripts_of: dict  # code -> the scripts its function words are written in
    groups: dict  # (script, code) -> _Group
    letter_rules: tuple  # ((code, letters, script), ...) in file order


def _entries(name: str):
    """(key, values) of "key: value value" lines; a "[...]" line as (line, None)."""
    for line in data_lines(name):
        if line.startswith("["):
            if not line.endswith("]"):
                raise ValueError(f"{name}: a group line is '[Script: codes]', not {line!r}")
            yield line[1:-1], None
        else:
            key, _sep, value = line.partition(":")
            yield key.strip(), value.split()


def _majority_script(text: str) -> str | None:
    scripts = Counter(_script(ch) for ch in text if ch.isalpha())
    return scripts.most_common(1)[0][0] if scripts else None


@functools.cache
def _lexicon() -> _Lexicon:
    """The three language data files, read once per process."""
    words: dict[str, dict[str, tuple[str, ...]]] = {}
    scripts_of: dict[str, tuple[str, ...]] = {}
    for code, entries in _entries("language_function_words.txt"):
        script = _majority_script("".join(entries))
        if script not in scripts_of.get(code, ()):
            scripts_of[code] = scripts_of.get(code, ()) + (script,)
        table = words.setdefault(script, {})
        for word in {_fold(w) for w in entries}:
            if code not in table.get(word, ()):
                table[word] = table.get(word, ()) + (code,)

    groups: dict[tuple[str, str], _Group] = {}
    group: _Group | None = None
    for key, entries in _entries("language_distinctive_words.txt"):
        if entries is None:  # "[Script: a b c]"
            script, _sep, members = key.partition(":")
            group = _Group(script.strip(), tuple(members.split()), {}, {})
            for code in group.members:
                groups[(group.script, code)] = group
            continue
        codes = key.split()
        if codes[-1] == "letters":
            for code in codes[:-1]:
                group.letters[code] = frozenset(entries)
        else:
            for word in {_fold(w) for w in entries}:
                group.words[word] = group.words.get(word, ()) + tuple(codes)
    rules = tuple(
        (code, frozenset(letters), _majority_script("".join(letters)))
        for code, letters in _entries("language_letters.txt")
    )
    # A word common to several unrelated languages tells little: it counts
    # 1/k for each of the k languages (a close group counting as one) that
    # list it, so "to" or "a" cannot outvote "the".
    weighted: dict[str, dict[str, tuple[tuple[str, ...], float]]] = {}
    for script, table in words.items():
        weighted[script] = {}
        for word, codes in table.items():
            units = {groups[(script, c)].members if (script, c) in groups else c for c in codes}
            weighted[script][word] = (codes, 1.0 / len(units))
    return _Lexicon(weighted, scripts_of, groups, rules)


@functools.cache
def _detector_factory() -> DetectorFactory:
    """langdetect's profiles, loaded once per process, in a factory of our own
    whose seed no other caller can change."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def load_tables() -> None:
    """Read the lexicon and langdetect's profiles now rather than for the
    first page that needs them (a process about to fork its workers)."""
    _lexicon()
    _detector_factory()


@functools.cache
def _detector_profiles() -> tuple[str, ...]:
    """The languages langdetect has a profile for, from its profile files'
    names: known without loading them."""
    return tuple(sorted(os.listdir(PROFILES_DIRECTORY)))


@functools.cache
def _detector_languages() -> dict:
    """Script -> the langdetect profiles of languages written in it."""
    lexicon = _lexicon()
    by_script: dict[str, list[str]] = {}
    for profile in _detector_profiles():
        for script in lexicon.scripts_of.get(_DETECTOR_CODES.get(profile, profile), ()):
            by_script.setdefault(script, []).append(profile)
    return {script: tuple(profiles) for script, profiles in by_script.items()}


@functools.cache
def _detector_codes() -> frozenset:
    return frozenset(_DETECTOR_CODES.get(profile, profile) for profile in _detector_profiles())


def _known_to_detector(code: str) -> bool:
    return code in _detector_codes()


# -- evidence -------------------------------------------------------------------


@dataclass
class _Evidence:
    """What one pass over a text tells: letters per script, the text's script,
    its marker letters, its words."""

    text: str
    letters: float  # weighted: a Han, kana or Hangul character counts as several
    scripts: dict
    chars: Counter | None  # non-ASCII characters; None for ASCII text
    words: Counter
    kana: float  # weighted, as `letters`

    @functools.cached_property
    def script(self) -> str | None:
        # Latin letters count half against another script: names, addresses
        # and site furniture in English appear in articles of every script,
        # the reverse is rare.
        weight = {"Latn": LATIN_AGAINST_OTHER_SCRIPTS}
        return max(self.scripts, key=lambda s: self.scripts[s] * weight.get(s, 1), default=None)

    @property
    def share(self) -> float:
        return self.scripts[self.script] / self.letters if self.letters else 0.0

    @property
    def word_count(self) -> int:
        return sum(self.words.values())


def _read(text: str) -> _Evidence:
    # Decomposed accents (r + caron) are composed, as the data lists write them.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    folded = _fold(text)
    others = Counter(_NON_ASCII.findall(folded))
    marks = any(_IS_MARK.match(ch) for ch in others)
    tokens = (_WORD_WITH_MARKS if marks else _WORD).findall(folded)
    words = Counter(tokens)
    # ASCII letters are what the words hold beyond their other characters.
    latin = sum(map(len, tokens))
    scripts: dict[str, float] = {}
    for ch, count in others.items():
        # A vowel sign counts as a letter: Indic syllables are written so.
        letter = ch.isalpha() or marks and _IS_MARK.match(ch)
        if letter:
            latin -= count
            script = _script(ch)
            if script:
                scripts[script] = scripts.get(script, 0) + count * SCRIPT_LETTER_WEIGHT.get(script, 1)
    if latin > 0:
        scripts["Latn"] = scripts.get("Latn", 0) + latin
    kana = scripts.get("Kana", 0)
    # Han and kana are one writing for dominance: Japanese mixes them.
    if "Hani" in scripts and "Kana" in scripts:
        scripts["Jpan"] = scripts.pop("Hani") + scripts.pop("Kana")
    return _Evidence(text, sum(scripts.values()), scripts, others or None, words, kana)


def _vote(ev: _Evidence, script: str) -> dict:
    """Function-word hits per language of `script`."""
    table = _lexicon().words.get(script, {})
    hits: dict[str, float] = {}
    for word, count in ev.words.items():
        found = table.get(word)
        if found:
            codes, weight = found
            for code in codes:
                hits[code] = hits.get(code, 0.0) + count * weight
    return hits


def _close(code: str, script: str) -> tuple[str, ...]:
    group = _lexicon().groups.get((script, code))
    return group.members if group else (code,)


def _ranked(hits: dict) -> list[tuple[str, int]]:
    # Equal hits: a language langdetect knows first, then file order.
    return sorted(hits.items(), key=lambda item: (-item[1], not _known_to_detector(item[0])))


def _rival(hits: dict, code: str, script: str) -> int:
    close = _close(code, script)
    return max((n for c, n in hits.items() if c not in close and c != code), default=0)


def _own_words(ev: _Evidence, code: str, script: str) -> tuple[int, int]:
    """(distinct lower-case words of the text that are function words of
    `code` or its close relatives, distinct lower-case words): names and
    headings left out, so a list of scores or names is not taken for prose
    without function words."""
    table = _lexicon().words.get(script, {})
    close = set(_close(code, script))
    pattern = _WORD_WITH_MARKS if ev.chars and any(_IS_MARK.match(ch) for ch in ev.chars) else _WORD
    distinct = {_fold(w) for w in pattern.findall(ev.text) if not w[0].isupper()}
    return sum(1 for w in distinct if w in table and close.intersection(table[w][0])), len(distinct)


def _frequent(ev: _Evidence, letters: frozenset, script_letters: float) -> bool:
    if ev.chars is None:
        return False
    count = sum(ev.chars.get(ch, 0) for ch in letters)
    return count >= MARKER_MIN_COUNT and count >= MARKER_MIN_SHARE * script_letters


def _marker_language(ev: _Evidence, script: str) -> str | None:
    for code, letters, rule_script in _lexicon().letter_rules:
        if rule_script == script and _frequent(ev, letters, ev.scripts[script]):
            return code
    return None


def _settle_close(ev: _Evidence, code: str, script: str, hint: str | None) -> str:
    """Choose among `code` and its close relatives by their distinctive
    letters and words."""
    group = _lexicon().groups.get((script, code))
    if not group:
        return code
    running = [c for c in group.members if c in group.letters and _frequent(ev, group.letters[c], ev.scripts[script])]
    if not running:
        running = list(group.members)
    scores = dict.fromkeys(running, 0)
    for word, count in ev.words.items():
        for c in group.words.get(word, ()):
            if c in scores:
                scores[c] += count
    best = max(scores.values())
    tied = [c for c in running if scores[c] == best]
    if len(tied) == 1:
        return tied[0]
    if hint in tied:
        return hint
    if code in tied:
        return code
    known = [c for c in tied if _known_to_detector(c)]
    return (known or tied)[0]


def _detector(sample: str, script: str) -> list[tuple[str, float]]:
    """langdetect's answers, its prior limited to the languages of `script`."""
    profiles = _detector_languages().get(script)
    if not profiles:
        return []
    detector = _detector_factory().create()
    detector.set_prior_map(dict.fromkeys(profiles, 1.0))
    detector.append(sample)
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return []
    merged: dict[str, float] = {}
    for lang in found:
        code = _DETECTOR_CODES.get(lang.lang, lang.lang)
        merged[code] = merged.get(code, 0.0) + float(lang.prob)
    return sorted(merged.items(), key=lambda item: -item[1])


def _hint_fits(ev: _Evidence, hint: str | None, hits: dict | None = None) -> bool:
    """The declared language is plausible for this text: written in its
    script and, where its function words are known, not outvoted."""
    if not hint or len(hint) != 2:  # the store keeps ISO 639-1 codes
        return False
    if not ev.letters:
        return True
    script = ev.script
    if script not in _scripts_of_code(hint):
        return False
    if script in _lexicon().scripts_of.get(hint, ()) and hits is not None:
        own = max(hits.get(c, 0) for c in _close(hint, script))
        return own * VOTE_MIN_RATIO >= max(hits.values(), default=0)
    return True


def _scripts_of_code(code: str) -> tuple[str, ...]:
    """The scripts a language is written in, as far as the data tells."""
    lexicon = _lexicon()
    scripts = list(lexicon.scripts_of.get(code, ()))
    scripts += [script for script, language in _SCRIPT_LANGUAGE.items() if language == code]
    scripts += [script for rule_code, _letters, script in lexicon.letter_rules if rule_code == code]
    scripts += {"ja": ["Jpan", "Kana"], "zh": ["Hani"]}.get(code, [])
    return tuple(dict.fromkeys(scripts))


def _decide(ev: _Evidence, hint: str | None, min_chars: int, min_prob: float, detector_chars: int) -> tuple[str, float]:
    if ev.letters < min_chars:
        return (hint, 0.0) if _hint_fits(ev, hint) else (UNDETERMINED, 0.0)
    script = ev.script
    share = round(ev.share, 4)

    # 2a. marker letters
    marked = _marker_language(ev, script)
    if marked:
        return (marked, share) if marked != UNDETERMINED else (UNDETERMINED, 0.0)
    # 2b. a script of one language
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script], share
    if script in ("Jpan", "Kana"):
        kana_letters = ev.kana / SCRIPT_LETTER_WEIGHT["Kana"]
        if kana_letters >= MARKER_MIN_COUNT and ev.kana >= KANA_MIN_SHARE * ev.scripts[script]:
            return "ja", share
        return "zh", share
    if script == "Hani":
        return "zh", share
    if script not in _detector_languages():
        return UNDETERMINED, 0.0

    # 3. the function-word vote
    hits = _vote(ev, script)
    ranked = _ranked(hits)
    words = ev.word_count
    if ranked:
        top, top_hits = ranked[0]
        rival = _rival(hits, top, script)
        vote_share = top_hits / (top_hits + rival)
        if (
            top_hits >= VOTE_MIN_HITS
            and top_hits >= VOTE_MIN_RATIO * rival
            and top_hits >= VOTE_MIN_COVERAGE * words
            and vote_share >= min_prob
        ):
            return _settle_close(ev, top, script, hint), round(vote_share, 4)

    # 4. langdetect
    answers = _detector(_sample(ev.text, detector_chars), script)
    if not answers:
        return (hint, 0.0) if _hint_fits(ev, hint, hits) else (UNDETERMINED, 0.0)
    code, prob = answers[0]
    for candidate, candidate_prob in answers:
        if hint and candidate in _close(hint, script) and candidate_prob >= HINT_MIN_PROB:
            code, prob = candidate, max(candidate_prob, prob if code == candidate else 0.0)
            break
    if prob < min_prob:
        return (hint, round(prob, 4)) if _hint_fits(ev, hint, hits) else (UNDETERMINED, round(prob, 4))
    if script in _lexicon().scripts_of.get(code, ()):
        own, distinct = _own_words(ev, code, script)
        if (distinct >= UNKNOWN_MIN_WORDS and own < UNKNOWN_MAX_SHARE * distinct) or (
            distinct >= UNKNOWN_MIN_WORDS_NONE and own == 0
        ):
            # langdetect's answer hardly uses its own commonest words: a
            # language it has no profile for. Name it only if the vote does.
            top, top_hits = ranked[0] if ranked else (None, 0)
            if (
                top
                and not _known_to_detector(top)
                and top_hits >= VOTE_MIN_HITS
                and top_hits >= VOTE_MIN_RATIO * max(hits.get(c, 0) for c in _close(code, script))
            ):
                return _settle_close(ev, top, script, hint), round(prob, 4)
            return UNDETERMINED, round(prob, 4)
    return _settle_close(ev, code, script, hint), round(prob, 4)


# -- public -----------------------------------------------------------------------


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    # Beginning, middle and end: one junk block cannot decide the language.
    third = size // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def normalize_hint(hint: str | None) -> str | None:
    """"en-US", "pt_BR" → "en", "pt"; "nb-NO" → "no"; anything that is not a
    language code → None."""
    code = (hint or "").strip().lower().replace("_", "-").split("-")[0]
    if len(code) in (2, 3) and code.isalpha() and code.isascii() and code not in ("und", "mul", "zxx"):
        return _HINT_ALIASES.get(code, code)
    return None


def detect_language(
    text: str, hint: str | None = None, options: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS
) -> tuple[str, float]:
    """Return (ISO 639-1 code or "und", confidence). `hint` is the page's
    declared language: evidence where it agrees with the text, never more."""
    hint = normalize_hint(hint)
    ev = _read(_sample(text or "", options.sample_chars))
    return _decide(ev, hint, options.min_chars, options.min_prob, options.detector_chars)


def split_paragraphs(text: str) -> list[str]:
    """The cleaned text's paragraphs: one per line, as the cleaners leave them."""
    return [line.strip() for line in (text or "").split("\n")]


def _suspect(ev: _Evidence, language: str, script: str, declared: str | None) -> bool:
    """Cheap signs that a paragraph is in another language than the article."""
    if ev.script != script:
        return True
    if script not in _lexicon().scripts_of.get(language, ()):
        return False  # a script of one language: same script, same language
    hits = _vote(ev, script)
    own = max(hits.get(c, 0) for c in _close(language, script))
    rival = _rival(hits, language, script)
    # Few of the article's function words is not enough: headlines and
    # lists of names have few of any language's. Another language's must
    # show; on a page that declares another language than the article's
    # (its theme's), any word of the declared one does.
    least = PARAGRAPH_MIN_RIVAL_HITS
    if declared and declared not in _close(language, script) and hits.get(declared, 0) > 0:
        least = min(least, hits[declared])
    return rival >= least - 1e-9 and (rival > own or own < PARAGRAPH_MIN_COVERAGE * ev.word_count)


def detect_paragraph_languages(
    text: str,
    article_language: str,
    options: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS,
    declared: str | None = None,
) -> list[tuple[int, str, float]]:
    """Paragraphs in another language than the article: [(index, code, probability)].

    `declared` is the page's declared language, when known: where it differs
    from the article's, the page's theme is likely in it, and a paragraph
    with its words is checked sooner.

    `index` counts the lines of `text` (blank ones included), so it points
    back at `split_paragraphs(text)[index]`. Nothing is reported for an
    article whose own language is undetermined: there is nothing to differ
    from. A paragraph in a close relative of the article's language (Bosnian
    in a Croatian article) is not reported: a paragraph is too short to
    tell them apart reliably.
    """
    language = normalize_hint(article_language)
    declared = normalize_hint(declared)
    scripts = _scripts_of_code(language) if language else ()
    if not scripts:
        return []
    # The article's own script, where its language has several (Serbian).
    script = scripts[0]
    if len(scripts) > 1:
        script = _read(_sample(text or "", options.sample_chars)).script
        if script not in scripts:
            script = scripts[0]
    found: list[tuple[int, str, float]] = []
    judged = suspects = 0
    shortest = options.paragraph_min_chars / max(SCRIPT_LETTER_WEIGHT.values())
    for index, paragraph in enumerate(split_paragraphs(text)):
        if len(paragraph) < shortest:
            continue
        ev = _read(paragraph[: options.paragraph_sample_chars])
        if ev.letters < options.paragraph_min_chars:
            continue
        judged += 1
        if judged > options.max_paragraphs:
            break
        if not _suspect(ev, language, script, declared):
            continue
        suspects += 1
        if suspects > options.max_suspect_paragraphs:
            break
        code, prob = _decide(
            ev, None, options.paragraph_min_chars, options.paragraph_min_prob, options.paragraph_sample_chars
        )
        if code not in (language, UNDETERMINED) and code not in _close(language, script) and prob >= options.paragraph_min_prob:
            found.append((index, code, round(prob, 4)))
    return found
