"""Metadata quality on the shared news pages: title, authors, dates, body.

Runs the page function (`cleaning.page.process_page`, what a crawl stores)
on the 127 saved pages of `benchmarks/news-pages/` and, in the same run,
plain trafilatura (`bare_extraction(with_metadata=True)`) and htmldate
(`find_date(tree, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True,
extensive_search=True)`) for the dates. Every page is given its crawl date
as the fetch time.

Metrics (the data's README suggests them):
  title        exact match after folding white space, removing invisible
               format characters (soft hyphens, zero-width marks) and
               writing every quotation mark as ' or "
  authors      per-page F1 of the case-folded name sets, averaged; both
               empty counts 1. The truth names the publisher as author when
               a page credits no one else ("Salzburger Nachrichten"); the
               page function keeps that name in `publisher`, so `authors`
               scores `authors`, or `[publisher]` when it is empty, and
               `authors_strict` scores `authors` alone
  date         the date part of `published` equals the truth's
  time         the date-times within one hour: instants when both carry an
               offset, wall-clock times when one does not; a truth at
               exactly midnight is a date without time (the page gave none),
               where the date part decides
  body         4-token-shingle F1 (benchmarks/metrics.py), the page
               function's text against `trafilatura.extract(html,
               include_comments=False)`

Split: publishers whose SHA-256 of the name (as in truth.jsonl) starts with
an even byte are the tuning half; rules are written looking only at those
pages (`--misses` lists only them). The other publishers are the unseen half.

Usage: python benchmarks/metadata_quality.py [--json] [--misses]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import metrics  # noqa: E402

SPLITS = ("tuning", "unseen")
FIELDS = ("title", "authors", "authors_strict", "date", "time")
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»″〝〞＂"} | {c: "'" for c in "‘’‚‛′‹›＇"})


def data_dir() -> Path:
    shared = Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))
    return shared / "benchmarks" / "news-pages"


def split_of(publisher: str) -> str:
    return "tuning" if hashlib.sha256(publisher.encode("utf-8")).digest()[0] % 2 == 0 else "unseen"


def load_pages(directory: Path) -> list[dict]:
    pages = []
    with open(directory / "truth.jsonl", encoding="utf-8") as lines:
        for line in lines:
            truth = json.loads(line)
            raw = gzip.decompress((directory / truth["file"]).read_bytes())
            truth["html"] = raw.decode("utf-8-sig", errors="replace")
            truth["split"] = split_of(truth["publisher"])
            # The crawl date has no offset; it is read as UTC.
            truth["fetched_at"] = truth["crawl_date"].replace(" ", "T")[:19] + "+00:00"
            pages.append(truth)
    return pages


# --- scoring ---------------------------------------------------------------


def fold_title(title: str | None) -> str:
    text = "".join(ch for ch in (title or "") if unicodedata.category(ch) != "Cf")
    return " ".join(text.translate(_QUOTES).split())


def fold_name(name: str) -> str:
    return " ".join(name.casefold().split())


def author_f1(truth: list[str], predicted: list[str]) -> float:
    want, got = {fold_name(n) for n in truth if n.strip()}, {fold_name(n) for n in predicted if n.strip()}
    if not want and not got:
        return 1.0
    return 2 * len(want & got) / (len(want) + len(got))


def parse_moment(value: str | None) -> tuple[dt.datetime, bool] | None:
    """A date-time and whether it has a time; None when unreadable."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.datetime.fromisoformat(value), False
    # %z output of htmldate is +0200, fromisoformat reads it too.
    try:
        return dt.datetime.fromisoformat(value), True
    except ValueError:
        return None


def same_date(truth: str, predicted: str | None) -> bool:
    return bool(predicted) and predicted[:10] == truth[:10]


def within_hour(truth: str, predicted: str | None) -> bool:
    want, got = parse_moment(truth), parse_moment(predicted)
    if want is None or got is None:
        return False
    (t, _), (p, has_time) = want, got
    if t.time() == dt.time(0, 0):
        return same_date(truth, predicted)
    if not has_time:
        return False
    if t.tzinfo is not None and p.tzinfo is not None:
        return abs((t - p).total_seconds()) <= 3600
    t, p = t.replace(tzinfo=None), p.replace(tzinfo=None)
    return abs((t - p).total_seconds()) <= 3600


def score_page(truth: dict, got: dict) -> dict:
    credited = got["authors"] or ([got["publisher"]] if got.get("publisher") else [])
    return {
        "title": float(fold_title(got["title"]) == fold_title(truth["title"])),
        "authors": author_f1(truth["authors"], credited),
        "authors_strict": author_f1(truth["authors"], got["authors"]),
        "date": float(same_date(truth["published"], got["published"])),
        "time": float(within_hour(truth["published"], got["published"])),
    }


# --- systems ---------------------------------------------------------------


def newscrawl(page: dict) -> dict:
    from cleaning.page import process_page

    record = process_page(page["html"], page["url"], fetched_at=page["fetched_at"])
    return {"title": record.title, "authors": list(record.authors), "publisher": record.publisher,
            "published": record.published, "text": "" if record.rejected else record.text}


def plain_trafilatura(page: dict) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(page["html"], url=page["url"], with_metadata=True, include_comments=False)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()] if doc else []
    return {"title": doc.title if doc else None, "authors": authors, "publisher": None,
            "published": doc.date if doc else None, "text": trafilatura.extract(page["html"], include_comments=False) or ""}


def plain_htmldate(page: dict) -> dict:
    from htmldate import find_date
    from trafilatura.utils import load_html

    date = find_date(load_html(page["html"]), outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True,
                     extensive_search=True)
    return {"title": None, "authors": [], "publisher": None, "published": date, "text": None}


def plain_trafilatura_body(page: dict) -> dict:
    """trafilatura's body alone (what the floors compare the stored body with)."""
    import trafilatura

    return {"title": None, "authors": [], "publisher": None, "published": None,
            "text": trafilatura.extract(page["html"], include_comments=False) or ""}


SYSTEMS = {"newscrawl": newscrawl, "trafilatura": plain_trafilatura, "htmldate": plain_htmldate,
           "trafilatura_body": plain_trafilatura_body}
# What `main` reports; the floors test asks for newscrawl and trafilatura's body only.
REPORTED = ("newscrawl", "trafilatura", "htmldate")


def measure(pages: list[dict] | None = None, systems: tuple[str, ...] = REPORTED) -> dict:
    """Every figure, per system and split; raises FileNotFoundError without data."""
    if pages is None:
        directory = data_dir()
        if not (directory / "truth.jsonl").is_file():
            raise FileNotFoundError(str(directory / "truth.jsonl"))
        pages = load_pages(directory)
    result: dict = {}
    outputs: dict = {}
    for name in systems:
        system = SYSTEMS[name]
        outputs[name] = [system(page) for page in pages]
        scored = [score_page(page, got) for page, got in zip(pages, outputs[name])]
        figures = {}
        for part in ("all", *SPLITS):
            chosen = [s for s, page in zip(scored, pages) if part == "all" or page["split"] == part]
            figures[part] = {field: round(mean(s[field] for s in chosen), 4) for field in FIELDS}
            figures[part]["pages"] = len(chosen)
            if outputs[name][0]["text"] is not None:
                bodies = {page["id"]: page["body"] for page in pages if part == "all" or page["split"] == part}
                texts = {page["id"]: got["text"] for page, got in zip(pages, outputs[name])}
                figures[part]["body_f1"] = round(metrics.score(bodies, texts).f1, 4)
        if name == "htmldate":
            for part in figures.values():
                for field in ("title", "authors", "authors_strict"):
                    part.pop(field)
        result[name] = figures
    result["_outputs"] = outputs
    result["_pages"] = pages
    return result


def print_misses(pages: list[dict], outputs: list[dict]) -> None:
    """The tuning half's misses, one line each (the unseen half is not shown)."""
    for page, got in zip(pages, outputs):
        if page["split"] != "tuning":
            continue
        s = score_page(page, got)
        if not s["title"]:
            print(f"{page['id']}  title  want {page['title']!r}\n{'':{len(page['id'])}}         got  {got['title']!r}")
        if s["authors"] < 1:
            print(f"{page['id']}  authors want {page['authors']} got {got['authors']} publisher {got['publisher']!r}")
        if not s["time"] or not s["date"]:
            print(f"{page['id']}  date   want {page['published']} got {got['published']}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses of the page function")
    args = parser.parse_args(argv)
    try:
        result = measure()
    except FileNotFoundError as exc:
        print(f"metadata_quality: data not found: {exc} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    pages, outputs = result.pop("_pages"), result.pop("_outputs")
    if args.misses:
        print_misses(pages, outputs["newscrawl"])
        return 0
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name, figures in result.items():
        print(name)
        for part, values in figures.items():
            shown = "  ".join(f"{k} {v:.3f}" for k, v in values.items() if k != "pages")
            print(f"  {part:<7} ({values['pages']:>3} pages)  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
