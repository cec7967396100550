"""The columns of `articles`, derived from the one record (cleaning/record.py).

The record says which of its fields are stored, as what, and which belong
to the contract other tools read; the store adds the columns it owns
itself. The migration, the JSON columns and `CONTRACT_COLUMNS` all come from
here, so a new field is one edit to the record.
"""

from __future__ import annotations

import json
from typing import Any

from cleaning.record import COLUMN_KINDS, CONTRACT_POSITIONS, JSON, ArticleRecord

_SQL_TYPES = {"text": str, "integer": int, "real": float, JSON: str}

# Columns the store fills itself: (kind, position in the contract or None).
STORE_COLUMNS: dict[str, tuple[str, int | None]] = {
    "id": ("integer", 0),
    "story_id": ("integer", 9),
    "is_original": ("integer", None),  # 1 for the one original of each story
    "first_seen": ("text", None),
}

JSON_COLUMNS: tuple[str, ...] = tuple(name for name, kind in COLUMN_KINDS.items() if kind == JSON)

_POSITIONS = {**CONTRACT_POSITIONS, **{name: pos for name, (_kind, pos) in STORE_COLUMNS.items() if pos is not None}}
# The keys `query --format json` prints, in this order (the contract).
CONTRACT_COLUMNS: list[str] = sorted(_POSITIONS, key=_POSITIONS.__getitem__)


def article_columns() -> dict[str, type]:
    """Every column of `articles` with its SQLite type, the store's own first."""
    columns = {name: _SQL_TYPES[kind] for name, (kind, _p) in STORE_COLUMNS.items()}
    columns.update({name: _SQL_TYPES[kind] for name, kind in COLUMN_KINDS.items()})
    return columns


def row_of(record: ArticleRecord) -> dict[str, Any]:
    """The stored columns of a record, JSON columns encoded."""
    row = {}
    for name, kind in COLUMN_KINDS.items():
        value = getattr(record, name)
        row[name] = json.dumps(value, ensure_ascii=False) if kind == JSON else value
    return row


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its JSON columns turned back into lists."""
    out = dict(row)
    for column in JSON_COLUMNS:
        if column in out and isinstance(out[column], str):
            try:
                out[column] = json.loads(out[column])
            except ValueError:
                pass
    return out
