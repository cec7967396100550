"""The read-only commands on a crawled store, through the real CLI (in
process): what they say when a thing asked for does not exist, how `--site`
is understood, and tables that fit 80 and 200 columns."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.conftest import invoke_cli, rows, run_cli

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?(?:[+-]\d\d:\d\d)?)?")


@pytest.fixture(scope="module")
def store(demo_store):
    return demo_store.db


def ids(result) -> list[int]:
    assert result.code == 0, result.stderr
    return [row["id"] for row in result.json()]


def test_a_story_or_article_that_does_not_exist_is_said_in_one_line(store):
    for args, message in (
        (["query", "--story", "999"], "no story 999"),
        (["export", "--story", "999"], "no story 999"),
        (["show", "999"], "no stored article with id 999"),
        (["reclean", "999"], "no stored article with id 999"),
        (["show", "http://127.0.0.1:8731/no/such/page/"], "no stored article with URL http://127.0.0.1:8731/no/such/page/"),
    ):
        result = invoke_cli(*args, db=store)
        assert (result.code, result.stderr, result.stdout) == (1, f"newscrawl: {message}\n", ""), args


def test_a_language_that_is_no_code_is_a_usage_error(store):
    result = invoke_cli("query", "--lang", "english", db=store)
    assert result.code == 2
    assert result.stderr == "newscrawl: error: --lang expects an ISO 639-1 code like en or und, got 'english'\n"
    assert ids(invoke_cli("query", "--lang", "EN", "--format", "json", "--limit", "100", db=store))


def test_empty_results_say_what_matched_nothing(store):
    stories = invoke_cli("stories", "--since", "2030-01-01", db=store)
    assert (stories.code, stories.stdout, stories.stderr) == (0, "", "no stories since 2030-01-01\n")
    articles = invoke_cli("query", "zzyzx-no-such-word", db=store)
    assert (articles.code, articles.stdout, articles.stderr) == (0, "", "no articles match\n")
    assert invoke_cli("query", "zzyzx-no-such-word", "--format", "json", db=store).json() == []


def test_site_by_host_name_source_or_without_port(store):
    stored = rows(store, "select id, site, site_name, source_name from articles")
    lantern = [r for r in stored if r["site_name"] == "The Lantern Post"]
    assert lantern
    host, source = lantern[0]["site"], lantern[0]["source_name"]
    expected = sorted(r["id"] for r in stored if r["site"] == host)
    for given in (host, "The Lantern Post", "the lantern post", source, f"www.{host}"):
        found = sorted(ids(invoke_cli("query", "--site", given, "--limit", "1000", "--format", "json", db=store)))
        assert found == expected, given
    # Without the port: every site on that host.
    bare = host.split(":")[0]
    assert len(ids(invoke_cli("query", "--site", bare, "--limit", "1000", "--format", "json", db=store))) == len(stored)


def test_an_unknown_site_gets_the_close_names(store):
    result = invoke_cli("query", "--site", "lantern-pots", db=store)
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("newscrawl: no site lantern-pots in the store (did you mean: ")
    assert "lantern-post" in result.stderr
    for command in (["sites"], ["export"], ["reclean"]):
        other = invoke_cli(*command, "--site", "lantern-pots", db=store)
        assert other.code == 1 and "did you mean" in other.stderr, command


def test_show_finds_a_url_as_ingest_would_store_it(store):
    (article,) = rows(store, "select id, url, author, authors from articles where url like '%/' "
                             "and author is not null order by id limit 1")
    without_slash = article["url"].rstrip("/")
    tracked = article["url"].replace("http://", "HTTP://") + "?utm_source=feed#comments"
    for key in (article["url"], without_slash, tracked):
        result = invoke_cli("show", key, "--format", "json", db=store)
        assert result.code == 0, (key, result.stderr)
        assert result.json()["id"] == article["id"]
    text = invoke_cli("show", str(article["id"]), db=store).stdout
    assert re.search(rf"^authors?: +{re.escape(article['author'])}$", text, re.M), text


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("command", [["query", "--limit", "50"], ["stories"], ["sites"], ["query", "--story", "{story}"]])
def test_tables_fit_the_width_and_keep_words_and_timestamps(store, demo_store, width, command):
    story = rows(store, "select story_id from articles group by story_id order by count(*) desc limit 1")[0]["story_id"]
    args = [a.replace("{story}", str(story)) for a in command]
    result = invoke_cli("--sources", str(demo_store.sources), *args, db=store, columns=width)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 3
    assert all(cell_len(line) <= width for line in lines), max(cell_len(line) for line in lines)
    titles = {r["title"] for r in rows(store, "select title from articles")}
    names = {r["site_name"] for r in rows(store, "select distinct site_name from articles")}
    body = "\n".join(lines[2:])
    # Sites are shown by their names.
    assert any(name in body for name in names), (names, body)
    for line in lines[2:]:
        # A timestamp is whole: never cut to a date and a half.
        for stamp in TIMESTAMP.findall(line):
            assert len(stamp) in (10, 16, 19, 25), stamp
        # A title is whole, or a word-ending prefix of one, with an ellipsis.
        if line.endswith("…") and args[0] != "sites":
            start = max(line.rfind("  ") + 2, 0)
            kept = line[start:-1]
            assert any(t.startswith(kept) and (len(t) == len(kept) or not t[len(kept)].isalnum()
                                               or not kept[-1].isalnum()) for t in titles), line
    if width == 200 and args[0] == "query":
        # Wide enough: every title whole.
        assert all(any(line.endswith(t) for t in titles) for line in lines[2:])


def test_sources_table_at_80_columns(demo_store):
    result = invoke_cli("--sources", str(demo_store.sources), "sources", db=demo_store.db, columns=80)
    assert result.code == 0, result.stderr
    assert all(cell_len(line) <= 80 for line in result.stdout.splitlines())
    assert "lantern-post" in result.stdout and "ok (" in result.stdout


def test_piped_output_follows_columns(store):
    result = run_cli("query", "--limit", "50", db=store, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    widest = max(cell_len(line) for line in result.stdout.splitlines())
    assert 60 < widest <= 80
    wide = run_cli("query", "--limit", "50", db=store, env={"COLUMNS": "200"})
    assert max(cell_len(line) for line in wide.stdout.splitlines()) > 80
