"""`newscrawl ingest` end to end: real HTTP on 127.0.0.1, real SQLite, real CLI."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FAST, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl


def test_ingest_stores_articles_with_metadata_and_source_link(site, cli, db_path):
    wp = site.add_page("/2024/03/ferry.html", "wp-article.html")
    de = site.add_page("/lokales/radwege.html", "de-article.html")
    result = cli("ingest", wp, de, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    assert "2 stored" in result.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    ferry = stored[wp]
    assert ferry["title"] == "Harbour council approves new ferry timetable"
    assert ferry["site"] == site.base.split("//")[1]
    assert ferry["language"] == "en"
    assert ferry["published"].startswith("2024-03-12")
    assert ferry["author"] == "Mara Lindqvist"
    assert ferry["source_url"] == "https://bay-gazette.example/news/ferry-timetable-approved"
    assert "hourly ferry between the old pier" in ferry["text"]
    for junk in ("Leave a Reply", "Your email address", "Related Articles", "Back to top", "Source link"):
        assert junk not in ferry["text"]
    assert stored[de]["language"] == "de"
    assert stored[de]["source_url"] == "https://lindenau-nachrichten.example/radwege-beschluss"
    # The fetched page is kept, compressed, for later re-extraction.
    assert rows(db_path, "select count(*) as n from pages")[0]["n"] == 2


def test_page_declared_windows_1252_by_meta_is_decoded(site, cli, db_path):
    # The header names no charset: only <meta http-equiv> says windows-1252.
    url = site.add_page("/marche.html", "legacy-1252.html", content_type="text/html")
    result = cli("ingest", url, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    (article,) = rows(db_path)
    assert "Après dix-huit mois de travaux" in article["text"]
    assert "verrière" in article["text"]
    assert "\ufffd" not in article["text"]
    assert article["language"] == "fr"


def test_reingest_updates_in_place_and_tracking_parameters_do_not_duplicate(site, cli, db_path):
    url = site.add_page("/a.html", "wp-article.html")
    first = cli("ingest", url, *FAST, db=db_path)
    assert first.code == 0, first.stderr
    again = cli("ingest", url + "?utm_source=feed&utm_medium=rss#comments", *FAST, db=db_path)
    assert again.code == 0, again.stderr
    assert "1 unchanged" in again.stderr
    assert len(rows(db_path)) == 1
    # The page changes: the row is updated and the old text kept as a version.
    page = (site.routes["/a.html"].body.decode("utf-8")).replace("twice-daily crossings", "three daily crossings")
    site.add("/a.html", page)
    changed = cli("ingest", url, *FAST, db=db_path)
    assert "1 updated" in changed.stderr
    (article,) = rows(db_path)
    assert "three daily crossings" in article["text"]
    (version,) = rows(db_path, "select * from article_versions")
    assert "twice-daily crossings" in version["text"]
    assert version["article_id"] == article["id"]


def test_urls_from_file_and_stdin(site, cli, db_path, tmp_path):
    a = site.add_page("/a.html", "wp-article.html")
    b = site.add_page("/b.html", "de-article.html")
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# comment\n{a}\n\n")
    assert cli("ingest", "--from-file", str(listing), *FAST, db=db_path).code == 0
    result = cli("ingest", "--from-file", "-", *FAST, db=db_path, input=b + "\n")
    assert result.code == 0, result.stderr
    assert sorted(r["url"] for r in rows(db_path)) == sorted([a, b])


def test_global_options_work_after_the_command(site, cli, db_path):
    url = site.add_page("/a.html", "wp-article.html")
    result = cli("ingest", url, "--db", str(db_path), *FAST)
    assert result.code == 0, result.stderr
    assert len(rows(db_path)) == 1


def test_each_failure_is_one_line_and_the_rest_is_stored(site, cli, db_path):
    good = site.add_page("/good.html", "wp-article.html")
    site.add_page("/private/secret.html", "de-article.html")
    site.add("/report.pdf", b"%PDF-1.4 not html", content_type="application/pdf")
    site.add("/gone.html", "<html><body>gone</body></html>", status=404)
    site.add("/broken.html", "<html><body>oops</body></html>", status=500)
    site.add_page("/empty.html", "tiny.html")
    site.add_page("/slow.html", "wp-article.html", delay=3)
    site.add("/huge.html", "<html><body>" + "<p>word </p>" * 5000 + "</body></html>")
    urls = {
        site.url("/private/secret.html"): "forbidden by robots.txt",
        site.url("/report.pdf"): "not an HTML page (application/pdf)",
        site.url("/gone.html"): "HTTP 404",
        site.url("/broken.html"): "HTTP 500",
        site.url("/empty.html"): "no article text found",
        site.url("/slow.html"): "timed out after 1 s",
        site.url("/huge.html"): "response larger than the size cap of 20000 bytes",
        "http://127.0.0.1:1/refused.html": "connection refused",
        "ftp://files.example/story.html": "unsupported scheme 'ftp:'",
        "not a url": "not a URL",
        "www.example.org/no-scheme": "not a URL (no scheme",
    }
    result = cli("ingest", good, *urls, *FAST, "--set", "DOWNLOAD_TIMEOUT=1", "--set", "DOWNLOAD_MAXSIZE=20000", db=db_path)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    for url, reason in urls.items():
        matching = [line for line in lines if line.startswith(url + ": ")]
        assert len(matching) == 1, (url, lines)
        assert reason in matching[0], (url, matching[0])
    assert lines[-1] == "1 stored, 0 updated, 0 unchanged, 11 failed"
    assert [r["url"] for r in rows(db_path)] == [good]
    # Nothing under the disallowed path was requested.
    assert not any(p.startswith("/private/") for p in site.paths())


def test_robots_txt_server_error_means_disallow_all(site, cli, db_path):
    site.add("/robots.txt", "oops", status=503, content_type="text/plain")
    url = site.add_page("/a.html", "wp-article.html")
    result = cli("ingest", url, *FAST, db=db_path)
    assert result.code == 1
    # The reason names what happened, not a rule robots.txt does not have.
    assert f"{url}: robots.txt answered 503" in result.stderr.splitlines()
    assert "/a.html" not in site.paths()


def test_usage_errors_exit_2_with_one_line(cli, db_path, tmp_path):
    result = cli("ingest", db=db_path)
    assert result.code == 2
    assert result.stderr.strip() == "newscrawl: error: no URL given (pass URLs or --from-file FILE)"
    result = cli("ingest", "http://127.0.0.1:1/x", "--set", "NOEQUALS", db=db_path)
    assert result.code == 2 and "--set expects NAME=VALUE" in result.stderr
    result = cli("ingest", "http://127.0.0.1:1/x", db=tmp_path / "missing-dir" / "news.db")
    assert result.code == 2 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_host_is_reported_as_dns_failure(site, cli, db_path):
    good = site.add_page("/a.html", "wp-article.html")
    # RFC 6761 reserves .invalid; the test resolver fails it without asking any DNS server.
    result = cli("ingest", good, "http://no-such-host.invalid/story.html", *FAST,
                 "--set", "DNS_RESOLVER=tests.offline_resolver.OfflineResolver", db=db_path)
    assert result.code == 1
    assert "http://no-such-host.invalid/story.html: DNS lookup failed" in result.stderr.splitlines()
    assert [r["url"] for r in rows(db_path)] == [good]


def test_set_value_of_the_wrong_kind_is_a_usage_error(cli, db_path):
    for setting, message in (("DOWNLOAD_TIMEOUT=soon", "expects a number"),
                             ("CONCURRENT_REQUESTS=many", "expects a whole number"),
                             ("ROBOTSTXT_OBEY=maybe", "expects true or false")):
        result = cli("ingest", "http://127.0.0.1:1/x", "--set", setting, db=db_path)
        assert result.code == 2, (setting, result.stderr)
        assert result.stderr.strip() == f"newscrawl: error: --set {setting}: {message}"


def test_a_setting_scrapy_refuses_is_reported_without_traceback(cli, db_path):
    result = cli("ingest", "http://127.0.0.1:1/x", "--set", "LOG_LEVEL=LOUD", db=db_path)
    assert result.code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("newscrawl: error: "), result.stderr
    # A crawl that cannot start is a failed run, never "0 failed" and exit 0.
    result = cli("ingest", "http://127.0.0.1:1/x", "--set", "TWISTED_REACTOR=no.such.Reactor", db=db_path)
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["urls: crawl failed: No module named 'no'",
                                          "0 stored, 0 updated, 0 unchanged, 1 failed"]


def test_a_brief_declared_as_an_article_is_stored_with_undetermined_language(site, cli, db_path):
    brief = site.add_page("/brief.html", "brief.html")
    navigation_only = site.add_page("/gallery.html", "tiny.html")
    result = cli("ingest", brief, navigation_only, *FAST, db=db_path)
    assert result.code == 1
    assert f"{navigation_only}: no article text found" in result.stderr
    (article,) = rows(db_path)
    assert article["url"] == brief
    assert article["text"] == "Crews return to work on Friday after a deal on pay."
    # Too short to tell the language, and the page declares none.
    assert article["language"] == "und"


def test_ingest_stores_authors_publisher_and_dates_with_time(site, cli, db_path):
    url = site.add_page("/coast/lighthouse-keepers.html", "jsonld-article.html")
    other = site.add_page("/2024/03/ferry.html", "wp-article.html")
    result = cli("ingest", url, other, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    article = stored[url]
    # The headline, not the social title; the people, not the site nor a related item's author.
    assert article["title"] == "Lighthouse keepers return to Skerrholm after forty years"
    assert json.loads(article["authors"]) == ["Søren Åkesson", "Lena Hoff"]
    assert article["author"] == "Søren Åkesson, Lena Hoff"
    assert article["publisher"] == "Northern Ledger"
    assert article["published"] == "2024-06-03T07:45:00+02:00"
    assert article["modified"] == "2024-06-03T11:20:00+02:00"
    assert json.loads(stored[other]["authors"]) == ["Mara Lindqvist"]

    def found(*args):
        query = cli("query", *args, "--format", "json", db=db_path)
        assert query.code == 0, query.stderr
        return [row["url"] for row in query.json()]

    assert found("--author", "Søren Åkesson") == [url]
    assert found("--author", "soren akesson") == [url]  # case and accents ignored
    assert found("--author", "HOFF") == [url]
    assert found("--author", "Lindqvist") == [other]
    assert found("--author", "Hof") == []  # whole words
    assert cli("query", "--author", " ", db=db_path).code == 2
    shown = cli("show", url, db=db_path)
    assert shown.code == 0, shown.stderr
    assert "authors:     Søren Åkesson, Lena Hoff" in shown.stdout
    assert "published:   2024-06-03T07:45:00+02:00" in shown.stdout
    assert "modified:    2024-06-03T11:20:00+02:00" in shown.stdout
    assert "why:       choose_title" in shown.stdout and "why:       split_authors" in shown.stdout
