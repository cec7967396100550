"""Printing rows as table, JSON, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterable

FORMATS = ("table", "json", "jsonl", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def print_rows(rows: list[dict[str, Any]], fmt: str, columns: Iterable[str], *, table_columns: Iterable[str] | None = None, out=None) -> None:
    out = out or sys.stdout
    columns = list(columns)
    if fmt == "json":
        json.dump([{c: row.get(c) for c in columns} for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
    else:
        from rich.console import Console
        from rich.table import Table

        shown = list(table_columns or columns)
        table = Table(show_lines=False, header_style="bold")
        for c in shown:
            table.add_column(c, overflow="fold", max_width=60 if c in ("title", "url", "source_url") else None)
        for row in rows:
            table.add_row(*[_cell(row.get(c))[:200] for c in shown])
        console = Console(file=out, width=None if out.isatty() else 160)
        console.print(table)
        if not rows:
            console.print("no articles match")
