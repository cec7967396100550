"""Article extraction: trafilatura for the body and metadata, plus what it drops.

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
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from cleaning.attribution import appeared_first_search
from cleaning.urls import InvalidURL, normalize_url


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


@dataclass
class SourceLink:
    url: str
    text: str
    kind: str  # "anchor", "appeared-first", "translated-from", "label", "canonical", "og:url", "meta", "via"

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
    # Alt texts of the article's images: scrapers copy them into the body.
    image_alts: list[str] = field(default_factory=list)
    page_language: str | None = None
    # The markup says this page is one article (og:type, article:* meta,
    # <article>, schema.org Article): a short text is then a brief, not a
    # page without an article.
    is_article: bool = False
    # Lines the extraction dropped as page furniture, for the audit trail.
    dropped_lines: list[str] = field(default_factory=list)


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
# A link inside a translated copy's note ("Translated from the Arabic
# edition of <a>X</a>") names the page the copy was translated from.
_TRANSLATED_FROM = re.compile(
    r"^\s*(?:this (?:article|story|post) (?:was |has been )?)?(?:automatically |machine[- ])?translated (?:automatically )?from\b"
    r"|^\s*(?:traducid[oa]|tradotto|traduzid[oa]) d[aeo]l?\b|^\s*tradui(?:t|te) d[eu]\b|^\s*übersetzt aus\b|^\s*aus dem \w+ übersetzt"
    r"|^\s*переведено (?:с|со)\b|^\s*(?:مترجم|مترجمة|ترجمة|ت\u064f?رجم|تمت ترجمة)\b.{0,40}\b(?:من|عن)\b"
    r"|^\s*diterjemahkan dari\b|\bçevril(?:miştir|di)\b",
    re.IGNORECASE,
)
# Links that only say what the page calls itself, not where it came from: a
# link to another page of the same site there is the site's own address.
_SELF_KINDS = frozenset({"canonical", "og:url"})


def _host(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _http_url(base: str | None, href: str | None) -> str | None:
    from cleaning.urls import absolute_http_url  # total: None for a link urllib cannot parse

    return absolute_http_url(base, href)


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


def _same_page(url: str, page_url: str | None) -> bool:
    if not page_url:
        return False
    try:
        return normalize_url(url) == normalize_url(page_url)
    except InvalidURL:
        return url == page_url


def find_source_links(tree, page_url: str | None) -> list[SourceLink]:
    """Links to the original of a syndicated copy, most specific first.

    An explicit attribution ("Source link", "Translated from <a>…") may point
    to the same site: a mirror that translates its own Arabic edition still
    names the page it copied. Only the page's own address is never a source."""
    links: list[SourceLink] = []
    seen: set[str] = set()
    page_host = _host(page_url)
    appeared_first = appeared_first_search()

    def add(url: str | None, text: str, kind: str) -> None:
        if not url or url in seen or not _host(url) or _same_page(url, page_url):
            return
        if kind in _SELF_KINDS and _host(url) == page_host:
            return
        seen.add(url)
        links.append(SourceLink(url, text, kind))

    body = tree.find("body")
    anchors = body.iter("a") if body is not None else []
    via_boxes = set(
        tree.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " via ")]')
    )
    # Many anchors share a parent (menus, link lists): its text is read once.
    parent_texts: dict = {}
    for a in anchors:
        href = _http_url(page_url, a.get("href"))
        if not href:
            continue
        text = _text(a)
        rel = (a.get("rel") or "").lower()
        parent = a.getparent()
        if parent is None:
            parent_text = ""
        else:
            if parent not in parent_texts:
                parent_texts[parent] = _text(parent)
            parent_text = parent_texts[parent]
        if _SOURCE_ANCHOR.match(text) or "original" in rel.split():
            add(href, text, "anchor")
        elif appeared_first.search(parent_text):
            add(href, text, "appeared-first")
        elif _TRANSLATED_FROM.search(parent_text) and len(parent_text) < 300:
            add(href, text, "translated-from")
        elif _LABEL_PREFIX.match(parent_text) and len(parent_text) < 200:
            add(href, text, "label")
        elif via_boxes and (a in via_boxes or any(anc in via_boxes for anc in a.iterancestors())):
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


# Shorter alts ("photo", "Jane Doe") could equal a real line of the body.
_MIN_ALT_WORDS = 4
_ARTICLE_XPATH = (
    "//article | //main | //*[@itemprop='articleBody']"
    ' | //*[contains(concat(" ", normalize-space(@class), " "), " entry-content ")]'
    ' | //*[contains(concat(" ", normalize-space(@class), " "), " post-content ")]'
    ' | //*[contains(concat(" ", normalize-space(@class), " "), " article-body ")]'
)


def find_image_alts(tree) -> list[str]:
    """Alt texts of the images in the article (not the site's logos and
    teaser cards): copies of them in the body are captions."""
    containers = tree.xpath(_ARTICLE_XPATH)
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
            return _http_url(page_url, link.get("href"))
    return None


_ARTICLE_TYPES = re.compile(r'"@type"\s*:\s*\[?\s*"(?:News|Blog|Report|Analysis|Opinion)?(?:Article|Posting)"')


def is_article_page(tree) -> bool:
    """Whether the page's own markup declares it an article."""
    for meta in tree.iter("meta"):
        prop = (meta.get("property") or "").strip().lower()
        if prop == "og:type" and (meta.get("content") or "").strip().lower() == "article":
            return True
        if prop == "article:published_time":
            return True
    if tree.find(".//article") is not None:
        return True
    return any(
        _ARTICLE_TYPES.search(script.text or "")
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    )


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
# How close two body parts must be in the tree (shared ancestor within this
# many levels) to be taken as one article rather than two page regions.
_PART_MAX_LEVELS = 3


def _own_paragraph_chars(el) -> int:
    return sum(len("".join(child.itertext()).strip()) for child in el if child.tag == "p")


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
    position: dict = {}
    paragraphs: list[int] = []
    for i, el in enumerate(body.iter()):
        position[el] = i
        if el.tag == "p" and "".join(el.itertext()).strip():
            paragraphs.append(i)
    groups: dict[tuple, list] = defaultdict(list)
    for el in body.iter("div", "section", "article"):
        cls = el.get("class")
        if cls and _own_paragraph_chars(el) >= _PART_MIN_CHARS:
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


def extract_article(html: str, url: str | None = None, options: ExtractOptions = DEFAULT_OPTIONS) -> Extracted:
    """Extract the article body and metadata from one decoded HTML page."""
    result = Extracted(url=url)
    tree = parse_html(html)
    if tree is None:
        return result
    result.source_links = find_source_links(tree, url)
    result.captions = find_captions(tree)
    result.image_alts = find_image_alts(tree)
    result.canonical_url = find_canonical(tree, url)
    result.page_language = find_page_language(tree)
    result.is_article = is_article_page(tree)
    paragraph_words = sum(len(_words(_text(p))) for p in tree.iter("p"))
    source = html
    if options.join_split_body and join_split_body(tree):
        source = lxml.html.tostring(tree, encoding="unicode")
    doc = trafilatura.bare_extraction(
        source,
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
    text = doc.text or ""
    # The recall run costs as much again, so it is skipped when the precision
    # run already kept half of all paragraph text on the page.
    short = len(_words(text)) < _RECALL_FALLBACK_SHARE * paragraph_words
    if options.recall_fallback and options.favor_precision and short:
        wider = trafilatura.extract(
            source,
            url=url,
            include_comments=False,
            favor_recall=True,
            include_tables=options.include_tables,
            fast=options.fast,
            deduplicate=False,
        )
        if wider and len(_words(text)) < _RECALL_FALLBACK_SHARE * len(_words(wider)):
            text = wider
    if options.drop_boilerplate_lines:
        text, result.dropped_lines = tidy_body(text, doc.title)
    result.title = doc.title
    result.text = text
    result.author = doc.author
    result.published = doc.date
    result.description = doc.description
    result.site_name = doc.sitename
    result.image = doc.image
    result.categories = list(doc.categories or [])
    result.tags = list(doc.tags or [])
    return result
