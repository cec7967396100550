"""The one item that flows through the pipelines.

Each stage fills its own fields; the fetched HTML is carried as a str only as
far as the store, never the Response object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    # Set by the spider.
    url: str  # normalised page URL, the key in the store
    fetched_url: str = ""  # the URL actually answered (after redirects)
    html: str = ""
    http_status: int = 200
    fetched_at: str = ""
    source_name: str | None = None  # the sources-file entry that found it
    expected_language: str | None = None
    extra_junk: list[str] = field(default_factory=list)
    # Set by ExtractPipeline.
    title: str | None = None
    text: str = ""
    author: str | None = None
    published: str | None = None
    description: str | None = None
    site_name: str | None = None
    image: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    source_links: list[dict[str, Any]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    image_alts: list[str] = field(default_factory=list)
    dropped_lines: list[str] = field(default_factory=list)  # alt texts of the article's images
    page_language: str | None = None  # <html lang> / og:locale
    # Set by CleanPipeline.
    source_url: str | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)
    # Set by LanguagePipeline.
    language: str = "und"
    language_confidence: float = 0.0
    # Paragraphs in another language than the article: {index, language, probability, text}.
    foreign_paragraphs: list[dict[str, Any]] = field(default_factory=list)
    # Set by DedupPipeline.
    content_hash: str | None = None
    minhash: bytes | None = None
    story_id: int | None = None
    bands: list[tuple[int, int]] = field(default_factory=list)  # MinHash (band, hash) pairs
    # Set by StorePipeline.
    is_original: bool = False
    # Set by StorePipeline: "stored", "updated" or "unchanged".
    status: str | None = None
    id: int | None = None
