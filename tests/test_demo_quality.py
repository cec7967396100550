"""Stored quality on pages the cleaners were not written from: the bundled
sample sites, crawled with the real command line, judged on the rows it
stores. The junk families below are checked by their generic shapes, in
every language the cleaners support."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from cleaning.urls import normalize_url
from newscrawl.demo import serve_demo
from tests.conftest import run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

# One pattern per family of page junk; each is searched line by line.
JUNK = {
    "comment form": r"(?i)^(?:leave a (?:reply|comment)|deja (?:una respuesta|un comentario)|laisser un commentaire"
    r"|schreibe einen kommentar|your email address will not be published|оставить комментарий|اترك تعليقا)",
    "back to top": r"(?i)^(?:back to top(?: button)?|volver arriba|retour en haut|nach oben|наверх)$",
    "related heading": r"(?i)^(?:related (?:articles|posts|stories)|you may also like|artículos relacionados"
    r"|articles similaires|ähnliche artikel|читайте также|مقالات ذات صلة)\s*:?$",
    "source line": r"(?i)^(?:source link|source|sources|fuente|quelle|fonte|источник|kaynak|sumber|المصدر)\s*[:：]?(?:\s.*)?$",
    "appeared first": r"(?i)(?:appeared first on|se publicó primero en|est apparu en premier sur|erschien zuerst auf"
    r"|apareceu primeiro em|proviene da|появились сначала на|أولاً على)",
    "relative-time byline": r"(?i)(?:\d\s*(?:hours?|days?|minutes?) ago|hace \d|il y a \d|vor \d+ (?:stunden|tagen|minuten)"
    r"|\d (?:часа|часов|дня|дней|минут) назад|منذ \d|\d (?:saat|gün) önce|\d (?:jam|hari) yang lalu)",
    "view counter": r"👁",
    "newsletter prompt": r"(?i)^(?:subscribe to our|sign up for our|abonnieren sie|inscrivez-vous à notre|suscríbete a"
    r"|iscriviti alla|assine nossa|подпишитесь на|اشترك في|bültenimize|berlangganan)",
    "translation note": r"(?i)^(?:translated from|this article was translated|traducido del?|traduit de|übersetzt aus"
    r"|dieser artikel wurde automatisch|переведено с|تمت ترجمة|ت\u064f?رجم هذا)",
    "template field": r"(?i)^(?:title|link|judul|titre|título)\s*:\s",
    "agency caption": r"(?:\((?:AFP|Reuters|AP|EPA|Anadolu)[^)]*\)|©\s*\w.*(?:AFP|Reuters|AP|EPA))\s*\.?$",
}
# Debris inside the text's own lines, by shape: what the repairs undo.
DEBRIS = {
    "doubled word": r"(?<!\w)(\w{2,})\W{1,3}\1(?!\w)",
    "glued words": r"[a-z]{3}[A-Z][a-z]{2,}|[a-z]{2}[.!?][A-Z][a-z]",
    "mojibake": r"Ã[\u0080-\u00bf]|â€",
    "html entity": r"&(?:amp|quot|apos|lt|gt|nbsp|#\d+|#x[0-9a-fA-F]+);|(?<!&)#0?39;",
    "escaped quote": r"\\['’\"]",
    "truncation marker": r"(?i)(?:continue reading|read more|leer más|lire la suite|weiterlesen|читать далее)\s*(?:…|\.\.\.|→|»)?$",
    "stray capital": r"[a-z]{3} [A-Z] [a-z]{3}",
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo-quality")
    with serve_demo() as demo:
        entries = []
        for site in demo.sites:
            entries.append(
                "[[source]]\n"
                f"name = {json.dumps(site.name)}\n"
                f"feeds = {json.dumps(list(site.feeds))}\n"
                f"sitemaps = {json.dumps(list(site.sitemaps))}\n"
                f"start_urls = {json.dumps(list(site.start_urls))}\n"
            )
        sources = tmp / "sources.toml"
        sources.write_text("\n".join(entries), encoding="utf-8")
        db = tmp / "news.db"
        result = run_cli("--sources", str(sources), "crawl", "--set", "DOWNLOAD_DELAY=0",
                         "--set", "AUTOTHROTTLE_ENABLED=False", db=db, timeout=300)
        assert result.code == 0, result.stderr
        articles = {normalize_url(article.url): article for article in demo.articles}
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(row) for row in conn.execute("select * from articles")]
    conn.close()
    return rows, articles


def _article(row, articles):
    return articles.get(row["url"]) or articles.get(normalize_url(row["fetched_url"] or row["url"]))


def test_every_stored_row_is_a_demo_article(crawled):
    rows, articles = crawled
    assert len(rows) >= 20
    assert all(_article(row, articles) for row in rows)


@pytest.mark.parametrize("family", sorted({**JUNK, **DEBRIS}))
def test_no_junk_of_a_family_is_stored(crawled, family):
    rows, _ = crawled
    pattern = re.compile({**JUNK, **DEBRIS}[family])
    found = [
        (row["url"], line)
        for row in rows
        for line in (row["text"] or "").split("\n")
        if pattern.search(line.strip())
    ]
    assert not found, found


def test_copies_keep_the_link_to_the_page_they_were_taken_from(crawled):
    rows, articles = crawled
    missing = []
    for row in rows:
        article = _article(row, articles)
        if article is None or article.source_url is None:
            continue
        wanted = normalize_url(article.source_url)
        links = [row["source_url"]] + [link["url"] for link in json.loads(row["source_links"] or "[]")]
        if wanted not in {normalize_url(link) for link in links if link}:
            missing.append((row["url"], wanted, links))
    assert not missing, missing


def test_language_is_the_articles_own(crawled):
    rows, articles = crawled
    wrong = [(row["url"], row["language"], _article(row, articles).language) for row in rows
             if row["language"] != _article(row, articles).language]
    assert not wrong, wrong


def test_copies_share_a_story_and_stories_stay_apart(crawled):
    rows, articles = crawled
    # Copies of one story share a story_id: rewrapped, truncated and reworded
    # copies by their text, a translation by the link to its original.
    story_of_group: dict[str, set] = {}
    for row in rows:
        story_of_group.setdefault(_article(row, articles).story, set()).add(row["story_id"])
    for group, stories in story_of_group.items():
        assert len(stories) == 1 and None not in stories, (group, stories)
    seen: dict = {}
    for group, stories in story_of_group.items():
        story = next(iter(stories))
        assert story not in seen, (group, seen.get(story))
        seen[story] = group


def test_the_original_is_where_the_source_links_end(crawled):
    # The Arabic page is the original of its English machine translation and
    # of the third site's copy of that translation (a chain of two links).
    rows, articles = crawled
    members: dict = {}
    for row in rows:
        members.setdefault(row["story_id"], []).append(row)
    for story, group in members.items():
        originals = [row for row in group if row["is_original"]]
        assert len(originals) == 1, (story, [row["url"] for row in originals])
        if any(not _article(row, articles).is_copy for row in group):
            assert not _article(originals[0], articles).is_copy, (story, originals[0]["url"])


def test_published_keeps_the_time_and_zone_the_page_gives(crawled):
    rows, _articles = crawled
    timed = [row["published"] for row in rows if row["published"]]
    assert timed and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", p) for p in timed), timed
