"""Site templates on real sites: what a template learned from a publisher's
own pages removes, and how much of that is article text.

Data: `benchmarks/news-pages/` of the shared data (saved article pages of
news publishers with the body a hand-written parser for each publisher
returns). For each publisher with at least `--min-articles` pages, every page
goes through `process_page` without a template; the publisher's template is
learned from those texts and titles (`learn_site_profile`, each page its own
story: they are different articles); then every page goes through
`process_page` again with it. Reported, over two halves of the publishers
(split by a hash of the name; nothing here was tuned on either):

* lines the templates removed, and how many of them are lines of the true
  body (article text lost: the figure that must stay at 0);
* title affixes learned, and titles equal to the true title before and after;
* body F1 (benchmarks/metrics.py) before and after, on those pages.

Usage:
  python benchmarks/site_templates.py [--min-articles N] [--min-share S] [--json] [--show]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import metrics  # noqa: E402

from cleaning.page import PageOptions, process_page  # noqa: E402
from cleaning.site import FURNITURE_CLEANER, SiteOptions, learn_site_profile  # noqa: E402


def data_dir() -> Path:
    shared = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
    return shared / "benchmarks" / "news-pages"


def load_publishers(directory: Path, min_pages: int) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = defaultdict(list)
    for line in (directory / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            pages[entry["publisher"]].append(entry)
    return {name: entries for name, entries in sorted(pages.items()) if len(entries) >= min_pages}


def read_html(directory: Path, entry: dict) -> str:
    return gzip.decompress((directory / "html" / f"{entry['id']}.html.gz").read_bytes()).decode("utf-8-sig", "replace")


def fold(text: str) -> str:
    return " ".join((text or "").split())


def half_of(publisher: str) -> str:
    return "A" if zlib.crc32(publisher.encode()) % 2 == 0 else "B"


def measure(directory: Path, options: SiteOptions, show: bool = False) -> dict:
    halves: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    before_scores: dict[str, list] = defaultdict(list)
    after_scores: dict[str, list] = defaultdict(list)
    for publisher, entries in load_publishers(directory, options.min_articles).items():
        half = halves[half_of(publisher)]
        htmls = [read_html(directory, e) for e in entries]
        plain = [process_page(html, e["url"]) for html, e in zip(htmls, entries)]
        profile = learn_site_profile([r.text for r in plain], [r.title for r in plain], None, options)
        half["publishers"] += 1
        half["pages"] += len(entries)
        half["lines_learned"] += len(profile.furniture)
        half["affixes_learned"] += len(profile.title_prefixes) + len(profile.title_suffixes)
        for entry, html, before in zip(entries, htmls, plain):
            after = process_page(html, entry["url"], PageOptions(site_profile=profile))
            body_lines = {fold(line) for line in entry["body"].split("\n") if line.strip()}
            body = fold(entry["body"])
            for change in after.changes:
                if change["cleaner"] != FURNITURE_CLEANER:
                    continue
                line = fold(change["before"])
                lost = line in body_lines or (len(line) > 20 and line in body)
                half["lines_removed"] += 1
                half["article_lines_removed"] += lost
                if show:
                    print(f"{publisher}: {'ARTICLE ' if lost else ''}removed: {line[:100]}")
            for title_side in ("before", "after"):
                record = before if title_side == "before" else after
                half[f"titles_exact_{title_side}"] += fold(record.title) == fold(entry["title"])
            before_scores[half_of(publisher)].append(metrics.score_page(entry["body"], before.text))
            after_scores[half_of(publisher)].append(metrics.score_page(entry["body"], after.text))
    report = {}
    for name in sorted(halves):
        row = {key: int(value) for key, value in halves[name].items()}
        row["body_f1_before"] = round(metrics.aggregate(before_scores[name]).f1, 4)
        row["body_f1_after"] = round(metrics.aggregate(after_scores[name]).f1, 4)
        report[name] = row
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-articles", type=int, default=SiteOptions().min_articles)
    parser.add_argument("--min-share", type=float, default=SiteOptions().min_share)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true", help="print every removed line")
    args = parser.parse_args(argv)
    directory = data_dir()
    if not (directory / "truth.jsonl").exists():
        print(f"site templates: data not found at {directory} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    report = measure(directory, SiteOptions(args.min_articles, args.min_share), show=args.show)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    columns = ["publishers", "pages", "lines_learned", "lines_removed", "article_lines_removed", "affixes_learned",
               "titles_exact_before", "titles_exact_after", "body_f1_before", "body_f1_after"]
    print("half  " + "  ".join(columns))
    for name, row in report.items():
        print(f"{name:<5} " + "  ".join(f"{row.get(c, 0)!s:>{len(c)}}" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
