"""Build every page of the sample sites in memory, from content files and themes.

Content lives in ``content/``: ``sites.toml`` describes the sites (theme, feeds,
sections, robots rules, interface labels) and ``stories/*.toml`` hold the
articles.  A story has one original page and copies of it on other sites; a
copy names the page it was taken from (``from``) and inherits everything it
does not override, so a copy can be a full republication, a truncated excerpt,
a light rewording (``replace``) or a translation (its own ``body``).

Each theme is one HTML file in ``themes/`` cut into named fragments by lines
``<!--@ name -->``.  Fragments are ``string.Template`` texts.  Cross-site
addresses in content and themes are written ``{{site:NAME}}`` and filled with
the real ``http://host:port`` of that site when the pages are built.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).resolve().parent
CONTENT_DIR = HERE / "content"
THEMES_DIR = HERE / "themes"

HTML_UTF8 = "text/html; charset=utf-8"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
XML = "application/xml"
GZIP = "application/gzip"
TEXT = "text/plain; charset=utf-8"
PNG = "image/png"

RTL_LANGUAGES = {"ar", "he", "fa", "ur"}
PLACEHOLDER = re.compile(r"\{\{site:([a-z0-9-]+)\}\}")
_FRAGMENT_SPLIT = re.compile(r"^<!--@ ([a-z0-9-]+) -->\n", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")

# A 1x1 grey PNG, served for every picture the pages reference.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a0c5"
    "0000000049454e44ae426082"
)

# Fields a copy takes from the page it was copied from unless it sets them.
INHERITED = (
    "lang", "title", "author", "published", "section", "tags", "image",
    "summary", "body", "figures",
)


@dataclass
class Article:
    story: str
    key: str
    site: str
    path: str
    lang: str
    title: str
    author: str
    published: str
    section: str
    tags: list[str]
    image: str
    summary: str
    body: list[str]
    figures: list[dict]
    copied_from: str | None = None   # key of the page this copy was taken from
    source: list[str] = field(default_factory=list)  # attribution blocks to print
    canonical: str = "self"          # "self" or "original"
    truncate: int | None = None      # keep this many paragraphs, then "continue reading"
    encoding: str = "utf-8"
    headline: str | None = None      # h1 when it differs from the title (debris)
    chrome: list[str] | None = None  # theme fragments shown on this page
    brief: bool = False
    tail: list[str] = field(default_factory=list)  # lines a scraper carried over from another page
    cut_words: int = 0               # excerpt ends with this many words of the next paragraph + "…"

    @property
    def paragraphs(self) -> list[str]:
        if not self.truncate:
            return list(self.body)
        kept = self.body[: self.truncate]
        if self.cut_words and self.truncate < len(self.body):
            words = self.body[self.truncate].split()[: self.cut_words]
            kept.append(" ".join(words).rstrip(",;:") + "…")
        return kept


@dataclass
class Catalog:
    sites: dict[str, dict]
    articles: list[Article]

    def by_key(self, story: str, key: str) -> Article:
        for article in self.articles:
            if article.story == story and article.key == key:
                return article
        raise KeyError(f"{story}: no page {key!r}")

    def site_articles(self, name: str) -> list[Article]:
        pages = [a for a in self.articles if a.site == name]
        return sorted(pages, key=lambda a: _date(a.published), reverse=True)

    def original_of(self, article: Article) -> Article | None:
        return self.by_key(article.story, article.copied_from) if article.copied_from else None


def load_catalog(content_dir: Path = CONTENT_DIR) -> Catalog:
    with open(content_dir / "sites.toml", "rb") as fh:
        sites = tomllib.load(fh)["site"]
    articles: list[Article] = []
    for story_file in sorted((content_dir / "stories").glob("*.toml")):
        with open(story_file, "rb") as fh:
            story = tomllib.load(fh)
        articles.extend(_story_articles(story_file.stem, story["page"]))
    catalog = Catalog({s["name"]: s for s in sites}, articles)
    _check_catalog(catalog)
    return catalog


PAGE_KEYS = {
    "key", "from", "site", "path", *INHERITED, "source", "canonical", "truncate", "cut_words",
    "encoding", "headline", "chrome", "brief", "tail", "replace", "mojibake",
}


def _story_articles(story: str, pages: list[dict]) -> list[Article]:
    resolved: dict[str, dict] = {}
    for page in pages:
        unknown = set(page) - PAGE_KEYS
        if unknown:
            raise ValueError(f"{story}/{page.get('key')}: unknown fields {sorted(unknown)}")

    def resolve(page: dict) -> dict:
        key = page["key"]
        if key in resolved:
            return resolved[key]
        merged = dict(page)
        if "from" in page:
            parent = resolve(next(p for p in pages if p["key"] == page["from"]))
            for name in INHERITED:
                if name in parent:
                    merged.setdefault(name, parent[name])
        for old, new in page.get("replace", []):
            if old not in merged["title"] and not any(old in p for p in merged["body"]):
                raise ValueError(f"{story}/{key}: nothing to replace for {old!r}")
            merged["title"] = merged["title"].replace(old, new)
            merged["body"] = [p.replace(old, new) for p in merged["body"]]
        if "mojibake" in page:
            merged["body"] = [
                misdecode(p) if i in page["mojibake"] else p for i, p in enumerate(merged["body"])
            ]
        resolved[key] = merged
        return merged

    articles = []
    for page in pages:
        p = resolve(page)
        articles.append(
            Article(
                story=story,
                key=p["key"],
                site=p["site"],
                path=p["path"],
                lang=p["lang"],
                title=p["title"],
                author=p["author"],
                published=p["published"],
                section=p["section"],
                tags=list(p.get("tags", [])),
                image=p.get("image", ""),
                summary=p.get("summary", ""),
                body=list(p["body"]),
                figures=list(p.get("figures", [])),
                copied_from=p.get("from"),
                source=list(p.get("source", [])),
                canonical=p.get("canonical", "self"),
                truncate=p.get("truncate"),
                encoding=p.get("encoding", "utf-8"),
                headline=p.get("headline"),
                chrome=p.get("chrome"),
                brief=p.get("brief", False),
                tail=list(page.get("tail", [])),
                cut_words=p.get("cut_words", 0),
            )
        )
    return articles


def _check_catalog(catalog: Catalog) -> None:
    seen = set()
    for a in catalog.articles:
        if a.site not in catalog.sites:
            raise ValueError(f"{a.story}/{a.key}: unknown site {a.site!r}")
        if (a.site, a.path) in seen:
            raise ValueError(f"{a.story}/{a.key}: path {a.path} used twice on {a.site}")
        seen.add((a.site, a.path))
        sections = {s["name"] for s in catalog.sites[a.site]["sections"]}
        if a.section not in sections:
            raise ValueError(f"{a.story}/{a.key}: section {a.section!r} not on {a.site}")
        if a.copied_from:
            catalog.by_key(a.story, a.copied_from)


# --------------------------------------------------------------------------- themes


def load_theme(name: str) -> dict[str, Template]:
    text = (THEMES_DIR / f"{name}.html").read_text(encoding="utf-8")
    parts = _FRAGMENT_SPLIT.split(text)
    return {parts[i]: Template(parts[i + 1]) for i in range(1, len(parts), 2)}


# Fragments the builder places itself; every other fragment of a theme is
# "chrome" (comment form, widgets...) exposed to the page as $frag_<name>.
# Attribution blocks are named "src-<kind>" and chosen per page with `source`.
STRUCTURAL = {"article", "listing", "item", "meta", "figure", "read-more", "continue", "private"}


# --------------------------------------------------------------------------- text and dates


def fill_placeholders(text: str, bases: dict[str, str]) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in bases:
            raise KeyError(f"placeholder for unknown site {name!r}")
        return bases[name]

    return PLACEHOLDER.sub(sub, text)


def misdecode(text: str) -> str:
    """UTF-8 bytes read as windows-1252, the usual mojibake ("é" shown as "Ã©").

    Bytes that windows-1252 leaves undefined pass through as Latin-1, as
    browsers and most scrapers do.
    """
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def plain_text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _date(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def _labels(site: dict, lang: str) -> dict[str, str]:
    labels = dict(site.get("labels", {}).get(site.get("chrome_language", "en"), {}))
    labels.update(site.get("labels", {}).get(lang, {}))
    return {f"l_{k}": v for k, v in labels.items()}


def _display_date(iso: str, lang: str) -> str:
    months = {
        "en": "January February March April May June July August September October November December",
        "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    }
    d = _date(iso)
    month = months.get(lang, months["en"]).split()[d.month - 1]
    if lang == "en":
        return f"{month} {d.day}, {d.year}"
    if lang == "de":
        return f"{d.day}. {month} {d.year}"
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    return f"{d.day} {month} {d.year}"


class SiteBuilder:
    """Renders one site's pages, given the base URL of every site."""

    def __init__(self, catalog: Catalog, name: str, bases: dict[str, str]):
        self.catalog = catalog
        self.name = name
        self.site = catalog.sites[name]
        self.bases = bases
        self.base = bases[name]
        self.theme = load_theme(self.site["theme"])
        self.articles = catalog.site_articles(name)

    # ---- addresses

    def url(self, article: Article) -> str:
        return self.bases[article.site] + article.path

    def site_url(self, path: str) -> str:
        return self.base + path

    def section_path(self, section_name: str) -> str:
        for section in self.site["sections"]:
            if section["name"] == section_name:
                return section["path"]
        raise KeyError(section_name)

    # ---- pieces

    def _render(self, fragment: str, values: dict) -> str:
        return self.theme[fragment].substitute(values)

    def _common(self, lang: str) -> dict[str, str]:
        site = self.site
        nav = "\n".join(
            f'<li><a href="{s["path"]}">{html.escape(s["name"])}</a></li>' for s in site["sections"]
        )
        feeds = "\n".join(
            f'<link rel="alternate" type="{f["type"]}" title={quoteattr(f["title"])} href="{self.site_url(f["path"])}">'
            for f in site["feeds"]
        )
        values = {
            "site_title": html.escape(site["title"]),
            "site_tagline": html.escape(site.get("tagline", "")),
            "home": self.base + "/",
            "nav": nav,
            "feed_links": feeds,
            "lang": lang,
            "dir_attr": ' dir="rtl"' if lang in RTL_LANGUAGES else "",
            "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "charset": "utf-8",
            "year": "2025",
            "private_url": self.site_url(site["private_page"]),
        }
        values.update(_labels(site, lang))
        return values

    def _meta(self, a: Article, values: dict) -> str:
        original = self.catalog.original_of(a)
        canonical = self.url(a)
        if a.canonical == "original" and original is not None:
            canonical = self.url(original)
        tags = "\n".join(
            f'<meta property="article:tag" content={quoteattr(t)}>' for t in a.tags
        )
        meta_values = dict(values)
        meta_values.update(
            og_title=html.escape(a.title, quote=True),
            description=html.escape(a.summary or _shorten(plain_text(a.paragraphs[0]), 160), quote=True),
            og_url=self.url(a),
            og_image=self.site_url(a.image) if a.image.startswith("/") else a.image,
            published=a.published,
            section=html.escape(a.section, quote=True),
            tag_meta=tags,
            author=html.escape(a.author, quote=True),
            canonical=canonical,
            locale={"en": "en_US", "fr": "fr_FR", "de": "de_DE", "es": "es_ES", "ru": "ru_RU", "ar": "ar_AR"}.get(a.lang, a.lang),
        )
        return self._render("meta", meta_values)

    def _body(self, a: Article, values: dict) -> str:
        paragraphs = a.paragraphs
        figures_after: dict[int, list[dict]] = {}
        for fig in a.figures:
            if fig.get("after", 0) <= len(paragraphs):
                figures_after.setdefault(fig.get("after", 0), []).append(fig)
        inline_more = self.site.get("inline_read_more_after")
        more_target = self._neighbour(a)
        out = []
        for i in range(len(paragraphs) + 1):
            for fig in figures_after.get(i, []):
                src = fig.get("src") or a.image
                out.append(
                    self._render(
                        "figure",
                        dict(values, src=src, caption=fig["caption"], alt=html.escape(fig.get("alt", ""), quote=True)),
                    )
                )
            if i == len(paragraphs):
                break
            if i == 0 and "paragraph-first" in self.theme:
                out.append(self._render("paragraph-first", dict(values, text=paragraphs[i])))
            else:
                out.append(self._render("paragraph", dict(values, text=paragraphs[i])))
            if inline_more and i + 1 == inline_more and len(paragraphs) > inline_more + 1 and more_target:
                out.append(
                    self._render(
                        "read-more",
                        dict(values, more_url=self.url(more_target), more_title=html.escape(more_target.title)),
                    )
                )
        return "\n".join(out)

    def _neighbour(self, a: Article) -> Article | None:
        """Another article of this site, preferably in the same language, for 'read more' boxes."""
        others = [o for o in self.articles if o is not a and not o.brief]
        same = [o for o in others if o.lang == a.lang] or others
        if not same:
            return None
        return same[(self.articles.index(a) + 1) % len(same)]

    def _source_blocks(self, a: Article, values: dict) -> str:
        original = self.catalog.original_of(a)
        blocks = []
        if a.truncate and original is not None:
            blocks.append(self._render("continue", dict(values, orig_url=self.url(original))))
        if original is None:
            return "\n".join(blocks)
        orig_site = self.catalog.sites[original.site]
        orig_values = dict(
            values,
            orig_url=self.url(original),
            orig_title=html.escape(original.title),
            orig_site_title=html.escape(orig_site["title"]),
            orig_home=self.bases[original.site] + "/",
        )
        for kind in a.source:
            blocks.append(self._render("src-" + kind, orig_values))
        return "\n".join(blocks)

    def _chrome(self, a: Article, values: dict) -> dict[str, str]:
        enabled = set(self.site.get("chrome", []) if a.chrome is None else a.chrome)
        chrome = {}
        for name in self.theme:
            if name in STRUCTURAL or name.startswith(("paragraph", "src-")):
                continue
            key = "frag_" + name.replace("-", "_")
            chrome[key] = self._render(name, values) if name in enabled else ""
        return chrome

    def related_items(self, a: Article) -> str:
        others = [o for o in self.articles if o is not a and not o.brief][:3]
        return "\n".join(
            f'<li><a href="{self.url(o)}">{html.escape(o.title)}</a></li>' for o in others
        )

    # ---- pages

    def article_page(self, a: Article) -> bytes:
        values = self._common(a.lang)
        values["charset"] = a.encoding
        values.update(
            title=html.escape(a.title),
            headline=html.escape(a.headline or a.title),
            title_text=html.escape(a.title),
            url=self.url(a),
            author=html.escape(a.author),
            date_iso=a.published,
            date_display=_display_date(a.published, a.lang),
            section=html.escape(a.section),
            section_url=self.section_path(a.section),
            tags_html=", ".join(
                f'<a href="/tag/{re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or "t"}/" rel="tag">{html.escape(t)}</a>'
                for t in a.tags
            ),
            image=a.image,
            related=self.related_items(a),
            related_ticker=html.escape((self._neighbour(a) or a).title),
            views=str(300 + (sum(map(ord, a.path)) * 37) % 9000),
        )
        values["meta"] = self._meta(a, values)
        values["body"] = self._body(a, values)
        values["source_block"] = self._source_blocks(a, values)
        values["tail"] = "\n".join(self._render("paragraph", dict(values, text=html.escape(line))) for line in a.tail)
        values.update(self._chrome(a, values))
        page = self._render("article", values)
        page = fill_placeholders(page, self.bases)
        return page.encode(a.encoding, errors="xmlcharrefreplace")

    def listing_page(self, title: str, articles: list[Article], lang: str, path: str) -> bytes:
        values = self._common(lang)
        items = []
        for a in articles:
            first = a.summary or _shorten(plain_text(a.paragraphs[0]), 220)
            items.append(
                self._render(
                    "item",
                    dict(
                        values,
                        item_url=self.url(a),
                        item_title=html.escape(a.title),
                        item_excerpt=html.escape(first),
                        item_date=_display_date(a.published, a.lang),
                        item_date_iso=a.published,
                        item_lang=a.lang,
                        item_dir="rtl" if a.lang in RTL_LANGUAGES else "ltr",
                        item_author=html.escape(a.author),
                        item_image=a.image,
                    ),
                )
            )
        values.update(
            page_title=html.escape(title),
            items="\n".join(items),
            url=self.site_url(path),
            title_text=html.escape(title),
        )
        page = self._render("listing", values)
        return fill_placeholders(page, self.bases).encode("utf-8")

    def private_page(self) -> bytes:
        values = self._common(self.site.get("chrome_language", "en"))
        values.update(url=self.site_url(self.site["private_page"]))
        return fill_placeholders(self._render("private", values), self.bases).encode("utf-8")

    # ---- feeds, sitemaps, robots

    def feed(self, spec: dict) -> tuple[str, bytes]:
        articles = [a for a in self.articles if not spec.get("lang") or a.lang == spec["lang"]]
        kind = spec["kind"]
        if kind == "rss":
            return RSS, self._rss(spec, articles)
        if kind == "atom":
            return ATOM, self._atom(spec, articles)
        if kind == "json":
            return JSON_FEED, self._json_feed(spec, articles)
        raise ValueError(kind)

    def _content_html(self, a: Article) -> str:
        return fill_placeholders("\n".join(f"<p>{p}</p>" for p in a.paragraphs), self.bases)

    def _rss(self, spec: dict, articles: list[Article]) -> bytes:
        items = []
        for a in articles:
            categories = "".join(
                f"<category><![CDATA[{c}]]></category>" for c in [a.section, *a.tags]
            )
            items.append(
                "<item>\n"
                f"<title>{xml_escape(a.title)}</title>\n"
                f"<link>{self.url(a)}</link>\n"
                f"<dc:creator><![CDATA[{a.author}]]></dc:creator>\n"
                f"<pubDate>{format_datetime(_date(a.published))}</pubDate>\n"
                f"{categories}\n"
                f'<guid isPermaLink="true">{self.url(a)}</guid>\n'
                f"<description><![CDATA[{plain_text(a.paragraphs[0])[:300]}]]></description>\n"
                f"<content:encoded><![CDATA[{self._content_html(a)}]]></content:encoded>\n"
                "</item>"
            )
        newest = articles[0].published if articles else "2025-03-01T00:00:00+00:00"
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
            "<channel>\n"
            f"<title>{xml_escape(spec['title'])}</title>\n"
            f'<atom:link href="{self.site_url(spec["path"])}" rel="self" type="application/rss+xml"/>\n'
            f"<link>{self.base}/</link>\n"
            f"<description>{xml_escape(self.site.get('tagline', ''))}</description>\n"
            f"<lastBuildDate>{format_datetime(_date(newest))}</lastBuildDate>\n"
            f"<language>{spec.get('lang') or self.site.get('language') or 'en'}</language>\n"
            + "\n".join(items)
            + "\n</channel>\n</rss>\n"
        )
        return xml.encode("utf-8")

    def _atom(self, spec: dict, articles: list[Article]) -> bytes:
        entries = []
        for a in articles:
            entries.append(
                "<entry>\n"
                f"<title>{xml_escape(a.title)}</title>\n"
                f'<link rel="alternate" type="text/html" hreflang="{a.lang}" href="{self.url(a)}"/>\n'
                f"<id>{self.url(a)}</id>\n"
                f"<published>{a.published}</published>\n"
                f"<updated>{a.published}</updated>\n"
                f"<author><name>{xml_escape(a.author)}</name></author>\n"
                f'<category term={quoteattr(a.section)}/>\n'
                f'<summary type="text">{xml_escape(plain_text(a.paragraphs[0])[:300])}</summary>\n'
                f'<content type="html">{xml_escape(self._content_html(a))}</content>\n'
                "</entry>"
            )
        newest = articles[0].published if articles else "2025-03-01T00:00:00+00:00"
        xml = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"<title>{xml_escape(spec['title'])}</title>\n"
            f"<subtitle>{xml_escape(self.site.get('tagline', ''))}</subtitle>\n"
            f'<link rel="self" type="application/atom+xml" href="{self.site_url(spec["path"])}"/>\n'
            f'<link rel="alternate" type="text/html" href="{self.base}/"/>\n'
            f"<id>{self.base}/</id>\n"
            f"<updated>{newest}</updated>\n"
            + "\n".join(entries)
            + "\n</feed>\n"
        )
        return xml.encode("utf-8")

    def _json_feed(self, spec: dict, articles: list[Article]) -> bytes:
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": spec["title"],
            "home_page_url": self.base + "/",
            "feed_url": self.site_url(spec["path"]),
            "description": self.site.get("tagline", ""),
            "items": [
                {
                    "id": self.url(a),
                    "url": self.url(a),
                    "title": a.title,
                    "content_html": self._content_html(a),
                    "summary": plain_text(a.paragraphs[0])[:300],
                    "image": self.site_url(a.image) if a.image else None,
                    "date_published": a.published,
                    "authors": [{"name": a.author}],
                    "tags": [a.section, *a.tags],
                    "language": a.lang,
                }
                for a in articles
            ],
        }
        return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")

    def _urlset(self, entries: list[tuple[str, str | None]]) -> str:
        urls = []
        for loc, lastmod in entries:
            lm = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
            urls.append(f"<url><loc>{xml_escape(loc)}</loc>{lm}</url>")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(urls)
            + "\n</urlset>\n"
        )

    def sitemaps(self) -> dict[str, tuple[str, bytes]]:
        article_entries = [(self.url(a), a.published) for a in self.articles]
        page_entries = [(self.base + "/", None)] + [
            (self.site_url(s["path"]), None) for s in self.site["sections"]
        ]
        spec = self.site["sitemap"]
        out: dict[str, tuple[str, bytes]] = {}
        if spec["kind"] == "index":
            children = []
            gz_path, pages_path = spec["articles"], spec["pages"]
            out[gz_path] = (GZIP, gzip.compress(self._urlset(article_entries).encode("utf-8"), mtime=0))
            out[pages_path] = (XML, self._urlset(page_entries).encode("utf-8"))
            newest = self.articles[0].published
            for path in (gz_path, pages_path):
                children.append(
                    f"<sitemap><loc>{self.site_url(path)}</loc><lastmod>{newest}</lastmod></sitemap>"
                )
            index = (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                + "\n".join(children)
                + "\n</sitemapindex>\n"
            )
            out[spec["path"]] = (XML, index.encode("utf-8"))
        else:
            out[spec["path"]] = (XML, self._urlset(page_entries + article_entries).encode("utf-8"))
        return out

    def robots(self) -> bytes:
        lines = [
            "User-agent: *",
            f"Disallow: {self.site['disallow']}",
            "",
            f"Sitemap: {self.site_url(self.site['sitemap']['path'])}",
            "",
        ]
        return "\n".join(lines).encode("utf-8")

    def build(self) -> dict[str, tuple[str, bytes]]:
        site = self.site
        pages: dict[str, tuple[str, bytes]] = {}
        main_lang = site.get("language") or site.get("chrome_language", "en")
        pages["/"] = (HTML_UTF8, self.listing_page(site["title"], self.articles, main_lang, "/"))
        for section in site["sections"]:
            members = [a for a in self.articles if a.section == section["name"]]
            lang = section.get("lang", main_lang)
            pages[section["path"]] = (
                HTML_UTF8,
                self.listing_page(section["name"], members, lang, section["path"]),
            )
        for a in self.articles:
            ctype = HTML_UTF8 if a.encoding == "utf-8" else "text/html"
            pages[a.path] = (ctype, self.article_page(a))
            if a.image:
                pages.setdefault(a.image, (PNG, PIXEL))
            for fig in a.figures:
                if fig.get("src"):
                    pages.setdefault(fig["src"], (PNG, PIXEL))
        for spec in site["feeds"]:
            pages[spec["path"]] = self.feed(spec)
        pages.update(self.sitemaps())
        pages["/robots.txt"] = (TEXT, self.robots())
        pages[site["private_page"]] = (HTML_UTF8, self.private_page())
        return pages


def build_site(name: str, bases: dict[str, str], catalog: Catalog | None = None) -> dict[str, tuple[str, bytes]]:
    """Every page of site ``name`` as ``{path: (content_type, body)}``.

    ``bases`` maps each site name to its ``http://host:port`` (no trailing
    slash); cross-site links are built from it.
    """
    catalog = catalog or load_catalog()
    return SiteBuilder(catalog, name, bases).build()
