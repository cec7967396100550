"""Page metadata: the headline, the people who wrote it, the publisher, and
when it was published and last changed.

Read from the tree extraction already parsed, in one pass over its
``<script type="application/ld+json">``, ``itemscope`` and ``<meta>``
elements (extruct reads the same three, but parses the page again).

Evidence, strongest first:

1. JSON-LD: the page's main article object — an ``Article`` type
   (``NewsArticle``, ``ReportageNewsArticle``, ``BlogPosting``…) at the top
   of a script, in an array or ``@graph``, or the ``mainEntity`` of a
   ``WebPage``. Objects nested in other properties (related items in an
   ``ItemList``, comments, images, parts) are never the article. With
   several candidates, the one whose URL is the page's wins. ``@id``
   references (an author or publisher given once in the graph) are followed.
2. Microdata: the outermost ``itemscope`` of an Article type.
3. Meta: OpenGraph and ``article:*`` properties, then the common names
   (``author``, ``dc.creator``, ``pubdate``…). ``itemprop`` metas inside an
   ``itemscope`` belong to that item and are not read here.
4. The visible page: the article's ``<h1>``, ``<title>``, and for authors
   the byline markup (trafilatura's author rules).
5. htmldate, for the published date only, when nothing above gives one.

Per field:

* title — the structured headline, unless it is cut ("…") where an
  ``<h1>`` gives it whole, or it agrees with nothing on the page while an
  ``<h1>`` agrees with ``og:title``/``<title>``; without one, the first
  ``<h1>`` that agrees with ``og:title``/``<title>``, then ``og:title``,
  then ``<title>``. Site and section parts are removed later by the title
  cleaners (cleaning/titles.py).
* authors — from the first source that credits anyone, split and cleaned
  by cleaning/authors.py; the site's own name is the publisher.
* published, modified — the first plausible value in the order above; a
  later source that agrees and says more (the time where the first has a
  date, the offset where it has a wall-clock time) refines it. A value
  after the fetch time, or before 1990, is rejected; a modification before
  the publication is dropped.

Every choice a rule made is returned as a change (``choose_title``,
``split_authors``, ``choose_published``, ``choose_modified``) with the
evidence it rests on, so ``newscrawl show`` can say why.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass, field
from re import _constants as _re_constants
from re import _parser as _re_parser
from urllib.parse import urlsplit

from htmldate import find_date
from lxml import etree
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_catstags, normalize_tags
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, CATEGORIES_XPATHS, REGEXP_NS, TAGS_XPATHS

from cleaning.authors import AuthorEntry, clean_authors, is_vendor
from cleaning.dates import (
    Moment,
    fetch_time,
    is_plausible,
    mislabelled_utc,
    more_precise,
    parse_date,
    same_moment,
    time_in_text,
)

ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "Article NewsArticle AnalysisNewsArticle AskPublicNewsArticle BackgroundNewsArticle OpinionNewsArticle "
        "ReportageNewsArticle ReviewNewsArticle SatiricalArticle ScholarlyArticle MedicalScholarlyArticle "
        "TechArticle Report AdvertiserContentArticle BlogPosting LiveBlogPosting SocialMediaPosting "
        "DiscussionForumPosting"
    ).split()
)
PAGE_TYPES = frozenset({"webpage", "itempage"})
ORGANIZATION_TYPES = frozenset(
    "organization newsmediaorganization mediaorganization corporation onlinebusiness localbusiness "
    "educationalorganization governmentorganization ngo brand".split()
)

# Meta names, lower-cased, strongest first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "article.published", "date", "dc.date", "dcterms.date",
)
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified", "datemodified",
    "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated",
)
META_AUTHOR = (
    "article:author", "og:article:author", "author", "authors", "byl", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "citation_author", "cxenseparse:author", "creator",
)
META_TITLE = ("og:title", "twitter:title", "title", "headline", "dc.title", "parsely-title", "sailthru.title")
# The tags the cleaners know a page by (trafilatura's choice of names).
META_TAGS = ("article:tag", "citation_keywords", "dcterms.subject", "keywords", "parsely-tags", "shareaholic:keywords", "tags")
META_SITE = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher")

# JSON-LD properties under which an object is part of something else.
_MAIN_ENTITY = ("mainEntity",)
_NOT_ALNUM = re.compile(r"[\W_]+")
_ELLIPSIS = ("…", "...")
# Where a visible heading is not the article's.
_OUTSIDE_ARTICLE = frozenset({"nav", "footer", "aside", "noscript", "template", "form"})
_CRUMB = re.compile(r"crumb", re.IGNORECASE)
# Microdata items whose type may be an Article one (checked exactly after).
_MICRODATA_ARTICLES = "//*[@itemscope][contains(@itemtype, 'Article') or contains(@itemtype, 'Posting') or contains(@itemtype, 'Report')]"
# Headings read as headline candidates, first in the page first.
_MAX_HEADINGS = 12
_DATE_LINE = re.compile(r"date|time|publish|posted|datum|fecha|timestamp", re.IGNORECASE)
_HEADER_CLASS = re.compile(r"header|headline|title", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"sr-only|visually-?hidden|screen-?reader", re.IGNORECASE)
_SEPARATOR_TOKENS = frozenset("- – — | · • » « : :: / ｜ ： ~ ㅣ".split())
_SEPARATOR_CHARS = frozenset("-–—|·•»«:/｜：~ㅣ")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")


@dataclass
class PageMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    description: str | None = None
    image: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)  # every name the site goes by
    headlines: list[str] = field(default_factory=list)  # the chosen headline as its sources give it


def _change(cleaner: str, action: str, before: str, after: str, evidence: str) -> dict:
    return {"cleaner": cleaner, "action": action, "before": before, "after": after, "evidence": evidence}


# --- reading ---------------------------------------------------------------


def _types(obj: dict) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", v)[-1].lower() for v in values if isinstance(v, str)}


def _load_json(text: str):
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # CDATA or comment wrappers, a trailing semicolon, or several objects in one script.
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|^\s*<!--|-->\s*$", "", text).strip().rstrip(";")
    decoder = json.JSONDecoder(strict=False)
    values, pos = [], 0
    while pos < len(text):
        try:
            value, end = decoder.raw_decode(text, pos)
        except ValueError:
            break
        values.append(value)
        pos = end
        while pos < len(text) and text[pos] in " \t\r\n,;":
            pos += 1
    return values or None


def read_json_ld(tree) -> tuple[list[dict], dict[str, dict]]:
    """The top-level JSON-LD objects (arrays and @graph members unpacked),
    in page order, and every object that has an @id, by id."""
    top: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        data = _load_json(script.text or "")
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, list):
                top.extend(i for i in item if isinstance(i, dict))
            elif isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    top.extend(i for i in graph if isinstance(i, dict))
                elif isinstance(graph, dict):
                    top.append(graph)
                if "@type" in item or not graph:
                    top.append(item)
    index: dict[str, dict] = {}

    def walk(value, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(value, dict):
            ident = value.get("@id")
            if isinstance(ident, str) and len(value) > 1:
                index.setdefault(ident, value)
            for child in value.values():
                walk(child, depth + 1)
        elif isinstance(value, list):
            for child in value:
                walk(child, depth + 1)

    walk(top)
    return top, index


def _resolve(value, index: dict[str, dict]):
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return index.get(value["@id"], value)
    return value


def _same_page(value, page_urls: set[str]) -> bool:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, list):
        return any(_same_page(v, page_urls) for v in value)
    return isinstance(value, str) and _url_key(value) in page_urls


def _url_key(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def find_main_article(objects: list[dict], index: dict[str, dict], page_urls: set[str]) -> dict | None:
    """The JSON-LD object that describes this page's article, or None."""
    candidates: list[dict] = []
    for obj in objects:
        types = _types(obj)
        if types & ARTICLE_TYPES:
            candidates.append(obj)
        elif types & PAGE_TYPES:
            for key in _MAIN_ENTITY:
                entity = _resolve(obj.get(key), index)
                for item in entity if isinstance(entity, list) else [entity]:
                    item = _resolve(item, index)
                    if isinstance(item, dict) and _types(item) & ARTICLE_TYPES:
                        candidates.append(item)
    if not candidates:
        return None

    def rank(item: dict) -> tuple[int, int]:
        own = any(_same_page(item.get(k), page_urls) for k in ("url", "@id", "mainEntityOfPage"))
        filled = sum(1 for k in ("headline", "datePublished", "author") if item.get(k))
        return (int(own), filled)

    return max(candidates, key=rank)


def _item_value(el) -> object:
    for attr in ("content", "datetime"):
        if el.get(attr):
            return el.get(attr)
    if el.tag in ("a", "link"):
        return el.get("href") or ""
    return " ".join(el.text_content().split())


def _microdata_item(scope) -> dict:
    """The properties of one itemscope (nested items as dicts)."""
    props: dict[str, list] = {}
    stack = list(scope)
    while stack:
        el = stack.pop(0)
        if not isinstance(el.tag, str):
            continue
        names = (el.get("itemprop") or "").split()
        nested = el.get("itemscope") is not None
        for name in names:
            props.setdefault(name, []).append(_microdata_item(el) if nested else _item_value(el))
        if not nested:
            stack[0:0] = list(el)
    props["@type"] = [t.rsplit("/", 1)[-1] for t in (scope.get("itemtype") or "").split()]
    return props


def read_microdata(tree) -> dict | None:
    """The outermost microdata item of an Article type, or None."""
    for scope in tree.xpath(_MICRODATA_ARTICLES):
        types = {t.rsplit("/", 1)[-1].lower() for t in (scope.get("itemtype") or "").split()}
        if not types & ARTICLE_TYPES:
            continue
        if any(anc.get("itemscope") is not None and anc.get("itemprop") is None for anc in scope.iterancestors()):
            parent_types = {
                t.rsplit("/", 1)[-1].lower()
                for anc in scope.iterancestors()
                if anc.get("itemscope") is not None
                for t in (anc.get("itemtype") or "").split()
            }
            if parent_types & ARTICLE_TYPES:
                continue
        return _microdata_item(scope)
    return None


def read_meta(tree) -> dict[str, list[str]]:
    """Meta contents by lower-cased name or property, in page order."""
    meta: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        key = el.get("property") or el.get("name")
        if not key and el.get("itemprop"):
            if any(anc.get("itemscope") is not None for anc in el.iterancestors()):
                continue
            key = el.get("itemprop")
        if key:
            meta.setdefault(key.strip().lower(), []).append(html.unescape(content.strip()))
    return meta


def _first_meta(meta: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for value in meta.get(name, ()):
            if value and not value.lower().startswith(("http://", "https://")):
                return value
    return None


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or bool(_HIDDEN_CLASS.search(el.get("class") or ""))


# Elements whose text a reader never sees as part of a heading (sites that
# style with CSS-in-JS put a <style> inside the <h1>).
_UNREAD = frozenset({"style", "script", "template", "noscript"})


def visible_text(el) -> str:
    """An element's text without what is not shown: style and script
    contents, hidden descendants (a screen-reader label, a collapsed kicker)."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _UNREAD and not _is_hidden(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def article_headings(tree) -> list[str]:
    """The visible headings that can be the article's headline: every
    ``<h1>``, then the ``<h2>`` of an article's header (sites that keep
    ``<h1>`` for the breadcrumb print the headline there); none inside
    navigation, breadcrumbs, asides, footers or forms."""
    body = tree.find("body")
    if body is None:
        return []
    found: list[tuple[int, int, str]] = []
    for position, el in enumerate(body.iter("h1", "h2")):
        if _is_hidden(el):
            continue
        ancestors = list(el.iterancestors())
        if any(a.tag in _OUTSIDE_ARTICLE or _is_hidden(a) for a in ancestors):
            continue
        if any(_CRUMB.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in (el, *ancestors)):
            continue
        if el.tag == "h2":
            in_article = any(a.tag in ("article", "main") for a in ancestors)
            in_header = any(a.tag == "header" or _HEADER_CLASS.search(a.get("class") or "") for a in ancestors)
            if not (in_article and in_header):
                continue
        text = visible_text(el)
        if text:
            found.append((0 if el.tag == "h1" else 1, position, text))
    return [text for _rank, _pos, text in sorted(found)][:_MAX_HEADINGS]


def _clean_text(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    text = html.unescape(html.unescape(value))
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split()) or None


# --- choosing --------------------------------------------------------------


def _fold(text: str | None) -> str:
    return _NOT_ALNUM.sub("", (text or "").casefold())


def _tokens(text: str | None) -> list[str]:
    """Folded words, with "|" for a separator standing alone (" – ", " | ")."""
    tokens = []
    for word in (text or "").split():
        folded = _fold(word)
        if folded:
            tokens.append(folded)
        elif word.strip() in _SEPARATOR_TOKENS:
            tokens.append("|")
    return tokens


def _agrees(a: str | None, b: str | None) -> bool:
    """Whether two titles are one headline: equal, or one is the other with
    words before or after it (a site name, a section, a kicker). A headline
    of one or two words must be set apart from them by a separator."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    ra, rb = sorted((" ".join((a or "").split()), " ".join((b or "").split())), key=len)
    if len(ra) >= 4 and rb.startswith(ra) and rb[len(ra) :].lstrip()[:1] in _SEPARATOR_CHARS:
        return True  # "Headline-Section｜Site", separators without spaces
    if _UNSPACED.search(a or "") and _UNSPACED.search(b or ""):
        # Scripts written without spaces: compare characters.
        fs, fl = sorted((_fold(a), _fold(b)), key=len)
        return len(fs) >= 6 and (fl.startswith(fs) or fl.endswith(fs))
    short, long = sorted((ta, tb), key=len)
    n = len(short)
    if long[:n] == short and (n >= 3 or long[n] == "|"):
        return True
    return long[-n:] == short and (n >= 3 or long[-n - 1] == "|")


# Sources of a title, in the order they break a tie.
_TITLE_SOURCES = ("structured headline", "og:title", "heading", "twitter:title", "<title>")


@dataclass
class TitleChoice:
    text: str | None
    evidence: str
    headlines: list[str] = field(default_factory=list)


def choose_title(structured: str | None, headings: list[str], anchors: list[tuple[str, str]]) -> TitleChoice:
    """The headline and the evidence it rests on.

    The candidates (structured headline, visible headings, og:title,
    twitter:title, <title>) are grouped by agreement; the group that most
    kinds of source support is the page's headline. A tie goes to a group
    with a visible heading that another source confirms, then to the
    structured headline. The group's text is the structured headline, else
    its heading (or, when the heading prints a kicker before it, the shorter
    confirmed text), else og:title, then the others."""
    candidates = [("structured headline", structured)] if structured else []
    candidates += [("heading", h) for h in headings] + [(name, text) for name, text in anchors]
    groups: list[list[tuple[str, str]]] = []
    for source, text in candidates:
        for group in groups:
            if any(_agrees(text, other) for _s, other in group):
                group.append((source, text))
                break
        else:
            groups.append([(source, text)])
    if not groups:
        return TitleChoice(None, "")

    def rank(item: tuple[int, list]) -> tuple:
        index, group = item
        kinds = {source for source, _t in group}
        confirmed_heading = "heading" in kinds and len(kinds) >= 2
        first = min(_TITLE_SOURCES.index(k) for k in kinds)
        return (len(kinds), confirmed_heading, -first, -index)

    _index, best = max(enumerate(groups), key=rank)
    kinds = {source: text for source, text in reversed(best)}
    evidence = " + ".join(k for k in _TITLE_SOURCES if k in kinds)
    # What the template does not touch: a category these end with is the headline's.
    headlines = [text for source, text in best if source != "<title>"]

    def chosen(text: str, why: str = "") -> TitleChoice:
        return TitleChoice(text, evidence + why, headlines)

    heading = kinds.get("heading")
    if "structured headline" in kinds:
        text = kinds["structured headline"]
        stem = text.rstrip(" .…")
        if heading and text.endswith(_ELLIPSIS) and len(heading) > len(stem) and _fold(heading).startswith(_fold(stem)):
            return chosen(heading, " (the structured headline is cut)")
        return chosen(text)
    if heading:
        shorter = [t for k, t in kinds.items() if k != "heading" and len(_tokens(t)) < len(_tokens(heading))
                   and _tokens(heading)[-len(_tokens(t)):] == _tokens(t)]
        if shorter:
            return chosen(shorter[0], " (the heading without its kicker)")
        return chosen(heading)
    return chosen(next(kinds[source] for source in _TITLE_SOURCES if source in kinds))


def _person_entries(value, index: dict[str, dict]) -> list[AuthorEntry]:
    value = _resolve(value, index)
    if isinstance(value, str):
        try:
            decoded = json.loads(value) if value.strip().startswith(("{", "[")) else None
        except ValueError:
            decoded = None
        if decoded is not None:
            return _person_entries(decoded, index)
        return [AuthorEntry(value, "text")]
    if isinstance(value, list):
        return [entry for item in value for entry in _person_entries(item, index)]
    if not isinstance(value, dict):
        return []
    kind = "organization" if _types(value) & ORGANIZATION_TYPES else "person"
    name = value.get("name")
    if isinstance(name, list):
        name = " ".join(n for n in name if isinstance(n, str))
    if isinstance(name, dict):
        name = name.get("name") or name.get("@value")
    if not (isinstance(name, str) and name.strip()):
        given, family = value.get("givenName"), value.get("familyName")
        parts = [p for p in (given, value.get("additionalName"), family) if isinstance(p, str) and p.strip()]
        name = " ".join(parts)
    if not name or not name.strip():
        url = value.get("url") or value.get("@id")
        return [AuthorEntry(url, "url")] if isinstance(url, str) else []
    return [AuthorEntry(name, kind)]


def _microdata_authors(item: dict) -> list[AuthorEntry]:
    entries = []
    for value in item.get("author", []) + item.get("creator", []):
        if isinstance(value, dict):
            name = " ".join(str(v) for v in value.get("name", []) if v) or " ".join(
                str(v) for key in ("givenName", "familyName") for v in value.get(key, []) if v
            )
            kind = "organization" if {t.lower() for t in value.get("@type", [])} & ORGANIZATION_TYPES else "person"
            if name:
                entries.append(AuthorEntry(name, kind))
        elif isinstance(value, str) and value.strip():
            entries.append(AuthorEntry(value, "text"))
    return entries


def _org_name(value, index: dict[str, dict]) -> str | None:
    value = _resolve(value, index)
    if isinstance(value, list):
        value = next((v for v in value if v), None)
        value = _resolve(value, index)
    if isinstance(value, dict):
        return _clean_text(value.get("name") or value.get("legalName") or value.get("alternateName"))
    if isinstance(value, str) and not value.lower().startswith(("http://", "https://")):
        return _clean_text(value)
    return None


# trafilatura's limit on a byline's length.
_MAX_BYLINE_CHARS = 120


def _text_outside(el, skipped: set) -> str:
    parts = [el.text or ""]
    for child in el:
        if child not in skipped:
            parts.append(_text_outside(child, skipped))
        parts.append(child.tail or "")
    return "".join(parts)


@functools.cache
def _byline_discard_tests():
    """trafilatura's discard rules for bylines as tests of one candidate:
    (rules selecting an element's descendants, the same rules as tests of
    one element, tags discarded wherever they are); None when a rule has
    another form. Checking a candidate's ancestors and descendants costs
    far less than selecting every discarded element of the page."""
    inside, on_element, tags = [], [], set()
    for expression in AUTHOR_DISCARD_XPATHS:
        source = expression.path.strip()
        if source.startswith(".//*["):
            inside.append(expression)
            on_element.append(etree.XPath("self::*" + source[len(".//*"):], namespaces={"re": REGEXP_NS}))
        elif re.fullmatch(r"//[a-z]+(?:\s*\|\s*//[a-z]+)*", source):
            tags.update(re.findall(r"//([a-z]+)", source))
        else:
            return None
    return tuple(inside), tuple(on_element), tuple(sorted(tags))


# trafilatura's author rules select `//*[test or test …]`: every element of
# the page is tried against every test, and each `re:test` calls back into
# Python. The same elements, in the same order, are the parents of the
# attributes that pass the tests (`//@class[…]/..`), and a `re:test` of
# plain words is `contains` or `starts-with` of each: a rule of that form is
# read so, at a third of the cost; a rule of another form is used as it is.
_ATTRIBUTE_RULE = re.compile(r"//\*(\[self::\w+(?: or self::\w+)*\])?\[(.+)\]((?: ?\| ?//\w+)*)")
_ATTRIBUTE_TEST = re.compile(
    r"(?:(?P<fn>contains|starts-with|re:test)\((?P<fn_on>@[\w-]+), ?'(?P<fn_arg>[^']+)'\)"
    r"|(?P<equal_on>@?[\w-]+) ?= ?'(?P<value>[^']*)')"
)


def _plain_strings(items) -> list[str] | None:
    """Every string a parsed regular expression made only of characters,
    character sets, optional characters and alternatives matches (None for
    any other pattern)."""
    strings = [""]
    for op, arg in items:
        if op is _re_constants.LITERAL:
            options = [chr(arg)]
        elif op is _re_constants.IN and all(kind is _re_constants.LITERAL for kind, _ in arg):
            options = [chr(code) for _, code in arg]
        elif op is _re_constants.BRANCH:
            branches = [_plain_strings(branch) for branch in arg[1]]
            if any(branch is None for branch in branches):
                return None
            options = [option for branch in branches for option in branch]
        elif op is _re_constants.SUBPATTERN:
            options = _plain_strings(arg[3])
        elif op is _re_constants.MAX_REPEAT and arg[:2] == (0, 1):
            inner = _plain_strings(arg[2])
            options = None if inner is None else ["", *inner]
        else:
            return None
        if options is None or len(strings) * len(options) > 64:
            return None
        strings = [start + end for start in strings for end in options]
    return strings


def _regex_as_words(pattern: str) -> list[str] | None:
    """`re:test(., pattern)` as XPath tests of plain words, or None."""
    items = list(_re_parser.parse(pattern))
    if len(items) == 1 and items[0][0] is _re_constants.BRANCH:
        branches = [list(branch) for branch in items[0][1][1]]
    else:
        branches = [items]
    tests = []
    for branch in branches:
        anchored = branch[:1] == [(_re_constants.AT, _re_constants.AT_BEGINNING)]
        words = _plain_strings(branch[1:] if anchored else branch)
        if words is None or not all(words) or any("'" in word for word in words):
            return None
        tests += [f"{'starts-with' if anchored else 'contains'}(., '{word}')" for word in words]
    return tests


def attribute_first(expression: etree.XPath) -> etree.XPath:
    """The elements an XPath of the form `//*[self::a or …][@x='v' or
    contains(@x, 'v') or re:test(@x, 'p') …] | //tag` selects, found from
    the attributes; the expression itself when it has another form."""
    rule = _ATTRIBUTE_RULE.fullmatch(" ".join(expression.path.split()))
    if rule is None:
        return expression
    by_node: dict[str, list[str]] = {}
    for atom in rule.group(2).split(" or "):
        test = _ATTRIBUTE_TEST.fullmatch(atom.strip())
        if test is None:
            return expression
        if test["fn"]:
            node, argument = test["fn_on"], test["fn_arg"]
            if test["fn"] != "re:test":
                tests = [f"{test['fn']}(., '{argument}')"]
            else:
                if _re_parser.parse(argument).getwidth()[0] == 0:
                    return expression  # it would hold for elements without the attribute too
                tests = _regex_as_words(argument) or [f"re:test(., '{argument}')"]
        else:
            node, tests = test["equal_on"], [f". = '{test['value']}'"]
        by_node.setdefault(node, []).extend(tests)
    parents = " | ".join(f"//{node}[{' or '.join(tests)}]/.." for node, tests in by_node.items())
    return etree.XPath(f"({parents}){rule.group(1) or '[self::*]'}{rule.group(3)}", namespaces={"re": REGEXP_NS})


@functools.cache
def _author_rules() -> tuple[etree.XPath, ...]:
    return tuple(attribute_first(expression) for expression in AUTHOR_XPATHS)


def find_byline(tree) -> str | None:
    """The byline as trafilatura's author rules find it (its XPaths, outside
    comments, dates and figures), read without copying the tree."""
    tests = _byline_discard_tests()
    if tests is None:
        skipped = {el for expression in AUTHOR_DISCARD_XPATHS for el in expression(tree)}
        for expression in AUTHOR_XPATHS:
            for el in expression(tree):
                if el in skipped or any(a in skipped for a in el.iterancestors()):
                    continue
                text = " ".join(_text_outside(el, skipped).split())
                if 2 < len(text) < _MAX_BYLINE_CHARS:
                    return normalize_authors(None, text)
        return None
    inside, on_element, tags = tests
    verdicts: dict = {}

    def discarded(el) -> bool:
        if el not in verdicts:
            verdicts[el] = el.tag in tags or any(test(el) for test in on_element)
        return verdicts[el]

    for expression in _author_rules():
        for el in expression(tree):
            if discarded(el) or any(discarded(a) for a in el.iterancestors()):
                continue
            skipped = {d for rule in inside for d in rule(el)}
            skipped.update(el.iterdescendants(*tags))
            text = " ".join(_text_outside(el, skipped).split())
            if 2 < len(text) < _MAX_BYLINE_CHARS:
                return normalize_authors(None, text)
    return None


# At most this many date lines are read, first in the page first: the
# article's own comes before related items and comments.
_MAX_DATE_LINES = 8


def time_of_day(tree, day: Moment) -> Moment | None:
    """The published time a visible date line gives for a date known
    without it (a ``<time>`` element, or an element whose class or id says
    date, time or published, outside navigation and asides). Without a
    zone in the page, none is given."""
    body = tree.find("body")
    if body is None:
        return None
    seen = 0
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag != "time" and not _DATE_LINE.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        if any(a.tag in _OUTSIDE_ARTICLE or a.tag == "li" for a in el.iterancestors()):
            continue
        seen += 1
        if seen > _MAX_DATE_LINES:
            break
        found = parse_date(el.get("datetime"))
        if found is not None and found.has_time and found.local_date() == day.local_date():
            return found
        clock = time_in_text(" ".join(el.text_content().split()), day.local_date())
        if clock is not None:
            return Moment(dt.datetime.combine(day.local_date(), clock), True, False)
    return None


@dataclass
class _Candidate:
    moment: Moment
    raw: str
    source: str


def _date_candidates(values: list[tuple[object, str]]) -> list[_Candidate]:
    found = []
    for value, source in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item = item.get("@value")
            if not isinstance(item, str):
                continue
            moment = parse_date(item)
            if moment is not None:
                found.append(_Candidate(moment, item.strip(), source))
    return found


def choose_date(
    candidates: list[_Candidate], fetched: dt.datetime | None, cleaner: str
) -> tuple[Moment | None, list[dict]]:
    """The first plausible candidate, refined by a later agreeing one that
    says more; the changes say what was rejected or refined."""
    changes: list[dict] = []
    plausible = []
    for candidate in candidates:
        if is_plausible(candidate.moment, fetched):
            plausible.append(candidate)
        else:
            changes.append(_change(cleaner, "removed", candidate.raw, "", f"{candidate.source}: after the fetch time or before {1990}"))
    if not plausible:
        return None, changes
    chosen = plausible[0]
    for other in plausible[1:]:
        if more_precise(chosen.moment, other.moment):
            changes.append(_change(cleaner, "replaced", chosen.raw, other.moment.iso(),
                                   f"{other.source} agrees with {chosen.source} and gives more"))
            chosen = other
        elif mislabelled_utc(chosen.moment, other.moment):
            changes.append(_change(cleaner, "replaced", chosen.raw, other.moment.iso(),
                                   f"{chosen.source} is {other.source}'s local time labelled UTC"))
            chosen = other
    disagreeing = [c for c in plausible if not same_moment(c.moment, chosen.moment)]
    if disagreeing or changes:
        for other in disagreeing[:3]:
            changes.append(_change(cleaner, "removed", other.raw, chosen.moment.iso(),
                                   f"{chosen.source} before {other.source}"))
    return chosen.moment, changes


def _host_names(url: str | None) -> tuple[str, ...]:
    host = urlsplit(url).netloc.lower().split(":")[0] if url else ""
    host = host.removeprefix("www.")
    if not host:
        return ()
    return (host, host.split(".")[0]) if "." in host else (host,)


# trafilatura reads categories and tags from links whose address names the
# kind ("/category/…", "/tags/…"), and categories also from the head's
# article:section and subject metas. Its rules select page regions first,
# which costs a pass over the page per rule; a page without such links or
# metas is not searched.
_CATSTAGS_HREFS = etree.XPath("//a/@href[contains(., '/categor') or contains(., '/tag')]", smart_strings=False)
_LINK_RULES_ONLY = all(x.path.strip().endswith("//a[@href]") for x in (*CATEGORIES_XPATHS, *TAGS_XPATHS))


class _CategoryTagReader:
    def __init__(self, tree) -> None:
        self.tree = tree
        self.hrefs: list[str] | None = None

    def read(self, kind: str) -> list[str]:
        if _LINK_RULES_ONLY:
            if self.hrefs is None:
                self.hrefs = _CATSTAGS_HREFS(self.tree)
            named = "/" + kind.rstrip("y")
            if not any(named in href for href in self.hrefs) and not (kind == "category" and self._section_meta()):
                return []
        return extract_catstags(kind, self.tree)

    def _section_meta(self) -> bool:
        return any(
            meta.get("content") is not None
            and (meta.get("property") == "article:section" or "subject" in (meta.get("name") or ""))
            for head in self.tree.iter("head")
            for meta in head.iter("meta")
        )


def read_metadata(tree, url: str | None = None, fetched_at: str | None = None, canonical: str | None = None) -> PageMetadata:
    """Everything the markup says about the page, chosen as the module
    docstring describes. `fetched_at` (ISO 8601) bounds the dates; without
    it, now."""
    result = PageMetadata()
    fetched = fetch_time(fetched_at)
    objects, index = read_json_ld(tree)
    page_urls = {_url_key(u) for u in (url, canonical) if u}
    article = find_main_article(objects, index, page_urls) or {}
    micro = read_microdata(tree) or {}
    meta = read_meta(tree)

    # Publisher and site name.
    organizations = [o for o in objects if _types(o) & ORGANIZATION_TYPES]
    publisher = _org_name(article.get("publisher"), index) if article else None
    if publisher and is_vendor(publisher):
        publisher = None  # the blog platform, not the publisher
    if not publisher and micro.get("publisher"):
        publisher = _clean_text(micro["publisher"][0])
    if not publisher and organizations:
        publisher = _org_name(organizations[0], index)
    site_name = _first_meta(meta, ("og:site_name",)) or publisher or _first_meta(meta, META_SITE[1:])
    result.publisher = publisher or site_name
    result.site_name = site_name
    site_names = tuple(
        dict.fromkeys(
            n
            for n in (publisher, site_name, *(meta.get(k, [None])[0] for k in META_SITE),
                      *(_org_name(o, index) for o in organizations), *_host_names(url), *_host_names(canonical))
            if n
        )
    )
    result.site_names = list(site_names)

    # Title.
    structured = _clean_text(article.get("headline")) or _clean_text(micro.get("headline")) or (
        _clean_text(article.get("name")) if article else None
    )
    title_element = tree.find(".//title")
    anchors = [(name, _clean_text(meta[name][0])) for name in META_TITLE[:2] if meta.get(name)]
    if title_element is not None and _clean_text(title_element.text_content()):
        anchors.append(("<title>", _clean_text(title_element.text_content())))
    anchors = [(n, t) for n, t in anchors if t]
    headings = article_headings(tree)
    choice = choose_title(structured, headings, anchors)
    result.title, result.headlines = choice.text, choice.headlines
    # A choice is worth recording when another source gave another headline
    # (not the same one with the site's name: the title cleaners record that).
    rival = next((t for _n, t in [("structured headline", structured), *anchors] if t and not _agrees(t, choice.text)), None)
    if choice.text and rival:
        result.changes.append(_change("choose_title", "chosen", rival, choice.text, choice.evidence))

    # Authors.
    sources = [
        ("json-ld author", _person_entries(article.get("author"), index) if article else []),
        ("microdata author", _microdata_authors(micro)),
        ("meta author", [AuthorEntry(v, "text") for name in META_AUTHOR for v in meta.get(name, ())]),
    ]
    credited_site = None
    for source, entries in sources:
        if not entries:
            continue
        found = clean_authors(entries, site_names)
        if not found.people and not found.publisher:
            continue
        raw = "; ".join(e.text for e in entries if e.kind != "url")
        if found.people:
            result.authors = found.people
            if [" ".join(e.text.split()) for e in entries if e.kind != "url"] != found.people:
                result.changes.append(_change("split_authors", "replaced", raw, ", ".join(found.people), source))
        credited_site = found.publisher
        if found.publisher:
            result.changes.append(_change("split_authors", "moved", found.publisher, "publisher",
                                          f"{source}: the site's own name"))
        break
    if not result.authors:
        # No one but the site credited: the byline in the page may name the
        # people (trafilatura's byline rules).
        byline = find_byline(tree)
        found = clean_authors([AuthorEntry(byline, "text")], site_names, strict=True) if byline else None
        if found and found.people:
            result.authors = found.people
            result.changes.append(_change("split_authors", "chosen", byline, ", ".join(found.people), "byline markup"))
        credited_site = credited_site or (found.publisher if found else None)
    if credited_site and (not result.publisher or is_vendor(result.publisher)):
        result.publisher = credited_site

    # Dates.
    published, changes = choose_date(
        _date_candidates(
            [(article.get("datePublished"), "json-ld datePublished"), (micro.get("datePublished"), "microdata datePublished")]
            + [(meta.get(name), f"meta {name}") for name in META_PUBLISHED if name in meta]
            + [(article.get("dateCreated"), "json-ld dateCreated")]
        ),
        fetched,
        "choose_published",
    )
    result.changes += changes
    if published is None:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z",
                          url=canonical or url, max_date=fetched.date().isoformat())
        moment = parse_date(found)
        if moment is not None and moment.has_time and moment.value.time() == dt.time(0, 0) and not moment.has_offset:
            # htmldate writes a date it found without time as midnight.
            moment = Moment(moment.value, False, False)
        if moment is not None and is_plausible(moment, fetched):
            published = moment
            result.changes.append(_change("choose_published", "chosen", found, moment.iso(), "htmldate (no structured date)"))
    if published is not None and not published.has_time:
        refined = time_of_day(tree, published)
        if refined is not None and is_plausible(refined, fetched):
            result.changes.append(_change("choose_published", "replaced", published.iso(), refined.iso(),
                                          "the page's date line gives the time"))
            published = refined
    modified, changes = choose_date(
        _date_candidates(
            [(article.get("dateModified"), "json-ld dateModified"), (micro.get("dateModified"), "microdata dateModified")]
            + [(meta.get(name), f"meta {name}") for name in META_MODIFIED if name in meta]
        ),
        fetched,
        "choose_modified",
    )
    result.changes += changes
    if published and modified and modified.instant() < published.instant() and modified.has_time and published.has_time:
        result.changes.append(_change("choose_modified", "removed", modified.iso(), "", "before the publication"))
        modified = None
    result.published = published.iso() if published else None
    result.modified = modified.iso() if modified else None

    # What the cleaners and readers use besides.
    result.description = _clean_text(article.get("description")) or _first_meta(meta, ("og:description", "description", "twitter:description"))
    image = _resolve(article.get("image"), index) if article else None
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    result.image = (image if isinstance(image, str) else None) or next(iter(meta.get("og:image", ())), None)
    section = article.get("articleSection") if article else None
    result.categories = [s for s in ([section] if isinstance(section, str) else section or []) if isinstance(s, str) and s.strip()]
    linked = _CategoryTagReader(tree)
    result.categories = result.categories or linked.read("category")
    result.tags = [normalize_tags(v) for name in META_TAGS for v in meta.get(name, ())] or linked.read("tag")
    return result
