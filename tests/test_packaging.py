"""Every data file the code reads is shipped by a non-editable install."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import ROOT


def test_package_data_globs_cover_every_data_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    covered: set[Path] = set()
    for package, patterns in package_data.items():
        for pattern in patterns:
            covered |= {p for p in (ROOT / package).glob(pattern) if p.is_file()}
    data_files = [
        p for folder in (ROOT / "cleaning" / "data", ROOT / "newscrawl" / "demo" / "content", ROOT / "newscrawl" / "demo" / "themes",
                       ROOT / "newscrawl" / "web")
        for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"
    ]
    assert data_files
    missing = sorted(str(p.relative_to(ROOT)) for p in data_files if p not in covered)
    assert missing == []
