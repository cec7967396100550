"""Syndication attribution: the lines where a copy names its original
("Source link", "Source: X", "The post X appeared first on Y." in the
languages WordPress speaks, "Originally published at …", "by example.com"),
and the notes of a translated copy ("Translated from the Arabic edition of
X", "This article was translated automatically and may contain errors.").

They are not article text, but they say where the story came from: a URL or
a domain on such a line becomes a source link (``kind`` "text"), which the
document merges ahead of the links found in the markup.
"""

from __future__ import annotations

import functools
import re

from re import _constants, _parser  # the regular-expression parser: what a pattern must match

from cleaning.context import PageContext, Report, shorten
from cleaning.lexicon import alternation, data_lines

_URL = re.compile(r"https?://[^\s<>\"'”’)\]]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@/.-])((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+(?:[a-z]{2,12}))(?![\w-]|\.[a-z])",
    re.IGNORECASE,
)
# Endings that look like a domain but are file names or abbreviations.
_NOT_TLDS = frozenset({"js", "py", "html", "htm", "php", "asp", "aspx", "jpg", "png", "gif", "pdf", "doc", "mp4", "ex", "eg", "ie", "al", "st", "jr", "sr", "mr", "ms", "dr", "vs"})

# A domain standing in front of a paragraph as its byline: "example.ru— Text".
_LEADING_DOMAIN = re.compile(r"^\s*(?P<domain>(?:[a-z0-9-]+\.)+[a-z]{2,12})\s*[—–-]+\s*(?=\S)", re.IGNORECASE)


@functools.cache
def source_words() -> str:
    """The words for "source" (data/source_labels.txt) as one alternation."""
    words = sorted(data_lines("source_labels.txt"), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)


def _with_source_words(pattern: str) -> str:
    return pattern.replace("{SOURCE}", source_words())


@functools.cache
def glued_label_pattern() -> re.Pattern:
    """A label glued to the end of the last sentence: "… assure l’armée.Source"."""
    return re.compile(rf"(?<=[.!?»”\"])\s*(?:{source_words()})\s*:?\s*$", re.IGNORECASE)


@functools.cache
def label_prefix_pattern() -> re.Pattern:
    """Text that starts with a source label: the link after it names the original."""
    return re.compile(
        rf"^\s*(?:{source_words()}|via|originally published (?:at|on|in)|resource)\s*[:：]", re.IGNORECASE
    )


@functools.cache
def source_anchor_pattern() -> re.Pattern:
    """A link whose whole text names the original ("Source link", "Read the original")."""
    entries = (source_words(),) + data_lines("source_anchors.txt")
    return re.compile(rf"^(?:{alternation(entries)})\s*[:.»›>]*$", re.IGNORECASE)


@functools.cache
def appeared_first_patterns() -> tuple[str, ...]:
    """The WordPress feed footer in every language: the markup reader looks
    for the same words around the footer's links."""
    return data_lines("appeared_first.txt")


def _searched_footers() -> tuple[str, ...]:
    # A search finds the footer anywhere, so a pattern's leading "anything"
    # is implied; left in, it would be tried from every position of the text.
    return tuple(re.sub(r"^\.\{\d*,?\d*\}\s", "", p) for p in appeared_first_patterns())


@functools.cache
def appeared_first_search() -> re.Pattern:
    return re.compile(alternation(_searched_footers()).replace("(?P<rest>", "(?:"), re.IGNORECASE)


@functools.cache
def appeared_first_min_chars() -> int:
    """The fewest characters a feed footer can have: a shorter text (most
    link texts are a word or two) is not searched for one."""
    return _parser.parse(appeared_first_search().pattern, re.IGNORECASE).getwidth()[0]


def _longest_literal(items) -> str:
    """The longest run of plain characters every match of a parsed pattern
    holds (read from its top level and the groups it must match whole)."""
    best = run = ""
    for op, arg in items:
        if op is _constants.LITERAL:
            run += chr(arg)
        elif op is _constants.SUBPATTERN:
            inner = _longest_literal(arg[3])
            best, run = max(best, run, inner, key=len), ""
        else:
            best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


@functools.cache
def appeared_first_prefilter() -> re.Pattern | None:
    """Words each footer pattern must contain (" appeared first on "), as one
    pattern of plain words: a text without any of them holds no footer, and
    that is found three times faster than the footers themselves. None when
    a pattern has no such words."""
    words = [_longest_literal(_parser.parse(p, re.IGNORECASE)) for p in _searched_footers()]
    if any(len(word) < 2 for word in words):
        return None
    return re.compile("|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)), re.IGNORECASE)


def has_appeared_first(text: str) -> bool:
    """Whether a feed footer stands anywhere in the text."""
    if len(text) < appeared_first_min_chars():
        return False
    prefilter = appeared_first_prefilter()
    if prefilter is not None and not prefilter.search(text):
        return False
    return appeared_first_search().search(text) is not None


@functools.cache
def translation_note_pattern() -> re.Pattern:
    return re.compile(alternation(data_lines("translation_notes.txt")).replace("(?P<rest>", "(?:"), re.IGNORECASE)


@functools.cache
def attribution_pattern() -> re.Pattern:
    # Named groups may repeat across alternatives only if renamed.
    parts = []
    entries = data_lines("attribution.txt") + data_lines("translation_notes.txt") + appeared_first_patterns()
    for index, pattern in enumerate(entries):
        parts.append("(?:" + _with_source_words(pattern).replace("(?P<rest>", f"(?P<rest{index}>") + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


def markup_attribution_kind(text: str) -> str | None:
    """What the short text around a link says of it: "appeared-first" (a feed
    footer), "translated-from" (a translation note) or "label" ("Source: …")."""
    if has_appeared_first(text):
        return "appeared-first"
    if len(text) < 300 and translation_note_pattern().match(text):
        return "translated-from"
    if len(text) < 200 and label_prefix_pattern().match(text):
        return "label"
    return None


def find_link(text: str) -> str | None:
    """The URL a line names, or https://domain/ for a bare domain."""
    url = _URL.search(text)
    if url:
        return url.group(0).rstrip(".,;:")
    for match in _DOMAIN.finditer(text):
        domain = match.group(1).lower()
        if domain.rsplit(".", 1)[-1] in _NOT_TLDS or domain.replace(".", "").isdigit():
            continue
        return f"https://{domain}/"
    return None


# How a feed excerpt ends before the footer glued to it: "[…]", "…", "...".
_EXCERPT_END = re.compile(r"(?:\[\s*(?:…|\.{3})\s*\]|…|\.{3})[\"”’»)]*\s*")
_MIN_EXCERPT_CHARS = 20


def _glued_footer(line: str) -> int | None:
    """Where a feed footer ("The post … appeared first on …") glued after the
    ellipsis that ends an excerpt starts; None when there is none. Only the
    text after the line's last ellipsis is searched."""
    if "…" not in line and "..." not in line:
        return None
    ends = list(_EXCERPT_END.finditer(line))
    if not ends or ends[-1].start() < _MIN_EXCERPT_CHARS:
        return None
    start = ends[-1].end()
    match = appeared_first_search().match(line, start)
    # A footer that opens with its title ("… ilk önce …") is matched from its
    # middle, in lower case: not cut.
    if match is None or match.group(0)[:1].islower() or line[match.end():].strip(" .\t"):
        return None
    return start


def remove_attribution(text: str, page: PageContext, report: Report) -> str:
    pattern = attribution_pattern()
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped) <= 400:
            match = pattern.fullmatch(stripped)
            if match:
                rest = next((value for key, value in match.groupdict().items() if value), None)
                url = find_link(rest if rest is not None else stripped)
                if url:
                    report.add_source_link(url, rest if rest is not None else stripped)
                report.record("remove_attribution", "removed", shorten(stripped))
                continue
        footer = _glued_footer(line)
        if footer is not None:
            url = find_link(line[footer:])
            if url:
                report.add_source_link(url, line[footer:].strip())
            report.record("remove_attribution", "removed", shorten(line[footer:].strip()))
            line = line[:footer].rstrip()
        glued = glued_label_pattern().search(line)
        if glued and len(line) - len(glued.group(0)) >= 20:
            report.record("remove_attribution", "removed", glued.group(0).strip())
            line = line[: glued.start()]
        leading = _LEADING_DOMAIN.match(line)
        if leading and find_link(leading.group("domain")):
            report.add_source_link(find_link(leading.group("domain")), leading.group("domain"))
            report.record("remove_attribution", "removed", leading.group(0).strip())
            line = line[leading.end() :]
        out.append(line)
    return "\n".join(out)
