"""Machine-translation score: how much translation and scraping debris an
article carried, per 1,000 words.

    mt_score = 1000 × Σ weight(signal) × count(signal) / max(words, min_words)

The counts come from two places:

* the repairs the cleaners recorded (``record.changes``): doubled words and
  lines, glued words, capitals mid-sentence, drop caps, punctuation spacing,
  mojibake, leftover markup, name variants, paragraphs in another language.
  A line-level change counts once per repaired spot (a word replaced, or a
  run of words removed); a Unicode normalisation is not a repair;
* signals no cleaner repairs, read from the record: an agency credit
  translated word for word ("(French)" for AFP), a note or link saying the
  text was translated, the title printed more than twice, and debris left
  in the text: punctuation glued to the next word, a space before a comma or
  full stop, a word echoed with a capital ("açıklama Açıklaması"), a quote
  mark standing alone between words.

`min_words` keeps a three-line brief with one slip from outranking a long
article full of them. The weights were chosen on the tuning half of the
benchmark (benchmarks/mt_score.py); the formula and the weights carry a
version, stored with every score, so scores of different versions are never
compared unknowingly. Pure: no database, no network.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from cleaning.attribution import translation_note_pattern
from cleaning.lexicon import data_lines

# 2: the debris cleaners repair glue and spacing in more scripts, so more
# of the same debris is counted from their recorded changes.
MT_SCORE_VERSION = 2

# What each signal is, in the words `newscrawl show` prints.
SIGNALS: dict[str, str] = {
    "translation_note": "a note or link saying the text was translated",
    "credit_calques": "an agency credit translated word for word, e.g. (French) for AFP",
    "doubled_words": "a word said twice (in in, hospitals. hospitals.)",
    "doubled_lines": "a paragraph, or the title, printed twice",
    "glued_words": "words run together (BlinkenToday, cliff.As)",
    "stray_capitals": "a function word capitalised mid-sentence (causing A severe)",
    "drop_caps": "a drop cap split from its word (I t was)",
    "name_variants": "one name spelled two ways",
    "punctuation": "a space before punctuation, Arabic punctuation in Latin text",
    "mojibake": "letters garbled by a wrong character encoding",
    "markup": "leftover entities, tags, escapes or markdown",
    "foreign_paragraphs": "a paragraph in another language",
    "glued_punctuation": "punctuation or a capitalised label glued to the next word, not repaired",
    "spaced_punctuation": "a space before a comma or full stop, not repaired",
    "echoed_words": "a word echoed with a capital (açıklama Açıklaması)",
    "stray_quotes": "a quote mark standing alone between words",
}

# Cleaner name -> signal, for the changes that count once per repaired spot.
_SPOT_REPAIRS = {
    "remove_doubled_words": "doubled_words",
    "split_glued_words": "glued_words",
    "lower_midsentence_words": "stray_capitals",
    "join_drop_caps": "drop_caps",
    "fix_punctuation_spacing": "punctuation",
    "fix_encoding": "mojibake",
    "fix_markup": "markup",
}
# Cleaner name -> signal, for the changes that count once each.
_WHOLE_REPAIRS = {
    "remove_duplicate_lines": "doubled_lines",
    "foreign_paragraph": "foreign_paragraphs",
}

# Chosen on the tuning half of benchmarks/mt_score.py (`--fit` prints them):
# each signal's smoothed log-likelihood ratio, damaged against professional
# texts, scaled so the mean weight is 1. A signal not listed weighs 1.
DEFAULT_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("translation_note", 1.25),
    ("credit_calques", 0.95),
    ("doubled_words", 1.05),
    ("doubled_lines", 1.25),
    ("glued_words", 0.95),
    ("stray_capitals", 0.95),
    ("drop_caps", 0.95),
    ("name_variants", 0.95),
    ("punctuation", 1.2),
    ("mojibake", 1.3),
    ("markup", 1.3),
    ("foreign_paragraphs", 0.95),
    ("glued_punctuation", 0.45),
    ("spaced_punctuation", 0.6),
    ("echoed_words", 0.95),
    ("stray_quotes", 0.95),
)
# Above this score an article is counted as damaged (`sites`, `mt-sites`):
# the threshold with the best F1 on the tuning half.
MT_SCORE_THRESHOLD = 3.65


@dataclass(frozen=True)
class MTScoreOptions:
    weights: tuple[tuple[str, float], ...] = DEFAULT_WEIGHTS
    # Texts shorter than this are scored as if they had this many words.
    min_words: int = 100

    def weight(self, signal: str) -> float:
        return dict(self.weights).get(signal, 1.0)


DEFAULT_MT_OPTIONS = MTScoreOptions()


@dataclass(frozen=True)
class MTScore:
    score: float
    words: int
    counts: dict[str, int] = field(default_factory=dict)  # signal -> how many times seen
    version: int = MT_SCORE_VERSION

    def parts(self) -> dict:
        """What is stored beside the score to explain it."""
        return {"words": self.words, "counts": dict(self.counts)}


# Scripts written without spaces between words: a word there is about two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f]")
_TOKEN = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words of a text; in Chinese, Japanese, Thai, Lao or Burmese, two characters count as one."""
    unspaced = len(_UNSPACED.findall(text))
    spaced = sum(1 for token in _TOKEN.findall(text) if not _UNSPACED.search(token))
    return spaced + (unspaced + 1) // 2


def _repaired_spots(before: str, after: str) -> int:
    """Where a repaired line differs from the original: a word replaced by
    one or two (garbled letters, a glued word split) is one spot; words
    removed or added together (a doubled word) are one spot."""
    old, new = before.split(), after.split()
    # The audit trail cuts long lines (with "…"), each at its own length: the
    # cut word and what one side kept beyond the other are no repair.
    cut = before.endswith("…") or after.endswith("…")
    if cut:
        old, new = old[:-1] if before.endswith("…") else old, new[:-1] if after.endswith("…") else new
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    if cut and opcodes and opcodes[-1][0] != "equal":
        opcodes = opcodes[:-1]
    spots = 0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            spots += min(i2 - i1, j2 - j1)
        elif tag != "equal":
            spots += 1
    return max(1, spots)


def _is_normalisation(before: str, after: str) -> bool:
    """A change that only composed accents (NFC): the text was not damaged."""
    before, after = before.rstrip("…"), after.rstrip("…")
    composed = unicodedata.normalize("NFC", before)
    size = min(len(composed), len(after))
    return composed[:size] == after[:size]


@functools.cache
def _calque_pattern() -> re.Pattern:
    names = sorted(data_lines("credit_calques.txt"), key=len, reverse=True)
    return re.compile(r"\(\s*(?:" + "|".join(re.escape(name) for name in names) + r")\s*\)")


def _has_translation_note(changes: list[dict], source_links: list[dict]) -> bool:
    if any(link.get("kind") == "translated-from" for link in source_links):
        return True
    note = translation_note_pattern()
    return any(
        change.get("cleaner") in ("remove_attribution", "extract_boilerplate") and note.fullmatch(change.get("before") or "")
        for change in changes
    )


def _title_copies(changes: list[dict]) -> int:
    """How often the title was printed in the body: taken from its first line, and removed as a repeat."""
    moved = sum(1 for c in changes if c.get("cleaner") == "split_title" and c.get("action") == "moved")
    removed = sum(1 for c in changes if c.get("cleaner") == "remove_title_repeats" and c.get("action") == "removed")
    return moved + removed


# Debris the cleaners leave: each pattern below is a spot no careful writer
# produces, in any language. Letters of Indic scripts end in vowel signs
# (marks), so "a letter" here is a letter or a mark.
# "আগে,ফেব্রুয়ারি": a comma between two letters (not "1,5").
_GLUED_COMMA = re.compile(r"(?<=\S)[,،](?=[^\W\d_])")
# "सकता है।उल्लेखनीय", "האחרונות.הנושא": a sentence end glued to the next
# word. The cleaners repair it where letters have case ("cliff.As"); in a
# script without case it is left, and in Latin "word.word" is an address.
_GLUED_STOP = re.compile(r"(?<=\S)[.!?।॥۔؟](?=[^\W\d_])")
# “quoted”word: a closing quote glued to the next word, in a text that
# opens its quotes with “ (in German „…“ the “ closes; Korean and Japanese
# attach particles to a quote).
_GLUED_QUOTE = re.compile(r"“[^“”\n]{1,200}”(?=[^\W\d_])")
# "MADRIDAlmeida": a capitalised dateline or label glued to the next word.
_GLUED_CAPITALS = re.compile(r"\b[A-Z]{3,}(?=[A-Z][a-z]{2,})")
# "اليوم ، أن", "Senate , the": a space before a comma or full stop.
_SPACED_STOP = re.compile(r"(?<=[^\W\d_]) +[,،.](?= |$)", re.MULTILINE)
# "açıklama Açıklaması": a word said again, capitalised, possibly inflected.
_WORD_PAIR = re.compile(r"(?=\b([^\W\d_]{4,}) ([^\W\d_]{4,})\b)")
# "não " cumprida": a straight quote with a space on both sides, between words.
_STRAY_QUOTE = re.compile(r"(?<=[^\W\d_]) \" (?=[^\W\d_])")
_ADDRESS = re.compile(r"\S*(?:://|www\.|@)\S*")
# Hangul and the scripts written without spaces attach what follows a quote or a comma.
_ATTACHING = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _is_caseless_letter(char: str) -> bool:
    return _is_letter(char) and char.lower() == char.upper() and not _UNSPACED.match(char)


def _attaches(char: str) -> bool:
    return bool(_UNSPACED.match(char) or _ATTACHING.match(char))


def _left_debris(text: str) -> dict[str, int]:
    text = _ADDRESS.sub(" ", text)
    glued = sum(1 for m in _GLUED_QUOTE.finditer(text) if not _attaches(text[m.end()]))
    glued += sum(
        1 for m in _GLUED_COMMA.finditer(text) if _is_letter(text[m.start() - 1]) and not _attaches(text[m.end()])
    )
    glued += sum(
        1
        for m in _GLUED_STOP.finditer(text)
        if _is_caseless_letter(text[m.start() - 1]) and _is_caseless_letter(text[m.end()])
    )
    glued += len(_GLUED_CAPITALS.findall(text))
    echoed = sum(
        1
        for first, second in _WORD_PAIR.findall(text)
        if first[0].islower() and second[0].isupper() and second.casefold().startswith(first.casefold())
    )
    return {
        "glued_punctuation": glued,
        "spaced_punctuation": len(_SPACED_STOP.findall(text)),
        "echoed_words": echoed,
        "stray_quotes": len(_STRAY_QUOTE.findall(text)),
    }


def count_debris(title: str | None, text: str, changes: list[dict], captions: list[str],
                 source_links: list[dict]) -> dict[str, int]:
    """How many times each signal is seen in one cleaned article (signals seen never are left out)."""
    counts = dict.fromkeys(SIGNALS, 0)
    for change in changes:
        cleaner = change.get("cleaner")
        before, after = change.get("before") or "", change.get("after") or ""
        if cleaner in _SPOT_REPAIRS:
            if cleaner == "fix_encoding" and _is_normalisation(before, after):
                continue
            spots = _repaired_spots(before, after) if change.get("action") == "replaced" else 1
            counts[_SPOT_REPAIRS[cleaner]] += spots
        elif cleaner in _WHOLE_REPAIRS:
            counts[_WHOLE_REPAIRS[cleaner]] += 1
        elif cleaner == "unify_name_variants" and change.get("action") == "detected":
            counts["name_variants"] += 1
    # A body that starts with its headline is a layout; printed twice more, a doubling.
    counts["doubled_lines"] += max(0, _title_copies(changes) - 2)
    counts["translation_note"] = int(_has_translation_note(changes, source_links))
    calque = _calque_pattern()
    counts["credit_calques"] = sum(len(calque.findall(caption)) for caption in captions) + len(calque.findall(text))
    whole = f"{title}\n{text}" if title else text
    for signal, count in _left_debris(whole).items():
        counts[signal] += count
    return {signal: count for signal, count in counts.items() if count}


def score_counts(counts: dict[str, int], words: int, options: MTScoreOptions = DEFAULT_MT_OPTIONS) -> float:
    debris = sum(options.weight(signal) * count for signal, count in counts.items())
    return round(1000 * debris / max(words, options.min_words, 1), 2)


def explain_counts(counts: dict[str, int], words: int, options: MTScoreOptions = DEFAULT_MT_OPTIONS) -> list[dict]:
    """Each signal's share of the score, largest first: {signal, count, weight, points, meaning}."""
    parts = [
        {
            "signal": signal,
            "count": count,
            "weight": options.weight(signal),
            "points": score_counts({signal: count}, words, options),
            "meaning": SIGNALS.get(signal, signal),
        }
        for signal, count in counts.items()
    ]
    return sorted(parts, key=lambda part: -part["points"])


def score_article(title: str | None, text: str, changes: list[dict], captions: list[str], source_links: list[dict],
                  options: MTScoreOptions = DEFAULT_MT_OPTIONS) -> MTScore:
    """The machine-translation score of one cleaned article."""
    words = count_words(f"{title}\n{text}" if title else text)
    counts = count_debris(title, text, changes, captions, source_links)
    return MTScore(score_counts(counts, words, options), words, counts)
