"""One page, start to end: the only chain of stages.

    html ──process_page(html, url, options, fetched_at)──> ArticleRecord
            extract → clean → language → mt score → fingerprint

The crawl (in its worker processes), `newscrawl clean`, `newscrawl reclean`
and the benchmarks all call `process_page` (or `process_text` for a text
without markup), so what is measured is what is stored. Pure: no Scrapy, no
database, no network.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from w3lib.encoding import html_to_unicode

from cleaning.anchors import extract_anchors
from cleaning.context import PageContext, Report
from cleaning.extract import DEFAULT_OPTIONS as DEFAULT_EXTRACT_OPTIONS
from cleaning.extract import ExtractOptions, extract_article
from cleaning.fingerprint import band_hashes, content_hash
from cleaning.language import (
    DEFAULT_LANGUAGE_OPTIONS,
    LanguageOptions,
    detect_language,
    detect_paragraph_languages,
    load_tables,
    split_paragraphs,
)
from cleaning.mtscore import DEFAULT_MT_OPTIONS, MTScoreOptions, score_article
from cleaning.pipeline import clean_text, clean_title
from cleaning.record import NO_ARTICLE_TEXT, TEASER_PAGE, ArticleRecord
from cleaning.site import SiteProfile
from cleaning.urls import InvalidURL, bare_site, normalize_url
from cleaning.words import stop_word_index

FOREIGN_PARAGRAPH = "foreign_paragraph"


@dataclass(frozen=True)
class PageOptions:
    extract: ExtractOptions = DEFAULT_EXTRACT_OPTIONS
    language: LanguageOptions = DEFAULT_LANGUAGE_OPTIONS
    mt_score: MTScoreOptions = DEFAULT_MT_OPTIONS
    # Below this many characters of extracted text a page has no article…
    min_text_chars: int = 200
    # …unless its markup declares one: then a brief or excerpt this long counts.
    min_brief_chars: int = 40
    # A source's own junk lines, added to the phrase lists.
    extra_phrases: tuple[str, ...] = field(default_factory=tuple)
    # The template learned from the site's stored pages (cleaning/site.py).
    site_profile: SiteProfile | None = None


DEFAULT_PAGE_OPTIONS = PageOptions()


def read_html_bytes(data: bytes, content_type: str | None = None) -> str:
    """Decode a page the way a browser would: header, BOM, <meta charset>, then a guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def process_page(html: str, url: str | None = None, options: PageOptions = DEFAULT_PAGE_OPTIONS,
                 fetched_at: str | None = None) -> ArticleRecord:
    """Extract, clean, detect the language of and fingerprint one page.

    `fetched_at` (ISO 8601) is when the page was fetched: no date the page
    claims can be later (now when not given). A page without enough article
    text, or a listing of other pages' teasers, comes back with `rejected`
    set and is not cleaned further."""
    record = extract_article(html, url, options.extract, fetched_at)
    floor = options.min_brief_chars if record.is_article else options.min_text_chars
    if len(record.text.strip()) < floor:
        record.rejected = NO_ARTICLE_TEXT
        return clean_record_title(record, options)
    if record.is_listing and options.min_text_chars:
        record.rejected = TEASER_PAGE
        return clean_record_title(record, options)
    return finish_record(record, options)


def clean_record_title(record: ArticleRecord, options: PageOptions) -> ArticleRecord:
    """A rejected page keeps its title, cleaned as an article's is (it says
    what the page was), and nothing else is cleaned."""
    if record.title:
        report = Report()
        record.title = clean_title(record.title, page_context(record, options.extra_phrases, options.site_profile), report)
        record.changes = [*record.changes, *(change.as_dict() for change in report.changes)]
    return record


def process_text(text: str, title: str | None = None, options: PageOptions = DEFAULT_PAGE_OPTIONS) -> ArticleRecord:
    """The same stages for a text without markup (no extraction, no floor)."""
    return finish_record(ArticleRecord(title=title, text=text), options)


def finish_record(record: ArticleRecord, options: PageOptions) -> ArticleRecord:
    clean_record(record, options)
    detect_record_language(record, options.language)
    score_record(record, options.mt_score)
    fingerprint_record(record)
    return record


def page_context(record: ArticleRecord, extra_phrases: tuple[str, ...] = (),
                 site_profile: SiteProfile | None = None) -> PageContext:
    """What the cleaners may know of a page."""
    return PageContext(
        title=record.title,
        url=record.url or None,
        site_name=record.site_name,
        categories=tuple(record.categories),
        tags=tuple(record.tags),
        language=record.page_language,
        extra_phrases=tuple(extra_phrases),
        known_captions=tuple(record.captions),
        image_alts=tuple(record.image_alts),
        extraction_dropped=tuple(record.dropped_lines),
        site_profile=site_profile,
        site_names=tuple(record.site_names),
        headlines=tuple(record.headlines),
    )


# A page of our own that goes through every stage.
_WARM_UP_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves the new river bridge - Example News</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-05-12T09:30:00+02:00">
<link rel="canonical" href="https://example.org/news/river-bridge">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves the new river bridge",
"author": {"@type": "Person", "name": "Ana Ruiz"}, "datePublished": "2024-05-12T09:30:00+02:00"}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<h1>Council approves the new river bridge</h1><p class="byline">By Ana Ruiz</p>
<p>The city council voted on Monday to build a new bridge over the river, at a cost of 23 million euros,
after two years of debate about the traffic in the old town.</p>
<figure><img src="/bridge.jpg" alt="The old bridge over the river at night"><figcaption>The old bridge.
Photo: Example News</figcaption></figure>
<p>Work is to start in March 2025 and last about 18 months, the mayor said, adding that the old bridge
would stay open to pedestrians and bicycles while the new one is built.</p>
<p>El alcalde dijo que las obras empezarán el año que viene y que el puente viejo seguirá abierto.</p>
<p>Source: <a href="https://example.com/original/bridge">Example Wire</a></p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""


@functools.cache
def warm_up() -> None:
    """Read what the stages read once per process (phrase lists, stop words,
    langdetect's profiles, the lazily imported libraries) now: a process
    about to fork its workers does it once for all of them."""
    load_tables()
    stop_word_index()
    process_page(_WARM_UP_PAGE, "https://example.org/news/river-bridge", fetched_at="2024-05-13T00:00:00+00:00")


def merge_source_links(from_text: list[dict], from_markup: list[dict], page_url: str | None = None) -> list[dict]:
    """Links named in the text come first: they are the page's own words. A
    bare home page named in the text ("Fuente: example.com") gives way to the
    full address the markup's link on the same site holds. The page's own
    address, printed in its text, names no original."""
    markup_by_host: dict[str, dict] = {}
    for link in from_markup:
        if link.get("kind") not in ("canonical", "og:url"):
            markup_by_host.setdefault(bare_site(link["url"]), link)
    links: list[dict] = []
    own = _same_page_key(page_url)
    for link in from_text:
        if own and _same_page_key(link["url"]) == own:
            continue
        fuller = markup_by_host.get(bare_site(link["url"]))
        if fuller is not None and _is_home_page(link["url"]) and not _is_home_page(fuller["url"]):
            link = {**link, "url": fuller["url"]}
        if all(link["url"] != kept["url"] for kept in links):
            links.append(link)
    seen = {link["url"] for link in links}
    return links + [link for link in from_markup if link["url"] not in seen]


def _same_page_key(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalize_url(url).rstrip("/")
    except InvalidURL:
        return None


def _is_home_page(url: str) -> bool:
    rest = url.split("://", 1)[-1]
    return "/" not in rest.rstrip("/")


def clean_record(record: ArticleRecord, options: PageOptions) -> None:
    cleaned = clean_text(record.text, page_context(record, options.extra_phrases, options.site_profile))
    record.title = cleaned.title
    record.text = cleaned.text
    record.source_links = merge_source_links(cleaned.source_links, record.source_links, record.url or None)
    record.source_url = record.source_links[0]["url"] if record.source_links else None
    record.captions = list(dict.fromkeys(cleaned.captions + record.captions))
    # The metadata choices extraction made come first, then the cleaners'.
    record.changes = [*record.changes, *(change.as_dict() for change in cleaned.changes)]


def detect_record_language(record: ArticleRecord, options: LanguageOptions) -> None:
    # The title is the article's own words too: a brief whose one paragraph
    # became the title still has a language.
    whole = f"{record.title}\n{record.text}" if record.title else record.text
    record.language, record.language_confidence = detect_language(whole, record.page_language, options)
    paragraphs = split_paragraphs(record.text)
    record.foreign_paragraphs = []
    for index, code, prob in detect_paragraph_languages(record.text, record.language, options, record.page_language):
        record.foreign_paragraphs.append({"index": index, "language": code, "probability": prob, "text": paragraphs[index]})
        record.changes.append({"cleaner": FOREIGN_PARAGRAPH, "action": "detected", "before": paragraphs[index], "after": code})


def score_record(record: ArticleRecord, options: MTScoreOptions = DEFAULT_MT_OPTIONS) -> None:
    # After the language stage: its foreign paragraphs are debris too.
    scored = score_article(record.title, record.text, record.changes, record.captions, record.source_links, options)
    record.mt_score = scored.score
    record.mt_version = scored.version
    record.mt_parts = scored.parts()


def fingerprint_record(record: ArticleRecord) -> None:
    record.content_hash = content_hash(record.text)
    record.bands = band_hashes(record.text)
    record.anchors = extract_anchors(record.text)
