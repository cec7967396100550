"""The README's Python API examples, run as written against a copy of a
crawled demo store, with the demo's sites served on 127.0.0.1."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from newscrawl.settings import NEWSCRAWL_DEMO_PORTS as DEMO_PORTS
from tests.conftest import PAGES, ROOT, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_examples() -> list[str]:
    section = README.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```python\n(.*?)^```", section, re.M | re.S)


def test_import_newscrawl_stays_cheap():
    code = "import sys, newscrawl; print(sorted(m for m in ('scrapy', 'trafilatura', 'sqlite_utils') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
    import newscrawl

    for name in ("clean_html", "clean_text", "ingest", "crawl", "search", "get_article", "list_stories", "list_sites",
                 "load_sources"):
        assert callable(getattr(newscrawl, name)), name


def test_every_function_has_an_example():
    code = "\n".join(python_examples())
    for name in ("clean_html", "clean_text", "ingest", "crawl", "search", "get_article", "list_stories", "list_sites",
                 "load_sources", "iter_articles"):
        assert re.search(rf"\b{name}\(", code), f"the README shows no call of {name}()"


def test_the_readme_examples_run(demo_store, tmp_path, monkeypatch):
    from newscrawl.demo import serve_demo
    from newscrawl.sources import load_sources

    # The examples name the demo's first site at its usual port; the store
    # may have been crawled on others (the usual ones were busy).
    sources = load_sources(demo_store.sources)
    ports = tuple(int(source.start_urls[0].split(":")[2].split("/")[0]) for source in sources)
    examples = [code.replace(f"127.0.0.1:{DEMO_PORTS[0]}", f"127.0.0.1:{ports[0]}") for code in python_examples()]
    shutil.copy(demo_store.db, tmp_path / "demo.db")
    shutil.copy(demo_store.sources, tmp_path / "sources.toml")
    shutil.copy(PAGES / "wp-article.html", tmp_path / "saved-page.html")
    before = rows(tmp_path / "demo.db", "select count(*) as n from articles")[0]["n"]
    monkeypatch.chdir(tmp_path)
    try:
        demo = serve_demo(ports=ports, fixed_ports=True)
    except OSError:
        pytest.skip(f"the demo's ports {ports} are in use")
    namespace: dict = {}
    with demo:
        for example in examples:
            exec(compile(example, "README.md", "exec"), namespace)
    # What the examples computed is what the store holds.
    assert namespace["article"]["url"] == f"http://127.0.0.1:{ports[0]}/2025/03/10/drought-kelderwick-single-well/"
    assert namespace["article"]["story"]["copies"] >= 1
    assert namespace["german"] and all(isinstance(title, str) for title in namespace["german"])
    assert namespace["note"].text.startswith("The minister opened the dam")
    assert "Source link" not in namespace["note"].text
    crawled = namespace["result"]
    assert crawled.failures == [] and crawled.unchanged + crawled.updated == 1
    assert rows(tmp_path / "demo.db", "select count(*) as n from articles")[0]["n"] == before


def test_crawl_errors_are_exceptions_not_exits(tmp_path):
    from newscrawl import crawl, ingest
    from newscrawl.sources import SourcesError

    with pytest.raises(SourcesError, match="no sources file"):
        crawl(db=tmp_path / "news.db", sources=tmp_path / "missing.toml")
    with pytest.raises(ValueError, match="expects a whole number"):
        ingest(["http://127.0.0.1:9/a.html"], db=tmp_path / "news.db", settings={"RETRY_TIMES": "many"})
