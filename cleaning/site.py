"""The site's own template: the lines and title affixes one site repeats on its pages.

A site's template puts the same lines on each of its articles — a slogan, a
sign-off, an edition line, a prompt to join its channel — in whatever
language and wording the site chose, so no phrase list can know them. Across
the site's stored articles they are plain to see: a line repeated verbatim
(numbers, month and weekday names aside) on a large share of the site's
articles is furniture, and so is a prefix or suffix set apart on many of its
titles ("… | Site Name", "Site: …"). `learn_site_profile` finds them;
`remove_site_furniture` and `strip_site_affixes` apply a profile the page
context carries.

Copies of one story share their prose, so articles are counted by story: a
paragraph common to the copies of one story counts once. A line that reads
as a sentence also needs `min_articles` different stories, not only the
share, so that two related stories on a site with few articles keep a
background paragraph they share.

Pure: the store keeps the profiles (db/profiles.py), the crawl hands each
page its site's profile (newscrawl/templates.py).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from cleaning.context import CHANGE_TEXT_LIMIT, Furniture, PageContext, Report, SiteProfile, profile_signature
from cleaning.lexicon import data_lines

FURNITURE_CLEANER = "remove_site_furniture"
AFFIX_CLEANER = "strip_site_affixes"

# What a month or weekday name becomes in a line key.
DATE_NAME = "§"
_DIGITS = re.compile(r"\d+")
# An affix is set apart from the headline: "Headline | Site", "Headline – Site", "Site: Headline".
_AFFIX_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+(?:[-–—·•»«~/]{1,2}|::)\s+|(?<=\S)[:：]\s+")
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*$")
# A line ending like a sentence with at least this many letters reads as prose.
PROSE_MIN_LETTERS = 40


@dataclass(frozen=True)
class SiteOptions:
    min_articles: int = 3  # different stories of the site needed before anything is learned
    min_share: float = 0.6  # share of those stories a line (or title affix) must be on


DEFAULT_SITE_OPTIONS = SiteOptions()


@dataclass(frozen=True)
class TemplateOverrides:
    """What one entry of the sources file says about its site's template."""

    enabled: bool = True  # false: pages of the source are cleaned without the template
    keep: tuple[str, ...] = ()  # lines (or title affixes) that are not furniture
    extra: tuple[str, ...] = ()  # lines that are furniture, learned or not


# Comparing lines.

@functools.cache
def _token_pattern() -> re.Pattern:
    # Letters and digits with the combining marks that belong to them
    # (Devanagari vowel signs, Thai tone marks): `\w` alone cuts words at marks.
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile(rf"(?:[^\W_]|[{marks}])+")


@functools.cache
def date_names() -> frozenset[str]:
    """Month and weekday names, wide and abbreviated, of the languages in
    data/date_name_languages.txt (CLDR data, as Babel ships it)."""
    from babel import Locale

    tokens = _token_pattern()
    names: set[str] = set()
    for code in data_lines("date_name_languages.txt"):
        locale = Locale.parse(code)
        for table in (locale.months, locale.days):
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    for name in table[context][width].values():
                        for token in tokens.findall(str(name).casefold()):
                            # Two-letter abbreviations ("do", "ma") are words too often.
                            if len(token) >= 3 and not _DIGITS.search(token):
                                names.add(token)
    return frozenset(names)


def line_key(line: str) -> str:
    """How lines of one site compare: letters and digits only, case-folded,
    each number as 0 and each month or weekday name as one sign, so that
    "Issue 412 · 3 May 2024" and "Issue 415 – 9 June 2024" are one line."""
    # Relearning a growing site reads its latest articles again, and a
    # site's lines repeat from page to page: the key of a line short enough
    # to be learned is computed once (a few MB at most).
    return _short_line_key(line) if len(line) <= CHANGE_TEXT_LIMIT else _line_key(line)


@functools.lru_cache(maxsize=1 << 14)
def _short_line_key(line: str) -> str:
    return _line_key(line)


def _line_key(line: str) -> str:
    names = date_names()
    tokens = _token_pattern().findall(_DIGITS.sub("0", line.casefold()))
    return "".join([DATE_NAME if token in names else token for token in tokens])


def has_words(key: str) -> bool:
    """A key with something to compare besides numbers (a line of digits is no template line)."""
    return DATE_NAME in key or any(ch.isalpha() for ch in key)


def is_template_line(line: str) -> bool:
    return has_words(line_key(line))


def _reads_as_prose(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and sum(ch.isalpha() for ch in line) >= PROSE_MIN_LETTERS


# Learning.

def _story_keys(count: int, stories: Sequence[object] | None) -> list[tuple]:
    if stories is None:
        return [("article", i) for i in range(count)]
    return [("article", i) if stories[i] is None else ("story", stories[i]) for i in range(count)]


def learn_site_profile(
    texts: Sequence[str],
    titles: Sequence[str | None] = (),
    stories: Sequence[object] | None = None,
    options: SiteOptions = DEFAULT_SITE_OPTIONS,
) -> SiteProfile:
    """The template of one site from its articles' texts and titles.

    `stories` gives each article's story (None: a story of its own): copies
    of one story count as one article."""
    keys = _story_keys(len(texts), stories)
    distinct = len(set(keys))
    if distinct < max(1, options.min_articles):
        return SiteProfile(stories=distinct)
    needed = max(2, math.ceil(options.min_share * distinct - 1e-9))

    on_stories: dict[str, set] = defaultdict(set)
    first_seen: dict[str, str] = {}
    for text, story in zip(texts, keys):
        for line in (text or "").split("\n"):
            line = line.strip()
            if not line or len(line) > CHANGE_TEXT_LIMIT:
                continue
            key = line_key(line)
            if has_words(key):
                on_stories[key].add(story)
                first_seen.setdefault(key, line)
    furniture = []
    for key, found_on in on_stories.items():
        need = max(needed, options.min_articles) if _reads_as_prose(first_seen[key]) else needed
        if len(found_on) >= need:
            furniture.append(Furniture(key, first_seen[key], len(found_on)))

    prefixes, suffixes = _count_affixes(titles, keys)
    return SiteProfile(
        furniture=_ranked(furniture),
        title_prefixes=_ranked(_frequent_affixes(prefixes, needed)),
        title_suffixes=_ranked(_frequent_affixes(suffixes, needed)),
        stories=distinct,
    )


def _count_affixes(titles: Sequence[str | None], keys: list[tuple]):
    """Per candidate affix: its first text, the stories it is on, the rests of the titles."""
    prefixes: dict[str, tuple[str, set, set]] = {}
    suffixes: dict[str, tuple[str, set, set]] = {}
    for title, story in zip(titles, keys):
        if not title:
            continue
        for match in _AFFIX_SEPARATOR.finditer(title):
            head, tail = title[: match.start()].strip(), title[match.end():].strip()
            head_key, tail_key = line_key(head), line_key(tail)
            if not (has_words(head_key) and has_words(tail_key)):
                continue
            for table, key, text, rest in ((prefixes, head_key, head, tail_key), (suffixes, tail_key, tail, head_key)):
                entry = table.setdefault(key, (text, set(), set()))
                entry[1].add(story)
                entry[2].add(rest)
    return prefixes, suffixes


def _frequent_affixes(candidates: dict[str, tuple[str, set, set]], needed: int) -> list[Furniture]:
    # The rest of the titles must differ: a title seen whole on every page is
    # no affix of headlines.
    return [Furniture(key, text, len(found_on)) for key, (text, found_on, rests) in candidates.items()
            if len(found_on) >= needed and len(rests) >= 2]


def _ranked(items: Iterable[Furniture]) -> tuple[Furniture, ...]:
    return tuple(sorted(items, key=lambda f: (-f.articles, f.text)))


def template_lines(text: str, changes: Iterable[dict]) -> str:
    """A stored text as the template cleaner saw it: its lines and the lines
    the cleaner removed. Learning from this keeps a learned line learned once
    it is no longer in the stored texts."""
    removed = [c.get("before") or "" for c in changes if c.get("cleaner") == FURNITURE_CLEANER]
    return "\n".join([text or "", *removed]) if removed else (text or "")


def template_title(title: str | None, changes: Iterable[dict]) -> str | None:
    """A stored title as the affix cleaner saw it."""
    for change in changes:
        if change.get("cleaner") == AFFIX_CLEANER:
            return change.get("before") or title
    return title


# The sources file's say.

def apply_template_overrides(profile: SiteProfile | None, overrides: TemplateOverrides | None) -> SiteProfile | None:
    """The profile one source's pages are cleaned with: without its `keep`
    lines, with its `extra` lines, or none when it switches templates off."""
    if overrides is None:
        return profile
    if not overrides.enabled:
        return None
    if not overrides.keep and not overrides.extra:
        return profile
    keep = {line_key(line) for line in overrides.keep}
    base = profile or SiteProfile()
    furniture = [f for f in base.furniture if f.key not in keep]
    known = {f.key for f in furniture}
    for line in overrides.extra:
        key = line_key(line)
        if has_words(key) and key not in known and key not in keep:
            furniture.append(Furniture(key, line.strip()))
            known.add(key)
    result = SiteProfile(
        furniture=tuple(furniture),
        title_prefixes=tuple(a for a in base.title_prefixes if a.key not in keep),
        title_suffixes=tuple(a for a in base.title_suffixes if a.key not in keep),
        stories=base.stories,
    )
    return None if profile is None and result.is_empty else result


# The cleaners.

def remove_site_furniture(text: str, page: PageContext, report: Report) -> str:
    """Whole lines of the site's template, wherever they stand."""
    profile = page.site_profile
    if profile is None or not profile.furniture:
        return text
    keys = profile.signature[0]
    kept = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and line_key(stripped) in keys:
            report.record(FURNITURE_CLEANER, "removed", stripped)
        else:
            kept.append(line)
    return "\n".join(kept) if len(kept) < text.count("\n") + 1 else text


def strip_site_affixes(title: str, page: PageContext, report: Report) -> str:
    """The prefix or suffix the site sets on its titles."""
    profile = page.site_profile
    if profile is None or not (profile.title_prefixes or profile.title_suffixes) or not title:
        return title
    _lines, prefixes, suffixes = profile.signature
    result = title
    # The longest affix first: the first separator for a suffix, the last for a prefix.
    for match in _AFFIX_SEPARATOR.finditer(result):
        head, tail = result[: match.start()].strip(), result[match.end():]
        if line_key(tail) in suffixes and is_template_line(head):
            result = head
            break
    for match in reversed(list(_AFFIX_SEPARATOR.finditer(result))):
        head, tail = result[: match.start()], result[match.end():].strip()
        if line_key(head) in prefixes and is_template_line(tail):
            result = tail
            break
    if result != title:
        report.record(AFFIX_CLEANER, "removed", title, result)
    return result
