"""The ordered list of cleaners and the one call that runs them.

A cleaner is a named function ``(text, page) -> text`` that does one kind of
repair and records what it changed in ``page.changes``. The order matters
and is visible here: hygiene first (so rules see clean characters), then
whole lines — template fields, attribution, site header, junk, trailing
blocks, captions, the title — and last the repairs inside sentences, which
then only see article text.

Cleaning is idempotent: a cleaned text goes through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from cleaning import attribution, boilerplate, captions, titles, translation
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
    # Alt texts of the article's images: a body line equal to one is a caption.
    image_alts: list[str] = field(default_factory=list)
    # Lines extraction already dropped as furniture: recorded here, and an
    # attribution among them still yields its source link.
    extraction_dropped: list[str] = field(default_factory=list)
    # Filled while cleaning.
    changes: list[Change] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    source_links: list[dict] = field(default_factory=list)
    # The title as first seen, before its cleaners: copies in the body may use it.
    raw_titles: list[str] = field(default_factory=list)

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
    text_cleaners.fix_markup,
    text_cleaners.normalize_whitespace,
    boilerplate.remove_template_fields,
    attribution.remove_attribution,
    boilerplate.remove_site_header,
    boilerplate.remove_junk_lines,
    boilerplate.remove_trailing_blocks,
    boilerplate.remove_foreign_script_tail,
    boilerplate.remove_category_labels,
    captions.move_captions,
    titles.split_title,
    titles.remove_title_repeats,
    translation.remove_duplicate_lines,
    translation.split_glued_words,
    translation.fix_punctuation_spacing,
    translation.lower_midsentence_words,
    translation.join_drop_caps,
    translation.remove_doubled_words,
    translation.unify_name_variants,
    text_cleaners.remove_lost_emoji,
    text_cleaners.normalize_whitespace,
]

TITLE_CLEANERS: list[Cleaner] = [
    text_cleaners.fix_encoding,
    text_cleaners.strip_invisible,
    text_cleaners.fix_markup,
    text_cleaners.remove_lost_emoji,
    titles.title_as_one_line,
    titles.strip_site_name,
    titles.undouble_title,
]


def run_cleaners(text: str, page: Page, cleaners: list[Cleaner]) -> str:
    for cleaner in cleaners:
        text = cleaner(text, page)
    return text


def clean_title(title: str, page: Page | None = None) -> str:
    """Clean one title: site name and section suffixes, doubling, debris."""
    page = page if page is not None else Page()
    return run_cleaners(title, page, TITLE_CLEANERS)


def clean_text(text: str, page: Page | None = None) -> Cleaned:
    """Clean one article body (and its title, when the page has one)."""
    page = page if page is not None else Page()
    if page.title:
        page.raw_titles.append(page.title)
        page.title = clean_title(page.title, page)
    if page.extraction_dropped:
        rest = attribution.remove_attribution("\n".join(page.extraction_dropped), page)
        for line in rest.split("\n"):
            if line.strip():
                page.record("extract_boilerplate", "removed", line.strip())
    body = run_cleaners(text or "", page, TEXT_CLEANERS)
    # split_title may have found the title in the body.
    return Cleaned(title=page.title, text=body, captions=page.captions, source_links=page.source_links, changes=page.changes)
