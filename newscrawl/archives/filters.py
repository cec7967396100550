"""Which records of an archive are wanted: `--site` and `--lang`.

A host pattern is read from the record's target URI before its payload is
read or parsed: `example.org` is that host and every host under it
(`www.example.org`, `news.example.org`); a pattern with `*` or `?` is a
shell-style pattern for the whole host (`*.de`, `*news*`). The language is
the one the page function detects, so it is known only after extraction and
cleaning: a page in another language costs its processing, but not its
write to the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from cleaning.urls import host_of

_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2}|und)$")


class FilterError(ValueError):
    """A pattern or language code that cannot be used; the message is for the user."""


@dataclass(frozen=True)
class ArchiveFilter:
    sites: tuple[str, ...] = ()  # lower-case host patterns; empty: every host
    languages: tuple[str, ...] = ()  # ISO 639-1 codes or "und"; empty: every language

    def wants_url(self, url: str) -> bool:
        if not self.sites:
            return True
        host = host_of(url)
        return bool(host) and any(_host_matches(host, pattern) for pattern in self.sites)

    def wants_language(self, language: str) -> bool:
        return not self.languages or language in self.languages


def _host_matches(host: str, pattern: str) -> bool:
    if any(ch in pattern for ch in "*?["):
        return fnmatchcase(host, pattern)
    return host == pattern or host.endswith("." + pattern)


def build_filter(sites: tuple[str, ...] | list[str] = (), languages: tuple[str, ...] | list[str] = ()) -> ArchiveFilter:
    """The filter for `--site` and `--lang` values (each may list several, comma-separated)."""
    patterns = tuple(p.strip().lower().rstrip(".") for value in sites for p in value.split(",") if p.strip())
    for pattern in patterns:
        if "/" in pattern or " " in pattern:
            raise FilterError(f"--site {pattern}: give a host or host pattern (example.org, *.de), not a URL")
    codes = tuple(c.strip().lower() for value in languages for c in value.split(",") if c.strip())
    for code in codes:
        if not _LANGUAGE_CODE.match(code):
            raise FilterError(f"--lang {code}: expects an ISO 639-1 code (en, de, ar…) or und")
    return ArchiveFilter(patterns, codes)
