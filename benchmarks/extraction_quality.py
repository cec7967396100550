"""Article-body extraction quality on the shared 181-page benchmark.

Runs `cleaning.extract.extract_article` on every page of
`benchmarks/article-extraction/` and scores the body against the ground truth
with the benchmark's shingle metric (`benchmarks/metrics.py`). Scores are also
given on two halves of the pages, split by the first hex digit of the page id
(0-7 and 8-f): rules are tuned on the first half only, so the second half
shows whether they generalise.

Usage:
  python benchmarks/extraction_quality.py [--compare] [--json] [--passes N]
  python benchmarks/extraction_quality.py --worst 15      # pages to look at
  python benchmarks/extraction_quality.py --page ID       # one page in detail

`--compare` also scores plain `trafilatura.extract(html, include_comments=False)`,
the call the benchmark's published baseline used; reproducing its F1 checks
this scorer. ms/page is the median over pages of each page's fastest pass
(the extraction call only; the HTML is decoded beforehand).
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import metrics  # noqa: E402

SPLITS = {"0-7": "01234567", "8-f": "89abcdef"}


def data_dir() -> Path:
    shared = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
    return shared / "benchmarks" / "article-extraction"


def load_pages(directory: Path) -> dict[str, tuple[str, str, str]]:
    """{id: (html, url, true body)}; HTML decoded as UTF-8, as the benchmark stores it."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for key in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = (raw.decode("utf-8", errors="replace"), truth[key].get("url"), truth[key]["articleBody"])
    return pages


def ours(html: str, url: str | None) -> str:
    from cleaning.extract import extract_article

    return extract_article(html, url).text


def plain_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run(pages: dict, extractor: Callable[[str, str | None], str], passes: int = 1) -> tuple[dict, float]:
    outputs, times = {}, []
    for key, (html, url, _truth) in pages.items():
        best = float("inf")
        for _ in range(max(1, passes)):
            start = time.perf_counter()
            outputs[key] = extractor(html, url)
            best = min(best, time.perf_counter() - start)
        times.append(best * 1000)
    return outputs, statistics.median(times)


def report(pages: dict, outputs: dict) -> dict:
    per_page = {k: metrics.score_page(pages[k][2], outputs.get(k, "")) for k in pages}
    result = {"all": metrics.aggregate(per_page.values())}
    for name, digits in SPLITS.items():
        result[name] = metrics.aggregate(s for k, s in per_page.items() if k[0] in digits)
    return result


def show_page(pages: dict, key: str, output: str) -> None:
    """Shingle counts of one page, for checking the scorer by hand."""
    truth = pages[key][2]
    want, got = metrics.shingles(truth), metrics.shingles(output)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    s = metrics.score_page(truth, output)
    print(f"page {key}  url {pages[key][1]}")
    print(f"  tokens: truth {len(metrics.tokens(truth))}, output {len(metrics.tokens(output))}")
    print(f"  shingles: truth {sum(want.values())}, output {sum(got.values())}")
    print(f"  raw counts: tp {tp}  fp {fp}  fn {fn}")
    print(f"  precision {tp}/{tp + fp} = {s.precision:.4f}   recall {tp}/{tp + fn} = {s.recall:.4f}   exact {s.exact}")
    extra = [" ".join(g) for g in (got - want).elements()][:10]
    missing = [" ".join(g) for g in (want - got).elements()][:10]
    print("  first extra shingles:  ", extra)
    print("  first missing shingles:", missing)


def show_worst(pages: dict, outputs: dict, n: int) -> None:
    scored = []
    for key in pages:
        s = metrics.score_page(pages[key][2], outputs.get(key, ""))
        f1 = 2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0
        scored.append((f1, key, s))
    for f1, key, s in sorted(scored)[:n]:
        print(f"  {key[:12]}  f1 {f1:.3f}  p {s.precision:.3f}  r {s.recall:.3f}  {pages[key][1]}")


def fmt(scores: metrics.Scores) -> str:
    return (
        f"P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"acc {scores.accuracy:.3f}  ({scores.pages} pages)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--compare", action="store_true", help="also score plain trafilatura.extract")
    parser.add_argument("--passes", type=int, default=1, help="timing passes per page (fastest counts)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument("--page", help="print shingle counts for one page id (prefix allowed)")
    args = parser.parse_args(argv)

    directory = data_dir()
    if not (directory / "ground-truth.json").is_file() or not (directory / "html").is_dir():
        print(f"extraction benchmark data not found at {directory} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    pages = load_pages(directory)

    systems = {"extraction": ours}
    if args.compare:
        systems["trafilatura_plain"] = plain_trafilatura
    results = {}
    for name, extractor in systems.items():
        outputs, ms = run(pages, extractor, args.passes)
        results[name] = (report(pages, outputs), ms, outputs)

    if args.page:
        matches = [k for k in pages if k.startswith(args.page)]
        if len(matches) != 1:
            print(f"page id {args.page!r} matches {len(matches)} pages", file=sys.stderr)
            return 2
        for name, (_r, _ms, outputs) in results.items():
            print(f"[{name}]")
            show_page(pages, matches[0], outputs[matches[0]])
        return 0

    if args.json:
        out = {}
        for name, (scores, ms, _outputs) in results.items():
            out[name] = {**scores["all"].as_dict(), "median_ms": round(ms, 2)}
            out[name]["splits"] = {split: scores[split].as_dict() for split in SPLITS}
        print(json.dumps(out, indent=2))
        return 0

    for name, (scores, ms, outputs) in results.items():
        print(f"{name}: median {ms:.1f} ms/page")
        for part in ("all", *SPLITS):
            print(f"  {part:>4}: {fmt(scores[part])}")
        if args.worst:
            show_worst(pages, outputs, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
