"""Speed and memory of `newscrawl ingest --warc` on generated WARC files (never asserted in tests).

For each size asked for (default 100 MB and 1000 MB of .warc.gz), a WARC is
written in a temporary folder from the 181 real pages of the shared
article-extraction benchmark, repeated under distinct URIs on 50 invented
hosts, each page as a response record followed by its request record (as in
CC-NEWS). `newscrawl ingest --warc` then stores it into a fresh database
with NEWSCRAWL_WORKERS=W; reported: wall time, records and responses per
second, MB of WARC per second and per minute, peak memory (the ingest
process, its largest worker, the summed proportional set sizes of the
process tree, sampled every 0.1 s), database bytes per article. Everything
is deleted afterwards. Memory is flat when the peaks of the small and the
large file are the same.

The pages repeat, so every article has 165 or so exact copies: story
placement finds them by content hash (the cheap path); an archive of distinct
stories costs the near-copy lookup as well.

Usage: python benchmarks/archives.py [--sizes MB ...] [--workers W] [--plain] [--json]
(--plain: uncompressed .warc, about 5.5 times fewer pages per MB, for a
quicker run at the same file size.)
The machine is shared: compare figures measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import MemorySampler, load_pages  # noqa: E402

HOSTS = 50


def write_warc(path: Path, pages: list[bytes], target_bytes: int, compress: bool = True) -> dict:
    """Response + request records of the pages, round after round, until the file reaches target_bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    responses = 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "benchmarks/archives.py"}))
        while fh.tell() < target_bytes:
            page = pages[responses % len(pages)]
            url = f"https://news{responses % HOSTS}.example/{responses // len(pages)}/{responses % len(pages)}.html"
            headers = [("Content-Type", "text/html"), ("Content-Length", str(len(page)))]
            response = writer.create_warc_record(url, "response", payload=BytesIO(page), length=len(page),
                                                 http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))
            request = writer.create_warc_record(
                url, "request", payload=BytesIO(b""), length=0,
                http_headers=StatusAndHeaders(f"GET /{responses} HTTP/1.1", [("Host", url.split("/")[2])],
                                              is_http_request=True),
                warc_headers_dict={"WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            writer.write_record(response)
            writer.write_record(request)
            responses += 1
    return {"records": 1 + 2 * responses, "responses": responses, "warc_bytes": path.stat().st_size}


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def bench_ingest(size_mb: int, pages: list[bytes], workers: int, compress: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="newscrawl-archives-") as tmp:
        warc = Path(tmp) / f"bench-{size_mb}mb.warc{'.gz' if compress else ''}"
        started = time.perf_counter()
        made = write_warc(warc, pages, size_mb * 1_000_000, compress)
        generated = time.perf_counter() - started
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(db), "--set", f"NEWSCRAWL_WORKERS={workers}",
               "ingest", "--warc", str(warc)]
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        sampler = MemorySampler(proc.pid)
        main_cpu = 0.0
        while proc.poll() is None:
            main_cpu = max(main_cpu, _cpu_seconds(proc.pid))
            time.sleep(0.2)
        err = proc.stderr.read()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        memory = sampler.close()
        # The ingest process and its workers (reaped by it, so counted here).
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        summary = (err.strip().splitlines() or [""])[-1]
        if proc.returncode != 0:
            raise SystemExit(f"archives: ingest failed ({proc.returncode}): {summary}")
        stored = int(summary.split(": ", 1)[1].split(" stored")[0])
        db_bytes = db.stat().st_size
    mb = made["warc_bytes"] / 1e6
    return {
        "warc_mb": round(mb, 1), **made, "workers": workers, "generate_s": round(generated, 1),
        "summary": summary, "wall_s": round(wall, 1),
        "records_per_s": round(made["records"] / wall, 1), "responses_per_s": round(made["responses"] / wall, 1),
        "cpu_s": round(cpu, 1), "main_process_cpu_s": round(main_cpu, 1),
        "cpu_ms_per_response": round(1000 * cpu / made["responses"], 1),
        # What the cores could do with the machine to itself: the workers'
        # CPU spread over `workers` cores, unless the one reading and
        # writing process is slower.
        "idle_machine_responses_per_s": round(made["responses"] / max((cpu - main_cpu) / max(1, workers), main_cpu), 1),
        "warc_mb_per_min": round(mb / wall * 60, 1), "minutes_per_gb": round(wall / 60 / (mb / 1000), 1),
        **memory, "db_bytes_per_article": db_bytes // max(1, stored),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="WARC sizes in MB (default 100 1000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="NEWSCRAWL_WORKERS for the ingest (default: the number of cores)")
    parser.add_argument("--plain", action="store_true", help="write uncompressed .warc files (default .warc.gz)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise SystemExit("archives: needs warcio: pip install -e '.[warc]'") from None
    pages = load_pages()
    runs = []
    for size in args.sizes:
        runs.append(bench_ingest(size, pages, args.workers, compress=not args.plain))
        if not args.json:
            print(json.dumps(runs[-1]), flush=True)
    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
