"""Article extraction: trafilatura for the body, our own reader for the
metadata (cleaning/metadata.py), plus what trafilatura drops.

trafilatura discards "Source link" paragraphs, syndication boxes and figure
captions, so the original-source links and the captions are read from the
markup here, before the body is cleaned.

Around trafilatura's precision mode, three corrections measured on the shared
article-extraction benchmark (`benchmarks/extraction_quality.py`):

* articles split into several sibling containers with the same class (the
  body cut by ads or widgets) are joined first, else only the first part is
  kept;
* when the precision run keeps almost nothing of what a recall run finds, the
  recall run is used: precision mode sometimes discards the whole body;
* the headline repeated as the first line, and short boilerplate lines
  ("Related: …", "Read more: …", newsletter and follow-us prompts, comment
  counters, wire-service credits) are removed from the body.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from cleaning.attribution import markup_attribution_kind, source_anchor_pattern
from cleaning.authors import byline_in_text
from cleaning.metadata import read_metadata
from cleaning.record import ArticleRecord
from cleaning.urls import InvalidURL, absolute_http_url, bare_site, normalize_url


@dataclass(frozen=True)
class ExtractOptions:
    """How trafilatura is called. Comments are never article text."""

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    fast: bool = False
    # The corrections described in the module docstring; off only to measure them.
    join_split_body: bool = True
    recall_fallback: bool = True
    drop_boilerplate_lines: bool = True


DEFAULT_OPTIONS = ExtractOptions()

# Links that only say what the page calls itself, not where it came from: a
# link to another page of the same site there is the site's own address.
_SELF_KINDS = frozenset({"canonical", "og:url"})


# An element's text as libxml2 joins it (the same as joining itertext(), at C speed).
_STRING = etree.XPath("string()", smart_strings=False)


def _text(el) -> str:
    return " ".join(_STRING(el).split())


def _has_class(*tokens: str) -> str:
    """XPath: the elements whose class attribute holds one of `tokens` as a
    word. The cheap substring test comes first: it rules out most attributes."""
    anywhere = " or ".join(f'contains(., "{token}")' for token in tokens)
    as_word = " or ".join(f'contains(concat(" ", normalize-space(.), " "), " {token} ")' for token in tokens)
    return f"//@class[{anywhere}][{as_word}]/.."


def parse_html(html: str):
    """Parse a page the way trafilatura does (comments and processing
    instructions dropped), or None when it is not HTML at all. trafilatura
    copies the tree it is given, so the one parse serves both."""
    if not html or not html.strip():
        return None
    try:
        return load_html(html)
    except (ValueError, TypeError):
        return None


def _same_page(url: str, page_url: str | None) -> bool:
    if not page_url:
        return False
    try:
        return normalize_url(url) == normalize_url(page_url)
    except InvalidURL:
        return url == page_url


_VIA_BOXES = etree.XPath(_has_class("via"))


def find_source_links(tree, page_url: str | None) -> list[dict]:
    """Links to the original of a syndicated copy, most specific first:
    {url, text, kind}.

    An explicit attribution ("Source link", "Translated from <a>…") may point
    to the same site: a mirror that translates its own Arabic edition still
    names the page it copied. Only the page's own address is never a source."""
    links: list[dict] = []
    seen: set[str] = set()
    page_host = bare_site(page_url)

    def add(url: str | None, text: str, kind: str) -> None:
        if not url or url in seen or not bare_site(url) or _same_page(url, page_url):
            return
        if kind in _SELF_KINDS and bare_site(url) == page_host:
            return
        seen.add(url)
        links.append({"url": url, "text": text, "kind": kind})

    source_anchor = source_anchor_pattern()
    body = tree.find("body")
    anchors = body.iter("a") if body is not None else []
    via_boxes = set(_VIA_BOXES(tree))
    # Many anchors share a parent (menus, link lists), and many parents a
    # text ("Share", a menu repeated in the footer): each verdict is reached once.
    parent_kinds: dict = {}
    text_kinds: dict[str, str | None] = {}
    for a in anchors:
        href = a.get("href")
        if not href:
            continue
        text = _text(a)
        kind = None
        if source_anchor.match(text) or "original" in (a.get("rel") or "").lower().split():
            kind = "anchor"
        else:
            parent = a.getparent()
            if parent is not None:
                if parent not in parent_kinds:
                    around = _text(parent)
                    if around not in text_kinds:
                        text_kinds[around] = markup_attribution_kind(around)
                    parent_kinds[parent] = text_kinds[around]
                kind = parent_kinds[parent]
            if kind is None and via_boxes and (a in via_boxes or any(anc in via_boxes for anc in a.iterancestors())):
                kind = "via"
        if kind is not None:
            add(absolute_http_url(page_url, href), text, kind)
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in ("syndication-source", "original-source", "dcterms.source", "article:original_url"):
            add(absolute_http_url(page_url, meta.get("content")), name, "meta")
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel:
            add(absolute_http_url(page_url, link.get("href")), "canonical", "canonical")
        elif "original-source" in rel or "syndication-source" in rel:
            add(absolute_http_url(page_url, link.get("href")), " ".join(rel), "meta")
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url":
            add(absolute_http_url(page_url, meta.get("content")), "og:url", "og:url")
    return links


_WP_CAPTIONS = etree.XPath(_has_class("wp-caption-text"))


def find_captions(tree) -> list[str]:
    """Figure captions: trafilatura drops them, the cleaners use them."""
    captions: list[str] = []
    for el in tree.iter("figcaption"):
        text = _text(el)
        if text and text not in captions:
            captions.append(text)
    for el in _WP_CAPTIONS(tree):
        text = _text(el)
        if text and text not in captions:
            captions.append(text)
    return captions


# Shorter alts ("photo", "Jane Doe") could equal a real line of the body.
_MIN_ALT_WORDS = 4
_ARTICLE_CONTAINERS = etree.XPath(
    "//article | //main | //@itemprop[. = 'articleBody']/.."
    f" | {_has_class('entry-content', 'post-content', 'article-body')}"
)


def find_image_alts(tree) -> list[str]:
    """Alt texts of the images in the article (not the site's logos and
    teaser cards): copies of them in the body are captions."""
    containers = _ARTICLE_CONTAINERS(tree)
    if containers:
        images = [img for container in containers for img in container.iter("img")]
    else:
        body = tree.find("body")
        images = [
            img
            for img in (body.iter("img") if body is not None else [])
            if not any(anc.tag in ("header", "nav", "footer", "aside") for anc in img.iterancestors())
        ]
    alts: list[str] = []
    for img in images:
        alt = " ".join((img.get("alt") or "").split())
        if len(alt.split()) >= _MIN_ALT_WORDS and alt not in alts:
            alts.append(alt)
    return alts


def find_canonical(tree, page_url: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return absolute_http_url(page_url, link.get("href"))
    return None


# A teaser card: a headline link to another page of the site and one excerpt
# beside it. A page whose extracted text is mostly such excerpts, from
# several cards, is a listing (a home or section page), not an article.
_TEASER_MIN_WORDS = 4
_TEASER_CARD_MAX_CHARS = 1200
_EXCERPT_CHARS = (60, 800)
_LISTING_MIN_CARDS = 3
_LISTING_MIN_SHARE = 0.6
_FOLD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return _FOLD.sub("", text).casefold()


def find_teaser_excerpts(tree, page_url: str | None) -> list[str]:
    """The excerpts of the page's teaser cards (folded to letters and digits),
    one per card whose headline links to another page of the same site."""
    site, own = bare_site(page_url), (page_url or "").rstrip("/")
    body = tree.find("body")
    if body is None or not site:
        return []
    lengths: dict = {}

    def length(el) -> int:
        if el not in lengths:
            lengths[el] = len(el.text_content())
        return lengths[el]

    by_target: dict[str, str] = {}
    for a in body.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#") or href in by_target or len(a.text_content().split()) < _TEASER_MIN_WORDS:
            continue
        if "://" in href[:10] or href.startswith("//"):
            target = absolute_http_url(page_url, href)
            if not target or target.rstrip("/") == own or bare_site(target) != site:
                continue
        elif href.rstrip("/") in ("", "."):
            continue
        node = a
        for _level in range(4):
            node = node.getparent()
            if node is None or length(node) > _TEASER_CARD_MAX_CHARS:
                break
            excerpts = [
                b for b in node.iter("p", "div")
                if b is not node and _EXCERPT_CHARS[0] <= length(b) <= _EXCERPT_CHARS[1]
                and b.find(".//p") is None and b.find(".//div") is None and a not in b.iter("a")
            ]
            if excerpts:
                if len(excerpts) == 1:
                    by_target[href] = _fold(excerpts[0].text_content())
                break
    cards: dict[str, int] = {}
    for excerpt in by_target.values():
        cards[excerpt] = cards.get(excerpt, 0) + 1
    # An excerpt shared by several headlines is the page's own text, not a card's.
    return [excerpt for excerpt, count in cards.items() if count == 1]


def is_listing(excerpts: list[str], text: str) -> bool:
    if len(excerpts) < _LISTING_MIN_CARDS:
        return False
    folded = _fold(text)
    found = [e for e in excerpts if e[:40] in folded]
    return len(found) >= _LISTING_MIN_CARDS and sum(len(e) for e in found) >= _LISTING_MIN_SHARE * len(folded)


_ARTICLE_TYPES = re.compile(r'"@type"\s*:\s*\[?\s*"(?:News|Blog|Report|Analysis|Opinion)?(?:Article|Posting)"')


def declares_article(tree) -> bool:
    """Whether the page's metadata (og:type, article:* meta, schema.org)
    says it is one article."""
    for meta in tree.iter("meta"):
        prop = (meta.get("property") or "").strip().lower()
        if prop == "og:type" and (meta.get("content") or "").strip().lower() == "article":
            return True
        if prop == "article:published_time":
            return True
    return any(
        _ARTICLE_TYPES.search(script.text or "")
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    )


def is_article_page(tree) -> bool:
    """Whether the page's own markup declares it an article (its metadata,
    or an <article> element)."""
    return declares_article(tree) or tree.find(".//article") is not None


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


# A container with at least this much text in its own <p> children is a
# candidate body part; below it, teaser cards and captions would be joined too.
_PART_MIN_CHARS = 150
_PART_TAGS = ("div", "section", "article")
# How close two body parts must be in the tree (shared ancestor within this
# many levels) to be taken as one article rather than two page regions.
_PART_MAX_LEVELS = 3


def join_split_body(tree) -> int:
    """Join an article body that the page cut into sibling containers.

    Pages that put ads or widgets between paragraphs often repeat the body
    container (same tag, same class) around them. trafilatura takes the first
    one only. The later parts' children are moved into the first part, but only
    when no other paragraph text lies between two parts, so reading order is
    kept. Returns the number of parts joined.
    """
    body = tree.find("body")
    if body is None:
        return 0
    # The text of each container's own <p> children, from one pass over the
    # paragraphs: most pages have no two containers to join, and stop there.
    own_chars: dict = defaultdict(int)
    for p in body.iter("p"):
        own_chars[p.getparent()] += len(_STRING(p).strip())
    keys = [
        (el.tag, el.get("class"))
        for el, chars in own_chars.items()
        if chars >= _PART_MIN_CHARS and el.tag in _PART_TAGS and el.get("class")
    ]
    if len(set(keys)) == len(keys):
        return 0
    position: dict = {}
    paragraphs: list[int] = []
    for i, el in enumerate(body.iter()):
        position[el] = i
        if el.tag == "p" and _STRING(el).strip():
            paragraphs.append(i)
    groups: dict[tuple, list] = defaultdict(list)
    for el in body.iter(*_PART_TAGS):
        cls = el.get("class")
        if cls and own_chars.get(el, 0) >= _PART_MIN_CHARS:
            groups[(el.tag, cls)].append(el)

    def end(el) -> int:
        last = el
        for last in el.iterdescendants():
            pass
        return position[last]

    joined = 0
    for parts in groups.values():
        if len(parts) < 2:
            continue
        joinable = True
        for a, b in zip(parts, parts[1:]):
            if b in set(a.iterdescendants()):
                joinable = False
                break
            nxt = bisect.bisect_right(paragraphs, end(a))
            if nxt < len(paragraphs) and paragraphs[nxt] < position[b]:
                joinable = False
                break
            near_a = list(a.iterancestors())[:_PART_MAX_LEVELS]
            near_b = list(b.iterancestors())[:_PART_MAX_LEVELS]
            if not set(near_a) & set(near_b):
                joinable = False
                break
        if not joinable:
            continue
        first = parts[0]
        for other in parts[1:]:
            for child in list(other):
                first.append(child)
            other.getparent().remove(other)
            joined += 1
    return joined


# Whole lines that are page furniture rather than article text. Only short
# lines are tested (see _BOILERPLATE_MAX_CHARS), so a paragraph that merely
# mentions a newsletter survives.
_BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
      (?:related|read\ more|see\ more|more|also|also\ read|read\ also|recommended|more\ from
        |you\ (?:may|might)\ also\ like|don'?t\ miss|related\ (?:articles?|posts?|stories|coverage))
        \s*[:.…]*
    | (?:related(?:\ post|\ article|\ story)?|read\ more|see\ more|also\ read|read\ also|more)\s*:\s+\S.*
    | \d*\s*comments?
    | source\s*:.*
    | filed\ under\s*:.*
    | tags?\s*:.*
    | .*\b(?:subscribe|sign\ up)\b.*\bnewsletters?\b.*
    | .*\bnewsletters?\b.*\b(?:subscribe|sign\ up|inbox)\b.*
    | (?:follow|like)\ (?:us|\w+(?:\ \w+){0,4})\ on\ (?:twitter|facebook|instagram).*
    | like\ this\ story\?.*
    | share\ (?:this|it)\b.*
    | \(?(?:reporting|additional\ reporting|writing|editing)\ by\ .*
    | copyright\ .* | ©.*
    | tell\ us\ what\ you\ think.*
    | .*\bcontributed\ (?:reporting|to\ this\ (?:report|story|article)).*
    | also\ on\ \S+\.\w+\b.*
    | the\ post\ .+\ appeared\ first\ on\ .*
    | (?:reading\ time|tempo\ de\ leitura|tiempo\ de\ lectura|lesezeit|temps\ de\ lecture)\s*:.*
    | \d+\s*(?:min|minutes?)\ read
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE_MAX_CHARS = 250
_WORD = re.compile(r"\w+")
# Below this share of the recall run's words, the precision run is taken to
# have missed the body rather than trimmed it.
_RECALL_FALLBACK_SHARE = 0.5


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def tidy_body(text: str, title: str | None) -> tuple[str, list[str]]:
    """Drop a repeated headline and short boilerplate lines from the body;
    return the body and the dropped lines (the cleaners record them)."""
    lines = text.split("\n")
    dropped: list[str] = []
    if title and lines and _words(lines[0]) and _words(lines[0]) == _words(title):
        dropped.append(lines.pop(0))
    kept = []
    for line in lines:
        if len(line) < _BOILERPLATE_MAX_CHARS and _BOILERPLATE_LINE.match(line):
            dropped.append(line)
        else:
            kept.append(line)
    return "\n".join(kept).strip(), [line.strip() for line in dropped if line.strip()]


def take_text_byline(record: ArticleRecord, text: str) -> str:
    """When the markup credits no person, the byline the text prints above
    its first paragraph names the authors; its line leaves the body."""
    found = byline_in_text(text, tuple(record.site_names), record.title)
    if found is None:
        return text
    index, names = found
    lines = text.split("\n")
    line = lines.pop(index)
    record.authors = names
    record.author = ", ".join(names)
    record.changes.append({"cleaner": "split_authors", "action": "moved", "before": line.strip(),
                           "after": ", ".join(names), "evidence": "a byline line above the text's first paragraph"})
    return "\n".join(lines).strip()


def extract_article(html: str, url: str | None = None, options: ExtractOptions = DEFAULT_OPTIONS,
                    fetched_at: str | None = None) -> ArticleRecord:
    """Extract the article body and metadata from one decoded HTML page.

    The page is parsed once: the links, captions, markup facts and metadata
    (cleaning/metadata.py) are read from that tree, and trafilatura works on
    copies of it, for the body only. `fetched_at` bounds the dates a page
    may claim (now when not given)."""
    record = ArticleRecord(url=url or "")
    tree = parse_html(html)
    if tree is None:
        return record
    record.source_links = find_source_links(tree, url)
    record.captions = find_captions(tree)
    record.image_alts = find_image_alts(tree)
    record.canonical_url = find_canonical(tree, url)
    record.page_language = find_page_language(tree)
    declared = declares_article(tree)
    record.is_article = declared or tree.find(".//article") is not None
    # A page whose metadata says it is an article is not searched for teasers.
    excerpts = [] if declared else find_teaser_excerpts(tree, url)
    metadata = read_metadata(tree, url, fetched_at, record.canonical_url)
    record.title = metadata.title
    record.authors = metadata.authors
    record.author = ", ".join(metadata.authors) or None
    record.publisher = metadata.publisher
    record.published = metadata.published
    record.modified = metadata.modified
    record.description = metadata.description
    record.site_name = metadata.site_name
    record.image = metadata.image
    record.categories = metadata.categories
    record.tags = metadata.tags
    record.changes = metadata.changes
    record.site_names = metadata.site_names
    record.headlines = metadata.headlines
    paragraph_words = sum(len(_words(_STRING(p))) for p in tree.iter("p"))
    if options.join_split_body:
        join_split_body(tree)
    common = dict(url=url, include_comments=False, include_tables=options.include_tables, fast=options.fast,
                  deduplicate=False)
    doc = trafilatura.bare_extraction(tree, favor_precision=options.favor_precision,
                                      favor_recall=options.favor_recall, with_metadata=False, **common)
    if doc is None:
        return record
    text = doc.text or ""
    # The recall run costs as much again, so it is skipped when the precision
    # run already kept half of all paragraph text on the page.
    short = len(_words(text)) < _RECALL_FALLBACK_SHARE * paragraph_words
    if options.recall_fallback and options.favor_precision and short:
        wider = trafilatura.bare_extraction(tree, favor_recall=True, **common)
        wider_text = (wider.text or "") if wider is not None else ""
        if len(_words(text)) < _RECALL_FALLBACK_SHARE * len(_words(wider_text)):
            text = wider_text
    if options.drop_boilerplate_lines:
        text, record.dropped_lines = tidy_body(text, metadata.title)
    if not record.authors:
        text = take_text_byline(record, text)
    record.text = text
    record.is_listing = is_listing(excerpts, text)
    return record
