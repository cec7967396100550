"""Printing rows as a table, JSON, JSON lines or CSV.

Tables fit the terminal: its width, or `COLUMNS` (also when the output is
piped), else 80. Each row is one line. Numbers, codes and timestamps are
never cut; titles, names and URLs are shortened with an ellipsis after their
last whole word that fits; when even that does not fit, optional columns
are left out, the least needed first.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from rich.cells import cell_len

FORMATS = ("table", "json", "jsonl", "csv")
GAP = "  "
# A shortened column keeps at least this many cells.
MIN_FLEX = 12
ELLIPSIS = "…"


@dataclass(frozen=True)
class Column:
    """How a table shows one column."""

    key: str
    header: str | None = None
    flex: bool = False  # may be shortened with an ellipsis
    drop: int = 0  # 0: always shown; else left out on a narrow terminal, the highest first
    least: int = MIN_FLEX  # a shortened column keeps at least this many cells (or all it has)
    right: bool = False  # numbers line up on the right
    show: Callable[[dict[str, Any]], Any] | None = None  # the text shown, from the row

    def text(self, row: dict[str, Any]) -> str:
        return cell(self.show(row) if self.show else row.get(self.key))


def site_label(row: dict[str, Any], site: str = "site", name: str = "site_name") -> str:
    """A site as people know it: its own name, else its host."""
    return row.get(name) or row.get(site) or ""


# How the columns newscrawl prints are shown, by key.
KNOWN_COLUMNS = {
    "title": Column("title", flex=True, least=26),
    "url": Column("url", flex=True, drop=1),
    "source_url": Column("source_url", "source", flex=True, drop=1),
    "original_url": Column("original_url", flex=True, drop=1),
    "site": Column("site", flex=True, least=16, show=site_label),
    "original_site": Column("original_site", "original", flex=True, drop=1,
                            show=lambda row: site_label(row, "original_site", "original_site_name")),
    "languages": Column("languages", "langs", flex=True, drop=1),
    "language": Column("language", "lang"),
    "id": Column("id", right=True),
    "story_id": Column("story_id", right=True),
    "is_original": Column("is_original", "orig", show=lambda row: "yes" if row.get("is_original") else ""),
    "copies": Column("copies", right=True),
    "sites": Column("sites", right=True),
    "articles": Column("articles", right=True),
    # Published times to the minute in tables; JSON and CSV keep the offset.
    "published": Column("published", show=lambda row: minutes(row.get("published"))),
    "first_published": Column("first_published", "first", drop=2, show=lambda row: minutes(row.get("first_published"))),
    "last_published": Column("last_published", "last", drop=1, show=lambda row: minutes(row.get("last_published"))),
    "result": Column("result", flex=True, least=20),
    "next_due": Column("next_due", drop=1, show=lambda row: minutes(row.get("next_due"))),
    "last_run": Column("last_run", drop=2, show=lambda row: minutes(row.get("last_run"))),
}


def minutes(stamp: str | None) -> str:
    """An ISO timestamp to the minute, for tables (2025-03-10 08:04); other text as it is."""
    if stamp and len(stamp) > 16 and stamp[10:11] == "T":
        return stamp[:16].replace("T", " ")
    return stamp or ""


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def terminal_width(out=None) -> int:
    """`COLUMNS` when set, else the width of the terminal the output (or
    stderr, when the output is piped) is on, else 80."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (out, sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return 80


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` cells: cut with an ellipsis after its last
    whole word that fits."""
    if cell_len(text) <= width:
        return text
    room = max(width - 1, 0)
    kept = ""
    for char in text:
        if cell_len(kept + char) > room:
            break
        kept += char
    if not text[len(kept)].isspace():
        # Never half a word: back to the last whole one (a first word longer
        # than the room is cut, there is nothing else to show).
        space = kept.rstrip().rfind(" ")
        if space > 0:
            kept = kept[:space]
    return kept.rstrip(" ,;:-–—") + ELLIPSIS


def _fit(columns: list[Column], texts: list[list[str]], width: int) -> tuple[list[Column], list[int]]:
    """Which columns are shown, and how wide each is."""
    columns = list(columns)
    while True:
        natural = [max([cell_len(c.header or c.key)] + [cell_len(row[i]) for row in texts]) for i, c in enumerate(columns)]
        header_widths = [cell_len(c.header or c.key) for c in columns]
        fixed = sum(w for c, w in zip(columns, natural) if not c.flex)
        flex = [i for i, c in enumerate(columns) if c.flex]
        room = width - len(GAP) * (len(columns) - 1) - fixed
        least = sum(min(natural[i], max(columns[i].least, header_widths[i])) for i in flex)
        droppable = [i for i, c in enumerate(columns) if c.drop]
        if room >= least or not droppable:
            break
        gone = max(droppable, key=lambda i: (columns[i].drop, i))
        columns.pop(gone)
        texts = [[t for j, t in enumerate(row) if j != gone] for row in texts]
    widths = list(natural)
    # Share the room among the shortened columns: those that need less than
    # their share give the rest to the others.
    pending = sorted(flex, key=lambda i: natural[i])
    room = max(room, 0)
    floor = {i: min(natural[i], max(columns[i].least, header_widths[i])) for i in pending}
    if room < least:
        # Too narrow even for that: each gives up its share of what is missing.
        for i in flex:
            widths[i] = max(4, floor[i] * room // max(least, 1))
        pending = []
    while pending:
        i = pending.pop(0)
        # Its share, but never what the columns after it need at least.
        spare = room - sum(floor[j] for j in pending)
        widths[i] = max(floor[i], min(natural[i], room // (len(pending) + 1), spare))
        room -= widths[i]
    return columns, widths


def format_table(rows: list[dict[str, Any]], columns: Iterable[Column | str], width: int) -> list[str]:
    """The lines of a table of `rows` at most `width` cells wide."""
    specs = [c if isinstance(c, Column) else KNOWN_COLUMNS.get(c, Column(c)) for c in columns]
    texts = [[spec.text(row) for spec in specs] for row in rows]
    shown, widths = _fit(specs, texts, width)
    keep = [specs.index(spec) for spec in shown]
    lines = []

    def line(values: list[str]) -> str:
        parts = []
        for spec, w, value in zip(shown, widths, values):
            value = shorten(value, w)
            pad = " " * (w - cell_len(value))
            parts.append(pad + value if spec.right else value + pad)
        return GAP.join(parts).rstrip()

    lines.append(line([spec.header or spec.key for spec in shown]))
    lines.append(GAP.join("─" * w for w in widths))
    for row in texts:
        lines.append(line([row[i] for i in keep]))
    return lines


def print_rows(rows: Iterable[dict[str, Any]], fmt: str, columns: Iterable[str], *,
               table_columns: Iterable[Column | str] | None = None, out=None) -> int:
    """Print rows in a format; returns how many were printed. JSON lines and
    CSV are written as the rows come, so an iterator is never held whole."""
    out = out or sys.stdout
    columns = list(columns)
    count = 0
    if fmt == "json":
        out.write("[")
        for row in rows:
            item = json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, indent=2)
            out.write(("," if count else "") + "\n  " + item.replace("\n", "\n  "))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: cell_csv(row.get(c)) for c in columns})
            count += 1
    else:
        rows = list(rows)
        count = len(rows)
        if rows:
            out.write("\n".join(format_table(rows, table_columns or columns, terminal_width(out))) + "\n")
    return count


def cell_csv(value: Any) -> str:
    """A CSV cell: lists and objects as JSON, text as it is."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
