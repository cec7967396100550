"""The ordered list of cleaners and the one call that runs them.

A cleaner is a named function ``(text, page) -> text`` that does one kind of
repair and records what it changed in ``page.changes``. The order matters
and is visible here: hygiene first (so rules see clean characters), then
whole-line junk and attribution, captions, then repairs inside sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from cleaning import text as text_cleaners


@dataclass
class Change:
    cleaner: str
    action: str  # "removed", "replaced", "moved", "detected"
    before: str
    after: str = ""

    def as_dict(self) -> dict:
        return {"cleaner": self.cleaner, "action": self.action, "before": self.before, "after": self.after}


@dataclass
class Page:
    """What the cleaners may know about the page, and what they report."""

    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    extra_phrases: list[str] = field(default_factory=list)
    # Captions known from the markup (figcaption…), used to find their leaked copies.
    known_captions: list[str] = field(default_factory=list)
    # Filled while cleaning.
    changes: list[Change] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    source_links: list[dict] = field(default_factory=list)

    def record(self, cleaner: str, action: str, before: str, after: str = "") -> None:
        self.changes.append(Change(cleaner, action, before, after))


@dataclass
class Cleaned:
    title: str | None
    text: str
    captions: list[str]
    source_links: list[dict]
    changes: list[Change]

    @property
    def source_url(self) -> str | None:
        return self.source_links[0]["url"] if self.source_links else None


Cleaner = Callable[[str, Page], str]

TEXT_CLEANERS: list[Cleaner] = [
    text_cleaners.fix_encoding,
    text_cleaners.strip_invisible,
    text_cleaners.normalize_whitespace,
]

TITLE_CLEANERS: list[Cleaner] = [
    text_cleaners.fix_encoding,
    text_cleaners.strip_invisible,
    text_cleaners.normalize_whitespace,
]


def run_cleaners(text: str, page: Page, cleaners: list[Cleaner]) -> str:
    for cleaner in cleaners:
        text = cleaner(text, page)
    return text


def clean_text(text: str, page: Page | None = None) -> Cleaned:
    """Clean one article body (and its title, when the page has one)."""
    page = page if page is not None else Page()
    title = run_cleaners(page.title, page, TITLE_CLEANERS) if page.title else page.title
    page.title = title
    body = run_cleaners(text or "", page, TEXT_CLEANERS)
    return Cleaned(title=title, text=body, captions=page.captions, source_links=page.source_links, changes=page.changes)
