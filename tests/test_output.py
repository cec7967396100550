"""Tables fit the width they are given, one line per row, and never cut a
number, a code or a timestamp; long titles end in an ellipsis after a word."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from newscrawl.output import ELLIPSIS, Column, format_table, minutes, print_rows, shorten, terminal_width

TITLES = [
    "Kallenberg meets striking ferry crews as Port Amsel talks stall for a third week",
    "افتتاح محطة لتحلية مياه البحر في قصر النخيل بعد تأخير دام عامين",
    "東京で新しい橋が開通し、通勤時間が大幅に短縮される見通し",
    "Short",
]
ROWS = [
    {"id": 1000 + i, "site": f"127.0.0.1:873{i}", "site_name": name, "language": lang,
     "published": "2025-03-18T08:30:00+01:00", "story_id": 7, "title": title}
    for i, (name, lang, title) in enumerate(zip(["The Lantern Post", "Mirador Relay", "東京ニュース", None],
                                                 ["en", "ar", "ja", "und"], TITLES))
]
COLUMNS = ["id", "site", "language", "published", "story_id", "title"]


@pytest.mark.parametrize("width", [80, 200])
def test_every_line_fits_and_keeps_numbers_codes_and_timestamps(width):
    lines = format_table(ROWS, COLUMNS, width)
    assert len(lines) == 2 + len(ROWS)
    assert all(cell_len(line) <= width for line in lines), [cell_len(line) for line in lines]
    for row, line in zip(ROWS, lines[2:]):
        # Published times are shown to the minute, never cut mid-way.
        for whole in (str(row["id"]), row["language"], minutes(row["published"])):
            assert whole in line


@pytest.mark.parametrize("width", [80, 200])
def test_titles_are_whole_or_cut_after_a_word_with_an_ellipsis(width):
    lines = format_table(ROWS, COLUMNS, width)
    for row, line in zip(ROWS, lines[2:]):
        shown = line.split("7  ", 1)[1].strip()  # after the story column
        if shown.endswith(ELLIPSIS):
            kept = shown[:-1]
            assert row["title"].startswith(kept) and cell_len(kept) >= 10
            if " " in row["title"]:
                # The cut falls where a word ends.
                assert row["title"][len(kept)] in " ,;:" or row["title"][len(kept) - 1] in " ,;:"
        else:
            assert shown == row["title"]
    if width == 200:
        assert all(row["title"] in "\n".join(lines) for row in ROWS)


def test_the_site_is_shown_by_its_name_else_its_host():
    text = "\n".join(format_table(ROWS, COLUMNS, 200))
    assert "The Lantern Post" in text and "127.0.0.1:8730" not in text
    assert "127.0.0.1:8733" in text  # no name: the host


def test_optional_columns_go_before_a_title_gets_too_short():
    columns = [*COLUMNS[:-1], Column("url", flex=True, drop=1), "title"]
    rows = [{**row, "url": "http://127.0.0.1:8731/" + "section/" * 8} for row in ROWS]
    narrow, wide = format_table(rows, columns, 80), format_table(rows, columns, 200)
    assert "url" not in narrow[0].split() and "url" in wide[0].split()


def test_shorten_never_exceeds_the_width_in_cells():
    for text in TITLES:
        for width in range(4, 60):
            assert cell_len(shorten(text, width)) <= width


def test_columns_from_the_environment(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123


def test_json_output_is_one_array_also_when_streamed(capsys):
    assert print_rows(iter(ROWS), "json", COLUMNS) == len(ROWS)
    assert json.loads(capsys.readouterr().out) == [{c: row[c] for c in COLUMNS} for row in ROWS]
    assert print_rows(iter([]), "json", COLUMNS) == 0
    assert json.loads(capsys.readouterr().out) == []
