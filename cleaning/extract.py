"""Article extraction: trafilatura for the body and metadata, plus what it drops.

trafilatura discards "Source link" paragraphs, syndication boxes and figure
captions, so the original-source links and the captions are read from the
markup here, before the body is cleaned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree


@dataclass(frozen=True)
class ExtractOptions:
    """How trafilatura is called. Comments are never article text."""

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    fast: bool = False


@dataclass
class SourceLink:
    url: str
    text: str
    kind: str  # "anchor", "appeared-first", "label", "canonical", "og:url", "meta", "via"

    def as_dict(self) -> dict:
        return {"url": self.url, "text": self.text, "kind": self.kind}


@dataclass
class Extracted:
    url: str | None
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
    source_links: list[SourceLink] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    page_language: str | None = None


DEFAULT_OPTIONS = ExtractOptions()

# Anchor texts that name the original of a syndicated copy, in the languages
# the cleaners support. Matched against the whole, stripped anchor text.
_SOURCE_ANCHOR = re.compile(
    r"^(?:source(?:\s+link)?|original(?:\s+(?:article|source|link))?|read (?:the )?original(?: article)?"
    r"|read (?:the )?(?:full|entire) (?:article|story)(?: at .*)?|via|fuente|enlace (?:original|fuente)"
    r"|quelle|originalartikel|fonte|link originale|fonte originale|lien source|source originale"
    r"|المصدر|رابط المصدر|источник|kaynak|sumber|nguồn)\s*[:.»›>]*$",
    re.IGNORECASE,
)
_LABEL_PREFIX = re.compile(
    r"^\s*(?:source|sources|fuente|quelle|fonte|source\s|المصدر|источник|kaynak|sumber|via|originally published (?:at|on|in)|"
    r"news source|resource)\s*:",
    re.IGNORECASE,
)
_APPEARED_FIRST = re.compile(r"appeared first on", re.IGNORECASE)


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _http_url(base: str | None, href: str | None) -> str | None:
    if not href:
        return None
    absolute = urljoin(base or "", href.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def parse_html(html: str):
    """Parse a page into an lxml tree, or None when it is not HTML at all."""
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None


def find_source_links(tree, page_url: str | None) -> list[SourceLink]:
    """Links to the original of a syndicated copy, most specific first."""
    links: list[SourceLink] = []
    seen: set[str] = set()
    page_host = _host(page_url)

    def add(url: str | None, text: str, kind: str) -> None:
        if url and url not in seen and _host(url) and _host(url) != page_host:
            seen.add(url)
            links.append(SourceLink(url, text, kind))

    body = tree.find("body")
    anchors = body.iter("a") if body is not None else []
    for a in anchors:
        href = _http_url(page_url, a.get("href"))
        if not href:
            continue
        text = _text(a)
        rel = (a.get("rel") or "").lower()
        parent = a.getparent()
        parent_text = _text(parent) if parent is not None else ""
        if _SOURCE_ANCHOR.match(text) or "original" in rel.split():
            add(href, text, "anchor")
        elif _APPEARED_FIRST.search(parent_text):
            add(href, text, "appeared-first")
        elif _LABEL_PREFIX.match(parent_text) and len(parent_text) < 200:
            add(href, text, "label")
        elif "via" in (a.get("class") or "").lower().split() or any(
            "via" in (anc.get("class") or "").lower().split() for anc in a.iterancestors()
        ):
            add(href, text, "via")
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("syndication-source", "original-source", "dcterms.source", "article:original_url"):
            add(_http_url(page_url, meta.get("content")), name, "meta")
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel:
            add(_http_url(page_url, link.get("href")), "canonical", "canonical")
        elif "original-source" in rel or "syndication-source" in rel:
            add(_http_url(page_url, link.get("href")), " ".join(rel), "meta")
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url":
            add(_http_url(page_url, meta.get("content")), "og:url", "og:url")
    return links


def find_captions(tree) -> list[str]:
    """Figure captions: trafilatura drops them, the cleaners use them."""
    captions: list[str] = []
    for el in tree.iter("figcaption"):
        text = _text(el)
        if text and text not in captions:
            captions.append(text)
    for el in tree.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " wp-caption-text ")]'):
        text = _text(el)
        if text and text not in captions:
            captions.append(text)
    return captions


def find_canonical(tree, page_url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return _http_url(page_url, link.get("href"))
    return None


def find_page_language(tree) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in tree.iter("meta"):
            if (meta.get("property") or "").lower() == "og:locale":
                lang = meta.get("content")
                break
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def extract_article(html: str, url: str | None = None, options: ExtractOptions = DEFAULT_OPTIONS) -> Extracted:
    """Extract the article body and metadata from one decoded HTML page."""
    result = Extracted(url=url)
    tree = parse_html(html)
    if tree is None:
        return result
    result.source_links = find_source_links(tree, url)
    result.captions = find_captions(tree)
    result.canonical_url = find_canonical(tree, url)
    result.page_language = find_page_language(tree)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        favor_precision=options.favor_precision,
        favor_recall=options.favor_recall,
        include_tables=options.include_tables,
        fast=options.fast,
        with_metadata=True,
        deduplicate=False,
    )
    if doc is None:
        return result
    result.title = doc.title
    result.text = doc.text or ""
    result.author = doc.author
    result.published = doc.date
    result.description = doc.description
    result.site_name = doc.sitename
    result.image = doc.image
    result.categories = list(doc.categories or [])
    result.tags = list(doc.tags or [])
    return result
