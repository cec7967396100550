"""The phrase lists in ``cleaning/data/``: read once per process.

Every list of words or phrases a cleaner or the extractor needs lives in a
data file, one concept per file, so a new language or wording is an edit to
data, not to code.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files


def data_dir():
    """The data folder, through importlib.resources rather than __file__: the
    package also runs from a zip (the egg Scrapyd runs a deployed project
    from), where the folder is a zip member; a plain directory everywhere
    else. Looked up at each read: a zip opened once would be read by every
    forked worker through one shared file offset."""
    return files("cleaning") / "data"


DATA_DIR = data_dir()


@functools.cache
def data_lines(name: str) -> tuple[str, ...]:
    """The entries of one data file: one per line, '#' comments and blank
    lines skipped."""
    path = data_dir() / name
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return tuple(entries)


def alternation(entries: tuple[str, ...]) -> str:
    """One regular-expression alternative of several data entries."""
    return "|".join(f"(?:{entry})" for entry in entries)


@functools.cache
def compiled_alternation(name: str, flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile(alternation(data_lines(name)), flags)
