"""Language detection: how often it is right, and what it costs, on shared data.

  dev set     language exact on the records of dev-set/syndicated-text-2.jsonl
              (each has a `language` field), detected on the record's raw
              `text`, junk included and no declared language: harder than
              the cleaned text a crawl stores. Split by site: a record is in
              the tuning half when the SHA-256 of its address's host name,
              read as an integer, is even, else in the unseen half. Rules
              were tuned on the tuning half only. Per-language figures too.
  demo        the language stored for each article page of the bundled demo
              sites (rendered in memory, no server, no network; extraction,
              cleaning, then detection with the page's declared language, as
              `newscrawl clean --html` does) against the language its
              content is written in.
  news pages  agreement of the language detected on each body of
              benchmarks/news-pages with the page's declared language (its
              `language` field). The declared one is not always right: a
              disagreement is a page to look at, not always an error.
  cost        CPU ms/page of the whole language stage (detect_language, then
              detect_paragraph_languages on its answer) on the 181 texts
              `trafilatura.extract(html, include_comments=False)` gives for
              the article-extraction benchmark's pages, with langdetect's
              profiles loaded beforehand (their one-off load is reported
              apart); and, in the same run, the same for plain langdetect as
              the stage used it (a 4000-character sample, then every
              paragraph of at least 60 letters, up to 40).

Usage: python benchmarks/language_quality.py [--json]
Data is read from $NEWSCRAWL_SHARED, else from <repo>/../shared.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning.language import (  # noqa: E402
    DEFAULT_LANGUAGE_OPTIONS,
    detect_language,
    detect_paragraph_languages,
    normalize_hint,
    split_paragraphs,
)

DEVSET = Path("dev-set") / "syndicated-text-2.jsonl"
NEWS_PAGES = Path("benchmarks") / "news-pages" / "truth.jsonl"
EXTRACTION_HTML = Path("benchmarks") / "article-extraction" / "html"


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSCRAWL_SHARED", ROOT.parent / "shared"))


def half_of(address: str) -> str:
    """The fixed split by site: the SHA-256 of the host name, even or odd."""
    host = (urlsplit(address).hostname or "").lower()
    return "unseen" if int(hashlib.sha256(host.encode("utf-8")).hexdigest(), 16) % 2 else "tuning"


def _exact(right: int, total: int) -> float:
    return round(right / total, 4) if total else 1.0


def score_devset(path: Path) -> dict:
    counts = {"tuning": [0, 0], "unseen": [0, 0]}
    languages: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        half = half_of(record["address"])
        code, confidence = detect_language(record["text"])
        right = code == record["language"]
        counts[half][0] += right
        counts[half][1] += 1
        languages[record["language"]][0] += right
        languages[record["language"]][1] += 1
        if not right:
            errors.append({"id": record["id"], "half": half, "language": record["language"],
                           "detected": code, "confidence": confidence})
    right = sum(c[0] for c in counts.values())
    total = sum(c[1] for c in counts.values())
    return {
        "exact": _exact(right, total),
        "records": total,
        **{half: {"exact": _exact(*pair), "records": pair[1]} for half, pair in counts.items()},
        "languages": {code: {"exact": _exact(*pair), "records": pair[1]} for code, pair in sorted(languages.items())},
        "errors": errors,
    }


def score_demo() -> dict:
    from cleaning.page import process_page, read_html_bytes
    from newscrawl.demo.site import build_site, load_catalog

    catalog = load_catalog()
    # Pages are rendered for addresses nothing listens on: nothing is fetched.
    bases = {name: f"http://{name}.invalid" for name in catalog.sites}
    right = total = 0
    errors = []
    for name in catalog.sites:
        routes = build_site(name, bases, catalog)
        for article in catalog.site_articles(name):
            content_type, body = routes[article.path]
            document = process_page(read_html_bytes(body, content_type), bases[name] + article.path)
            total += 1
            if document.language == article.lang:
                right += 1
            else:
                errors.append({"page": f"{name}{article.path}", "language": article.lang, "detected": document.language})
    return {"exact": _exact(right, total), "pages": total, "errors": errors}


def score_news_pages(path: Path) -> dict:
    agree = total = 0
    disagreements = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        declared = normalize_hint(record.get("language"))
        code, _confidence = detect_language(record.get("body") or "")
        total += 1
        if code == declared:
            agree += 1
        else:
            disagreements.append({"id": record["id"], "declared": declared, "detected": code})
    return {"agreement": _exact(agree, total), "pages": total, "disagreements": disagreements}


def extracted_texts(directory: Path) -> list[str]:
    import trafilatura

    texts = []
    for path in sorted(directory.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        texts.append(trafilatura.extract(html, include_comments=False) or "")
    return texts


def _plain_langdetect_stage(text: str) -> None:
    """The stage as it ran before: langdetect on the document, then on every
    paragraph long enough, up to 40."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    from cleaning.language import _sample

    def letters(piece: str) -> int:
        return sum(ch.isalpha() for ch in piece)

    options = DEFAULT_LANGUAGE_OPTIONS
    sample = _sample(text, options.sample_chars)
    pieces = [sample] if letters(sample) >= options.min_chars else []
    paragraphs = [p for p in split_paragraphs(text) if letters(p) >= options.paragraph_min_chars]
    pieces += [p[: options.paragraph_sample_chars] for p in paragraphs[: options.max_paragraphs]]
    for piece in pieces:
        DetectorFactory.seed = 0
        try:
            detect_langs(piece)
        except LangDetectException:
            pass


def _stage(text: str) -> None:
    code, _confidence = detect_language(text)
    detect_paragraph_languages(text, code)


def load_data() -> float:
    """Read the word lists and langdetect's profiles once; their cost in ms."""
    from cleaning.language import _detector_factory, _lexicon

    start = time.process_time()
    _lexicon()
    _detector_factory()
    return round((time.process_time() - start) * 1000, 1)


def measure_cost(texts: list[str], load_ms: float) -> dict:
    from langdetect import detect_langs

    detect_langs("a warm-up sentence loads the profiles of plain langdetect once")
    result = {"pages": len(texts), "profile_load_ms": load_ms}
    for name, stage in (("ms_per_page", _stage), ("plain_langdetect_ms_per_page", _plain_langdetect_stage)):
        start = time.process_time()
        for text in texts:
            stage(text)
        result[name] = round((time.process_time() - start) * 1000 / len(texts), 3)
    return result


def measure() -> dict:
    """Every figure; raises FileNotFoundError when shared data is absent."""
    shared = shared_dir()
    for path in (shared / DEVSET, shared / NEWS_PAGES, shared / EXTRACTION_HTML):
        if not path.exists():
            raise FileNotFoundError(str(path))
    load_ms = load_data()
    return {
        "devset": score_devset(shared / DEVSET),
        "demo": score_demo(),
        "news_pages": score_news_pages(shared / NEWS_PAGES),
        "cost": measure_cost(extracted_texts(shared / EXTRACTION_HTML), load_ms),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        result = measure()
    except FileNotFoundError as exc:
        print(f"language_quality: data not found: {exc} (set NEWSCRAWL_SHARED)", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    dev, demo, news, cost = result["devset"], result["demo"], result["news_pages"], result["cost"]
    print(f"dev set (raw text)  exact {dev['exact']:.3f} of {dev['records']}"
          f"  tuning {dev['tuning']['exact']:.3f} of {dev['tuning']['records']}"
          f"  unseen {dev['unseen']['exact']:.3f} of {dev['unseen']['records']}")
    print("  per language: " + "  ".join(f"{code} {v['exact']:.2f}/{v['records']}" for code, v in dev["languages"].items()))
    for error in dev["errors"]:
        print(f"  {error['id']} ({error['half']}): {error['language']} detected as {error['detected']}")
    print(f"demo (stored)       exact {demo['exact']:.3f} of {demo['pages']}")
    for error in demo["errors"]:
        print(f"  {error['page']}: {error['language']} detected as {error['detected']}")
    print(f"news pages          agreement with the declared language {news['agreement']:.3f} of {news['pages']}")
    for item in news["disagreements"]:
        print(f"  {item['id']}: declared {item['declared']}, detected {item['detected']}")
    print(f"cost                {cost['ms_per_page']:.2f} ms/page over {cost['pages']} pages"
          f" (plain langdetect, same run: {cost['plain_langdetect_ms_per_page']:.2f} ms/page;"
          f" one-off load {cost['profile_load_ms']:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
