"""Speed and memory of newscrawl, measured (never asserted in tests).

Two figures:
  1. CPU cost of one page: the page function (`cleaning.page.process_page`:
     extraction, metadata, cleaning, language detection), and extraction
     alone, beside plain `trafilatura.extract(html, include_comments=False)`
     in the same run, over the shared article-extraction pages (or the test
     pages when ../shared is absent), after one warm-up pass.
  2. End to end: `newscrawl ingest` of N generated article pages served on
     127.0.0.1, in a child process: wall time, pages per second, peak memory
     of the crawl process, database bytes per article.

Usage: python benchmarks/speed.py [--pages N] [--json]
The machine is shared: compare figures measured in one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.extract import extract_article  # noqa: E402
from cleaning.page import process_page  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def load_pages() -> tuple[str, list[str]]:
    folder = shared_dir() / "benchmarks" / "article-extraction" / "html"
    if folder.is_dir():
        pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(folder.glob("*.html.gz"))]
        return f"{len(pages)} pages of the shared extraction benchmark", pages
    pages = [p.read_text("utf-8", "replace") for p in sorted((ROOT / "tests" / "pages").glob("*.html"))]
    return f"{len(pages)} test pages (shared data absent)", pages


def _cpu_ms(pages: list[str], function) -> list[float]:
    """CPU milliseconds of `function` on each page."""
    times = []
    for html in pages:
        start = time.process_time()
        function(html)
        times.append((time.process_time() - start) * 1000)
    return times


def bench_cpu() -> dict:
    import trafilatura

    label, pages = load_pages()
    url = "https://example.org/article"
    plain = lambda html: trafilatura.extract(html, include_comments=False)  # noqa: E731
    page = lambda html: process_page(html, url)  # noqa: E731
    extraction = lambda html: extract_article(html, url)  # noqa: E731
    _cpu_ms(pages, page)  # warm-up: phrase lists, dateparser's patterns
    base = statistics.mean(_cpu_ms(pages, plain))
    extract_ms = statistics.mean(_cpu_ms(pages, extraction))
    times = sorted(_cpu_ms(pages, page))
    return {
        "corpus": label,
        "trafilatura_extract_mean_ms": round(base, 1),
        "extract_article_mean_ms": round(extract_ms, 1),
        "page_function_mean_ms": round(statistics.mean(times), 1),
        "page_function_vs_trafilatura": round(statistics.mean(times) / base, 2),
        "extraction_vs_trafilatura": round(extract_ms / base, 2),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "pages_per_s_one_core": round(1000 * len(times) / sum(times), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Report {n}: council weighs budget for district {n} – Example Wire</title>
<meta property="article:published_time" content="2024-05-{day:02d}T08:00:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<article><h1>Report {n}: council weighs budget for district {n}</h1>
<p>The council of district {n} met on Monday to discuss a budget of {n}00 thousand for roads, schools and the library, and members asked for a detailed plan before the summer recess.</p>
<p>Residents who attended the meeting said the district had waited years for repairs on the main road; several of them described potholes that had damaged cars and bicycles over the winter.</p>
<p>The treasurer said the money would come from a reserve fund and from a grant that the region approved in March, and that the vote would take place at the next session in two weeks.</p>
<p>Officials from neighbouring districts are expected to attend, since the road connects their villages to the railway station and the regional hospital, which serves about {n} thousand people.</p>
<p><a href="https://origin.example/news/{n}">Source link</a></p></article>
<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></div>
</body></html>"""


def bench_crawl(n_pages: int) -> dict:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                n = int(self.path.strip("/").split("-")[-1].split(".")[0])
                body, ctype = ARTICLE.format(n=n, day=n % 28 + 1).encode(), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        urls = Path(tmp) / "urls.txt"
        urls.write_text("\n".join(f"{base}/news/article-{i}.html" for i in range(n_pages)))
        cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db), "ingest", "--from-file", str(urls),
               "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
               "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        server.shutdown()
        if proc.returncode != 0:
            raise SystemExit(f"crawl failed: {proc.stderr.strip().splitlines()[-1:]}")
        db_bytes = db.stat().st_size
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "pages": n_pages,
        "summary": proc.stderr.strip().splitlines()[-1],
        "wall_s": round(wall, 2),
        "pages_per_s": round(n_pages / wall, 1),
        "crawl_cpu_s": round(child.ru_utime + child.ru_stime, 2),
        "crawl_peak_rss_mb": round(child.ru_maxrss / 1024, 1),
        "db_bytes_per_article": db_bytes // n_pages,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="pages in the end-to-end crawl (default 300)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    # The crawl runs first: a child's peak memory counts from the fork, so the
    # parent must not yet hold the decoded benchmark pages.
    crawl = bench_crawl(args.pages)
    result = {"cpu_per_page": bench_cpu(), "crawl": crawl}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for section, figures in result.items():
            print(section)
            for key, value in figures.items():
                print(f"  {key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
