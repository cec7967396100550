"""The one item that flows through the pipelines: the fetched page and its record.

The spider fills the page and the record's fetch facts; the page stage
(newscrawl/pipelines/page.py) replaces the record with what `process_page`
made of the page; the store stage writes it and says what happened. The
HTML travels as a str only as far as the page stage, never the Response.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaning.record import ArticleRecord
from cleaning.site import SiteProfile


@dataclass
class Article:
    html: str
    record: ArticleRecord  # the fetch facts until the page stage fills the rest
    expected_language: str | None = None  # the sources file's `language`
    extra_junk: list[str] = field(default_factory=list)  # the sources file's `junk`
    page: bytes | None = None  # the HTML as stored (compressed by the page stage)
    error: str | None = None  # the page function raised on this page: one line
    site_profile: SiteProfile | None = None  # the site template the page stage cleaned it with
    # Set by the store stage.
    status: str | None = None  # "stored", "updated" or "unchanged"
    id: int | None = None
    story_id: int | None = None
    is_original: bool = False

    @property
    def url(self) -> str:
        return self.record.url
