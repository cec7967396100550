"""All quality figures of newscrawl in one command.

  extraction   article-body F1 of `extract_article` on the shared 181-page
               benchmark (metric: benchmarks/metrics.py, as the benchmark's
               README describes it), with the 0-7 / 8-f split of page ids
  stored text  the same F1 for what a crawl stores: the page function
               (cleaning.page.process_page: extraction, then the cleaners)
  dev set      drop / keep / debris / fix on the annotated syndicated texts
               (both files), for the tuning and the unseen half of the sites
  do no harm   share of sentences of clean articles changed by the cleaners

Usage: python benchmarks/quality.py [--json]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared; without it
the command says so in one line and exits 2. The floors pinned in
tests/test_quality_floors.py come from this command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import cleaning_quality  # noqa: E402
import extraction_quality  # noqa: E402


def stored_text(html: str, url: str | None) -> str:
    from cleaning.page import process_page

    record = process_page(html, url)
    return "" if record.rejected else record.text


def measure() -> dict:
    """Every figure, as one dict; raises FileNotFoundError when data is absent."""
    directory = extraction_quality.data_dir()
    shared = cleaning_quality.shared_dir()
    devsets = cleaning_quality.devset_paths(shared)
    truth = directory / "ground-truth.json"
    for path in (truth, *devsets):
        if not path.is_file():
            raise FileNotFoundError(str(path))
    pages = extraction_quality.load_pages(directory)
    result = {}
    for name, extractor in (("extraction", extraction_quality.ours), ("stored_text", stored_text)):
        outputs, ms = extraction_quality.run(pages, extractor)
        scores = extraction_quality.report(pages, outputs)
        result[name] = {
            **scores["all"].as_dict(),
            "median_ms": round(ms, 1),
            "splits": {split: scores[split].as_dict() for split in extraction_quality.SPLITS},
        }
    devset = cleaning_quality.score_devsets(devsets)
    for half in cleaning_quality.HALVES:
        result[f"devset_{half}"] = {name: devset[half][name] for name in cleaning_quality.MEASURES}
    result["do_no_harm"] = cleaning_quality.score_do_no_harm(truth)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        result = measure()
    except FileNotFoundError as exc:
        print(f"quality: data not found: {exc} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name in ("extraction", "stored_text"):
        r = result[name]
        splits = "  ".join(f"{k}: F1 {v['f1']:.4f}" for k, v in r["splits"].items())
        print(f"{name:<12} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}  acc {r['accuracy']:.3f}"
              f"  ({splits}; median {r['median_ms']} ms/page)")
    for half in cleaning_quality.HALVES:
        dev = result[f"devset_{half}"]
        print(f"dev set {half:<7} " + "  ".join(f"{k} {dev[k]:.3f}" for k in cleaning_quality.MEASURES))
    harm = result["do_no_harm"]
    print(f"do no harm   {harm['changed']} of {harm['sentences']} sentences changed ({harm['rate']:.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
