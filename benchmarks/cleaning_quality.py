"""Quality of the text cleaners, measured on shared data.

Three figures:
  1. The annotated development set (`dev-set/syndicated-text*.jsonl`): the
     shares drop / keep / debris / fix, scored as `dev-set/README.md` says
     (on the cleaned title and text together, white space folded to one
     space), for each file and for each half of the sites. A record's half
     is fixed by its site: TUNING when the SHA-1 of its host name (lower
     case, without "www.") is even, else UNSEEN. Rules are written from the
     tuning half; the unseen half measures what generalises, so its failures
     are never listed (`--verbose` lists the tuning half's only).
  2. Do no harm: the ground-truth bodies of the article-extraction benchmark
     are clean, professional articles; the share of their sentences that the
     cleaners change (a sentence is changed when it is no longer present,
     white space folded, in the cleaned output).
  3. With `--speed`: milliseconds per page of the cleaners alone
     (`cleaning.pipeline.clean_text`) on the texts extraction finds in the
     benchmark's pages. The machine is shared: compare figures of one run.

Usage: python benchmarks/cleaning_quality.py [--json] [--verbose] [--speed]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.page import process_text  # noqa: E402

DEVSET_FILES = ("syndicated-text.jsonl", "syndicated-text-2.jsonl")
HALVES = ("tuning", "unseen")
MEASURES = ("drop", "keep", "debris", "fix")

_SPACE = re.compile(r"\s+")
# Sentence ends, and line breaks, as the do-no-harm unit.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def devset_paths(shared: Path | None = None) -> list[Path]:
    folder = (shared or shared_dir()) / "dev-set"
    return [folder / name for name in DEVSET_FILES]


def site_half(address: str) -> str:
    """"tuning" or "unseen": the fixed split of the dev material by site."""
    host = (urlsplit(address).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return "tuning" if int(hashlib.sha1(host.encode()).hexdigest(), 16) % 2 == 0 else "unseen"


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def cleaned_output(text: str) -> str:
    record = process_text(text)
    title = record.title
    body = record.text
    return f"{title}\n{body}" if title else body


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def load_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_record(record: dict) -> dict[str, list[tuple[str, bool]]]:
    """Each check of one record, passed or not."""
    out = fold(cleaned_output(record["text"]))
    return {
        "drop": [(s, fold(s) not in out) for s in record.get("must_drop", [])],
        "keep": [(s, fold(s) in out) for s in record.get("must_keep", [])],
        "debris": [(s, fold(s) not in out) for s in record.get("must_not_contain", [])],
        "fix": [(good, fold(good) in out) for _bad, good in record.get("fix_expect", [])],
    }


def _shares(counts: dict[str, list[int]]) -> dict:
    result = {name: round(_share(*counts[name]), 4) for name in MEASURES}
    result["checks"] = {name: counts[name][:] for name in MEASURES}
    return result


def score_devsets(paths: list[Path], verbose: bool = False) -> dict:
    """{"tuning": shares, "unseen": shares, "files": {file: {"tuning", "unseen", "all"}}}."""
    total = {half: {name: [0, 0] for name in MEASURES} for half in HALVES}
    files = {}
    for path in paths:
        per_file = {half: {name: [0, 0] for name in MEASURES} for half in (*HALVES, "all")}
        for record in load_records(path):
            half = site_half(record["address"])
            for name, results in check_record(record).items():
                passed = sum(ok for _s, ok in results)
                for counts in (per_file[half], per_file["all"], total[half]):
                    counts[name][0] += passed
                    counts[name][1] += len(results)
                if verbose and half == "tuning":
                    for s, ok in results:
                        if not ok:
                            print(f"  {record['id']} {name} failed: {s[:100]!r}", file=sys.stderr)
        files[path.name] = {part: _shares(counts) for part, counts in per_file.items()}
    return {**{half: _shares(total[half]) for half in HALVES}, "files": files}


def sentences(text: str) -> list[str]:
    # A unit without a letter or digit (a lone zero-width space, a rule of
    # dashes) is not a sentence.
    return [fold(s) for s in _SENTENCE_END.split(text) if any(ch.isalnum() for ch in s)]


def score_do_no_harm(path: Path, verbose: bool = False) -> dict:
    truth = json.loads(path.read_text(encoding="utf-8"))
    total = changed = 0
    for item_id, item in sorted(truth.items()):
        body = item.get("articleBody") or ""
        out = fold(cleaned_output(body))
        for sentence in sentences(body):
            total += 1
            if sentence not in out:
                changed += 1
                if verbose:
                    print(f"  {item_id[:8]} changed: {sentence[:120]!r}", file=sys.stderr)
    return {"sentences": total, "changed": changed, "rate": round(_share(changed, total) if total else 0.0, 5)}


def time_cleaners(directory: Path) -> dict:
    """Milliseconds per page of the cleaners on the texts extraction finds."""
    from cleaning.extract import extract_article
    from cleaning.page import page_context
    from cleaning.pipeline import clean_text

    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    records = []
    for key in sorted(truth):
        html = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        records.append(extract_article(html, truth[key].get("url")))
    times = []
    for record in records:
        page = page_context(record)
        start = time.perf_counter()
        clean_text(record.text, page)
        times.append((time.perf_counter() - start) * 1000)
    return {"pages": len(times), "median_ms": round(statistics.median(times), 2),
            "mean_ms": round(statistics.fmean(times), 2)}


def _row(label: str, shares: dict) -> str:
    return f"{label:<34}" + "".join(f"{shares[name]:>8.3f}" for name in MEASURES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--verbose", action="store_true", help="list each failed check of the tuning half on stderr")
    parser.add_argument("--speed", action="store_true", help="also time the cleaners on the extraction benchmark")
    args = parser.parse_args(argv)

    shared = shared_dir()
    paths = devset_paths(shared)
    directory = shared / "benchmarks" / "article-extraction"
    truth = directory / "ground-truth.json"
    missing = [str(p) for p in (*paths, truth) if not p.is_file()]
    if missing:
        print(f"cleaning_quality: data not found: {', '.join(missing)} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2

    result = {"devset": score_devsets(paths, args.verbose), "do_no_harm": score_do_no_harm(truth, args.verbose)}
    if args.speed:
        result["speed"] = time_cleaners(directory)
    if args.json:
        print(json.dumps(result))
        return 0
    dev, harm = result["devset"], result["do_no_harm"]
    print(f"{'dev set':<34}" + "".join(f"{name:>8}" for name in MEASURES))
    for name, parts in dev["files"].items():
        for half in HALVES:
            print(_row(f"{name} {half}", parts[half]))
    for half in HALVES:
        print(_row(f"both files {half}", dev[half]))
    print(f"do no harm: {harm['changed']} of {harm['sentences']} sentences changed ({harm['rate']:.2%})")
    if args.speed:
        speed = result["speed"]
        print(f"cleaners: median {speed['median_ms']} ms/page, mean {speed['mean_ms']} ms/page ({speed['pages']} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
