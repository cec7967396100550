"""Speed and memory of newscrawl on real pages, measured (never asserted in tests).

Figures, all from one run so their ratios hold on a shared machine:
  stages     CPU per page of each stage of the page function (extract, clean,
             language, mt score, fingerprint) and of the store's batched write, on the
             181 pages of the shared article-extraction benchmark, one core;
             against bare `trafilatura.extract(html, include_comments=False)`.
  ingest     end to end: `newscrawl ingest --from-file` of those pages served
             as N URLs (each page under several addresses) by a local HTTP
             server, politeness delays off; wall time, pages/s, peak memory
             (the crawl process, its largest worker, and the sum of the
             process tree's proportional set sizes), CPU time of the crawl
             process (reactor, writer thread, start-up) and of the workers,
             against a bare
             single-process trafilatura loop over the same N pages in the
             same run; for each worker count asked for.
  clean      `newscrawl clean --html` on M saved pages (all cores) against the
             bare loop over the same pages.

Usage: python benchmarks/speed.py [--urls N ...] [--workers W ...] [--clean-pages M] [--stages-only] [--json]
The machine is shared: compare figures measured in one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def load_pages() -> list[bytes]:
    folder = shared_dir() / "benchmarks" / "article-extraction" / "html"
    if not folder.is_dir():
        raise SystemExit(f"speed: data not found: {folder} (set NEWSCRAWL_SHARED)")
    return [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]


# -- one core: the stages ------------------------------------------------------


def bench_stages(pages: list[bytes]) -> dict:
    import trafilatura

    from cleaning.page import DEFAULT_PAGE_OPTIONS as options
    from cleaning.page import clean_record, detect_record_language, fingerprint_record, process_page, score_record
    from cleaning.extract import extract_article
    from db.store import Store, compress_html

    texts = [p.decode("utf-8", "replace") for p in pages]
    url = "https://example.org/news/article"
    # Warm the read-once phrase lists and language profiles, as a crawl's
    # workers are (the profiles load when a page first needs langdetect,
    # which the first page may not).
    from cleaning.page import warm_up

    warm_up()
    process_page(texts[0], url)
    trafilatura.extract(texts[0], include_comments=False)

    def cpu(fn):
        start = time.process_time()
        fn()
        return time.process_time() - start

    bare = cpu(lambda: [trafilatura.extract(h, include_comments=False) for h in texts])
    records, costs = [], {"extract": 0.0, "clean": 0.0, "language": 0.0, "mt_score": 0.0, "fingerprint": 0.0}
    per_page = []
    for html in texts:
        start = time.process_time()
        t0 = time.process_time()
        record = extract_article(html, url)
        costs["extract"] += time.process_time() - t0
        if not record.rejected and record.text.strip():
            t0 = time.process_time()
            clean_record(record, options)
            costs["clean"] += time.process_time() - t0
            t0 = time.process_time()
            detect_record_language(record, options.language)
            costs["language"] += time.process_time() - t0
            t0 = time.process_time()
            score_record(record, options.mt_score)
            costs["mt_score"] += time.process_time() - t0
            t0 = time.process_time()
            fingerprint_record(record)
            costs["fingerprint"] += time.process_time() - t0
        per_page.append(time.process_time() - start)
        records.append(record)
    with tempfile.TemporaryDirectory() as tmp:
        for i, record in enumerate(records):
            record.url, record.site, record.fetched_at = f"https://example.org/{i}", "example.org", "2024-05-01T00:00:00+00:00"
        blobs = [compress_html(h) for h in texts]
        store = Store(Path(tmp) / "bench.db")
        store_cpu = cpu(lambda: [store.write_batch(list(zip(records[i:i + 50], blobs[i:i + 50])))
                                 for i in range(0, len(records), 50)])
        store.close()
    n = len(texts)
    total = sum(costs.values())
    return {
        "pages": n,
        "bare_trafilatura_ms_per_page": round(1000 * bare / n, 2),
        "page_function_ms_per_page": round(1000 * total / n, 2),
        "page_function_median_ms": round(1000 * statistics.median(per_page), 2),
        "ratio_to_bare": round(total / bare, 2),
        "stage_ms_per_page": {k: round(1000 * v / n, 2) for k, v in costs.items()},
        "store_ms_per_page": round(1000 * store_cpu / n, 2),
    }


# -- end to end ------------------------------------------------------------------


class PageServer:
    """Serves page i of the corpus at /<copy>/<i>.html, from a thread."""

    def __init__(self, pages: list[bytes]):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                if self.path == "/robots.txt":
                    body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
                else:
                    index = int(self.path.rsplit("/", 1)[-1].split(".")[0])
                    body, ctype = pages[index % len(pages)], "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def urls(self, n: int, pages: int) -> list[str]:
        return [f"{self.base}/copy{i // pages}/{i}.html" for i in range(n)]

    def close(self):
        self.server.shutdown()


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return pids


def _kib(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler:
    """Peak RSS of the crawl process, of its largest worker, and of the summed
    proportional set sizes of the whole process tree (shared pages counted once)."""

    def __init__(self, pid: int):
        self.pid, self.stop = pid, threading.Event()
        self.main = self.worker = self.pss = 0
        self.cpu: dict[int, float] = {}  # CPU seconds of each process of the tree, as last seen
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            pids = _tree(self.pid)
            self.main = max(self.main, _kib(self.pid, "status", "VmRSS:"))
            for pid in pids[1:]:
                self.worker = max(self.worker, _kib(pid, "status", "VmRSS:"))
            self.pss = max(self.pss, sum(_kib(pid, "smaps_rollup", "Pss:") for pid in pids))
            for pid in pids:
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    self.cpu[pid] = seconds
            time.sleep(0.1)

    def close(self) -> dict:
        self.stop.set()
        self.thread.join()
        crawl_cpu = self.cpu.pop(self.pid, 0.0)
        return {"crawl_process_mb": round(self.main / 1024, 1), "largest_worker_mb": round(self.worker / 1024, 1),
                "process_tree_pss_mb": round(self.pss / 1024, 1), "crawl_process_cpu_s": round(crawl_cpu, 2),
                "workers_cpu_s": round(sum(self.cpu.values()), 2)}


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process (its threads included)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bare_loop_seconds(pages: list[bytes], n: int) -> float:
    import trafilatura

    start = time.perf_counter()
    for i in range(n):
        trafilatura.extract(pages[i % len(pages)].decode("utf-8", "replace"), include_comments=False)
    return time.perf_counter() - start


def bench_ingest(server: PageServer, pages: list[bytes], n: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        urls = Path(tmp) / "urls.txt"
        urls.write_text("\n".join(server.urls(n, len(pages))))
        cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db), "ingest", "--from-file", str(urls),
               "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
               "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "--set", f"NEWSCRAWL_WORKERS={workers}"]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        sampler = MemorySampler(proc.pid)
        _out, err = proc.communicate()
        wall = time.perf_counter() - start
        memory = sampler.close()
        if proc.returncode != 0:
            raise SystemExit(f"speed: ingest failed: {err.strip().splitlines()[-1:]}")
        db_bytes = db.stat().st_size
    per_page = {"crawl_process_cpu_ms_per_page": round(1000 * memory["crawl_process_cpu_s"] / n, 1),
                "workers_cpu_ms_per_page": round(1000 * memory["workers_cpu_s"] / n, 1)}
    return {"urls": n, "workers": workers, "summary": err.strip().splitlines()[-1], "wall_s": round(wall, 2),
            "pages_per_s": round(n / wall, 1), **memory, **per_page, "db_bytes_per_article": db_bytes // n}


def bench_clean(pages: list[bytes], m: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(m):
            path = Path(tmp) / f"page-{i}.html"
            path.write_bytes(pages[i % len(pages)])
            files.append(str(path))
        cmd = [sys.executable, "-m", "newscrawl.cli", "clean", "--html", "--format", "jsonl", *files]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        printed = len(proc.stdout.splitlines())
    bare = bare_loop_seconds(pages, m)
    return {"pages": m, "printed": printed, "wall_s": round(wall, 2), "bare_loop_s": round(bare, 2),
            "speedup_over_bare": round(bare / wall, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, nargs="+", default=[724], help="URLs per ingest run (default 724)")
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1],
                        help="NEWSCRAWL_WORKERS values to run the ingest with (default: the number of cores)")
    parser.add_argument("--clean-pages", type=int, default=362, help="pages for the clean --html run (0: skip)")
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--stages-only", action="store_true",
                        help="only the one-core stage figures (no ingest, no clean run)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pages = load_pages()
    result: dict = {"cores": os.cpu_count()}
    # The crawls run first, in children, while this process is still small.
    if args.stages_only:
        args.urls, args.clean_pages, args.skip_stages = [], 0, False
    server = PageServer(pages) if args.urls else None
    try:
        runs = []
        for n in args.urls:
            bare = bare_loop_seconds(pages, n)
            for workers in args.workers:
                run = bench_ingest(server, pages, n, workers)
                run["bare_loop_s"] = round(bare, 2)
                run["ratio_to_bare"] = round(bare / run["wall_s"], 2)
                runs.append(run)
        if runs:
            result["ingest"] = runs
    finally:
        if server is not None:
            server.close()
    if args.clean_pages:
        result["clean"] = bench_clean(pages, args.clean_pages)
    if not args.skip_stages:
        result["stages"] = bench_stages(pages)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for section, figures in result.items():
            print(section, json.dumps(figures, indent=2) if not isinstance(figures, int) else figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
