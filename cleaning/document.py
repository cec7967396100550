"""Extraction, cleaning and language detection of one page, as pure functions.

The crawl pipelines run these stages one by one; `newscrawl clean` and
`newscrawl reclean` run them here, on text already in hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from w3lib.encoding import html_to_unicode

from cleaning.extract import DEFAULT_OPTIONS, ExtractOptions, Extracted, extract_article
from cleaning.language import detect_language
from cleaning.pipeline import Cleaned, Page, clean_text


@dataclass
class Document:
    extracted: Extracted
    cleaned: Cleaned
    language: str
    language_confidence: float
    source_links: list[dict] = field(default_factory=list)

    @property
    def source_url(self) -> str | None:
        return self.source_links[0]["url"] if self.source_links else None

    @property
    def captions(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned.captions + self.extracted.captions))

    def as_output(self) -> dict:
        return {
            "title": self.cleaned.title,
            "text": self.cleaned.text,
            "source_url": self.source_url,
            "source_links": self.source_links,
            "captions": self.captions,
            "language": self.language,
            "language_confidence": self.language_confidence,
            "changes": [c.as_dict() for c in self.cleaned.changes],
        }


def read_html_bytes(data: bytes, content_type: str | None = None) -> str:
    """Decode a page the way a browser would: header, BOM, <meta charset>, then a guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def merge_source_links(from_text: list[dict], from_markup: list[dict]) -> list[dict]:
    """Links named in the text come first: they are the page's own words."""
    links = list(from_text)
    seen = {link["url"] for link in links}
    return links + [link for link in from_markup if link["url"] not in seen]


def page_for(extracted, extra_phrases: list[str] | None = None) -> Page:
    """What the cleaners may know of a page: from an Extracted, or any object
    with the same fields (the crawl's Article item has them)."""
    return Page(
        title=extracted.title,
        url=extracted.url,
        site_name=extracted.site_name,
        categories=list(extracted.categories),
        tags=list(extracted.tags),
        language=extracted.page_language,
        extra_phrases=list(extra_phrases or []),
        known_captions=list(extracted.captions),
        image_alts=list(getattr(extracted, "image_alts", None) or []),
        extraction_dropped=list(getattr(extracted, "dropped_lines", None) or []),
    )


def process_extracted(extracted: Extracted, extra_phrases: list[str] | None = None) -> Document:
    cleaned = clean_text(extracted.text, page_for(extracted, extra_phrases))
    language, confidence = detect_language(cleaned.text, extracted.page_language)
    links = merge_source_links(cleaned.source_links, [link.as_dict() for link in extracted.source_links])
    return Document(extracted, cleaned, language, confidence, links)


def process_html(
    html: str, url: str | None = None, extra_phrases: list[str] | None = None, options: ExtractOptions = DEFAULT_OPTIONS
) -> Document:
    return process_extracted(extract_article(html, url, options), extra_phrases)


def process_text(text: str, title: str | None = None, extra_phrases: list[str] | None = None) -> Document:
    return process_extracted(Extracted(url=None, title=title, text=text), extra_phrases)
