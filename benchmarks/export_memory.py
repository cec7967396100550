"""Peak memory of `newscrawl export` as the store grows (measured, never
asserted in tests): streaming means a flat line from 1k to 50k articles.

For each size, a store of synthetic articles (seeded; ~2 kB of text each,
JSON columns filled) is written once with sqlite-utils through the store's
own schema, then `newscrawl export` runs in a child process for each format
and its peak resident memory (ru_maxrss from wait4) and wall time are
reported, with the file's size.

Usage: python benchmarks/export_memory.py [--sizes 1000 50000] [--formats jsonl csv parquet] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("minister harbour ferry council budget drought orchid bridge tram festival market road river strike "
         "talks mayor village coast storm school hospital museum election court").split()


def synthetic_articles(count: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(1, count + 1):
        text = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(5))
        site = f"site{i % 20}.example"
        yield {
            "id": i, "url": f"https://{site}/2025/{i}.html", "site": site, "site_name": f"Site {i % 20}",
            "title": " ".join(rng.choice(WORDS) for _ in range(8)).capitalize(), "text": text,
            "language": rng.choice(["en", "de", "fr", "und"]), "published": f"2025-03-{1 + i % 28:02d}",
            "fetched_at": "2025-04-01T00:00:00+00:00", "story_id": 1 + i // 3, "is_original": int(i % 3 == 0),
            "authors": json.dumps([f"Author {i % 50}"]), "tags": json.dumps(rng.sample(WORDS, 3)),
            "changes": json.dumps([{"cleaner": "remove_junk_lines", "action": "removed", "before": "Read more",
                                    "after": ""}]),
            "source_links": json.dumps([]), "captions": json.dumps([]), "categories": json.dumps([]),
        }


def build_store(path: Path, count: int) -> None:
    from db.store import open_db

    db = open_db(path)
    db["articles"].insert_all(synthetic_articles(count), batch_size=1000)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def measure_export(db: Path, fmt: str, out: Path) -> dict:
    command = [sys.executable, "-m", "newscrawl.cli", "--db", str(db), "export", "--format", fmt, "--output", str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    error = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export failed: {error}")
    return {"format": fmt, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "seconds": round(seconds, 2),
            "file_mb": round(out.stat().st_size / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "csv", "parquet"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory(prefix="newscrawl-export-") as folder:
        for size in args.sizes:
            db = Path(folder) / f"store-{size}.db"
            build_store(db, size)
            for fmt in args.formats:
                figures.append({"articles": size, **measure_export(db, fmt, Path(folder) / f"out-{size}.{fmt}")})
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{'articles':>9}  {'format':<8} {'peak RSS MB':>11} {'seconds':>8} {'file MB':>8}")
    for row in figures:
        print(f"{row['articles']:>9}  {row['format']:<8} {row['peak_rss_mb']:>11} {row['seconds']:>8} {row['file_mb']:>8}")


if __name__ == "__main__":
    main()
