"""Offline batches: the page function over many inputs, on every core.

`newscrawl clean` reads files (or standard input) and prints one result per
input, in input order, as soon as it and every input before it are done: a
window of inputs is in flight at a time, so memory stays flat whatever the
number of files, and an input that cannot be read or processed is one
failure, never the end of the batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterable, Iterator

from cleaning.page import PageOptions, process_page, process_text, read_html_bytes, warm_up
from cleaning.record import ArticleRecord

# `clean` prints what a page becomes, short or not: the store's floor does
# not apply.
NO_FLOOR = PageOptions(min_text_chars=0, min_brief_chars=0)


@dataclass
class Outcome:
    name: str
    record: ArticleRecord | None = None
    error: str | None = None


def clean_one(name: str, data: bytes | None, is_html: bool, url: str | None, options: PageOptions,
              read_error: str | None = None) -> Outcome:
    if read_error is not None:
        return Outcome(name, error=read_error)
    try:
        if is_html:
            return Outcome(name, process_page(read_html_bytes(data), url, options))
        return Outcome(name, process_text(data.decode("utf-8", errors="replace"), options=options))
    except Exception as exc:  # one input's defect must not end the batch
        return Outcome(name, error=f"cannot clean: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")


def read_inputs(names: Iterable[str], stdin) -> Iterator[tuple[str, bytes | None, str | None]]:
    """(name, bytes, None) or (name, None, reason) for each input, lazily."""
    for name in names:
        try:
            data = stdin.read() if name == "-" else open(name, "rb").read()
        except OSError as exc:
            yield name, None, f"cannot read: {exc.strerror or exc}"
            continue
        yield name, data, None


def clean_inputs(inputs: Iterable[tuple[str, bytes | None, str | None]], *, is_html: bool, url: str | None = None,
                 options: PageOptions = NO_FLOOR, jobs: int | None = None) -> Iterator[Outcome]:
    """Outcomes in input order. `jobs` worker processes (default: one per
    core); 1 runs in this process."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        for name, data, error in inputs:
            yield clean_one(name, data, is_html, url, options, error)
        return
    # Read once here, the tables are the workers' from the start.
    warm_up()
    window: deque[tuple[str, Future]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for name, data, error in inputs:
            window.append((name, pool.submit(clean_one, name, data, is_html, url, options, error)))
            if len(window) >= 4 * jobs:
                yield _outcome(*window.popleft())
        while window:
            yield _outcome(*window.popleft())


def _outcome(name: str, future: Future) -> Outcome:
    try:
        return future.result()
    except BrokenProcessPool:
        return Outcome(name, error="the worker process cleaning it died")
