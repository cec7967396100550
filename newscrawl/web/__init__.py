"""`newscrawl serve`: the store in datasette, with the project's metadata.

Datasette opens the file read-only (`mode=ro`), never immutable (`-i`):
immutable mode turns off locking, and a crawl may be writing. The shipped
metadata (metadata.json) gives every table and column a title or
description, the facets and sort order; the canned queries come from
db/browse.py; the plugin in plugins/ links stories and articles and folds
JSON cells; templates/row.html adds a story's copies to its page.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

from db.browse import CANNED_QUERIES

HERE = Path(__file__).resolve().parent
# Characters of a cell shown in tables; the row's own page shows it whole.
TABLE_CELL_CHARS = 280
SETTINGS = {
    "truncate_cells_html": TABLE_CELL_CHARS,
    # Facets and canned queries over a large store take longer than the default 1 s.
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
}


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def database_name(db_path: str | Path) -> str:
    """The name datasette gives a database file (its stem)."""
    return Path(db_path).stem


def build_metadata(db_path: str | Path) -> dict:
    """Datasette's metadata for this store: the shipped titles,
    descriptions and facets, and the canned queries, under the database's name."""
    shipped = json.loads((HERE / "metadata.json").read_text(encoding="utf-8"))
    queries = {
        name: {"title": title, "description": description, "sql": sql.strip()}
        for name, (title, description, sql) in CANNED_QUERIES.items()
    }
    tables = shipped.pop("tables")
    return {**shipped, "databases": {database_name(db_path): {"tables": tables, "queries": queries}}}


def datasette_arguments(db_path: str | Path, metadata_path: str | Path, *, port: int, open_browser: bool) -> list[str]:
    """The `datasette serve` command line for the store (no -i: see above)."""
    args = [str(db_path), "--host", "127.0.0.1", "--port", str(port), "--metadata", str(metadata_path),
            "--plugins-dir", str(HERE / "plugins"), "--template-dir", str(HERE / "templates")]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args + (["--open"] if open_browser else [])


def serve_store(db_path: str | Path, *, port: int = 8001, open_browser: bool = False) -> None:
    """Serve the store on 127.0.0.1 until interrupted."""
    from datasette.cli import serve

    with tempfile.TemporaryDirectory(prefix="newscrawl-serve-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(build_metadata(db_path), ensure_ascii=False), encoding="utf-8")
        serve.main(args=datasette_arguments(db_path, metadata_path, port=port, open_browser=open_browser),
                   prog_name="newscrawl serve", standalone_mode=False)
