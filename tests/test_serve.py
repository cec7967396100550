"""`newscrawl serve`: datasette on a crawled store, checked through HTTP on
127.0.0.1, and in headless Chromium when it is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, invoke_cli, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

pytest.importorskip("datasette", reason="newscrawl serve needs datasette (pip install 'newscrawl[serve]')")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, db: Path):
        self.db = db
        self.name = db.stem
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.cli", "--db", str(db), "serve", "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/-/versions.json")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"newscrawl serve did not start: {self.process.stdout.read().decode()}")
                time.sleep(0.2)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as answer:
            return answer.read().decode("utf-8")

    def json(self, path: str, **params):
        query = urllib.parse.urlencode({"_shape": "array", **params})
        return json.loads(self.get(f"/{self.name}/{path}.json?{query}"))

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stdout.close()


@pytest.fixture(scope="module")
def served(demo_store):
    server = Served(demo_store.db)
    yield server
    server.close()


@pytest.fixture(scope="module")
def articles(demo_store):
    return rows(demo_store.db)


def _largest_story(articles) -> int:
    return Counter(r["story_id"] for r in articles).most_common(1)[0][0]


def test_opened_read_only_never_immutable(served):
    (database,) = [d for d in json.loads(served.get("/-/databases.json")) if d["name"] == served.name]
    assert database["is_mutable"] is True  # -i would make it immutable: no locking beside a crawl
    assert "NEWSCRAWL" not in served.get("/-/versions.json")  # sanity: datasette answers, not our CLI


def test_search_finds_what_the_store_holds(served, articles):
    word = "orchid"
    expected = {r["id"] for r in articles if word in (r["title"] + r["text"]).lower()}
    assert expected
    found = served.json("articles", _search=word)
    assert {row["id"] for row in found} == expected


def test_default_facets_count_sites_languages_stories_and_originals(served, articles):
    page = json.loads(served.get(f"/{served.name}/articles.json"))
    facets = page["facet_results"]
    if "results" in facets:  # the shape of later datasette versions
        facets = facets["results"]
    assert {"site", "language", "story_id", "is_original"} <= set(facets)
    by_site = {item["value"]: item["count"] for item in facets["site"]["results"]}
    assert by_site == dict(Counter(r["site"] for r in articles))
    originals = {item["value"]: item["count"] for item in facets["is_original"]["results"]}
    assert originals[1] == len({r["story_id"] for r in articles})


def test_a_story_links_to_its_copies_and_its_original(served, articles):
    story = _largest_story(articles)
    copies = [r for r in articles if r["story_id"] == story]
    original = next(r for r in copies if r["is_original"])
    page = served.get(f"/{served.name}/stories/{story}")
    assert "Copies of this story" in page
    for copy in copies:
        assert f'href="/{served.name}/articles/{copy["id"]}"' in page
        if copy["source_url"]:
            assert copy["source_url"] in page
    # The story's row links to its original; an article's story number to the story.
    assert page.count(f'href="/{served.name}/articles/{original["id"]}"') >= 2
    article_page = served.get(f"/{served.name}/articles/{copies[-1]['id']}")
    assert f'href="/{served.name}/stories/{story}"' in article_page


def test_text_is_short_in_the_table_and_whole_on_the_article_page(served, articles):
    longest = max(articles, key=lambda r: len(r["text"]))
    assert len(longest["text"]) > 400
    tail = longest["text"].split()[-6:]
    table = served.get(f"/{served.name}/articles?id={longest['id']}")
    row_page = served.get(f"/{served.name}/articles/{longest['id']}")
    assert " ".join(tail) not in " ".join(table.split())
    assert " ".join(tail) in " ".join(row_page.split())
    # The table opens on the columns a reader wants, not on three URLs.
    headers = set(re.findall(r'<th [^>]*data-column="([^"]+)"', table))
    assert {"title", "text", "site_name", "story_id"} <= headers and not {"url", "fetched_url"} & headers
    everything = served.get(f"/{served.name}/articles?id={longest['id']}&_nocol=content_hash")
    assert "fetched_url" in set(re.findall(r'<th [^>]*data-column="([^"]+)"', everything))


def test_canned_queries_answer_with_the_expected_rows(served, articles):
    story = _largest_story(articles)
    copies = sorted((r for r in articles if r["story_id"] == story),
                    key=lambda r: (-r["is_original"], r["published"] or r["fetched_at"], r["id"]))
    answer = served.json("story_copies", story=story)
    assert [row["article_id"] for row in answer] == [r["id"] for r in copies]
    assert [row["source_url"] for row in answer] == [r["source_url"] for r in copies]

    originals = {r["story_id"]: r for r in articles if r["is_original"]}
    copied = Counter(r["site"] for r in articles if not r["is_original"] and originals[r["story_id"]]["site"] != r["site"])
    ranked = served.json("sites_by_copies")
    assert [(row["site"], row["copies"]) for row in ranked] == sorted(
        ((site, copied.get(site, 0)) for site in {r["site"] for r in articles}),
        key=lambda pair: (-pair[1], -sum(1 for r in articles if r["site"] == pair[0]), pair[0]))

    unlinked = served.json("articles_without_source_link")
    assert {row["article_id"] for row in unlinked} == {r["id"] for r in articles if not r["source_url"]}

    latest = served.json("latest_per_language")
    by_language = {}
    for r in articles:
        by_language.setdefault(r["language"], []).append(r)
    assert {row["language"] for row in latest} == set(by_language)
    for row in latest:
        newest = max(by_language[row["language"]], key=lambda r: (r["published"] or r["fetched_at"], r["id"]))
        assert (row["article_id"], row["articles"]) == (newest["id"], len(by_language[row["language"]]))


def test_every_table_and_column_is_described(tmp_path):
    from db.store import open_db
    from newscrawl.web import build_metadata

    db = open_db(tmp_path / "fresh.db")
    metadata = build_metadata(tmp_path / "fresh.db")["databases"]["fresh"]
    for table in db.table_names():
        if table.startswith("articles_fts"):
            continue  # datasette hides the full-text index itself
        described = metadata["tables"].get(table)
        assert described and described.get("description"), f"table {table} has no description"
        missing = set(db[table].columns_dict) - set(described.get("columns", {}))
        assert not missing, f"{table}: columns without a description: {sorted(missing)}"
    db.conn.close()


def test_serve_without_datasette_says_how_to_install_it(demo_store, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette", None)
    result = invoke_cli("serve", db=demo_store.db)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == "newscrawl: error: newscrawl serve needs datasette: pip install 'newscrawl[serve]'\n"


def _chromium(args: list[str], tmp_path: Path) -> str:
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--virtual-time-budget=5000", *args]
    done = subprocess.run(command, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout.decode("utf-8", "replace")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_the_pages_render_in_a_browser(served, articles, tmp_path):
    from lxml import html as lxml_html

    table = lxml_html.fromstring(_chromium(["--dump-dom", f"{served.base}/{served.name}/articles"], tmp_path))
    text = " ".join(table.text_content().split())
    assert "Articles" in text and f"{len(articles)} rows" in text
    newest = max(articles, key=lambda r: (r["published"] or "", r["id"]))
    assert newest["title"] in text
    for facet in ("site", "language", "story_id", "is_original"):
        assert table.xpath(f'//*[contains(@class, "facet-info") and @data-column="{facet}"]'), facet

    story = _largest_story(articles)
    page = lxml_html.fromstring(_chromium(["--dump-dom", f"{served.base}/{served.name}/stories/{story}"], tmp_path))
    rendered = [" ".join(row.text_content().split()) for row in page.xpath('//table[contains(@class, "story-copies")]//tbody/tr')]
    copies = [r for r in articles if r["story_id"] == story]
    assert len(rendered) == len(copies)
    assert rendered[0].split()[:2] == [str(next(r["id"] for r in copies if r["is_original"])), "original"]

    shot = tmp_path / "articles.png"
    _chromium([f"--screenshot={shot}", "--window-size=1280,900", f"{served.base}/{served.name}/articles"], tmp_path)
    assert shot.stat().st_size > 10_000
