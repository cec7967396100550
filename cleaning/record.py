"""The one record an article travels in, from extraction to the store.

`process_page` (cleaning/page.py) fills it; the crawl adds the fetch facts;
the store writes it. Each field says here whether and how it is stored, so
the store's columns, its JSON columns and the columns other tools rely on
(the contract) are derived from this one declaration: a new field is one edit.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any

# Why a page is not stored (stable strings: they appear on stderr and in stats).
NO_ARTICLE_TEXT = "no article text found"
TEASER_PAGE = "not an article: a page of teasers for other articles"

# Column kinds.
TEXT, INTEGER, REAL, JSON = "text", "integer", "real", "json"


def column(kind: str = TEXT, *, contract: int | None = None, fetch: bool = False,
           default: Any = None, factory: Any = MISSING):
    """A stored field. `contract` is the field's position among the columns
    `query --format json` prints; `fetch` marks what the fetcher knows. (The
    store rewrites any column whose value changed, the text unchanged or not,
    so a figure computed by a newer formula reaches old rows by `reclean`.)"""
    metadata = {"column": kind, "contract": contract, "fetch": fetch}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def transient(default: Any = None, factory: Any = MISSING):
    """A field that travels with the record but is not a column."""
    if factory is not MISSING:
        return field(default_factory=factory, metadata={"column": None})
    return field(default=default, metadata={"column": None})


@dataclass
class ArticleRecord:
    # What the fetcher knows (set by the crawl, not by the page function).
    url: str = column(contract=1, fetch=True, default="")  # the normalised page URL, the store's key
    fetched_url: str | None = column(fetch=True)  # the URL that answered, after redirects
    http_status: int | None = column(INTEGER, fetch=True)
    fetched_at: str | None = column(contract=10, fetch=True)
    source_name: str | None = column(fetch=True)  # the sources-file entry that found it
    site: str = column(contract=4, fetch=True, default="")  # host of `url` (with a non-default port)
    # The WARC file holding the fetched response (a crawl's own archive, or the
    # archive an article was ingested from) and the offset of its record.
    warc_file: str | None = column(fetch=True)
    warc_offset: int | None = column(INTEGER, fetch=True)
    # What the page says about itself.
    canonical_url: str | None = column(contract=2)
    site_name: str | None = column()
    title: str | None = column(contract=5)
    text: str = column(contract=6, default="")
    description: str | None = column()
    image: str | None = column()
    author: str | None = column()  # the authors joined with ", " (older readers use it)
    authors: list[str] = column(JSON, factory=list)
    publisher: str | None = column()
    published: str | None = column(contract=8)  # ISO 8601, with the time and offset when the page gives them
    modified: str | None = column()
    categories: list[str] = column(JSON, factory=list)
    tags: list[str] = column(JSON, factory=list)
    # Where it came from.
    source_url: str | None = column(contract=3)  # the original this copy names, or None
    source_links: list[dict] = column(JSON, factory=list)  # every link naming an original: {url, text, kind}
    # What cleaning did.
    captions: list[str] = column(JSON, factory=list)
    changes: list[dict] = column(JSON, factory=list)  # {cleaner, action, before, after}
    language: str = column(contract=7, default="und")  # ISO 639-1 or "und"
    language_confidence: float | None = column(REAL)
    content_hash: str | None = column()
    # Machine-translation debris per 1,000 words (cleaning/mtscore.py), the
    # version of its formula, and what it is made of: {words, counts: {signal: count}}.
    mt_score: float | None = column(REAL)
    mt_version: int | None = column(INTEGER)
    mt_parts: dict = column(JSON, factory=dict)
    # Extraction facts the cleaners use; not stored.
    page_language: str | None = transient()  # <html lang>, og:locale
    is_article: bool = transient(False)  # the markup declares one article (og:type, schema.org…)
    is_listing: bool = transient(False)  # the text is mostly other pages' teasers (a home or section page)
    image_alts: list[str] = transient(factory=list)
    site_names: list[str] = transient(factory=list)  # the site's other names (publisher, host…)
    headlines: list[str] = transient(factory=list)  # the headline as other sources give it
    dropped_lines: list[str] = transient(factory=list)  # lines extraction dropped as furniture
    # Paragraphs in another language: {index, language, probability, text} (also listed in `changes`).
    foreign_paragraphs: list[dict] = transient(factory=list)
    # MinHash (band, hash) pairs: stored in their own table for near-copy lookup.
    bands: list[tuple[int, int]] = transient(factory=list)
    # Figures and names that survive translation (cleaning/anchors.py), for
    # finding translated copies.
    anchors: Any = transient()
    # Why the page is not an article to store (None: it is one).
    rejected: str | None = transient()

    def with_fetch(self, fetched: "ArticleRecord") -> "ArticleRecord":
        """This record with the fetch facts of `fetched`."""
        for name in FETCH_FIELDS:
            setattr(self, name, getattr(fetched, name))
        return self


COLUMN_KINDS: dict[str, str] = {f.name: f.metadata["column"] for f in fields(ArticleRecord) if f.metadata["column"]}
FETCH_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ArticleRecord) if f.metadata.get("fetch"))
CONTRACT_POSITIONS: dict[str, int] = {
    f.name: f.metadata["contract"] for f in fields(ArticleRecord) if f.metadata.get("contract") is not None
}
