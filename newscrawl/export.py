"""Writing articles to a file as JSON lines, CSV or Parquet, as they are read.

Rows come from an iterator (db/queries.py `iter_articles`) and leave one at
a time (JSON lines, CSV) or one row group at a time (Parquet), so memory
stays flat whatever the number of articles.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, Iterable

from cleaning.record import ArticleRecord
from newscrawl.output import cell_csv

# Articles per Parquet row group: a few MB of text at a time.
PARQUET_BATCH_ROWS = 1000
# Stored lists of plain strings become Parquet lists; lists of objects
# (source links, changes) stay JSON text.
STRING_LISTS = {f.name for f in fields(ArticleRecord) if str(f.type).replace(" ", "") == "list[str]"}


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


@contextmanager
def _text_output(path: str | None):
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as out:
        yield out


def write_articles(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, path: str | None = None) -> int:
    """Write the rows to `path` (standard output when None); how many were written."""
    if fmt == "parquet":
        return write_parquet(rows, columns, path)
    count = 0
    with _text_output(path) as out:
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([cell_csv(row.get(c)) for c in columns])
                count += 1
        else:
            for row in rows:
                out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
                count += 1
    return count


def _arrow_schema(columns: list[str], kinds: dict[str, str]):
    import pyarrow as pa

    types = {"integer": pa.int64(), "real": pa.float64(), "text": pa.string()}
    return pa.schema([
        pa.field(c, pa.list_(pa.string()) if c in STRING_LISTS else types.get(kinds.get(c, "text"), pa.string()))
        for c in columns
    ])


def write_parquet(rows: Iterable[dict[str, Any]], columns: list[str], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from db.columns import STORE_COLUMNS
    from cleaning.record import COLUMN_KINDS

    kinds = {**{name: kind for name, (kind, _pos) in STORE_COLUMNS.items()}, **COLUMN_KINDS}
    schema = _arrow_schema(columns, kinds)
    json_text = {c for c in columns if kinds.get(c) == "json" and c not in STRING_LISTS}
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []

        def flush():
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()

        for row in rows:
            item = {c: row.get(c) for c in columns}
            for c in json_text:
                if item[c] is not None and not isinstance(item[c], str):
                    item[c] = json.dumps(item[c], ensure_ascii=False)
            batch.append(item)
            count += 1
            if len(batch) >= PARQUET_BATCH_ROWS:
                flush()
        if batch or not count:
            flush()
    return count
