"""Edge furniture, found by its shape: the short lines a template puts above
the first and below the last paragraph of an article, in any wording and
any language.

The phrase lists know the furniture someone has seen; this stage knows what
furniture looks like. A line before the first or after the last paragraph of
prose scores points for each trait of a widget label, a ticker or a share
bar: no sentence punctuation, few words, (almost) no stop words of the
article's language, every word capitalised, currency codes and price
changes, a label ending in a colon, a bare address, pieces joined by "|",
and being one of a run of such lines (more so when the run repeats its first
word: "Share via X", "Share via Y"). Lines that score high enough go.

Two stamps of when the page was made go too: a timestamp glued in front of
the first paragraph ("14:57, 3 September 2022 The minister …"), and a date
with a source beside it opening or closing the text ("Reuters | 12 March
2024").

The article's own short lines stay: a last sentence ends with its full stop;
a date stamp or a byline alone scores too little; sub-headings and quoted
slogans stand between or inside paragraphs, where this stage does not look.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cleaning import words
from cleaning.context import PageContext, Report, shorten
from cleaning.lexicon import data_lines
from cleaning.site import date_names
from cleaning.text import repeat_until_stable


@dataclass(frozen=True)
class FurnitureOptions:
    # A line of prose: this many words (or CJK characters / 4) and a
    # sentence mark inside.
    body_min_words: int = 10
    # Longer edge lines are never furniture by shape.
    max_words: int = 8
    # Points needed to remove a line above the first paragraph (where the
    # headline, a standfirst and a byline live) and below the last one.
    head_threshold: int = 5
    tail_threshold: int = 4
    # Consecutive candidate lines that make a run, and the points a run adds.
    run_length: int = 3
    # A menu has a few items; twenty names in a row are the article's list.
    menu_max_items: int = 8


DEFAULT_FURNITURE_OPTIONS = FurnitureOptions()

_SENTENCE_MARK = re.compile(r"[.!?。！？।؟]")
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?。！？।؟][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ADDRESS_ONLY = re.compile(r"^(?:https?://|www\.)\S+$|^@\w{2,}$", re.IGNORECASE)
# "https://www.site.gr": the link to a whole site, not to a document the
# article cites; below the last paragraph, the copied site's signature. (A
# bare "www.theatre.com" is more often the article's own contact line.)
_SITE_ROOT = re.compile(r"^https?://(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
# "+1.25%", "▼ 0,4 %", "-12.3": a price change; "EUR/USD 1.0832": a quote.
# (A sign inside a number, "02-751-1500", is a phone number's dash.)
_PRICE_CHANGE = re.compile(r"(?:(?<![\w.,])[+\-−▲▼△▽]\s?\d+(?:[.,]\d+)?\s?%?|\d+(?:[.,]\d+)?\s?%)")
_QUOTE = re.compile(r"\b[A-Z]{2,5}(?:/[A-Z]{2,5})?\s+[+\-−]?\d[\d,.]*\b")
_SEPARATOR = re.compile(r"\s[|·•]\s")
# "15) Thriller (Vinile)", "3. Add the flour", "- Bugs fixed": an item of
# the article's list.
_LIST_ITEM = re.compile(r"^(?:\(?\d{1,3}[.)]|[-–•*▪●])\s")


def _word_count(line: str) -> int:
    cjk = len(_CJK.findall(line))
    return len(line.split()) + cjk // 4


def _is_prose(line: str, options: FurnitureOptions) -> bool:
    return _word_count(line) >= options.body_min_words and bool(_SENTENCE_MARK.search(line))


_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")


def _is_date_stamp(line: str, tokens: list[str]) -> bool:
    """"Published: APRIL 13, 2022", "30/06/2011": a date, alone."""
    return bool(_DATE.search(line)) and len(tokens) <= 6 and not _SEPARATOR.search(line)


# Digits of any script: "14:57", "৪:৪৩", "२०८०".
_CLOCK = re.compile(r"(?<!\d)\d{1,2}\s?[:：]\s?\d{2}(?!\d)")
_YEAR_OR_DAY = re.compile(r"(?<!\d)\d{4}(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)")
_NUMBER = re.compile(r"\d+")


def _is_timestamp(line: str) -> bool:
    """"3 September 2022, 14:57 WIB", "৪:৪৩ অপরাহ্ন, ০৭ জানুয়ারী ২০২৬,
    বুধবার": a clock time and a date with at most a weekday, a month, a
    zone or a label beside them — when the page was made, in any language
    (the words are counted, not read)."""
    if len(_NUMBER.findall(line)) < 3 or not _CLOCK.search(line) or not _YEAR_OR_DAY.search(line):
        return False
    tokens = line.split()
    # Whitespace tokens, not regex words: the vowel signs of Indic scripts
    # are not word characters and would cut one word into several.
    named = [t for t in tokens if any(ch.isalpha() for ch in t) and not any(ch.isdigit() for ch in t)]
    return len(named) <= 4 and len(tokens) <= 10


_TOKEN = re.compile(r"\S+")
# How far into the first paragraph a glued timestamp may reach, in tokens.
_LEAD_WINDOW_TOKENS = 10


def _date_token(token: str) -> bool:
    word = token.strip(".,;:()[]|–—-").casefold()
    return any(ch.isdigit() for ch in token) or word in date_names()


@functools.cache
def _clock_words() -> frozenset[str]:
    return frozenset(data_lines("clock_words.txt"))


def timestamp_lead(line: str, options: FurnitureOptions = DEFAULT_FURNITURE_OPTIONS) -> int:
    """The length of a timestamp glued in front of the first paragraph
    ("৪:৪৩ অপরাহ্ন, ০৭ জানুয়ারী ২০২৬, বুধবার আসন্ন …", "14:57, 3 September
    2022 The minister …"): the longest run of the line's first tokens that
    starts and ends with a number or a date name and reads as a timestamp,
    when prose follows it; 0 when there is none. A sentence that opens with a
    word ("At 14:57 on 3 May …") or goes on in lower case ("14:57 was …") is
    the article's."""
    tokens = list(_TOKEN.finditer(line))[: _LEAD_WINDOW_TOKENS + 1]
    if not tokens or not _date_token(tokens[0].group()) or not _CLOCK.search(line[: tokens[-1].end()]):
        return 0
    end = 0
    for token in tokens[:_LEAD_WINDOW_TOKENS]:
        if _date_token(token.group()) and _is_timestamp(line[: token.end()]):
            end = token.end()
    if not end:
        return 0
    clock_words = _clock_words()
    for token in tokens:
        if token.start() >= end and token.group().strip(".,;:()").casefold() in clock_words:
            end = token.end()
        elif token.start() >= end:
            break
    rest = line[end:].lstrip(" ,;:|–—-")
    first = next((ch for ch in rest if ch.isalpha()), "")
    if not first or first.islower() or not _is_prose(rest, options):
        return 0
    return len(line) - len(rest)


# "12.03.2024", "2024-03-12", "2024.03.12", "2024年3月12日": a date in digits.
_NUMERIC_DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    r"|\d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?)(?!\d)")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DATE_PUNCTUATION = ".,;:()[]|–—-/·•"
_MAX_SOURCE_WORDS = 4
# Lower-case words this short are the links of a written date ("de", "of").
_DATE_LINK_CHARS = 3
# A first line (maybe the headline) is a stamp only with this few words.
_MAX_FIRST_LINE_SOURCE_WORDS = 2


# Hebrew joins a preposition to the month: "במרץ" (in March).
_HEBREW_PREFIXES = "בלה"


def _is_date_name(word: str) -> bool:
    folded = word.casefold()
    names = date_names()
    return folded in names or (folded[:1] in _HEBREW_PREFIXES and folded[1:] in names)


def is_date_and_source(line: str) -> bool:
    return date_and_source_words(line) is not None


def date_and_source_words(line: str) -> int | None:
    """"Reuters | 12 March 2024", "12 марта 2024 | ТАСС", "2024年3月12日 新华社",
    "Published: 12.03.2024 | Source: AFP": a date with a few names or labels
    beside it — the page's stamp of when and from whom, not a sentence. A
    word in lower case (other than a label ending in a colon) makes it the
    article's ("12 March 2024: minister resigns" stays). The number of
    words beside the date, or None when the line is no such stamp."""
    stripped = line.strip()
    # A range ("2018.04.05 ~ OPEN RUN"), a quoted post's signature ("— Ann
    # Lee (@ann) May 3, 2019") and a handle are the article's; a line with a
    # clock time is the timestamp rule's.
    if (not 0 < len(stripped) <= 100 or "~" in stripped or "@" in stripped or stripped[:1] in "—–-"
            or _CLOCK.search(stripped)):
        return None
    numeric = _NUMERIC_DATE.search(stripped)
    rest = _NUMERIC_DATE.sub(" ", stripped) if numeric else stripped
    months = False
    words = []
    names = 0
    for token in rest.split():
        word = token.strip(_DATE_PUNCTUATION)
        if not word or not any(ch.isalpha() for ch in word):
            continue
        if _is_date_name(word):
            months = True
            continue
        first = next(ch for ch in word if ch.isalpha())
        if first.islower() and not token.endswith((":", "：")):
            # "12 de março de 2024": a short word inside the date.
            if len(word) <= _DATE_LINK_CHARS:
                continue
            return None
        words.append(word)
        names += not token.endswith((":", "："))
    dated = bool(numeric) or (months and bool(_YEAR.search(rest)))
    # A label and a date alone ("Published: April 13, 2022") is the date stamp
    # the article keeps: a stamp names a source.
    return len(words) if dated and names and len(words) <= _MAX_SOURCE_WORDS else None


def score_line(line: str, stop: frozenset[str], options: FurnitureOptions = DEFAULT_FURNITURE_OPTIONS) -> int:
    """Points for the traits of furniture one line shows (0: none, or a sentence)."""
    stripped = line.strip()
    tokens = stripped.split()
    if not any(ch.isalnum() for ch in stripped):
        return 0  # a rule or an end mark ("***") is harmless
    if _is_timestamp(stripped):
        return max(options.head_threshold, options.tail_threshold)
    if _SITE_ROOT.match(stripped):
        return options.tail_threshold
    if _ADDRESS_ONLY.match(stripped):
        return 2
    if _LIST_ITEM.match(stripped):
        return 0
    prices = len(_PRICE_CHANGE.findall(stripped)) + len(_QUOTE.findall(stripped))
    if _word_count(stripped) > options.max_words and prices < 2:
        return 0
    if _SENTENCE_END.search(stripped) and not prices:
        return 0
    letters = [w for w in _WORD.findall(stripped)]
    points = 0
    if len(tokens) <= 4:
        points += 1
    if stop and letters and not any(w.casefold() in stop for w in letters):
        points += 1
    if len(letters) >= 2 and all(w[0].isupper() or not w[0].isalpha() for w in letters):
        points += 1
    if prices:
        points += 2 if prices >= 2 else 1
    # "Tags:", "Page:": a label with nothing after it. "Editor: Jane Roe"
    # scores as a short line of names, which a credit at the end of an
    # article ("Contributing: Jane Roe") is as well: only a run takes it.
    if stripped.endswith(":"):
        points += 1
    if _SEPARATOR.search(stripped):
        points += 1
    if not prices and _is_date_stamp(stripped, tokens):
        points = min(points, 2)
    return points


@functools.cache
def _platform_pattern() -> re.Pattern:
    names = sorted(data_lines("social_platforms.txt"), key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(name) for name in names) + ")", re.IGNORECASE)


def _is_follow_prompt(line: str, options: FurnitureOptions) -> bool:
    """"Urmărește Digi24 pe Google News", "Dołącz do nas na Telegramie": a
    short line below the article that names a social network is a prompt to
    follow the site there, whatever the language. (Above the article such a
    line can be the headline: "Facebook down for hours"; a line that ends
    like a sentence, or opens a quoted post with a colon, is the article's.
    A short question below it is the site's: "Folgst du uns schon auf
    WhatsApp?")"""
    stripped = line.strip()
    count = _word_count(stripped)
    if not count:
        return False
    # "Folgst du schon 20 Minuten auf Whatsapp?": a short question is a prompt too.
    if count > options.max_words or stripped[-1:] in ".!:;…。！।":
        return False
    return bool(_platform_pattern().search(stripped))


def _edge_scores(lines: list[str], indices: list[int], stop: frozenset[str], options: FurnitureOptions) -> dict[int, int]:
    """Scores of the non-empty lines at ``indices``, with the bonus of runs."""
    scores = {i: score_line(lines[i], stop, options) for i in indices if lines[i].strip()}
    run: list[int] = []
    for index in sorted(scores) + [None]:
        if index is not None and scores[index] >= 1:
            run.append(index)
            continue
        if len(run) >= options.run_length:
            for i, bonus in _run_bonus(lines, run, scores, options).items():
                scores[i] += bonus
        run = []
    return scores


def _run_bonus(lines: list[str], run: list[int], scores: dict[int, int], options: FurnitureOptions) -> dict[int, int]:
    """A share bar repeats its first word ("Delen via X", "Delen via Y"); a
    menu is a short run of a few words a line, without figures. A list of
    prices or results in the article has figures, a list of names is long."""
    first_words = [lines[i].split()[0].casefold() for i in run]
    if max(first_words.count(w) for w in first_words) >= options.run_length:
        return {i: 3 for i in run}
    strong = [i for i in run if scores[i] >= 2]
    if len(strong) < options.run_length:
        return {}
    menu = options.run_length + 1 <= len(run) <= options.menu_max_items and all(
        len(lines[i].split()) <= 3 and not any(ch.isdigit() for ch in lines[i]) for i in run)
    return {i: 2 if menu else 1 for i in strong}


def _repeated_at_both_edges(lines: list[str], head: list[int], tail: list[int], options: FurnitureOptions) -> set[int]:
    """A short line printed both above the first paragraph and below the
    last one is the template's (a tagline, the site's name), whatever it
    says: an article does not end by repeating a line of its header."""
    def key(i: int) -> str:
        return " ".join(lines[i].split()).casefold()

    # The first line may be the headline, which some templates print again
    # at the end: the title stage decides about it.
    first = min(head, default=None)
    above = {key(i) for i in head if i != first and 0 < _word_count(lines[i]) <= 2 * options.max_words}
    both = {key(i) for i in tail if key(i) in above}
    return {i for i in [*head, *tail] if key(i) in both} if both else set()


def _date_and_source_lines(lines: list[str], head: list[int], tail: list[int]) -> set[int]:
    """The date-and-source stamps at the edges: the ones that open the text
    (below the headline, "Agency, Tuesday 7 May 2024" is the article's
    byline), the first of them with two words at most (it may be the
    headline); below the article, a stamp next to another dated line is an
    item of the article's list (tour dates, fixtures), not a stamp."""
    found = set()
    for position, i in enumerate(i for i in head if lines[i].strip()):
        count = date_and_source_words(lines[i])
        if count is None or (position == 0 and count > _MAX_FIRST_LINE_SOURCE_WORDS):
            break
        found.add(i)
    dated = {i for i in tail if is_date_and_source(lines[i]) or _YEAR_OR_DAY.search(lines[i])}
    found |= {i for i in tail if i in dated and is_date_and_source(lines[i]) and not _neighbours(i, lines, dated)}
    return found


def _neighbours(index: int, lines: list[str], dated: set[int]) -> bool:
    """Whether the nearest non-empty line above or below is dated too."""
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(lines) and not lines[i].strip():
            i += step
        if i in dated:
            return True
    return False


def remove_edge_furniture(text: str, page: PageContext, report: Report,
                          options: FurnitureOptions = DEFAULT_FURNITURE_OPTIONS) -> str:
    """Remove the lines above the first and below the last paragraph of
    prose that score as furniture; a removal can close up a run, so the
    scoring is repeated until nothing more goes."""
    language = words.guess_language(text, page.language)
    stop = words.stop_words(language) if language else frozenset()
    return repeat_until_stable(lambda current: _remove_once(current, stop, report, options), text)


def _remove_once(text: str, stop: frozenset[str], report: Report, options: FurnitureOptions) -> str:
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if _is_prose(line, options)]
    if not prose:
        return text  # no paragraph to measure the edges from
    lead = timestamp_lead(lines[prose[0]], options)
    if lead:
        report.record("remove_edge_furniture", "removed", shorten(lines[prose[0]][:lead].strip()))
        lines[prose[0]] = lines[prose[0]][lead:]
    head = _edge_scores(lines, list(range(prose[0])), stop, options)
    tail = _edge_scores(lines, list(range(prose[-1] + 1, len(lines))), stop, options)
    drop = {i for i, s in head.items() if s >= options.head_threshold}
    drop |= {i for i, s in tail.items() if s >= options.tail_threshold or _is_follow_prompt(lines[i], options)}
    drop |= _repeated_at_both_edges(lines, list(head), list(tail), options)
    drop |= _date_and_source_lines(lines, list(head), list(tail))
    if not drop:
        return "\n".join(lines) if lead else text
    for i in sorted(drop):
        report.record("remove_edge_furniture", "removed", shorten(lines[i].strip()))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)
