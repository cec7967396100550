"""`newscrawl query` and `newscrawl show` on a database filled by a real ingest."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import FAST, LocalSite, rows, run_cli

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

CONTRACT = ["id", "url", "canonical_url", "source_url", "site", "title", "text", "language", "published", "story_id", "fetched_at"]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """One database, filled once by a real ingest, for every test here: they only read it."""
    site = LocalSite()
    try:
        urls = {
            "en": site.add_page("/en.html", "wp-article.html"),
            "de": site.add_page("/de.html", "de-article.html"),
            "fr": site.add_page("/fr.html", "legacy-1252.html", content_type="text/html"),
        }
        db_path = tmp_path_factory.mktemp("query") / "news.db"
        result = run_cli("ingest", *urls.values(), *FAST, db=db_path)
        assert result.code == 0, result.stderr
    finally:
        site.close()
    before = rows(db_path)
    yield urls, db_path
    assert rows(db_path) == before, "a read-only command changed the shared database"


@pytest.fixture
def filled(stored):
    return stored[0]


@pytest.fixture
def db_path(stored):
    return stored[1]


def test_json_has_the_contract_keys_and_search_finds_words(filled, cli, db_path):
    result = cli("query", "ferry", "--format", "json", db=db_path)
    assert result.code == 0, result.stderr
    data = result.json()
    assert [row["url"] for row in data] == [filled["en"]]
    assert list(data[0]) == CONTRACT
    # Diacritics are folded: "marche" finds "marché".
    data = cli("query", "marche", "--format", "json", db=db_path).json()
    assert [row["language"] for row in data] == ["fr"]


def test_filters(filled, cli, db_path):
    def urls(*args):
        return sorted(row["url"] for row in cli("query", *args, "--format", "json", db=db_path).json())

    assert urls("--lang", "de") == [filled["de"]]
    assert urls("--since", "2024-04-01") == sorted([filled["de"], filled["fr"]])
    assert urls("--until", "2024-04-18") == sorted([filled["en"], filled["de"]])
    assert urls("--since", "2024-04-01", "--until", "2024-04-30") == [filled["de"]]
    site_name = filled["en"].split("//")[1].split("/")[0]
    assert len(urls("--site", site_name)) == 3
    unknown = cli("query", "--site", "elsewhere.example", db=db_path)
    assert unknown.code == 1 and unknown.stderr.startswith("newscrawl: no site elsewhere.example in the store (")
    assert len(urls("--limit", "1")) == 1
    assert urls("--author", "mara lindqvist") == [filled["en"]]


def test_date_time_filters_compare_instants_across_offsets(filled, cli, db_path):
    def urls(*args):
        result = cli("query", *args, "--format", "json", db=db_path)
        assert result.code == 0, result.stderr
        return sorted(row["url"] for row in result.json())

    # de was published 2024-04-18T10:00:00+02:00, that is 08:00 UTC.
    assert filled["de"] in urls("--since", "2024-04-18T07:30:00Z")
    assert filled["de"] in urls("--since", "2024-04-18T09:30+02:00")
    assert filled["de"] not in urls("--since", "2024-04-18T08:30")  # no offset: UTC
    assert filled["de"] not in urls("--until", "2024-04-18T09:59+02:00")
    assert filled["de"] in urls("--until", "2024-04-18T08:00:00+00:00")
    # A date alone compares the date the page gives.
    assert filled["de"] in urls("--until", "2024-04-18")
    # Newest first, by instant.
    ordered = [row["url"] for row in cli("query", "--format", "json", db=db_path).json()]
    assert ordered == [filled["fr"], filled["de"], filled["en"]]


def test_every_format(filled, cli, db_path):
    jsonl = cli("query", "--format", "jsonl", db=db_path)
    objects = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(objects) == 3 and all(list(o) == CONTRACT for o in objects)
    table = cli("query", "--format", "table", db=db_path)
    assert table.code == 0 and "Harbour council approves" in table.stdout
    reader = csv.DictReader(io.StringIO(cli("query", "--format", "csv", db=db_path).stdout))
    assert reader.fieldnames == CONTRACT
    assert len(list(reader)) == 3


@pytest.mark.parametrize("text", ['"cat\'s NOT', "AND", "ferry OR", "*", "NEAR(", "a:b"])
def test_user_text_with_fts_syntax_never_breaks(filled, cli, db_path, text):
    result = cli("query", text, "--format", "json", db=db_path)
    assert result.code == 0, result.stderr
    assert isinstance(result.json(), list)


def test_raw_fts_syntax(filled, cli, db_path):
    ok = cli("query", "ferry OR radwegen", "--raw", "--format", "json", db=db_path)
    assert ok.code == 0 and len(ok.json()) == 2
    bad = cli("query", '"unbalanced', "--raw", db=db_path)
    assert bad.code == 2
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("newscrawl: error: full-text syntax error")


def test_bad_query_input(filled, cli, db_path, tmp_path):
    for bad in ("2024-05-31T25:00", "2024-5-31", "31.05.2024x"):
        result = cli("query", "--until", bad, db=db_path)
        assert result.code == 2 and result.stderr.count("\n") == 1, (bad, result.stderr)
    bad_date = cli("query", "--since", "last week", db=db_path)
    assert bad_date.code == 2 and "--since expects a date" in bad_date.stderr
    missing = cli("query", "x", db=tmp_path / "none.db")
    assert missing.code == 2 and "no database at" in missing.stderr
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    garbage = cli("query", "x", db=not_db)
    assert garbage.code == 2 and "Traceback" not in garbage.stderr


def test_show_by_id_and_url(filled, cli, db_path):
    data = cli("query", "ferry", "--format", "json", db=db_path).json()
    article_id = str(data[0]["id"])
    text = cli("show", article_id, db=db_path)
    assert text.code == 0
    assert "source_url:  https://bay-gazette.example/news/ferry-timetable-approved" in text.stdout
    assert "The ferry Saga leaves the old pier at dawn. (AFP)" in text.stdout
    by_url = cli("show", filled["en"] + "?utm_campaign=x", "--format", "json", db=db_path)
    assert by_url.code == 0, by_url.stderr
    article = by_url.json()
    assert article["id"] == int(article_id)
    assert article["source_links"][0]["url"] == "https://bay-gazette.example/news/ferry-timetable-approved"
    missing = cli("show", "9999", db=db_path)
    assert missing.code == 1 and missing.stderr.strip() == "newscrawl: no stored article with id 9999"
