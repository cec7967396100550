"""The bundled sample sites, checked over HTTP the way a crawler sees them."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
import pytest
import trafilatura

from newscrawl.demo import serve_demo

LANGUAGES = {"en", "es", "fr", "de", "ru", "ar"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def demo():
    with serve_demo() as running:
        yield running


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def declared_charset(content_type: str, body: bytes) -> str:
    match = re.search(r"charset=([\w-]+)", content_type)
    if match:
        return match.group(1)
    match = re.search(rb'<meta charset="([\w-]+)"', body[:2048])
    return match.group(1).decode() if match else "utf-8"


@pytest.fixture(scope="module")
def pages(demo):
    """Every article page as served: url -> (content type, bytes, decoded text, lxml tree)."""
    out = {}
    for url in demo.article_urls:
        status, ctype, body = fetch(url)
        assert status == 200, url
        text = body.decode(declared_charset(ctype, body))
        out[url] = (ctype, body, text, lxml.html.fromstring(text))
    return out


@pytest.fixture(scope="module")
def extracted(pages):
    # the options the crawler uses (cleaning.extract.ExtractOptions); with the
    # defaults trafilatura falls back to the whole page on a one-line brief
    return {
        url: trafilatura.extract(text, include_comments=False, favor_precision=True) or ""
        for url, (_, _, text, _) in pages.items()
    }


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def overlap(a: str, b: str) -> float:
    """Share of the smaller text's 5-word shingles found in the other."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def sitemap_locs(url: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Page URLs reachable from a robots.txt, sitemap index or sitemap; and (url, content type) of each sitemap."""
    to_read, seen, locs = [url], [], []
    while to_read:
        current = to_read.pop(0)
        status, ctype, body = fetch(current)
        assert status == 200, current
        seen.append((current, ctype))
        if current.endswith("robots.txt"):
            to_read += re.findall(r"(?im)^sitemap:\s*(\S+)", body.decode())
            continue
        if current.endswith(".gz"):
            body = gzip.decompress(body)
        root = lxml.etree.fromstring(body)
        found = [e.text.strip() for e in root.iterfind(".//sm:loc", SITEMAP_NS)]
        if root.tag.endswith("sitemapindex"):
            to_read += found
        else:
            locs += found
    return locs, seen


# --------------------------------------------------------------------------- sites


def test_at_least_three_sites_each_on_its_own_port(demo):
    assert len(demo.sites) >= 3
    bases = [s.base_url for s in demo.sites]
    assert len(set(bases)) == len(bases)
    for site in demo.sites:
        parts = urlsplit(site.base_url)
        assert parts.hostname == "127.0.0.1" and parts.port
        assert site.start_urls == [site.base_url + "/"]
        status, ctype, body = fetch(site.start_urls[0])
        assert status == 200 and ctype == "text/html; charset=utf-8"


def test_home_pages_list_their_articles_and_announce_a_feed(demo):
    for site in demo.sites:
        _, _, body = fetch(site.base_url + "/")
        tree = lxml.html.fromstring(body)
        alternates = tree.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href')
        assert alternates and all(href.startswith(site.base_url + "/") for href in alternates)
        announced = set(tree.xpath('//link[@rel="alternate"]/@href'))
        assert announced == set(site.feeds)
        links = {urljoin(site.base_url + "/", href) for href in tree.xpath("//a/@href")}
        mine = {a.url for a in demo.articles if a.site == site.name}
        assert mine and mine <= links
        # section listings, linked from the navigation, each list articles of the site
        sections = [
            urljoin(site.base_url + "/", href)
            for href in tree.xpath("//nav//a/@href")
            if urljoin(site.base_url + "/", href) not in site.disallowed_urls
        ]
        assert sections, site.name
        for section in sections:
            status, _, listing = fetch(section)
            assert status == 200, section
            listed = {urljoin(section, h) for h in lxml.html.fromstring(listing).xpath("//a/@href")}
            assert listed & mine, section


def test_unknown_path_is_404(demo):
    status, _, _ = fetch(demo.sites[0].base_url + "/no/such/page/")
    assert status == 404


# --------------------------------------------------------------------------- articles


def test_thirty_article_pages_in_six_languages(demo, pages):
    assert len(demo.article_urls) >= 30
    assert len(set(demo.article_urls)) == len(demo.article_urls)
    langs = {}
    for url, (_, _, _, tree) in pages.items():
        lang = tree.get("lang")
        langs.setdefault(lang, []).append(url)
        if lang == "ar":
            assert tree.get("dir") == "rtl", url
        else:
            assert tree.get("dir") != "rtl", url
    assert LANGUAGES <= set(langs)


def test_article_heads_carry_metadata(demo, pages):
    titles = {s.name: s.title for s in demo.sites}
    for article in demo.articles:
        _, _, _, tree = pages[article.url]
        head = tree.find("head")

        def meta(prop):
            return head.xpath(f'meta[@property="{prop}"]/@content')

        assert titles[article.site] in head.findtext("title"), article.url
        assert meta("og:title") and meta("og:site_name") == [titles[article.site]]
        assert meta("og:url") == [article.url]
        assert meta("og:image")[0].startswith("http://127.0.0.1:")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d", meta("article:published_time")[0])
        assert meta("article:section") and meta("article:tag")
        assert head.xpath('meta[@name="author"]/@content')[0]
        assert head.xpath('link[@rel="canonical"]/@href') == [article.canonical_url]
        assert tree.get("lang") == article.language


def test_trafilatura_extracts_every_body(demo, extracted):
    short = []
    for article in demo.articles:
        text = extracted[article.url]
        if article.brief:
            short.append(text)
            continue
        assert len(text) >= 600, article.url
        assert 3 <= len([line for line in text.splitlines() if len(line) > 120]) <= 8, article.url
    # at least one brief too short for language detection
    assert short and min(len(t) for t in short) < 100


def test_copies_carry_the_same_text_and_point_to_their_source(demo, pages, extracted):
    by_url = {a.url: a for a in demo.articles}
    groups: dict[str, list] = {}
    for article in demo.articles:
        groups.setdefault(article.text_group, []).append(article)
        if article.source_url is None:
            continue
        assert article.source_url in by_url
        _, _, _, tree = pages[article.url]
        hrefs = set(tree.xpath("//body//a/@href")) | set(tree.xpath('//link[@rel="canonical"]/@href'))
        assert article.source_url in hrefs, article.url
    multi = [g for g in groups.values() if len({a.site for a in g}) >= 2]
    assert len(multi) >= 10
    for group in multi:
        first = group[0]
        for other in group[1:]:
            assert overlap(extracted[first.url], extracted[other.url]) > 0.4, (first.url, other.url)
    # most copies live on another site than the page they were taken from
    cross = [a for a in demo.articles if a.source_url and by_url[a.source_url].site != a.site]
    assert len(cross) >= 15


def test_same_topic_same_day_stories_are_different_texts(demo, pages, extracted):
    budget = [a for a in demo.articles if a.story == "kallenberg-budget"]
    ferry = [a for a in demo.articles if a.story == "kallenberg-ferry"]
    assert budget and ferry
    for a in budget:
        for b in ferry:
            day = lambda art: pages[art.url][3].xpath('//meta[@property="article:published_time"]/@content')[0][:10]
            assert day(a) == day(b)
            assert "Kallenberg" in extracted[a.url] and "Kallenberg" in extracted[b.url]
            assert overlap(extracted[a.url], extracted[b.url]) < 0.1


def test_junk_and_debris_families_are_on_the_pages(pages):
    html_all = "\n".join(text for _, _, text, _ in pages.values())
    families = {
        "comment form": ["Leave a Reply", "Your email address will not be published.", "Post Comment"],
        "widgets": ["Back to top button", "Related Articles"],
        "attribution": ["Source link", "appeared first on", "Source:", "Quelle:", "المصدر:"],
        "captions": ["(AFP)", "(Reuters)", "(French)", "(الفرنسية)", "© Henrike Solberg, AFP"],
        "doubled words": ["hospitals. hospitals.", " in in "],
        "glued words": ["MinisterToday", "a day.Volunteers"],
        "stray capital": ["causing A severe"],
        "two spellings": ["al-Qarawi", "Karawi"],
        "category in title": ["Politics News", "Economy News"],
        "mojibake": ["Ã©"],
        "entities": ["&amp;amp;#039;", "coop&amp;#233;rative"],
        "invisible marks": ["\u200f", "\u200b"],
        "escaped apostrophe": ["\\’"],
        "drop cap": ["</span> t was"],
        "glued timestamp": ["Staff Writer</a><span", "2 days ago"],
        "template fields": ["Title : ", "Link : ", "You are now reading the article"],
        "truncation": ["Continue reading"],
    }
    missing = [(family, s) for family, strings in families.items() for s in strings if s not in html_all]
    assert not missing


def test_legacy_page_is_windows_1252_declared_only_in_meta(demo, pages):
    legacy = [(url, ctype, body) for url, (ctype, body, _, _) in pages.items() if "charset" not in ctype]
    assert len(legacy) >= 1
    for url, ctype, body in legacy:
        assert ctype.startswith("text/html")
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        charset = re.search(rb'<meta charset="([\w-]+)"', body).group(1).decode()
        assert charset.lower() in ("windows-1252", "iso-8859-1", "cp1252")
        text = body.decode(charset)
        assert "große Orgel" in text and "Ägidius" in text
    others = [ctype for url, (ctype, _, _, _) in pages.items() if url not in {u for u, _, _ in legacy}]
    assert all(ctype == "text/html; charset=utf-8" for ctype in others)


# --------------------------------------------------------------------------- feeds


def test_feeds_parse_and_list_only_articles_of_their_site(demo):
    kinds = set()
    articles = set(demo.article_urls)
    for site in demo.sites:
        assert site.feeds
        for feed_url in site.feeds:
            status, ctype, body = fetch(feed_url)
            assert status == 200
            if ctype == "application/feed+json":
                # feedparser 6.0 has no JSON Feed support: read it as JSON
                feed = json.loads(body)
                assert feed["version"] == "https://jsonfeed.org/version/1.1"
                assert feed["feed_url"] == feed_url
                links = [item["url"] for item in feed["items"]]
                assert all(item["id"] and item["date_published"] and item["content_html"] for item in feed["items"])
                kinds.add("json")
            else:
                parsed = feedparser.parse(body)
                assert not parsed.bozo, feed_url
                links = [entry.link for entry in parsed.entries]
                kinds.add(parsed.version)
                assert ctype == {"rss20": "application/rss+xml", "atom10": "application/atom+xml"}[parsed.version]
            assert links
            assert all(link.startswith(site.base_url + "/") for link in links), feed_url
            assert set(links) <= articles, feed_url
    assert {"rss20", "atom10", "json"} <= kinds


# --------------------------------------------------------------------------- robots and sitemaps


def test_robots_txt_has_sitemap_and_disallow(demo):
    for site in demo.sites:
        status, ctype, body = fetch(site.robots_url)
        assert status == 200 and ctype.startswith("text/plain")
        text = body.decode()
        sitemaps = re.findall(r"(?im)^sitemap:\s*(\S+)", text)
        disallows = re.findall(r"(?im)^disallow:\s*(\S+)", text)
        assert sitemaps and all(s.startswith(site.base_url + "/") for s in sitemaps)
        assert len(disallows) == 1
        for private in site.disallowed_urls:
            assert urlsplit(private).path.startswith(disallows[0])
            _, _, home = fetch(site.base_url + "/")
            hrefs = {urljoin(site.base_url + "/", h) for h in lxml.html.fromstring(home).xpath("//a/@href")}
            assert private in hrefs  # linked, so only robots.txt keeps a crawler out


def test_every_sitemap_url_answers_and_covers_the_articles(demo):
    gzip_seen = False
    for site in demo.sites:
        locs, read = [], []
        for entry in site.sitemaps:
            found, seen = sitemap_locs(entry)
            locs += found
            read += seen
        for url, ctype in read:
            if url.endswith(".xml.gz"):
                assert ctype == "application/gzip"
                gzip_seen = True
            elif url.endswith(".xml"):
                assert ctype == "application/xml"
        assert all(loc.startswith(site.base_url + "/") for loc in locs)
        assert not set(locs) & set(site.disallowed_urls)
        for loc in locs:
            assert fetch(loc)[0] == 200, loc
        assert {a.url for a in demo.articles if a.site == site.name} <= set(locs)
    assert gzip_seen


# --------------------------------------------------------------------------- placeholders and the request log


def test_placeholders_are_filled_everywhere(demo):
    bases = {s.base_url for s in demo.sites}
    urls = list(demo.article_urls)
    for site in demo.sites:
        urls += [site.base_url + "/", site.robots_url, *site.feeds]
        _, _, home = fetch(site.base_url + "/")
        urls += [urljoin(site.base_url + "/", h) for h in lxml.html.fromstring(home).xpath("//nav//a/@href")]
        urls += [url for url, _ in sitemap_locs(site.sitemaps[0])[1]]
    for url in sorted(set(urls) - {u for s in demo.sites for u in s.disallowed_urls}):
        status, ctype, body = fetch(url)
        assert status == 200, url
        if url.endswith(".gz"):
            body = gzip.decompress(body)
        text = body.decode(declared_charset(ctype, body))
        assert "{{" not in text and "}}" not in text, url
        assert not re.search(r"\$\{?[a-z_]+", text), url  # no template field left
        for link in re.findall(r"http://127\.0\.0\.1:\d+", text):
            assert link in bases, (url, link)


def test_request_log_records_paths_in_order():
    with serve_demo() as fresh:
        first, second = fresh.sites[0], fresh.sites[1]
        fetch(first.base_url + "/robots.txt")
        fetch(second.base_url + "/")
        fetch(first.base_url + "/missing?x=1")
        assert fresh.requests == [
            (first.name, "/robots.txt"),
            (second.name, "/"),
            (first.name, "/missing?x=1"),
        ]
        assert first.requests == ["/robots.txt", "/missing?x=1"]
        assert second.requests == ["/"]


def test_plain_call_returns_an_object_that_closes():
    running = serve_demo(host="127.0.0.1")
    url = running.sites[0].base_url + "/"
    assert fetch(url)[0] == 200
    running.close()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)
