"""Which words a language has, and a cheap guess of a text's language.

The repairs inside sentences and the edge-furniture scoring need to know
whether a string is a word of the article's language ("Today" is,
"BlinkenToday" is not) and which words are its stop words. The language
stage runs after cleaning, so the cleaners guess the language themselves:
from the script, then from stop-word hits on a short sample, which costs a
fraction of a millisecond.

Word frequencies come from wordfreq (its small lists: 40+ languages); stop
words from jusText's lists (about 100 languages, installed with trafilatura).
Both are read once per process and language.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import chain

from cleaning.lexicon import data_lines

# Characters of a text the guess reads: enough for a few dozen stop words.
SAMPLE_CHARS = 2000
# Fewer stop-word hits than this in the sample is no evidence.
MIN_STOP_HITS = 5
# A line with this many spaces or more is a paragraph of prose.
PROSE_MIN_SPACES = 9

_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Scripts written by one language among those the project meets.
_SINGLE_LANGUAGE_SCRIPTS = (
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("te", re.compile(r"[\u0c00-\u0c7f]")),
    ("kn", re.compile(r"[\u0c80-\u0cff]")),
    ("ml", re.compile(r"[\u0d00-\u0d7f]")),
    ("gu", re.compile(r"[\u0a80-\u0aff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Any character of the scripts above: most samples have none, and skip counting them one by one.
_ANY_COUNTED_SCRIPT = re.compile(
    "[" + "".join(pattern.pattern[1:-1] for _code, pattern in (*_SINGLE_LANGUAGE_SCRIPTS, ("zh", _HAN))) + "]"
)


def primary_code(tag: str | None) -> str | None:
    """'fr-FR' → 'fr'; None for an empty or malformed tag."""
    if not tag:
        return None
    code = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


@functools.cache
def _stoplist_names() -> dict[str, str]:
    return dict(line.split(None, 1) for line in data_lines("stoplist_languages.txt"))


@functools.cache
def stop_words(code: str) -> frozenset[str]:
    """The stop words of a language (casefolded); empty when none are known."""
    name = _stoplist_names().get(code)
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.casefold() for word in justext.get_stoplist(name))


@functools.cache
def stop_word_index() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages whose list has it."""
    index: dict[str, list[str]] = {}
    for code in _stoplist_names():
        for word in stop_words(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


# Languages wordfreq lists under another code: Bosnian, Croatian and
# Serbian (in Latin letters) share its Serbo-Croatian list.
_WORD_LIST_CODES = {"bs": "sh", "hr": "sh", "sr": "sh", "no": "nb"}


@functools.cache
def _frequencies(code: str) -> dict[str, float]:
    import wordfreq

    code = _WORD_LIST_CODES.get(code, code)
    if code not in wordfreq.available_languages("small"):
        return {}
    return wordfreq.get_frequency_dict(code, "small")


@functools.cache
def common_words(code: str | None, count: int) -> frozenset[str]:
    """The ``count`` most frequent words of a language."""
    frequencies = _frequencies(code) if code else {}
    return frozenset(sorted(frequencies, key=frequencies.__getitem__, reverse=True)[:count])


def has_word_list(code: str | None) -> bool:
    return bool(code) and bool(_frequencies(code))


def zipf(word: str, code: str | None) -> float:
    """Zipf frequency of a word in a language: 0 when unknown, about 3 for a
    word met once per million words, 7 for the commonest."""
    if not code:
        return 0.0
    frequency = _frequencies(code).get(word.lower())
    return math.log10(frequency * 1e9) if frequency else 0.0


@functools.lru_cache(maxsize=32)
def guess_language(text: str, declared: str | None = None) -> str | None:
    """The language of a text from its script and its stop words; the page's
    declared language wins a near tie (a theme's default ``lang="en"`` on a
    Spanish text does not).

    The sample is the text's paragraphs of prose, each once, when it has
    any: headers and repeats that later rules remove must not sway it.
    (Several cleaners ask in turn about a text most of them leave as it was:
    the answers are kept, for the text and for its sample.)"""
    lines = list(dict.fromkeys(line for line in text.split("\n") if line.strip()))
    prose = [line for line in lines if line.count(" ") >= PROSE_MIN_SPACES]
    return _guess_sample("\n".join(prose or lines)[:SAMPLE_CHARS], declared)


@functools.lru_cache(maxsize=64)
def _guess_sample(sample: str, declared: str | None) -> str | None:
    letters = sum(len(run) for run in _LETTERS.findall(sample))
    if not letters:
        return primary_code(declared)
    if _ANY_COUNTED_SCRIPT.search(sample):
        for code, pattern in _SINGLE_LANGUAGE_SCRIPTS:
            if len(pattern.findall(sample)) * 3 >= letters:
                return code
        if len(_HAN.findall(sample)) * 3 >= letters:
            return "zh"
    index = stop_word_index()
    hits: Counter[str] = Counter()
    tokens = _LETTERS.findall(sample.casefold())
    # "the the" is one use: the repair that undoubles it must not sway the guess.
    kept = [t for i, t in enumerate(tokens) if not i or t != tokens[i - 1]]
    hits.update(chain.from_iterable(index.get(t, ()) for t in kept))
    declared_code = primary_code(declared)
    if not hits or hits.most_common(1)[0][1] < MIN_STOP_HITS:
        return declared_code
    # A long list (Marathi's 2,500 words against Hindi's 380) catches more
    # tokens of a neighbour language: weigh hits by the list's size.
    scores = {code: count / math.log(len(stop_words(code)) + 2) for code, count in hits.items()}
    best = max(scores, key=scores.__getitem__)
    if declared_code in scores and declared_code != best and scores[declared_code] * 10 >= scores[best] * 9:
        return declared_code
    return best
