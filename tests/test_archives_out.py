"""WARC out: a crawl keeps every response and its request; the archive reads back into the same articles."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("warcio")

from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from newscrawl.demo import serve_demo  # noqa: E402
from tests.conftest import FAST, rows, run_cli  # noqa: E402

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

MAX_BYTES = 30_000


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The demo sites crawled once with --warc-dir, files rotated at MAX_BYTES."""
    folder = tmp_path_factory.mktemp("crawl")
    with serve_demo() as demo:
        sources = folder / "sources.toml"
        sources.write_text("".join(
            f'[[source]]\nname = "{site.name}"\nfeeds = {site.feeds!r}\nsitemaps = {site.sitemaps!r}\n'
            f'start_urls = {site.start_urls!r}\nevery = "1h"\n'.replace("'", '"')
            for site in demo.sites), encoding="utf-8")
        result = run_cli("--sources", str(sources), "crawl", "--warc-dir", str(folder / "warc"), *FAST,
                         "--set", f"NEWSCRAWL_WARC_MAX_BYTES={MAX_BYTES}", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
                         db=folder / "crawl.db", timeout=300)
        assert result.code == 0, result.stderr
        requested = [demo.url(name, path) for name, path in demo.requests]
    return {"folder": folder, "db": folder / "crawl.db", "files": sorted((folder / "warc").glob("*.warc.gz")),
            "requests": requested}


def read_records(path):
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            body = record.content_stream().read()
            yield record, iterator.get_record_offset(), body


def test_every_fetched_response_and_its_request_are_kept_in_rotated_files(crawled):
    files = crawled["files"]
    assert len(files) > 3  # one crawl per source, each rotated at MAX_BYTES
    responses, requests = {}, {}
    for path in files:
        records = list(read_records(path))
        info, _offset, payload = records[0]
        # Each file names newscrawl and what the crawl ran with.
        assert info.rec_type == "warcinfo" and info.rec_headers.get_header("WARC-Filename") == path.name
        assert b"software: newscrawl/" in payload and b"robots: obey" in payload
        assert b"newscrawl-setting-NEWSCRAWL_WARC_MAX_BYTES: " + str(MAX_BYTES).encode() in payload
        assert all(record.rec_type != "warcinfo" for record, _o, _b in records[1:])
        for record, _offset, _body in records[1:]:
            kind = record.rec_type
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            (responses if kind == "response" else requests)[record_id] = record
        # Rotation: a file ends with the first exchange that takes it past the limit.
        last_response = max(offset for record, offset, _b in records if record.rec_type == "response")
        assert last_response < MAX_BYTES
    full = [path for path in files if path.stat().st_size >= MAX_BYTES]
    assert len(full) >= len(files) - 3  # all but the last file of each of the three crawls
    # Every answer the servers gave, once, and one request record pointing at each.
    assert sorted(r.rec_headers.get_header("WARC-Target-URI") for r in responses.values()) == sorted(crawled["requests"])
    assert len(requests) == len(responses)
    linked = {r.rec_headers.get_header("WARC-Concurrent-To") for r in requests.values()}
    assert linked == set(responses)
    for request in requests.values():
        assert request.http_headers.get_header("User-Agent").startswith("newscrawl/")
    kinds = {r.http_headers.get_header("Content-Type").split(";")[0] for r in responses.values()}
    assert {"text/html", "text/plain", "application/rss+xml", "application/atom+xml"} <= kinds


def test_standard_tools_read_the_files_and_their_digests_pass(crawled):
    result = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()", "check", "-v",
                             *map(str, crawled["files"])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout and "digest fail" not in result.stdout


def test_each_article_row_points_at_its_response_record(crawled):
    stored = rows(crawled["db"])
    assert len(stored) >= 30
    for row in stored:
        with open(row["warc_file"], "rb") as fh:
            fh.seek(row["warc_offset"])
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == row["fetched_url"]
            assert record.http_headers.get_statuscode() == "200"


def test_crawl_then_ingest_the_warc_into_a_fresh_database_gives_the_same_articles(crawled, tmp_path):
    fresh = tmp_path / "fresh.db"
    result = run_cli("ingest", "--warc", *map(str, crawled["files"]), db=fresh)
    assert result.code == 0, result.stderr
    crawl = {row["url"]: row for row in rows(crawled["db"])}
    again = {row["url"]: row for row in rows(fresh)}
    assert set(again) == set(crawl)
    for url, row in crawl.items():
        for column in ("title", "text", "language", "source_url", "canonical_url", "published", "warc_file",
                       "warc_offset"):
            assert again[url][column] == row[column], (url, column)
    # Stories are formed the same way from the same texts.
    def groups(db):
        by_story = {}
        for row in rows(db):
            by_story.setdefault(row["story_id"], set()).add(row["url"])
        return sorted(sorted(group) for group in by_story.values())

    assert groups(fresh) == groups(crawled["db"])


def test_reclean_keeps_where_each_article_is_archived(crawled, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(crawled["db"].read_bytes())
    before = {row["url"]: (row["warc_file"], row["warc_offset"]) for row in rows(copy)}
    result = run_cli("reclean", db=copy)
    assert result.code == 0, result.stderr
    assert {row["url"]: (row["warc_file"], row["warc_offset"]) for row in rows(copy)} == before


def test_ingest_of_urls_keeps_a_warc_too(tmp_path, db_path):
    with serve_demo() as demo:
        url = demo.article_urls[0]
        result = run_cli("ingest", url, "--warc-dir", str(tmp_path / "warc"), *FAST, db=db_path)
    assert result.code == 0, result.stderr
    (path,) = (tmp_path / "warc").glob("*.warc.gz")
    kinds = [(record.rec_type, record.rec_headers.get_header("WARC-Target-URI")) for record, _o, _b in read_records(path)]
    robots = url.split("/", 3)[0:3]
    assert kinds == [("warcinfo", None), ("response", "/".join(robots) + "/robots.txt"),
                     ("request", "/".join(robots) + "/robots.txt"), ("response", url), ("request", url)]
    (row,) = rows(db_path)
    assert (row["warc_file"], row["warc_offset"]) == (str(path), [o for r, o, _b in read_records(path)][3])


def test_a_warc_dir_that_cannot_be_used_is_one_line(tmp_path, db_path):
    taken = tmp_path / "file"
    taken.write_text("")
    result = run_cli("ingest", "http://127.0.0.1:9/a.html", "--warc-dir", str(taken), db=db_path)
    assert (result.code, result.stderr) == (2, f"newscrawl: error: --warc-dir {taken} is a file, not a folder\n")
    bad_size = run_cli("ingest", "http://127.0.0.1:9/a.html", "--warc-dir", str(tmp_path / "w"), db=db_path,
                       env={"NEWSCRAWL_WARC_MAX_BYTES": "lots"})
    assert bad_size.code == 2 and "NEWSCRAWL_WARC_MAX_BYTES=lots: expects a number of bytes" in bad_size.stderr
