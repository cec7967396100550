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

from cleaning.text import data_lines, shorten

_URL = re.compile(r"https?://[^\s<>\"'”’)\]]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@/.-])((?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.)+(?:[a-z]{2,12}))(?![\w-]|\.[a-z])",
    re.IGNORECASE,
)
# Endings that look like a domain but are file names or abbreviations.
_NOT_TLDS = frozenset({"js", "py", "html", "htm", "php", "asp", "aspx", "jpg", "png", "gif", "pdf", "doc", "mp4", "ex", "eg", "ie", "al", "st", "jr", "sr", "mr", "ms", "dr", "vs"})

# A label glued to the end of the last sentence: "… assure l’armée.Source".
_GLUED_LABEL = re.compile(
    r"(?<=[.!?»”\"])\s*(?:source link|source|sources|fuente|quelle|fonte|kaynak|sumber|المصدر|источник)\s*:?\s*$",
    re.IGNORECASE,
)
# A domain standing in front of a paragraph as its byline: "example.ru— Text".
_LEADING_DOMAIN = re.compile(r"^\s*(?P<domain>(?:[a-z0-9-]+\.)+[a-z]{2,12})\s*[—–-]+\s*(?=\S)", re.IGNORECASE)


@functools.cache
def appeared_first_patterns() -> tuple[str, ...]:
    """The WordPress feed footer in every language: the markup reader looks
    for the same words around the footer's links."""
    return data_lines("appeared_first.txt")


@functools.cache
def appeared_first_search() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in appeared_first_patterns()).replace("(?P<rest>", "(?:"), re.IGNORECASE)


@functools.cache
def attribution_pattern() -> re.Pattern:
    # Named groups may repeat across alternatives only if renamed.
    parts = []
    for index, pattern in enumerate(data_lines("attribution.txt") + appeared_first_patterns()):
        parts.append("(?:" + pattern.replace("(?P<rest>", f"(?P<rest{index}>") + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


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


def _add_link(page, url: str, text: str) -> None:
    if all(link["url"] != url for link in page.source_links):
        page.source_links.append({"url": url, "text": text.strip()[:200], "kind": "text"})


def remove_attribution(text: str, page) -> str:
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
                    _add_link(page, url, rest if rest is not None else stripped)
                page.record("remove_attribution", "removed", shorten(stripped))
                continue
        glued = _GLUED_LABEL.search(line)
        if glued and len(line) - len(glued.group(0)) >= 20:
            page.record("remove_attribution", "removed", glued.group(0).strip())
            line = line[: glued.start()]
        leading = _LEADING_DOMAIN.match(line)
        if leading and find_link(leading.group("domain")):
            _add_link(page, find_link(leading.group("domain")), leading.group("domain"))
            page.record("remove_attribution", "removed", leading.group(0).strip())
            line = line[leading.end() :]
        out.append(line)
    return "\n".join(out)
