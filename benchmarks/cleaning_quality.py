"""Quality of the text cleaners, measured on shared data.

Two figures:
  1. The annotated development set (`dev-set/syndicated-text.jsonl`): the
     shares drop / keep / debris / fix, scored as `dev-set/README.md` says,
     white space folded to one space.
  2. Do no harm: the ground-truth bodies of the article-extraction benchmark
     are clean, professional articles; the share of their sentences that the
     cleaners change (a sentence is changed when it is no longer present,
     white space folded, in the cleaned output).

Usage: python benchmarks/cleaning_quality.py [--json] [--verbose]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.page import process_text  # noqa: E402

_SPACE = re.compile(r"\s+")
# Sentence ends, and line breaks, as the do-no-harm unit.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def cleaned_output(text: str) -> str:
    record = process_text(text)
    title = record.title
    body = record.text
    return f"{title}\n{body}" if title else body


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score_devset(path: Path, verbose: bool = False) -> dict:
    counts = {name: [0, 0] for name in ("drop", "keep", "debris", "fix")}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        out = fold(cleaned_output(record["text"]))
        checks = {
            "drop": [(s, fold(s) not in out) for s in record.get("must_drop", [])],
            "keep": [(s, fold(s) in out) for s in record.get("must_keep", [])],
            "debris": [(s, fold(s) not in out) for s in record.get("must_not_contain", [])],
            "fix": [(good, fold(good) in out) for _bad, good in record.get("fix_expect", [])],
        }
        for name, results in checks.items():
            counts[name][0] += sum(ok for _s, ok in results)
            counts[name][1] += len(results)
            if verbose:
                for s, ok in results:
                    if not ok:
                        print(f"  {record['id']} {name} failed: {s[:100]!r}", file=sys.stderr)
    return {name: round(_share(*pair), 4) for name, pair in counts.items()}


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--verbose", action="store_true", help="list each failed check on stderr")
    args = parser.parse_args(argv)

    shared = shared_dir()
    devset = shared / "dev-set" / "syndicated-text.jsonl"
    truth = shared / "benchmarks" / "article-extraction" / "ground-truth.json"
    missing = [str(p) for p in (devset, truth) if not p.is_file()]
    if missing:
        print(f"cleaning_quality: data not found: {', '.join(missing)} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2

    result = {"devset": score_devset(devset, args.verbose), "do_no_harm": score_do_no_harm(truth, args.verbose)}
    if args.json:
        print(json.dumps(result))
        return 0
    dev, harm = result["devset"], result["do_no_harm"]
    print(f"{'measure':<22}{'value':>10}")
    for name in ("drop", "keep", "debris", "fix"):
        print(f"{'dev set ' + name:<22}{dev[name]:>10.3f}")
    print(f"{'do-no-harm changed':<22}{harm['changed']:>10d}")
    print(f"{'do-no-harm sentences':<22}{harm['sentences']:>10d}")
    print(f"{'do-no-harm rate':<22}{harm['rate']:>10.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
