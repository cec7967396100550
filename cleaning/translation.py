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

import regex
import unicodedata
from collections import Counter

from cleaning.context import PageContext, Report, shorten
from cleaning import words
from cleaning.lexicon import data_lines
from cleaning.text import repeat_until_stable

_FOLD = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text).strip()


# A repair can make the next one possible ("TheThe The" → "The The"): each
# cleaner repeats its pass until the text stops changing, so a cleaned text
# goes through unchanged.
MAX_PASSES = 8


def _until_stable(repair, text: str) -> str:
    return repeat_until_stable(repair, text, MAX_PASSES)


# ---------------------------------------------------------------------------
# Duplicated lines and paragraphs


# A unit shorter than this repeated on one line is a rule of "=" or a
# stretched word, not a paragraph said twice.
MIN_REPEATED_PARAGRAPH = 40


def _smallest_period(text: str) -> int:
    """The length of the shortest string whose repeats make up ``text``."""
    border = [0] * len(text)
    for i in range(1, len(text)):
        k = border[i - 1]
        while k and text[i] != text[k]:
            k = border[k - 1]
        if text[i] == text[k]:
            k += 1
        border[i] = k
    period = len(text) - border[-1] if text else 0
    return period if period and len(text) % period == 0 else len(text)


def _split_doubled_line(line: str) -> str | None:
    """"X X" (or "X X X") where X is a whole paragraph repeated on one line."""
    stripped = line.strip()
    if len(stripped) < 2 * MIN_REPEATED_PARAGRAPH or stripped.find(stripped[:20], 20) < 0:
        return None
    for joined in (stripped + " ", stripped):
        period = _smallest_period(joined)
        if period < len(joined):
            unit = joined[:period].strip()
            return unit if len(unit) >= MIN_REPEATED_PARAGRAPH else None
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
        if _fold(stripped) == previous and len(stripped) >= 20:
            report.record("remove_duplicate_lines", "removed", shorten(stripped))
            continue
        # A paragraph followed by the same text split into two or three lines.
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
        previous = _fold(stripped)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Glued words and missing spaces


@functools.cache
def _agencies() -> frozenset[str]:
    return frozenset(data_lines("agencies.txt"))


@functools.cache
def _camelcase_names() -> tuple[str, ...]:
    return data_lines("camelcase_names.txt")


# Glue is told from a brand's casing ("GateHouse", "MagSafe") by the halves:
# a glue's right half opens a sentence, so it is a common word of the
# language, and its left half ends the previous one, often a name the text
# uses alone too.
GLUE_RIGHT_ZIPF = 5.2
# A lower-case left half must be a word of the language ("ministerSaid").
GLUE_LEFT_ZIPF = 3.0
# After a lower-case word, a capitalised right half that is a word of the
# language is the next sentence or a heading's end ("yesterdayOfficials").
GLUE_LOWER_RIGHT_ZIPF = 3.5
GLUE_NAME_LEFT_ZIPF = 4.0
# …or the right half is one of the language's commonest words ("IsraelOn").
GLUE_FUNCTION_WORDS = 50

# A run of letters: lower→Upper glue ("BlinkenToday", "ministerSaid",
# "ΑθήναΣήμερα") and UPPER→Upper glue ("WASHINGTONThe") are found inside one.
_TOKEN_PART = re.compile(r"[^\W\d_]+")
# Only letter runs with a capital after a lower-case letter, or after two
# capitals, are worth a look.
_LONG_LETTER_RUN = re.compile(r"[^\W\d_]{5,}")
_GLUE_CANDIDATE = regex.compile(r"\p{L}*(?:\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll})\p{L}*")
# A date glued to the word before it: "BLOG INI20 Julai 2011", "reader20 July 2011".
_GLUED_DATE = re.compile(r"(?<=[^\W\d_]{3})(?=(?:[1-9]|[12]\d|3[01])\.? [^\W\d_]{3,}\.? (?:1[89]|20)\d\d\b)")
# Sentence end glued to the next sentence: "cliff.As", "καταφύγιο.Ειδικότερα",
# "האחרונות.הנושא", "সানাউল্লাহ।বুধবার".
# Letters with their combining marks: Bengali and Devanagari vowel signs are
# marks, not letters, to ``re``.
_GLUED_SENTENCE = regex.compile(r"(?<=\p{L}\p{M}*\p{L}\p{M}*)([.!?؟])(?=\p{L}\p{M}*\p{L})|(?<=\p{L}\p{M}*)([।॥])(?=\p{L})")
# A comma glued to the next word: "আগে,ফেব্রুয়ারি", "Gaza,Israel".
_GLUED_COMMA = regex.compile(r"(?<=\p{L}\p{M}*\p{L}\p{M}*)([,،])(?=\p{L}\p{M}*\p{L})")
# A closing quote or bracket glued to the next word: 'said."The', "(Reuters)The".
# ("(multi)media" is one word: the bracket must be followed by a capital.)
_GLUED_CLOSER = regex.compile(r"(?<=\p{L}[.!?,;:…])([\"”»’]+)(?=\p{L})|(?<=\p{L}{2})([)\]])(?=\p{Lu}\p{Ll})")
# An opening quote or bracket glued to the word before: "word(Reuters)", "dit«Non".
# (The mark is matched first and what is before it looked at after: a
# pattern that starts with a look behind is tried at every position.)
_GLUED_OPENER = re.compile(r"([(\[«“„])(?:(?<=[^\W\d_]{2}.)|(?<=[^\W\d_][.!?,;:].)|(?<= [:;].))(?=[^\W_])")
# A sentence's end after a closing quote or bracket, glued to the next
# sentence: '«No vamos a parar».La reunión', '„Nie przestaniemy”.Rozmowy'.
_GLUED_AFTER_CLOSER = regex.compile(r"(?<=\p{L}[\p{L}.!?…]?[\"”»’)\]])([.!?])(?=\p{Lu}(?:\p{Ll}|\s))")
# "November 22:A handout", "(Saba) -The".
_GLUED_COLON = re.compile(r"(?<=\d):(?=[A-Z](?:[a-z]| ))")
# Only after a closing bracket: "und -Verteiler" is a German suspended compound.
_GLUED_DASH = re.compile(r"(?<=\) )([-–—])(?=[A-Z][a-z])")


# Evidence from the text itself is read in its paragraphs of prose only, each
# once: the line rules after these repairs remove short lines and repeats,
# and a decision must not change when the text is cleaned again.
EVIDENCE_MIN_WORDS = 10


def _evidence_lines(text: str) -> list[str]:
    return list(dict.fromkeys(line for line in text.split("\n") if line.count(" ") + 1 >= EVIDENCE_MIN_WORDS))


def _inside_address(text: str, position: int) -> bool:
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    token = text[start : min(ends) if ends else len(text)]
    return "://" in token or "www." in token or "@" in token or token.count(".") >= 2 and "/" in token


def _is_caseless(char: str) -> bool:
    return char.lower() == char.upper()


def _word_known(word: str, language: str | None) -> bool:
    return words.zipf(word, language) > 0


def _split_camel(token: str, text: str, language: str | None, camel: tuple[str, ...]) -> str | None:
    """"BlinkenToday" → "Blinken Today" when the token is no word of the
    language and its halves read as the end of one sentence and the start of
    the next."""
    if any(name in token for name in camel) or _word_known(token, language):
        return None
    for index in range(len(token) - 2, 1, -1):
        left, right = token[:index], token[index:]
        if not (right[0].isupper() and left[-1].islower()):
            continue
        if len(left) < 3 or not right[1:].islower():
            return None
        # Three humps are a name's own casing: "HawaiiNewsNow", "#MethWeAreOnIt".
        if any(a.islower() and b.isupper() for a, b in zip(left, left[1:])):
            return None
        function_word = right.lower() in words.common_words(language, GLUE_FUNCTION_WORDS)
        # A brand is built of parts the text never uses alone ("AirPower",
        # "DigiTimes"); a glue joins two words it does ("Песков …
        # ПесковСегодня", "Blinken … BlinkenToday"). A name is in no word
        # list, so the text's own use of it is the evidence for the right
        # half too ("do PresidenteLula … Lula disse").
        if left[0].islower():
            # A sentence seldom ends on a function word: "forEach" is code.
            if words.zipf(left, language) < GLUE_LEFT_ZIPF or left in words.common_words(language, GLUE_FUNCTION_WORDS):
                return None
            right_zipf = words.zipf(right, language)
            # A brand is written so each time ("easyJet"); a glue happens once.
            # Once, a name no list knows after a common word ("ministerKuleba")
            # is glue too.
            # (Counted in the paragraphs of prose, as the text keeps them.)
            once = sum(line.count(token) for line in _evidence_lines(text)) <= 1
            name = not right_zipf and len(right) >= 4 and words.zipf(left, language) >= GLUE_NAME_LEFT_ZIPF
            if not _used_alone(right, text) and not (once and (right_zipf >= GLUE_LOWER_RIGHT_ZIPF or name)):
                if right_zipf < GLUE_RIGHT_ZIPF - 0.5:
                    return None
        elif not function_word:
            # "PresidenteLula": a word of the language glued to a name the
            # text writes capitalised inside a sentence ("governo, Lula
            # deve"); two common words ("RemoteTalk") are a product's name.
            if not (_used_alone(left, text) or words.zipf(left.lower(), language) >= GLUE_LEFT_ZIPF
                    and words.zipf(right.lower(), language) < GLUE_RIGHT_ZIPF and _used_as_name(right, text)):
                return None
            if words.zipf(right, language) < GLUE_RIGHT_ZIPF and not (len(right) >= 4 and _used_alone(right, text)):
                return None
        return f"{left} {right}"
    return None


def _used_alone(word: str, text: str) -> bool:
    """Whether the text's paragraphs write the word as a word of its own."""
    return bool(re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", "\n".join(_evidence_lines(text))))


def _used_as_name(word: str, text: str) -> bool:
    """Whether the text's paragraphs write the capitalised word inside a
    sentence, after a lower-case word or a comma: a name."""
    return bool(re.search(rf"(?:[^\W\d_A-Z]|,) {re.escape(word)}(?![^\W\d_])", "\n".join(_evidence_lines(text))))


def _split_caps(token: str, language: str | None) -> str | None:
    """"WASHINGTONThe" → "WASHINGTON The": an upper-case word glued to a
    capitalised one, both words of the language."""
    for index in range(len(token) - 2, 2, -1):
        left, right = token[:index], token[index:]
        if left.isupper() and right[0].isupper() and right[1:].islower():
            if _word_known(left, language) and _word_known(right, language) and not _word_known(token, language):
                return f"{left} {right}"
            return None
    return None


_CODE_BEFORE = frozenset("._$`<{[")
_CODE_AFTER = frozenset("(_$`=>[{")


def _glued_tokens(text: str, language: str | None) -> str:
    if not words.has_word_list(language):
        return text
    camel = _camelcase_names()
    evidence = _evidence_lines(text)

    def token(start: int, end: int) -> str:
        word = text[start:end]
        if len(word) < 5 or word.islower() or word.isupper() or _is_caseless(word[0]):
            return word
        if _inside_address(text, start) or text[start - 1 : start] in ("#", "@"):
            return word
        # "LiveNation.com": a host name.
        if text[end : end + 2][:1] == "." and text[end + 1 : end + 2].islower():
            return word
        # An identifier in code: "forEach(", "obj.addItem", "`getValue`".
        if text[start - 1 : start] in _CODE_BEFORE or text[end : end + 1] in _CODE_AFTER:
            return word
        # A name two paragraphs write this way is its spelling ("GateHouse").
        if sum(word in line for line in evidence) > 1:
            return word
        if word[:1].isupper() and word[1:2].isupper():
            return _split_caps(word, language) or word
        return _split_camel(word, text, language, camel) or word

    # Only the few tokens with a capital inside go through the pattern. A
    # glue is a whole run of letters, inside a run of word characters
    # without digits: the runs that hold one are found in the text by a
    # plain search, not by the costly pattern over all of it.
    glued = sorted(t for t in set(_LONG_LETTER_RUN.findall(text))
                   if not (t.islower() or t.isupper() or t.istitle()) and _GLUE_CANDIDATE.search(t))
    if not glued:
        return text
    runs = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, glued))})(?![^\W\d_])")
    out, last = [], 0
    for run in runs.finditer(text):
        for match in _GLUE_CANDIDATE.finditer(run.group(0)):
            start, end = run.start() + match.start(), run.start() + match.end()
            out.append(text[last:start])
            out.append(token(start, end))
            last = end
    out.append(text[last:])
    return "".join(out)


def _space_sentence_glue(text: str) -> str:
    def sentence(match: re.Match) -> str:
        position = match.start()
        before, after = text[position - 1], text[position + 1]
        while unicodedata.category(before)[0] == "M" and position > 1:
            position -= 1
            before = text[position - 1]
        if _inside_address(text, match.start()):
            return match.group(0)
        if _is_caseless(before) and _is_caseless(after):
            # No case tells a sentence start in Hebrew, Arabic or Bengali: a
            # full stop between two letters is one, except between Latin
            # letters (handled below) and within CJK, which needs no space.
            if _is_cjk(before) or _is_cjk(after):
                return match.group(0)
            return match.group(0) + " "
        if before.islower() and after.isupper() and text[match.end() + 1 : match.end() + 2].islower():
            return match.group(0) + " "
        return match.group(0)

    return _GLUED_SENTENCE.sub(sentence, text)


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"


def _space_comma_glue(text: str) -> str:
    def comma(match: re.Match) -> str:
        position = match.start()
        if _inside_address(text, position) or _is_cjk(text[position - 1]) or _is_cjk(text[position + 1]):
            return match.group(0)
        return match.group(0) + " "

    return _GLUED_COMMA.sub(comma, text)


def _space_quote_glue(text: str) -> str:
    german_quotes = "„" in text

    def closer(match: re.Match) -> str:
        if _inside_address(text, match.start()):
            return match.group(0)
        # A straight quote or an apostrophe before a lower-case letter may be
        # an apostrophe: "U.S.’s".
        if match.group(1) and match.group(1)[-1] in "\"’" and text[match.end()].islower():
            return match.group(0)
        # A straight quote after a colon that the line's pairs say opens a
        # quotation: 'said:"We' is 'said: "We'.
        if match.group(1) == '"' and text[match.start() - 1] == ":":
            line_start = text.rfind("\n", 0, match.start()) + 1
            if text.count('"', line_start, match.start()) % 2 == 0:
                return ' "'
        return match.group(0) + " "

    def opener(match: re.Match) -> str:
        mark = match.group(1)
        # German quotes close with “: „so“und is a closing quote glued on.
        if mark == "“" and german_quotes:
            return mark + " "
        if _inside_address(text, match.start()):
            return mark
        if mark in "([":
            # "friend(s)", "f(x)", "Vinile(Remastered)" are one token as
            # written; a credit or a date glued on is not: "said(Reuters)",
            # "Gaza(2023)".
            close = text.find(")" if mark == "(" else "]", match.end())
            inside = text[match.end() : close] if 0 < close - match.end() <= 40 else ""
            if not (inside in _agencies() or inside[:1].isdigit()):
                return mark
        return " " + mark

    fixed = _GLUED_CLOSER.sub(closer, text)
    fixed = _GLUED_AFTER_CLOSER.sub(lambda m: m.group(0) if _inside_address(fixed, m.start()) else m.group(0) + " ", fixed)
    text = fixed
    fixed = _GLUED_OPENER.sub(opener, fixed)
    if '"' in fixed and _MAY_GLUE_STRAIGHT.search(fixed):
        fixed = "\n".join(_space_straight_quotes(line) if '"' in line else line for line in fixed.split("\n"))
    if _MAY_GLUE_PAIRED.search(fixed):
        fixed = "\n".join(_space_paired_marks(line) if _MAY_GLUE_PAIRED.search(line) else line for line in fixed.split("\n"))
    return fixed


# Quotation marks that come in pairs of two different characters, as the
# languages write them: “…” (English), „…“ (German), „…” (Polish,
# Hungarian), «…» (French, Russian, Arabic), »…« (German, Danish), ”…”
# (Swedish, Finnish), ‹…›; and brackets.
_QUOTE_PAIRS = (("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("”", "”"), ("‹", "›"))
_BRACKET_PAIRS = (("(", ")"), ("[", "]"))
_MAY_GLUE_PAIRED = regex.compile(r"\p{L}[“„«»”‹(\[‘]|[”“»«›)\]’]\p{L}")
# Inside brackets, a phrase of this many words is prose ("(published on
# Monday)"); one word is part of the token ("friend(s)", "f(x)", "Vinile(Remastered)").
BRACKET_PROSE_WORDS = 2
_BRACKET_PROSE = regex.compile(r"\p{L}{2,}(?: \p{L}+)+")


def _paired_positions(line: str, opening: str, closing: str) -> list[tuple[int, int]] | None:
    """The (opening, closing) positions of one kind of paired mark on a
    line, when the line uses them as pairs: they alternate, open first, and
    none is left unclosed. A line that does not pair them says nothing."""
    if opening == closing:
        marks = [i for i, ch in enumerate(line) if ch == opening]
        if len(marks) < 2 or len(marks) % 2:
            return None
        return list(zip(marks[::2], marks[1::2]))
    pairs, start = [], None
    for i, ch in enumerate(line):
        if ch == opening and start is None:
            start = i
        elif ch == opening or ch == closing and start is None:
            return None
        elif ch == closing:
            pairs.append((start, i))
            start = None
    return pairs if pairs and start is None else None


def _space_paired_marks(line: str) -> str:
    """'called it “a disaster”and left', 'a dit«non»hier', 'the report(published
    on Monday)shows': a quotation or a bracket glued to the word before or
    after it lost a space. Which mark opens and which closes is read from the
    line's own pairs; only a pair whose inside is prose counts for brackets."""
    if _inside_address(line, 0) and "://" in line:
        return line
    spaces: set[int] = set()  # positions a space goes before
    kinds = [pair for pair in _QUOTE_PAIRS if pair[0] in line and pair[1] in line]
    # „…“ makes “ a closing mark; »…« is read that way only when » comes first.
    if "„" in line:
        kinds = [pair for pair in kinds if pair != ("“", "”")]
    if "«" in line and "»" in line:
        kinds = [pair for pair in kinds if pair != (("»", "«") if line.index("«") < line.index("»") else ("«", "»"))]
    if "“" in line:
        kinds = [pair for pair in kinds if pair != ("”", "”")]
    brackets = [pair for pair in _BRACKET_PAIRS if pair[0] in line and pair[1] in line]
    for opening, closing in kinds + brackets:
        pairs = _paired_positions(line, opening, closing)
        for start, end in pairs or ():
            inside = line[start + 1 : end]
            if (opening, closing) in _BRACKET_PAIRS:
                # A credit or a year inside counts too: "(Reuters)said", "(2023)and".
                credit = inside in _agencies() or inside.isdigit()
                if not credit and (len(inside.split()) < BRACKET_PROSE_WORDS or not _BRACKET_PROSE.fullmatch(inside.strip(" .,;:!?"))):
                    continue
            before, after = line[start - 1 : start], line[end + 1 : end + 2]
            # Hebrew writes its acronyms with ”: צה”ל; Korean and Japanese put
            # their particles right after a quotation: «…»이라고.
            caseless = any(_is_caseless(ch) for ch in (before, after) if ch.isalpha()) and opening in "“”" or _is_cjk(after or " ")
            if caseless:
                continue
            if before.isalpha() and not _inside_address(line, start):
                spaces.add(start)
            if after.isalpha() and not _inside_address(line, end):
                spaces.add(end + 1)
    if "‘" in line:
        spaces |= _single_quote_spaces(line)
    if not spaces:
        return line
    return "".join(" " + ch if i in spaces else ch for i, ch in enumerate(line))


# What follows an apostrophe inside a word: "won’t", "it’s", "we’ve", "l’État".
_CONTRACTION = regex.compile(r"(?:s|t|re|ve|ll|d|m|\p{Lu}\p{Ll}*)(?![\p{L}\p{M}])")


SINGLE_QUOTE_MAX_CHARS = 100
_SENTENCE_INSIDE = re.compile(r"[.!?] ")


def _single_quote_spaces(line: str) -> set[int]:
    """‘…’ quotations glued to the words around them ("said‘We will’and"): ’
    is also the apostrophe, so the closing one is the first after ‘ that no
    contraction follows."""
    spaces: set[int] = set()
    for start in (i for i, ch in enumerate(line) if ch == "‘"):
        if start and line[start - 1].isalpha() and line[start + 1 : start + 2].isupper() and line[start + 2 : start + 3].islower():
            spaces.add(start)
        for end in (i for i, ch in enumerate(line) if ch == "’" and i > start):
            after = line[end + 1 :]
            if after[:1].isalpha() and _CONTRACTION.match(after):
                continue  # an apostrophe
            # A quotation is short and inside one sentence: a ‘ and a ’ far
            # apart are the ayn of transliterations ("Siti ‘Aisyah …
            # Mu’awiyah"). Korean and Japanese put particles right after it.
            inside = line[start + 1 : end]
            if (after[:1].isalpha() and line[end - 1 : end].isalpha() and len(inside) <= SINGLE_QUOTE_MAX_CHARS
                    and not _SENTENCE_INSIDE.search(inside) and not _is_caseless(after[0]) and not _is_caseless(line[end - 1])):
                spaces.add(end + 1)
            break
    return spaces


_MAY_GLUE_STRAIGHT = re.compile(r'[^\W\d_]"[^\W\d_]')


def _space_straight_quotes(line: str) -> str:
    """'era"un paso adelante"para': a straight quote says by its place in
    the line whether it opens or closes; when the line pairs them all, an
    opening one glued to the word before and a closing one glued to the
    word after lost a space."""
    marks = [i for i, ch in enumerate(line) if ch == '"']
    if len(marks) < 2 or len(marks) % 2 or _inside_address(line, marks[0]):
        return line
    # A line that starts inside a quotation reads the other way round: an
    # opening quote with a space after it, or a closing one with a space
    # before it, says so.
    for order, i in enumerate(marks):
        if (line[i + 1 : i + 2] if order % 2 == 0 else line[i - 1 : i]).isspace():
            return line
    out, last = [], 0
    for order, i in enumerate(marks):
        before, after = line[i - 1 : i], line[i + 1 : i + 2]
        # Hebrew writes its acronyms with one: צה"ל.
        if not (before.isalpha() and after.isalpha()) or _is_caseless(before) or _is_caseless(after):
            continue
        out.append(line[last:i])
        # Even places open a quotation, odd ones close it.
        out.append(' "' if order % 2 == 0 else '" ')
        last = i + 1
    if not out:
        return line
    out.append(line[last:])
    return "".join(out)


def split_glued_words(text: str, page: PageContext, report: Report) -> str:
    """Put back the space lost between two words, two sentences or a word and
    a quote or bracket. A glued pair is split only when its halves are words
    of the article's language ("BlinkenToday", not "YouTube" or "McDonald")."""
    # A text too short to guess is read as English, the language most
    # syndicated copy and its templates are in.
    language = words.guess_language(text, page.language) or "en"
    fixed = _until_stable(lambda t: _split_glue_once(t, language), text)
    report.record_lines("split_glued_words", text, fixed)
    return fixed


# A word of a script without case glued to the end of a date: "০৭ জানুয়ারী
# ২০২৬, বুধবারআসন্ন" (Wednesday + the excerpt's first word).
_CASELESS_WORD = regex.compile(r"(?<![\p{L}\p{M}])[\p{L}\p{M}]{6,}")
DATE_GLUE_ZIPF = 3.5


def _split_after_date(text: str, language: str | None) -> str:
    if not words.has_word_list(language):
        return text

    def split(match: regex.Match) -> str:
        token = match.group(0)
        before = match.string[max(0, match.start() - 25) : match.start()]
        if not _is_caseless(token[0]) or _is_cjk(token[0]) or "\n" in before or not any(ch.isdigit() for ch in before):
            return token
        if _word_known(token, language):
            return token
        best, best_score = None, DATE_GLUE_ZIPF
        for i in range(2, len(token) - 1):
            if unicodedata.category(token[i])[0] == "M":
                continue  # a vowel sign belongs to the letter before it
            score = min(words.zipf(token[:i], language), words.zipf(token[i:], language))
            if score >= best_score:
                best, best_score = i, score
        return token if best is None else f"{token[:best]} {token[best:]}"

    return _CASELESS_WORD.sub(split, text)


# Cheap tests (plain ``re``) that say whether the costly patterns can match.
# (A digit after a letter, which a glued date starts with.)
_MAY_GLUE_DATE = re.compile(r"[1-9](?<=[^\W\d_][1-9])")
_MAY_GLUE_SENTENCE = re.compile(r"[.!?।॥؟][^\W\d_]")
_MAY_GLUE_COMMA = re.compile(r"[,،][^\W\d_]")
_MAY_GLUE_QUOTE = re.compile(r"[^\W\d_][.!?,;:…]?[\"”»’)\](\[«“„‹›‘][^\W_]|[”“»«›)\]][.!?]?[^\W\d_]| [:;][(\[«“„]")
_CASELESS_SCRIPT = re.compile(r"[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]")


def _split_glue_once(text: str, language: str | None) -> str:
    text = _glued_tokens(text, language)
    if _CASELESS_SCRIPT.search(text):
        text = _split_after_date(text, language)
    if _MAY_GLUE_DATE.search(text):
        text = _GLUED_DATE.sub(" ", text)
    if _MAY_GLUE_SENTENCE.search(text):
        text = _space_sentence_glue(text)
    if _MAY_GLUE_COMMA.search(text):
        text = _space_comma_glue(text)
    if _MAY_GLUE_QUOTE.search(text):
        text = _space_quote_glue(text)
    text = _GLUED_COLON.sub(": ", text)
    return _GLUED_DASH.sub(lambda m: m.group(1) + " ", text)


# ---------------------------------------------------------------------------
# Words broken across lines, joiners stripped

# "Regie-\nrung", "anak-\nanak": a word hyphenated at a line break; with
# the Unicode hyphen, a soft hyphen or the "¬" of scanned text as the mark,
# and across a paragraph break an extraction put inside the word.
_LINE_BREAK_HYPHEN = regex.compile(
    r"(?<=(?<![\p{L}\p{M}])(?P<left>\p{L}[\p{L}\p{M}]+))(?P<mark>[-\u2010\u00ad¬])(?P<breaks>\n+)(?P<right>\p{Ll}[\p{L}\p{M}]*)")
_MAY_BREAK_LINE = re.compile("[-\u2010\u00ad¬]\n")


# The same break with the newline made a space: "spend- ing".
BROKEN_WORD_ZIPF = 2.0
_MAY_BREAK = re.compile(r"[^\W\d_]- [^\W\d_]")
_SPACED_BREAK_HYPHEN = regex.compile(r"(?<![\p{L}\p{M}\d-])(?P<left>\p{L}[\p{L}\p{M}]+)- (?P<right>\p{Ll}[\p{L}\p{M}]*)(?![\p{L}\p{M}-])")


def join_broken_words(text: str, page: PageContext, report: Report) -> str:
    """Join a word the layout hyphenated at a line end. Without the hyphen
    when the whole is a word of the language ("Regierung"); with it when the
    parts are words and the whole is not ("anak-anak"); a function word after
    it means a suspended compound ("Ein- und Ausfuhr")."""
    spaced = "- " in text and _MAY_BREAK.search(text) is not None
    broken = _MAY_BREAK_LINE.search(text) is not None
    if not broken and not spaced:
        return text
    language = words.guess_language(text, page.language) or "en"
    function_words = words.common_words(language, GLUE_FUNCTION_WORDS)

    def join(match: regex.Match) -> str:
        left, right, mark = match.group("left"), match.group("right"), match.group("mark")
        # Across a blank line, or after a mark that is no hyphen, only a
        # whole that is a word joins.
        if len(match.group("breaks")) > 1 or mark != "-":
            return right if _word_known(left + right, language) else match.group(0)
        if right.casefold() in function_words:
            return "- " + right
        if _word_known(left + right, language) or not _word_known(right, language):
            return right
        return "-" + right

    fixed = _LINE_BREAK_HYPHEN.sub(join, text) if broken else text
    if spaced:
        fixed = _SPACED_BREAK_HYPHEN.sub(lambda match: _join_fragment(match, language, function_words), fixed)
    report.record_lines("join_broken_words", text, fixed)
    return fixed


def _join_fragment(match: regex.Match, language: str, function_words: frozenset[str]) -> str:
    """"cheltu- ielile": the line break of the source became a space. The
    parts are joined when the whole is a word of the language more common
    than the second part alone ("spend- ing"); "Ein- und Ausfuhr" and "pre-
    war" (a suspended compound, a rarer whole) are left as written."""
    left, right = match.group("left"), match.group("right")
    if right.casefold() in function_words:
        return match.group(0)
    whole = words.zipf(left + right, language)
    if whole < BROKEN_WORD_ZIPF or whole <= words.zipf(right, language):
        return match.group(0)
    return left + right


# Languages whose spelling needs the zero-width non-joiner (U+200C) inside
# words: "رئیس‌جمهور", "می‌شود".
JOINER_LANGUAGES = frozenset({"fa"})
ZWNJ = "\u200c"
_PERSIAN_LETTER = re.compile("[پچژگ]")


# A joined form is taken when it is a word of the language met at least this
# often (Zipf), and more often than the form without the joiner.
JOINER_ZIPF = 3.0
_JOINER_WORD = re.compile(r"[\u0600-\u06ff]+")


@functools.cache
def _joiner_affixes(language: str) -> tuple[frozenset[str], frozenset[str]]:
    prefixes, suffixes = set(), set()
    for line in data_lines("joiner_affixes.txt"):
        code, kind, part = line.split()
        if code == language:
            (prefixes if kind == "prefix" else suffixes).add(part)
    return frozenset(prefixes), frozenset(suffixes)


def _joined(left: str, right: str, language: str, glued_zipf: float) -> str | None:
    joined = left + ZWNJ + right
    score = words.zipf(joined, language)
    return joined if score >= JOINER_ZIPF and score > glued_zipf else None


def restore_stripped_joiners(text: str, page: PageContext, report: Report) -> str:
    """A Persian text without a single U+200C lost its joiners upstream:
    "میشود" and "می شود" were "می‌شود", "کتاب ها" was "کتاب‌ها". A prefix or
    suffix that takes the joiner gets it back where the joined form is a
    word, commoner than the glued one."""
    if ZWNJ in text or not _PERSIAN_LETTER.search(text):
        return text
    language = words.guess_language(text, page.language)
    if language not in JOINER_LANGUAGES:
        return text
    prefixes, suffixes = _joiner_affixes(language)

    def glued(match: re.Match) -> str:
        token = match.group(0)
        if len(token) < 4:
            return token
        own = words.zipf(token, language)
        # A token no word list knows is tried at every place ("رئیسجمهور").
        if not own:
            places = sorted(((words.zipf(token[:i] + ZWNJ + token[i:], language), i) for i in range(2, len(token) - 1)), reverse=True)
            if places and places[0][0] >= JOINER_ZIPF + 0.5:
                i = places[0][1]
                return token[:i] + ZWNJ + token[i:]
        for prefix in prefixes:
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                found = _joined(prefix, token[len(prefix):], language, own)
                if found:
                    return found
        for suffix in suffixes:
            if token.endswith(suffix) and len(token) - len(suffix) >= 2:
                found = _joined(token[: -len(suffix)], suffix, language, own)
                if found:
                    return found
        return token

    def spaced(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        if left in prefixes or right in suffixes:
            joined = _joined(left, right, language, words.zipf(left + right, language))
            if joined:
                return left + ZWNJ
        return match.group(0)

    fixed = _JOINER_WORD.sub(glued, text)
    fixed = _SPACED_AFFIX.sub(spaced, fixed)
    report.record_lines("restore_stripped_joiners", text, fixed)
    return fixed


# A word and the next (looked at, not taken: it may pair with the one after).
_SPACED_AFFIX = re.compile(r"(?<![\u0600-\u06ff\u200c])([\u0600-\u06ff]+) (?=([\u0600-\u06ff]+)(?![\u0600-\u06ff\u200c]))")


# ---------------------------------------------------------------------------
# Punctuation


# "Liban ," / "Γάζα ," / "Ahraminfo ," — French keeps its space before : ; ! ? ».
_SPACE_BEFORE = re.compile(r"(?<=[^\W_]) +(?=[,.،](?:\s|$))", re.MULTILINE)
# "well - known", "Ost - West": a hyphen spaced inside a compound. An en or
# em dash is a dash and stays spaced.
_SPACED_HYPHEN = regex.compile(r"(?<![\p{L}\p{M}-])(?P<left>\p{L}[\p{L}\p{M}]*) - (?P<right>\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{M}])")
# A short lower-case first part ("well", "self", "non") is a compound's.
HYPHEN_LEFT_MAX = 5
COMPOUND_LINKING_VOWELS = frozenset("oоο")
NOUN_COMPOUND_LANGUAGES = frozenset({"de", "nl", "lb"})
_ARABIC_PUNCT = {"،": ",", "؛": ";", "؟": "?"}
_ARABIC_IN_LATIN = re.compile(r"(?<=[A-Za-z\u00c0-\u024f\d\)\"”’]) ?([،؛؟])(?= |$)", re.MULTILINE)
# Letters only: the Arabic comma and question mark are in the same block.
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")


DASH_FUNCTION_WORDS = 150
# A particle's host is among the language's commonest words ("кто", "какой").
PARTICLE_HOST_WORDS = 300


@functools.cache
def _compound_prefixes() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("compound_prefixes.txt"))


@functools.cache
def _compound_suffixes() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("compound_suffixes.txt"))


@functools.cache
def _compound_particles() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("compound_particles.txt"))


def _broken_word(left: str, right: str, language: str) -> bool:
    whole = words.zipf(left + right, language)
    return whole >= BROKEN_WORD_ZIPF + 1 and whole > words.zipf(left, language) and whole > words.zipf(right, language)


_SPACED_CODE = re.compile(r"(?<![\w-])([A-Z]{1,6}) - (\d{1,4})(?![\w-]| - |\d)")


def _join_spaced_hyphens(text: str, page: PageContext) -> str:
    """"well - known" → "well-known" when the text writes the compound so
    elsewhere, or its shape leaves no doubt: a short lower-case first part
    and a second that is no stop word ("war - and" is a dash), or two
    capitalised nouns in a language that joins them ("Ost - West")."""
    distinct = "\n".join(_evidence_lines(text)).casefold()
    language = words.guess_language(text, page.language) or "en"
    # Function words ("and", "the", "und") after the hyphen make it a dash.
    stop = words.common_words(language, GLUE_FUNCTION_WORDS)

    prefixes, particles, suffixes = _compound_prefixes(), _compound_particles(), _compound_suffixes()
    # Function words a dash is followed by ("she", "that"); content words
    # come later in the language's frequency list.
    function_words = words.common_words(language, DASH_FUNCTION_WORDS)
    pronouns = words.common_words(language, PARTICLE_HOST_WORDS)

    def join(match: regex.Match) -> str:
        left, right = match.group("left"), match.group("right")
        line_start = match.string.rfind("\n", 0, match.start()) + 1
        line_end = match.string.find("\n", match.end())
        line = match.string[line_start : line_end if line_end >= 0 else len(match.string)]
        if f"{left}-{right}".casefold() in distinct:
            return f"{left}-{right}"
        # "кто - то", "какой - либо": a particle only written joined, after a
        # pronoun or adverb (among the language's commonest words).
        if right.casefold() in particles and left.casefold() in pronouns:
            return f"{left}-{right}"
        # "Saudi - led coalition"; "the coalition - led by Riyadh - said" is a
        # clause between dashes.
        if right.casefold() in suffixes and left.casefold() not in function_words and (len(left) >= 2 or not left.isupper()):
            following = match.string[match.end() :].split(None, 1)
            if not (following and following[0].strip(".,;:!?").casefold() in function_words):
                return f"{left}-{right}"
        if right.casefold() in stop or right.casefold() in function_words:
            return match.group(0)
        # "anti - government", "e - mail", "pro - Russian", "экс - президент":
        # a first part that is a compound's, however many dashes the line has.
        if left.casefold() in prefixes and len(right) >= 3 and not right.isupper() and words.zipf(right, language) > 0:
            return f"{left}-{right}"
        # "govern - ment": one word broken, the whole commoner than either part.
        if left.islower() and right.islower() and _broken_word(left, right, language):
            return left + right
        if line.count(" - ") != 1:
            return match.group(0)
        if left.islower() and right.islower() and len(left) <= HYPHEN_LEFT_MAX:
            return f"{left}-{right}"
        # A first part in the linking vowel of compound adjectives: "polsko -
        # niemiecki", "российско - китайский", "socio - economic".
        if left.islower() and right.islower() and left[-1] in COMPOUND_LINKING_VOWELS and len(right) >= 4:
            return f"{left}-{right}"
        if language in NOUN_COMPOUND_LANGUAGES and left[0].isupper() and right[0].isupper() and max(len(left), len(right)) <= 6:
            return f"{left}-{right}"
        return match.group(0)

    fixed = _SPACED_HYPHEN.sub(join, text)
    # "COVID - 19", "F - 16", "MH - 17": a code of capitals and its number.
    return _SPACED_CODE.sub(r"\1-\2", fixed)


def fix_punctuation_spacing(text: str, page: PageContext, report: Report) -> str:
    return _fix_spacing(text, page, report, join_hyphens=True)


def fix_title_punctuation_spacing(text: str, page: PageContext, report: Report) -> str:
    """The same repairs in a title, but for the spaced hyphen: in a title
    it sets parts apart ("Why he won - analysis"), and a title has no other
    line to show the compound written joined."""
    return _fix_spacing(text, page, report, join_hyphens=False)


def _fix_spacing(text: str, page: PageContext, report: Report, join_hyphens: bool) -> str:
    # Counted over distinct lines: a repeat that later rules remove must not
    # make the convention look systematic.
    distinct = "\n".join(dict.fromkeys(text.split("\n")))
    spaced = len(_SPACE_BEFORE.findall(distinct))
    # A text spaced this way throughout was tokenised on purpose ("Senate ’s",
    # "Tuesday ."): the convention is the source's, not a slip to repair.
    systematic = spaced >= 5 and 3 * spaced >= distinct.count(",") + distinct.count(".") + distinct.count("،")
    fixed = text if systematic else _SPACE_BEFORE.sub("", text)
    if join_hyphens and " - " in fixed:
        fixed = _join_spaced_hyphens(fixed, page)
    if "،" in fixed or "؛" in fixed or "؟" in fixed:

        def latin(match: re.Match) -> str:
            # Only where the text around is not Arabic script.
            # (on the same line: the next line may be removed later)
            start = max(match.start() - 20, fixed.rfind("\n", 0, match.start()) + 1)
            end = fixed.find("\n", match.end())
            window = fixed[start : min(match.end() + 20, end if end >= 0 else len(fixed))]
            if _ARABIC_LETTER.search(window):
                return match.group(0)
            return _ARABIC_PUNCT[match.group(1)]

        fixed = _ARABIC_IN_LATIN.sub(latin, fixed)
    report.record_lines("fix_punctuation_spacing", text, fixed)
    return fixed


# ---------------------------------------------------------------------------
# Capitalised function words mid-sentence


# A capitalised word between two lower-case ones: "causing An unprecedented",
# "selon Le rapport", "сказал Что это". "to The Hague" (a capital after) stays.
# A capitalised word between two lower-case ones: "causing An unprecedented",
# "selon Le rapport", "сказал Что это". "to The Hague" (a capital after) stays.
# (Case is checked on the match: ``re`` has no class for it.)
_MIDSENTENCE_SHAPE = r"(?<![^\W\d_'’])(?P<prev>[^\W\d_][^\W\d_'’]*) (?P<word>{words}) (?=[^\W\d_]{{3}})"
# Function words are the commonest words of a language…
MIDSENTENCE_FUNCTION_WORDS = 100
# …but where every noun is capitalised a capital says nothing.
NOUN_CAPITALISING_LANGUAGES = frozenset({"de", "lb"})


@functools.cache
def _english_midsentence_words() -> frozenset[str]:
    return frozenset(data_lines("midsentence_words.txt"))


@functools.cache
def _letter_names() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("letter_names.txt"))


@functools.cache
def _midsentence_words(language: str) -> frozenset[str]:
    """The function words a stray capital is lowered in (lower case)."""
    if language == "en":
        return frozenset(word.lower() for word in _english_midsentence_words())
    # Elsewhere the short ones among the commonest stop words ("Le", "Что",
    # "Una"): longer common words are content words too.
    return frozenset(w for w in words.common_words(language, MIDSENTENCE_FUNCTION_WORDS) & words.stop_words(language)
                     if 2 <= len(w) <= 3)


@functools.cache
def _midsentence_pattern(language: str) -> re.Pattern | None:
    candidates = sorted({w[:1].upper() + w[1:] for w in _midsentence_words(language)}, key=len, reverse=True)
    if not candidates:
        return None
    return re.compile(_MIDSENTENCE_SHAPE.format(words="|".join(map(re.escape, candidates))))


def lower_midsentence_words(text: str, page: PageContext, report: Report) -> str:
    """Lower a function word capitalised in the middle of a sentence, in the
    article's language. A word counts as a function word when it is among
    the language's commonest and stop words and the text itself writes it in
    lower case elsewhere: German nouns ("der Mann") never qualify."""
    language = words.guess_language(text, page.language) or "en"
    if language in NOUN_CAPITALISING_LANGUAGES:
        return text
    pattern = _midsentence_pattern(language)
    if pattern is None or not pattern.search(text):
        return text
    english = language == "en"
    letter_names = _letter_names()
    lower_case_words = set(_TOKEN_PART.findall("\n".join(_evidence_lines(text))))

    def lower(match: re.Match) -> str:
        word = match.group("word")
        lowered = word.lower()
        if not match.group("prev")[0].islower() or match.string[match.end() : match.end() + 1].isupper():
            return match.group(0)
        if word == "A" and match.group("prev").casefold() in letter_names:
            return match.group(0)
        if not english and lowered not in lower_case_words:
            return match.group(0)
        # Inside a title in title case ("A Proven Path to All the Money").
        before = match.string[max(0, match.start() - 30) : match.start()].split()
        if before and before[-1][:1].isupper():
            return match.group(0)
        return f"{match.group('prev')} {lowered} "

    fixed = pattern.sub(lower, text)
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
def _doubled_pattern() -> regex.Pattern:
    words = sorted(data_lines("doubled_words.txt"), key=len, reverse=True)
    function = "|".join(map(regex.escape, words))
    # Word edges with their combining marks: Devanagari and Bengali vowel
    # signs are marks, and "के के" has no word boundary for ``re``.
    start, end = r"(?<![\p{L}\p{M}\d_])", r"(?![\p{L}\p{M}\d_])"
    word = r"\p{L}[\p{L}\p{M}]{2,}"
    return regex.compile(
        # "disaster. disaster." — a word and its punctuation said twice (or more).
        rf"(?P<echo>{start}(?P<w1>{word})(?P<p>[.,;!?])(?: (?P=w1)(?P=p))+)"
        # "in in", "the the the", "The the" (in any case).
        rf"|(?P<func>{start}(?P<w2>(?i:{function}))(?: (?i:(?P=w2)))+{end})"
        # "Iran Iran", "disaster disaster": a longer word repeated exactly.
        rf"|(?P<word>{start}(?P<w3>{word})(?: (?P=w3))+{end})"
    )


@functools.cache
def _doubled_allowed() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("doubled_allowed.txt"))


_QUOTE_ECHO = re.compile(r"\b(?P<w>[^\W\d_]+) (?P<q>[«“„]) ?(?P=w)\b")
# A phrase of two to six words said twice at a sentence edge: "the prime
# minister the prime minister said", "… in the north. in the north."
# Said with a comma between, a phrase is rhetoric ("never again, never
# again"); a short one is speech ("go on go on", "and on and on").
_PHRASE_ECHO = re.compile(
    r"(?:(?<=^)|(?<=[.!?:;»”\"] ))(?P<phrase>[^\W\d_]+(?: [^\W\d_]+){1,5})(?: (?i:(?P=phrase)))+(?=[\s,.;:!?]|$)"
    r"|(?P<phrase2>\b[^\W\d_]+(?: [^\W\d_]+){1,5})(?: (?P=phrase2))+(?P<end>[.!?]|$)"
    r"|(?P<phrase3>\b[^\W\d_]+(?: [^\W\d_]+){1,5})(?: (?P=phrase3))+(?![^\W\d_])",
    re.MULTILINE,
)
MIN_PHRASE_ECHO_CHARS = 10
# Inside a sentence a phrase said twice in a row is an echo when it is this
# long ("pentru școli pentru școli"); shorter ones are speech ("day after
# day after day", "again and again and again").
MIN_INNER_ECHO_CHARS = 12
# A headline template that appends a word already there: "… ilişkin
# açıklama Açıklaması" (the second, capitalised and inflected, at the line end).
_TITLE_ECHO = re.compile(r"(?<= )(?P<w>[^\W\d_]{4,}) (?P<again>[^\W\d_]{4,})$", re.MULTILINE)


_TOKEN_EDGE = ".,;:!?«»“”„\"'()"


_ELISION_SPLIT = re.compile(r"[\s'’]+")


def _has_adjacent_repeat(text: str) -> bool:
    # Quote marks alone are skipped: "est « est" is a repeat.
    # Elided articles are apart: "l'État État".
    tokens = [t for t in (token.strip(_TOKEN_EDGE).casefold() for token in _ELISION_SPLIT.split(text)) if t]
    if any(a == b for a, b in zip(tokens, tokens[1:])):
        return True
    # A phrase said twice: a pair of words comes back d words later, and
    # the d words from there repeat the d before.
    last_seen: dict[tuple[str, str], int] = {}
    for index, pair in enumerate(zip(tokens, tokens[1:])):
        previous = last_seen.get(pair)
        if previous is not None and index - previous <= 6 and tokens[previous:index] == tokens[index : 2 * index - previous]:
            return True
        last_seen[pair] = index
    return False


_CAPITALISED = re.compile(r"\b[^\W\d_]{3,}\b")
_CAPITALISED_RUN = re.compile(r"\b([^\W\d_]{3,})((?: \1\b)+)")


def _single_uses(text: str) -> Counter:
    """How often each capitalised word stands alone, outside a repeat."""
    counts = Counter(w for w in _CAPITALISED.findall(text) if w[0].isupper())
    for match in _CAPITALISED_RUN.finditer(text):
        word = match.group(1)
        if word[0].isupper():
            counts[word] -= 1 + match.group(2).count(" ")
    return counts


def _undouble_words(text: str, allowed: frozenset[str], singles: Counter) -> str:

    def undouble(match: re.Match) -> str:
        if match.group("echo"):
            return match.group("w1") + match.group("p")
        if match.group("func"):
            return match.group("w2")
        word = match.group("w3")
        # A short lower-case word said twice is emphasis or reduplication
        # ("amat amat", and in scripts without case "धीरे धीरे", "לאט לאט");
        # a name or a long word said twice is an echo.
        if word.casefold() in allowed or ((word.islower() or _is_caseless(word[0])) and len(word) < 6):
            return match.group(0)
        # In a run of capitalised words (a table header, a title) a doubled
        # word can be meant: "Last Change Change %".
        before = match.string[max(0, match.start() - 40) : match.start()].split()
        if word[:1].isupper() and before and before[-1][:1].isupper():
            return match.group(0)
        # A name that is always doubled is a reduplicated name ("Chuang
        # Chuang", "Bora Bora"); an echo repeats a name the text also uses alone.
        if word[:1].isupper() and singles.get(word, 0) <= 0:
            return match.group(0)
        return word

    return _doubled_pattern().sub(undouble, text)


def _undouble_phrases(text: str, allowed: frozenset[str]) -> str:
    def undouble(match: re.Match) -> str:
        phrase = match.group("phrase") or match.group("phrase2") or match.group("phrase3")
        if len(phrase) < (MIN_INNER_ECHO_CHARS if match.group("phrase3") else MIN_PHRASE_ECHO_CHARS):
            return match.group(0)
        # "Jewels after Jewels after Jewels": a figure that returns to its
        # first word, not an echo.
        if match.group("phrase3") and re.match(rf" {re.escape(phrase.split(' ', 1)[0])}\b", match.string[match.end() :]):
            return match.group(0)
        if all(word.casefold() in allowed for word in re.findall(r"[^\W\d_]+", phrase)):
            return match.group(0)  # "bye bye bye bye", "no no no no"
        if match.group("phrase") or match.group("phrase3"):
            return phrase
        return phrase + match.group("end")

    return _PHRASE_ECHO.sub(undouble, text)


# A phrase of two to six words said twice across a comma or a full stop:
# "Prices rose sharply. Prices rose sharply.", "According to officials,
# According to officials, the talks", "Der Minister sagte am Dienstag. Der
# Minister sagte am Dienstag, dass …". The second copy stays with what
# follows it. A short one is rhetoric or a chant ("let it be, let it be",
# "Yes we can. Yes we can.").
_CLAUSE_ECHO = regex.compile(
    r"(?<![\p{L}\p{M}\d'’-])(?P<x>\p{L}[\p{L}\p{M}\d'’-]*(?: [\p{L}\p{M}\d'’-]+){1,5})(?P<p>[.,;:]) (?P<y>(?i:(?P=x)))"
    r"(?=[\s,.;:!?]|$)"
)
MIN_CLAUSE_ECHO_CHARS = 15
MIN_COMMA_ECHO_CHARS = 20
MIN_SHORT_ECHO_CHARS = 8
_SENTENCE_EDGE_BEFORE = regex.compile(r"(?:^|[.!?:;»”\")]|,)\s*$")


def _undouble_clauses(line: str) -> str:
    def undouble(match: regex.Match) -> str:
        first, second = match.group("x"), match.group("y")
        if first[1:] != second[1:]:
            return match.group(0)
        # A short phrase is an echo only when its second copy's case cannot
        # be meant: a capital after a comma ("Menurut dia, Menurut dia,"),
        # lower case after a full stop ("in the north. in the north.").
        if len(first) < MIN_CLAUSE_ECHO_CHARS:
            odd_case = (match.group("p") == "," and second[0].isupper()) or (match.group("p") in ".;" and second[0].islower())
            # A name said twice is a chant or a title ("New York, New York").
            name = all(word[:1].isupper() for word in first.split())
            if not odd_case or first != second or len(first) < MIN_SHORT_ECHO_CHARS or name:
                return match.group(0)
        # Across a comma in lower case, a refrain ("we shall overcome, we
        # shall overcome") unless it is long; a capital after the comma is
        # the first copy's.
        if match.group("p") == "," and second[0].islower() and (first.count(" ") < 3 or len(first) < MIN_COMMA_ECHO_CHARS):
            return match.group(0)
        # At a sentence edge: the first copy opens a sentence or clause, or
        # the second ends one.
        before = match.string[max(0, match.start() - 3) : match.start()]
        after = match.string[match.end() : match.end() + 1]
        if not (_SENTENCE_EDGE_BEFORE.search(before) or after in (".", "!", "?", "")):
            return match.group(0)
        return first

    return _CLAUSE_ECHO.sub(undouble, line)


def _undouble_title_echo(text: str) -> str:
    def undouble(match: re.Match) -> str:
        word, again = match.group("w"), match.group("again")
        if word[0].islower() and again[0].isupper() and again.casefold().startswith(word.casefold()) and len(again) - len(word) <= 3:
            return word
        return match.group(0)

    return _TITLE_ECHO.sub(undouble, text)


def remove_doubled_words(text: str, page: PageContext, report: Report) -> str:
    fixed = _undouble_title_echo(text)
    # Most texts have no word twice in a row: skip the costly patterns.
    if not _has_adjacent_repeat(fixed):
        report.record_lines("remove_doubled_words", text, fixed)
        return fixed
    allowed = _doubled_allowed()

    def once(current: str) -> str:
        singles = _single_uses(current)
        lines = current.split("\n")
        # The costly patterns only on the lines that repeat something.
        for index, line in enumerate(lines):
            if _has_adjacent_repeat(line):
                fixed = _undouble_words(line, allowed, singles)
                fixed = _undouble_phrases(fixed, allowed)
                fixed = _undouble_clauses(fixed)
                # "est « est sur …": the word said once before the quote and again in it.
                lines[index] = _QUOTE_ECHO.sub(lambda m: m.group("q") + (" " if m.group("q") == "«" else "") + m.group("w"), fixed)
        return "\n".join(lines)

    fixed = _until_stable(once, fixed)
    report.record_lines("remove_doubled_words", text, fixed)
    return fixed


# ---------------------------------------------------------------------------
# One name spelled two ways

# A capitalised word of any cased script: "Sánchez", "Зеленский", "Μητσοτάκης".
_NAME = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{M}])")
_ASCII_NAME = re.compile(r"[A-Z][a-z]{3,}")
_DOUBLE_LETTER = re.compile(r"(.)\1")


def _name_key(name: str) -> str:
    """One key for the spellings of a name: accents and doubled letters
    dropped ("Sánchez"/"Sanchez", "Gallant"/"Galant"), a final e too."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", name.lower()) if unicodedata.category(ch) != "Mn")
    key = _DOUBLE_LETTER.sub(r"\1", bare)
    return key[:-1] if key.endswith("e") and len(key) > 5 else key


def _is_inflection(a: str, b: str) -> bool:
    """One form ending another ("Dokument"/"Dokumente") is inflection, not a
    second spelling, unless what it adds doubles the last letter
    ("Zelensky"/"Zelenskyy")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short):] != short[-1]


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
        if all(a == b or _is_inflection(a, b) for a in forms for b in forms):
            continue
        forms.sort(key=lambda f: -counts[f])
        # A detection is a sign of machine translation (cleaning/mtscore.py)
        # for the ASCII spellings it was measured on; accents dropped or
        # another script's variants are only repaired, on evidence.
        if all(_ASCII_NAME.fullmatch(f) for f in forms):
            report.record("unify_name_variants", "detected", ", ".join(f"{f} ×{counts[f]}" for f in forms))
        in_title = [f for f in forms if f in title_words]
        if len(in_title) == 1:
            target = in_title[0]
        elif counts[forms[0]] >= 4 and counts[forms[0]] >= 4 * sum(counts[f] for f in forms[1:]):
            target = forms[0]
        else:
            continue
        for form in forms:
            if form != target and not _is_inflection(form, target):
                pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(form)}(?![\p{{L}}\p{{M}}])")
                unified = pattern.sub(target, text)
                captions = [pattern.sub(target, caption) for caption in report.captions]
                if unified != text or captions != report.captions:
                    text, report.captions[:] = unified, captions
                    report.record("unify_name_variants", "replaced", form, target)
    return text
