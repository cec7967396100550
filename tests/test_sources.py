"""The sources file: format, validation and the one-line errors, plus `newscrawl sources`."""

from __future__ import annotations

import pytest

from newscrawl.sources import SourcesError, load_sources, parse_duration, parse_sources
from tests.conftest import run_cli
from tests.discovery_site import FAST, ConditionalSite, build_site, write_sources

GOOD = """
[[source]]
name = "gulf-wire"
feeds = ["https://gulf-wire.example/feed/"]
sitemaps = ["https://gulf-wire.example/robots.txt"]
start_urls = ["https://gulf-wire.example/"]
every = "30m"
language = "en"
allow = ["/news/"]
deny = ["/news/live/"]
max_pages = 200
max_depth = 1
junk = ["Subscribe to Gulf Wire Daily"]
delay = 2.5
concurrency = 1
settings = { DOWNLOAD_TIMEOUT = 20 }
"""


def test_every_key_is_read():
    (source,) = parse_sources(GOOD)
    assert source.name == "gulf-wire"
    assert source.interval == 1800
    assert source.language == "en"
    assert source.max_pages == 200 and source.max_depth == 1
    assert source.junk == ["Subscribe to Gulf Wire Daily"]
    assert source.url_allowed("https://gulf-wire.example/news/a.html")
    assert not source.url_allowed("https://gulf-wire.example/news/live/b.html")
    assert not source.url_allowed("https://gulf-wire.example/sport/c.html")
    assert source.crawl_settings() == {
        "DOWNLOAD_TIMEOUT": 20, "DOWNLOAD_DELAY": 2.5, "AUTOTHROTTLE_START_DELAY": 2.5,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    }


@pytest.mark.parametrize("text,seconds", [("90s", 90), ("15m", 900), ("1h", 3600), ("1d", 86400), ("1h30m", 5400)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "body,expected",
    [
        ('[[source]]\nname = "a"\nfeedz = ["https://a.example/feed"]', "unknown key 'feedz'"),
        ('[[source]]\nname = "a"\nfeeds = ["file:///etc/passwd"]', "unsupported scheme 'file:'"),
        ('[[source]]\nname = "a"\nfeeds = "https://a.example/feed"', "'feeds' must be a list of strings"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\nevery = "often"', "'every' must be a duration"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\ndeny = ["("]', "invalid regular expression"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\n[[source]]\nname = "a"\nfeeds = ["https://a.example/"]',
         "defined twice"),
        ('[[source]]\nname = "a"', "at least one of 'feeds', 'sitemaps' or 'start_urls'"),
        ('[[source]\nname = "a"', "line 1"),
        ('[sources]\nname = "a"', "unknown top-level key 'sources'"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\nsettings = {DOWNLOAD_DELAY = "soon"}',
         "'settings.DOWNLOAD_DELAY' expects a number, got 'soon'"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/"]\nsettings = {ROBOTSTXT_OBEY = "maybe"}',
         "'settings.ROBOTSTXT_OBEY' expects true or false"),
    ],
)
def test_bad_files_are_one_line_errors(body, expected):
    with pytest.raises(SourcesError) as caught:
        parse_sources(body, "s.toml")
    message = str(caught.value)
    assert expected in message and message.startswith("s.toml: ") and "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(SourcesError, match="no sources file"):
        load_sources(tmp_path / "absent.toml")


@pytest.mark.crawl
@pytest.mark.parametrize(
    "body,expected",
    [
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/feed"]\nevery = 30m\n', "line 4"),
        ('[[source]]\nname = "a"\nfeeds = ["https://a.example/feed"]\nevry = "1h"\n', "unknown key 'evry'"),
    ],
)
def test_cli_reports_bad_sources_file_in_one_line_with_exit_2(tmp_path, db_path, body, expected):
    path = tmp_path / "sources.toml"
    path.write_text(body)
    for command in (["crawl"], ["schedule", "--once"], ["sources"]):
        result = run_cli("--sources", str(path), *command, db=db_path)
        assert result.code == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert str(path) in lines[0] and expected in lines[0]
        assert "Traceback" not in result.stderr


@pytest.mark.crawl
def test_unknown_source_name_is_exit_2(tmp_path, db_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    result = run_cli("--sources", str(path), "crawl", "no-such-source", db=db_path)
    assert result.code == 2
    assert result.stderr.strip() == (
        f"newscrawl: error: unknown source 'no-such-source' in {path} (known: gulf-wire)"
    )


@pytest.mark.crawl
def test_sources_command_lists_last_run_result_and_next_due(tmp_path, db_path):
    site = build_site(ConditionalSite())
    try:
        path = write_sources(tmp_path / "sources.toml", site.base, every="2h")
        before = run_cli("--sources", str(path), "sources", "--format", "json", db=db_path)
        assert before.code == 0, before.stderr
        assert {r["name"]: r["next_due"] for r in before.json()} == {
            "valley-feeds": "now", "valley-sitemaps": "now", "valley-site": "now"}
        assert run_cli("--sources", str(path), "crawl", "valley-feeds", *FAST, db=db_path).code == 0
        after = {r["name"]: r for r in run_cli("--sources", str(path), "sources", "--format", "json", db=db_path).json()}
        feeds = after["valley-feeds"]
        assert feeds["status"] == "ok" and feeds["result"].startswith("ok (5 stored")
        assert feeds["last_run"] and feeds["next_due"] > feeds["last_run"]
        assert after["valley-site"]["last_run"] is None and after["valley-site"]["next_due"] == "now"
        table = run_cli("--sources", str(path), "sources", db=db_path)
        assert "valley-feeds" in table.stdout and "2h" in table.stdout
    finally:
        site.close()
