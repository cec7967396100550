"""Pure text and HTML cleaners: no Scrapy, no database."""

from cleaning.extract import ExtractOptions, Extracted, SourceLink, extract_article
from cleaning.pipeline import Change, Cleaned, Page, clean_text

__all__ = [
    "Change",
    "Cleaned",
    "ExtractOptions",
    "Extracted",
    "Page",
    "SourceLink",
    "clean_text",
    "extract_article",
]
