"""`newscrawl ingest --warc`: WARC files written with warcio from the demo sites' real answers."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("warcio")

from warcio.archiveiterator import ArchiveIterator  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from newscrawl.demo import serve_demo  # noqa: E402
from tests.conftest import ROOT, rows, run_cli  # noqa: E402
from tests.warc_files import (  # noqa: E402
    capture, fetch, without_meta_charset, write_metadata, write_response, write_warcinfo,
)

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELSEWHERE = "https://elsewhere.example/2025/03/ghost-orchid.html"


@pytest.fixture(scope="module")
def demo():
    with serve_demo() as sites:
        yield sites


@pytest.fixture(scope="module")
def archive(demo, tmp_path_factory):
    """One .warc.gz: every demo article and a 404 as fetched (request and
    response records), plus a PDF, a truncated record, a Russian page in
    windows-1251 named only by its HTTP header, a page of another host, a
    warcinfo and a metadata record."""
    folder = tmp_path_factory.mktemp("warc")
    path = folder / "demo.warc.gz"
    russian = next(a for a in demo.articles if a.language == "ru")
    _status, _type, russian_page = fetch(russian.url)
    orchid = next(a for a in demo.articles if a.story == "kelder-orchid")
    _status, orchid_type, orchid_page = fetch(orchid.url)
    legacy_url = russian.url + "?charset=windows-1251"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        write_warcinfo(writer, path.name)
        capture(writer, demo.article_urls + [demo.url("lantern-post", "/no-such-page/")])
        write_response(writer, demo.url("lantern-post", "/files/budget-2025.pdf"), PDF, "application/pdf")
        write_response(writer, demo.url("corvina-magazine", "/cut/orchid.html"), orchid_page[: len(orchid_page) // 3],
                       orchid_type, warc_headers={"WARC-Truncated": "length"})
        legacy = without_meta_charset(russian_page).decode("utf-8").encode("windows-1251", "xmlcharrefreplace")
        write_response(writer, legacy_url, legacy, "text/html; charset=windows-1251")
        write_response(writer, ELSEWHERE, orchid_page, orchid_type)
        write_metadata(writer, ELSEWHERE)
    return {"path": path, "russian": russian, "legacy_url": legacy_url, "articles": len(demo.articles)}


def expected_summary(read, stored, skipped, failed=0, not_articles=0):
    parts = [f"{stored} stored", "0 updated", "0 unchanged"]
    if not_articles:
        parts.append(f"{not_articles} not an article")
    parts.append(f"{failed} failed")
    reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(skipped.items(), key=lambda kv: -kv[1]))
    parts.append(f"{sum(skipped.values())} skipped ({reasons})")
    return f"{read} records read: " + ", ".join(parts)


def records_of(path):
    with open(path, "rb") as fh:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]


def record_at(path, offset):
    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        return record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers.get_header("WARC-Date")


def test_every_html_response_is_an_article_and_every_other_record_is_counted(demo, archive, db_path):
    result = run_cli("ingest", "--warc", str(archive["path"]), db=db_path)
    assert result.code == 0, result.stderr
    n = archive["articles"]
    assert len(records_of(archive["path"])) == 1 + 2 * (n + 1) + 5
    summary = expected_summary(
        read=1 + 2 * (n + 1) + 5, stored=n + 2,
        skipped={"request record": n + 1, "warcinfo record": 1, "not HTTP 200": 1, "not HTML": 1, "truncated": 1,
                 "metadata record": 1})
    assert result.stderr.strip().splitlines()[-1] == summary
    stored = {row["url"]: row for row in rows(db_path)}
    assert set(stored) == set(demo.article_urls) | {archive["legacy_url"], ELSEWHERE}
    for article in demo.articles:
        row = stored[article.url]
        assert row["language"] in (article.language, "und" if article.brief else article.language), article.url
        assert row["text"] and row["http_status"] == 200 and row["site"] == article.url.split("/")[2]
    # Each row points at its own response record, and its fetch time is the record's.
    for row in stored.values():
        assert row["warc_file"] == str(archive["path"].resolve())
        kind, target, date = record_at(row["warc_file"], row["warc_offset"])
        assert (kind, target) == ("response", row["fetched_url"])
        assert row["fetched_at"].replace("+00:00", "Z") == date
    # windows-1251 named only by the HTTP header: the same text as the page served in UTF-8.
    legacy, original = stored[archive["legacy_url"]], stored[archive["russian"].url]
    assert legacy["text"] == original["text"] and legacy["title"] == original["title"]
    assert "\ufffd" not in legacy["text"] and legacy["language"] == "ru"


def test_host_and_language_filters(demo, archive, tmp_path):
    n = archive["articles"]
    by_host = run_cli("ingest", "--warc", str(archive["path"]), "--host", "elsewhere.example", db=tmp_path / "h.db")
    assert by_host.code == 0, by_host.stderr
    assert [r["url"] for r in rows(tmp_path / "h.db")] == [ELSEWHERE]
    # Every response of another host is left before its status or payload is looked at.
    assert f"other site: {n + 4}," in by_host.stderr  # the articles, the 404, the PDF, the cut and the legacy page

    russian = sorted(a.url for a in demo.articles if a.language == "ru")
    by_language = run_cli("ingest", "--warc", str(archive["path"]), "--lang", "ru", db=tmp_path / "l.db")
    assert by_language.code == 0, by_language.stderr
    assert sorted(r["url"] for r in rows(tmp_path / "l.db")) == sorted(russian + [archive["legacy_url"]])
    assert f"other language: {n + 2 - len(russian) - 1}" in by_language.stderr


def test_standard_input_and_an_uncompressed_warc(archive, tmp_path, db_path):
    plain = gzip.decompress(archive["path"].read_bytes())
    result = run_cli("ingest", "--warc", "-", db=db_path, input=plain)
    assert result.code == 0, result.stderr
    assert f"{archive['articles'] + 2} stored" in result.stderr
    # Nothing to point back to: standard input has no file name.
    assert {(r["warc_file"], r["warc_offset"]) for r in rows(db_path)} == {(None, None)}


def test_a_cut_file_a_file_that_is_no_warc_and_a_missing_file(archive, tmp_path, db_path):
    plain = gzip.decompress(archive["path"].read_bytes())
    # Cut inside the last page record (the one of another host, before the metadata record).
    start = plain.rindex(b"WARC/1.0\r\nWARC-Type: response")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(plain[: start + 2000])
    garbage = tmp_path / "notes.warc.gz"
    garbage.write_bytes(gzip.compress(b"these are notes, not a web archive\n" * 20))
    result = run_cli("ingest", "--warc", str(cut), str(garbage), str(tmp_path / "missing.warc"), db=db_path)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{garbage}: not a readable WARC file") for line in lines), result.stderr
    assert f"{tmp_path / 'missing.warc'}: cannot read: No such file or directory" in lines
    assert "truncated: 2" in lines[-1]  # the WARC-Truncated record and the cut one
    assert lines[-1].endswith("; 2 files could not be read to the end")
    assert ELSEWHERE not in {r["url"] for r in rows(db_path)}


def test_without_warcio_one_line_says_how_to_get_it(archive, tmp_path, db_path):
    blocker = tmp_path / "no-warcio" / "warcio"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('warcio is not installed here')\n")
    env = {"PYTHONPATH": f"{blocker.parent}{os.pathsep}{ROOT}"}
    result = run_cli("ingest", "--warc", str(archive["path"]), db=db_path, env=env)
    assert result.code == 2
    assert result.stderr == "newscrawl: error: WARC files need warcio: pip install 'newscrawl[warc]'\n"
    # Keeping a WARC of a crawl is refused before anything is fetched.
    fetching = run_cli("ingest", "http://127.0.0.1:9/a.html", "--warc-dir", str(tmp_path / "out"), db=db_path, env=env)
    assert fetching.code == 2 and fetching.stderr == result.stderr


@pytest.mark.parametrize("args, message", [
    (["--warc", "--html", "a.warc"], "--warc and --html cannot be used together"),
    (["--warc"], "no file given (pass WARC files)"),
    (["--warc", "a.warc", "--base-url", "https://example.org/"], "--base-url goes with --html"),
    (["--warc", "a.warc", "--lang", "english"], "--lang english: expects an ISO 639-1 code"),
    (["--warc", "a.warc", "--site", "https://example.org/news"], "--site https://example.org/news: give a host"),
    (["https://example.org/a.html", "--lang", "en"], "--base-url, --site and --lang go with --warc or --html"),
])
def test_bad_usage_is_one_line(args, message, db_path):
    result = run_cli("ingest", *args, db=db_path)
    assert result.code == 2
    assert result.stderr.startswith(f"newscrawl: error: {message}") and result.stderr.count("\n") == 1


def test_ctrl_c_stops_reading_keeps_what_is_stored_and_says_so(demo, tmp_path, db_path):
    path = tmp_path / "many.warc.gz"
    pages = [fetch(url) for url in demo.article_urls]
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(400):
            _status, content_type, body = pages[n % len(pages)]
            write_response(writer, f"http://copies.example/{n}/{demo.article_urls[n % len(pages)].split('/', 3)[3]}",
                           body, content_type)
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "ingest", "--warc", str(path)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if db_path.exists() and rows(db_path, "select count(*) as n from articles")[0]["n"] >= 2:
                break
        except Exception:
            pass
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    summary, last = err.strip().splitlines()[-2:]
    assert last == "newscrawl: interrupted by SIGINT"
    read = int(summary.split(" records read")[0])
    stored = int(summary.split(": ")[1].split(" stored")[0])
    assert 0 < stored <= read < 400
    assert len(rows(db_path, "select id from articles")) == stored
    assert rows(db_path, "pragma integrity_check") == [{"integrity_check": "ok"}]
