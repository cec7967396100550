"""What a cleaner may read, and what it reports.

A cleaner is a function ``(text, page, report) -> text``. ``page`` is a
frozen ``PageContext``: the facts about the page that extraction found
(title, URL, site name, categories, captions known from the markup…); no
cleaner can change it. ``report`` is where a cleaner says what it did: the
changes it made, the captions it moved out, the source links it found, and a
title it found in (or changed from) the body. The runner in
``cleaning/pipeline.py`` is the only code that turns a reported title into
the context the next cleaners see.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields

# A site's template (learned by cleaning/site.py from the site's stored
# articles) travels with each of its pages in the context.


@dataclass(frozen=True)
class Furniture:
    """A line or title affix of the template: how it compares (`key`), the
    text as first seen, and on how many of the site's stories it was found
    (0 for a line the sources file adds)."""

    key: str
    text: str
    articles: int = 0


@dataclass(frozen=True)
class SiteProfile:
    furniture: tuple[Furniture, ...] = ()
    title_prefixes: tuple[Furniture, ...] = ()
    title_suffixes: tuple[Furniture, ...] = ()
    stories: int = 0  # the site's stories it was learned from

    @property
    def signature(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """What cleaning depends on: profiles with one signature clean alike."""
        return (frozenset(f.key for f in self.furniture), frozenset(f.key for f in self.title_prefixes),
                frozenset(f.key for f in self.title_suffixes))

    @property
    def is_empty(self) -> bool:
        return not (self.furniture or self.title_prefixes or self.title_suffixes)


def profile_signature(profile: SiteProfile | None):
    return None if profile is None or profile.is_empty else profile.signature


# Strings kept in the audit trail are cut to this length.
CHANGE_TEXT_LIMIT = 300


def shorten(text: str, limit: int = CHANGE_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class PageContext:
    """The facts about one page that cleaners may read. Lists are stored as tuples."""

    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None  # the page's declared language
    extra_phrases: tuple[str, ...] = ()  # a source's own junk lines
    # Captions known from the markup (figcaption…), used to find their leaked copies.
    known_captions: tuple[str, ...] = ()
    # Alt texts of the article's images: a body line equal to one is a caption.
    image_alts: tuple[str, ...] = ()
    # Lines extraction already dropped as furniture: recorded, and an
    # attribution among them still yields its source link.
    extraction_dropped: tuple[str, ...] = ()
    # The title as first seen, before its cleaners: copies in the body may use it.
    raw_titles: tuple[str, ...] = ()
    # The lines and title affixes the page's site repeats (cleaning/site.py).
    site_profile: SiteProfile | None = None
    # Other names of the site (the publisher, application-name…), for site parts of titles.
    site_names: tuple[str, ...] = ()
    # The headline as other sources give it (structured data, the visible heading).
    headlines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                object.__setattr__(self, f.name, tuple(value))


@dataclass
class Change:
    cleaner: str
    action: str  # "removed", "replaced", "moved", "detected"
    before: str
    after: str = ""

    def as_dict(self) -> dict:
        return {"cleaner": self.cleaner, "action": self.action, "before": self.before, "after": self.after}


@dataclass
class FoundTitle:
    """A title a body cleaner reports: a headline found in the body (raw, to
    be cleaned by the title cleaners) or a corrected title (already clean)."""

    text: str
    raw: bool = True


@dataclass
class Report:
    """What the cleaners produce besides the text."""

    changes: list[Change] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    source_links: list[dict] = field(default_factory=list)
    found_title: FoundTitle | None = None

    def record(self, cleaner: str, action: str, before: str, after: str = "") -> None:
        self.changes.append(Change(cleaner, action, before, after))

    def record_lines(self, cleaner: str, before: str, after: str, limit: int = 20) -> None:
        """Record a repair of a whole text line by line, so the audit trail shows
        what was repaired rather than the start of the article."""
        if before == after:
            return
        old_lines, new_lines = before.split("\n"), after.split("\n")
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        recorded = 0
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for old, new in zip(old_lines[i1:i2] or [""] * (j2 - j1), new_lines[j1:j2] or [""] * (i2 - i1)):
                if recorded == limit:
                    return
                self.record(cleaner, "replaced", shorten(old), shorten(new))
                recorded += 1

    def add_source_link(self, url: str, text: str, kind: str = "text") -> None:
        if all(link["url"] != url for link in self.source_links):
            self.source_links.append({"url": url, "text": text.strip()[:200], "kind": kind})

    def add_caption(self, caption: str) -> None:
        if caption not in self.captions:
            self.captions.append(caption)
