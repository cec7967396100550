"""Machine-translation and template debris inside sentences: doubled words
and paragraphs, glued words, capitalised function words mid-sentence, space
before punctuation, Arabic punctuation in Latin text, drop-cap splits, one
name spelled two ways.

Each rule repairs only what cannot be meant: "in in" but not "that that",
"BlinkenToday" but not "YouTube", "causing An unprecedented" but not
"the United Nations" or "to The Hague".
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from cleaning.context import PageContext, Report, shorten
from cleaning.lexicon import data_lines

_FOLD = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Duplicated lines and paragraphs


def _split_doubled_line(line: str) -> str | None:
    """"X X" where X is a whole paragraph repeated on one line."""
    stripped = line.strip()
    if len(stripped) < 80 or stripped.find(stripped[:20], 20) < 0:
        return None
    middle = len(stripped) // 2
    for cut in range(max(0, middle - 3), min(len(stripped), middle + 4)):
        left, right = stripped[:cut].strip(), stripped[cut:].strip()
        if left and left == right:
            return left
    return None


def remove_duplicate_lines(text: str, page: PageContext, report: Report) -> str:
    lines = text.split("\n")
    out: list[str] = []
    previous = ""  # last non-empty line kept
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            out.append(line)
            continue
        single = _split_doubled_line(stripped)
        if single:
            report.record("remove_duplicate_lines", "removed", shorten(stripped), shorten(single))
            line = stripped = single
        folded = _fold(stripped)
        if folded == previous and len(stripped) >= 20:
            report.record("remove_duplicate_lines", "removed", shorten(stripped))
            continue
        # A paragraph followed by the same text split into two or three lines.
        following = []
        if len(stripped) >= 80:
            following = [lines[j].strip() for j in range(index + 1, min(len(lines), index + 8)) if lines[j].strip()]
        if len(stripped) >= 80 and following and len(following[0]) < len(stripped) and stripped.startswith(following[0][:30]):
            for count in (2, 3):
                if len(following) >= count and _fold(" ".join(following[:count])) == _fold(stripped):
                    report.record("remove_duplicate_lines", "removed", shorten(stripped))
                    stripped = ""
                    break
            if not stripped:
                continue
        out.append(line)
        previous = folded
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Glued words and missing spaces


@functools.cache
def _glue_pattern() -> re.Pattern:
    words = sorted(data_lines("glue_words.txt"), key=len, reverse=True)
    # A lower-case letter run glued to a clause-opening word that is followed
    # by a space or punctuation: "BlinkenToday,", "al-BurhanOn Monday". The
    # letters before are looked behind from each word's end: a pattern that
    # starts with the words is scanned for their first letters only.
    glued = "|".join(f"{re.escape(w)}(?<=[a-z]{{2}}{re.escape(w)})" for w in words)
    return re.compile(r"(" + glued + r")(?=[\s,.;:!?])")


@functools.cache
def _camelcase_names() -> tuple[str, ...]:
    return data_lines("camelcase_names.txt")


_WORD_AROUND = re.compile(r"\S+")
# Sentence end glued to the next sentence: "cliff.As", "καταφύγιο.Ειδικότερα".
_GLUED_SENTENCE = re.compile(r"([.!?])(?<=[^\W\d_]{2}[.!?])(?=[^\W\d_]{2})")
# "November 22:A handout", "(Saba) -The".
_GLUED_COLON = re.compile(r":(?<=\d:)(?=[A-Z](?:[a-z]| ))")
# Only after a closing bracket: "und -Verteiler" is a German suspended compound.
_GLUED_DASH = re.compile(r"([-–—])(?<=\) [-–—])(?=[A-Z][a-z])")


def _inside_address(text: str, position: int) -> bool:
    start = text.rfind(" ", 0, position) + 1
    end = text.find(" ", position)
    token = text[start : end if end >= 0 else len(text)]
    return "://" in token or "www." in token or "@" in token or token.count(".") >= 2 and "/" in token


def split_glued_words(text: str, page: PageContext, report: Report) -> str:
    camel = _camelcase_names()

    def glue(match: re.Match) -> str:
        start = match.start()
        word_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        whole = text[word_start : match.end()]
        if any(name in whole for name in camel) or _inside_address(text, start):
            return match.group(0)
        return " " + match.group(0)

    def sentence(match: re.Match) -> str:
        position = match.start()
        before = text[position - 1]
        after = text[position + 1]
        if not (before.islower() and after.isupper() and text[position + 2 : position + 3].islower()):
            return match.group(0)
        if _inside_address(text, position):
            return match.group(0)
        return match.group(0) + " "

    original = text
    text = _glue_pattern().sub(glue, text)
    # The closure reads ``text``: it must be the string being substituted.
    text = _GLUED_SENTENCE.sub(sentence, text)
    fixed = _GLUED_COLON.sub(": ", text)
    fixed = _GLUED_DASH.sub(lambda m: m.group(1) + " ", fixed)
    report.record_lines("split_glued_words", original, fixed)
    return fixed


# ---------------------------------------------------------------------------
# Punctuation


# "Liban ," / "Γάζα ," / "Ahraminfo ," — French keeps its space before : ; ! ? ».
_SPACE_BEFORE = re.compile(r" (?<=[^\W_] ) *(?=[,.](?:\s|$))", re.MULTILINE)
_ARABIC_PUNCT = {"،": ",", "؛": ";", "؟": "?"}
_ARABIC_IN_LATIN = re.compile(r"(?<=[A-Za-z\u00c0-\u024f\d\)\"”’]) ?([،؛؟])(?= |$)", re.MULTILINE)
# Letters only: the Arabic comma and question mark are in the same block.
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


def fix_punctuation_spacing(text: str, page: PageContext, report: Report) -> str:
    spaced = len(_SPACE_BEFORE.findall(text))
    # A text spaced this way throughout was tokenised on purpose ("Senate ’s",
    # "Tuesday ."): the convention is the source's, not a slip to repair.
    systematic = spaced >= 5 and 3 * spaced >= text.count(",") + text.count(".")
    fixed = text if systematic else _SPACE_BEFORE.sub("", text)
    if "،" in fixed or "؛" in fixed or "؟" in fixed:

        def latin(match: re.Match) -> str:
            # Only where the text around is not Arabic script.
            window = fixed[max(0, match.start() - 20) : match.end() + 20]
            if _ARABIC_LETTER.search(window):
                return match.group(0)
            return _ARABIC_PUNCT[match.group(1)]

        fixed = _ARABIC_IN_LATIN.sub(latin, fixed)
    report.record_lines("fix_punctuation_spacing", text, fixed)
    return fixed


# ---------------------------------------------------------------------------
# Capitalised function words mid-sentence


@functools.cache
def _midsentence_pattern() -> re.Pattern:
    words = sorted(data_lines("midsentence_words.txt"), key=len, reverse=True)
    return re.compile(r"\b(?P<prev>[a-z][a-z'’]*) (?P<word>" + "|".join(map(re.escape, words)) + r") (?=[a-z]{3,})")


@functools.cache
def _letter_names() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("letter_names.txt"))


def lower_midsentence_words(text: str, page: PageContext, report: Report) -> str:
    letter_names = _letter_names()

    def lower(match: re.Match) -> str:
        word = match.group("word")
        if word == "A" and match.group("prev").casefold() in letter_names:
            return match.group(0)
        return f"{match.group('prev')} {word.lower()} "

    fixed = _midsentence_pattern().sub(lower, text)
    report.record_lines("lower_midsentence_words", text, fixed)
    return fixed


# ---------------------------------------------------------------------------
# Drop caps: "I t was" → "It was"

_DROP_CAP = re.compile(r"^(?P<letter>[A-Z]) (?P<rest>[a-z]{1,12})\b", re.MULTILINE)
_TWO_LETTER_WORDS = frozenset(
    "a am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split()
)


def join_drop_caps(text: str, page: PageContext, report: Report) -> str:
    def join(match: re.Match) -> str:
        letter, rest = match.group("letter"), match.group("rest")
        if letter in "AEIOUY":
            # "A man", "O prof.", "E chi": a vowel is a word in some language,
            # so only a fragment that is no word joins it ("I t", "O n").
            if len(rest) > 1 or rest in _TWO_LETTER_WORDS:
                return match.group(0)
        elif len(rest) > 5:
            return match.group(0)
        report.record("join_drop_caps", "replaced", match.group(0), letter + rest)
        return letter + rest

    return _DROP_CAP.sub(join, text)


# ---------------------------------------------------------------------------
# Doubled words


@functools.cache
def _doubled_pattern() -> re.Pattern:
    words = sorted(data_lines("doubled_words.txt"), key=len, reverse=True)
    function = "|".join(map(re.escape, words))
    return re.compile(
        # "disaster. disaster." — a word and its punctuation said twice.
        r"(?P<echo>\b(?P<w1>[^\W\d_]{3,})(?P<p>[.,;!?]) (?P=w1)(?P=p))"
        # "in in", "the the" (any case of the first).
        r"|(?P<func>\b(?P<w2>(?i:" + function + r")) (?P=w2)\b)"
        # "Iran Iran", "disaster disaster": a longer word repeated exactly.
        r"|(?P<word>\b(?P<w3>[^\W\d_]{3,}) (?P=w3)\b)"
    )


@functools.cache
def _doubled_allowed() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("doubled_allowed.txt"))


_QUOTE_ECHO = re.compile(r"\b(?P<w>[^\W\d_]+) (?P<q>[«“„]) ?(?P=w)\b")


_TOKEN_EDGE = ".,;:!?«»“”„\"'()"


def _has_adjacent_repeat(text: str) -> bool:
    # Quote marks alone are skipped: "est « est" is a repeat.
    tokens = [t for t in (token.strip(_TOKEN_EDGE).casefold() for token in text.split()) if t]
    return any(a == b for a, b in zip(tokens, tokens[1:]))


def remove_doubled_words(text: str, page: PageContext, report: Report) -> str:
    # Most texts have no word twice in a row: skip the costly patterns.
    if not _has_adjacent_repeat(text):
        return text
    allowed = _doubled_allowed()
    words = Counter(re.findall(r"\b[A-Z][^\W\d_]{2,}\b", text))
    doubled = Counter(m.group(1) for m in re.finditer(r"\b([A-Z][^\W\d_]{2,}) \1\b", text))
    singles = {word: count - 2 * doubled[word] for word, count in words.items()}

    def undouble(match: re.Match) -> str:
        if match.group("echo"):
            return match.group("w1") + match.group("p")
        if match.group("func"):
            return match.group("w2")
        word = match.group("w3")
        # A short lower-case word said twice is emphasis or reduplication
        # ("amat amat"); a name or a long word said twice is an echo.
        if word.casefold() in allowed or (word.islower() and len(word) < 6):
            return match.group(0)
        # In a run of capitalised words (a table header, a title) a doubled
        # word can be meant: "Last Change Change %".
        before = match.string[max(0, match.start() - 40) : match.start()].split()
        if word[:1].isupper() and before and before[-1][:1].isupper():
            return match.group(0)
        # A name that is always doubled is a reduplicated name ("Chuang
        # Chuang", "Bora Bora"); an echo repeats a name the text also uses alone.
        if word[:1].isupper() and singles[word] == 0:
            return match.group(0)
        # Hyphen-less reduplication in a name ("Walla Walla") stays when the
        # data file says so; anything else doubled is an echo.
        return word

    fixed = _doubled_pattern().sub(undouble, text)
    # "est « est sur …": the word said once before the quote and again in it.
    fixed = _QUOTE_ECHO.sub(lambda m: m.group("q") + (" " if m.group("q") == "«" else "") + m.group("w"), fixed)
    report.record_lines("remove_doubled_words", text, fixed)
    return fixed


# ---------------------------------------------------------------------------
# One name spelled two ways

_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_DOUBLE_LETTER = re.compile(r"(.)\1")


def _name_key(name: str) -> str:
    key = _DOUBLE_LETTER.sub(r"\1", name.lower())
    return key[:-1] if key.endswith("e") and len(key) > 5 else key


def unify_name_variants(text: str, page: PageContext, report: Report) -> str:
    """Detect "Galante"/"Gallant"/"Galant" in one article. Unify only with
    clear evidence: the form the title uses, or a form used at least four
    times as often as the others together (and at least four times)."""
    # The title and the captions moved out of the body are the same article:
    # "Galante" in the text and "Gallant" in a photo caption is one person.
    counts = Counter(_NAME.findall(text))
    for other in [page.title or "", *report.captions]:
        counts.update(_NAME.findall(other))
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(_name_key(name), []).append(name)
    title_words = set(_NAME.findall(page.title or ""))
    for forms in groups.values():
        if len(forms) < 2:
            continue
        # One form ending another is inflection ("Dokument"/"Dokumente"), not
        # a second spelling; only forms that differ inside count.
        if all(a.startswith(b) or b.startswith(a) for a in forms for b in forms):
            continue
        forms.sort(key=lambda f: -counts[f])
        report.record("unify_name_variants", "detected", ", ".join(f"{f} ×{counts[f]}" for f in forms))
        in_title = [f for f in forms if f in title_words]
        if len(in_title) == 1:
            target = in_title[0]
        elif counts[forms[0]] >= 4 and counts[forms[0]] >= 4 * sum(counts[f] for f in forms[1:]):
            target = forms[0]
        else:
            continue
        for form in forms:
            if form != target and not (form.startswith(target) or target.startswith(form)):
                pattern = re.compile(rf"\b{re.escape(form)}\b")
                unified = pattern.sub(target, text)
                captions = [pattern.sub(target, caption) for caption in report.captions]
                if unified != text or captions != report.captions:
                    text, report.captions[:] = unified, captions
                    report.record("unify_name_variants", "replaced", form, target)
    return text
