"""A crawl that breaks is a failed run with a reason, never a silent success."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

SCRIPT = """
import json, sys
from newscrawl.runner import build_settings, run_crawl, run_crawls
from tests.broken_spiders import InitFails, StartFails

settings = build_settings(sys.argv[1], {})
if sys.argv[2] == "one":
    runs = [run_crawl(StartFails, settings)]
else:
    runs = run_crawls([(StartFails, {}), (InitFails, {})], settings)
print(json.dumps([[(f.url, f.reason) for f in run.failures] for run in runs]))
"""


def run(db_path, mode):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path), mode], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_an_error_in_start_is_a_failure(db_path):
    assert run(db_path, "one") == [[["start-fails", "internal error: start exploded"]]]


def test_a_spider_that_cannot_be_built_does_not_stop_the_others(db_path):
    assert run(db_path, "many") == [
        [["start-fails", "internal error: start exploded"]],
        [["init-fails", "crawl failed: init exploded"]],
    ]
