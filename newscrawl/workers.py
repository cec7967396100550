"""The worker processes that run the page function off the reactor.

Extraction and cleaning are CPU work in pure Python: on the reactor thread
they would leave every other core idle and stall the downloads. A process
runs one pool (`WorkerPool.shared`), made before the reactor starts so the
workers are forked from a process without threads; every crawl of the
process hands its pages to it. A worker ignores Ctrl-C: the crawl process
decides how to stop, and shuts the pool down. A worker that dies (killed,
out of memory) fails the pages it held, and the pool is made again.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from cleaning.page import PageOptions, process_page, warm_up
from cleaning.record import ArticleRecord
from db.store import compress_html


WORKER_DIED = "the worker process processing the page died"


@dataclass
class PageResult:
    record: ArticleRecord | None
    page: bytes | None  # the HTML as stored
    error: str | None = None  # the page function raised: one line


def process_fetched(html: str, fetched: ArticleRecord, options: PageOptions, keep_html: bool) -> PageResult:
    """The page function on one fetched page, with the fetch facts and the
    stored form of the HTML. Never raises: an error is the result's `error`,
    and the HTML is still returned so the page can be kept for `reclean`."""
    page = compress_html(html) if keep_html else None
    try:
        url = fetched.fetched_url or fetched.url
        record = process_page(html, url, options, fetched_at=fetched.fetched_at).with_fetch(fetched)
    except Exception as exc:  # a defect must cost one page, not the crawl
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{os.path.basename(last.filename)}:{last.lineno}"
        return PageResult(None, page, f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]} ({where})")
    return PageResult(record, page)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class WorkerPool:
    """A process pool for `process_fetched`; `workers == 0` runs it inline."""

    _shared: "WorkerPool | None" = None

    def __init__(self, workers: int):
        self.workers = max(0, workers)
        self._executor: ProcessPoolExecutor | None = None

    @classmethod
    def shared(cls, workers: int) -> "WorkerPool":
        """The process's pool (one per process, like the reactor), started now."""
        if cls._shared is None or cls._shared.workers != max(0, workers):
            if cls._shared is not None:
                cls._shared.shutdown()
            cls._shared = cls(workers)
        cls._shared.start()
        return cls._shared

    def start(self) -> None:
        if self.workers and self._executor is None:
            # fork: the workers share the parent's loaded modules and phrase
            # lists (read here, once for all of them); they are made before
            # the reactor starts its threads.
            warm_up()
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
            )
            # A fork context launches every worker at the first submit.
            self._executor.submit(int).result()

    async def run(self, html: str, fetched: ArticleRecord, options: PageOptions, keep_html: bool) -> PageResult:
        if not self.workers:
            return process_fetched(html, fetched, options, keep_html)
        try:
            return await asyncio.wrap_future(self.submit(process_fetched, html, fetched, options, keep_html))
        except BrokenProcessPool:
            return PageResult(None, None, WORKER_DIED)

    def submit(self, func, *args) -> Future:
        """`func(*args)` in a worker (inline when `workers == 0`), for callers
        without a reactor (archive ingestion). A result raising
        BrokenProcessPool is a page lost with a worker that died."""
        if not self.workers:
            done: Future = Future()
            done.set_result(func(*args))
            return done
        self.start()
        assert self._executor is not None
        try:
            return self._executor.submit(func, *args)
        except BrokenProcessPool:
            # A worker died with a page in hand: the pages it held fail, the
            # next ones get a new pool.
            self._executor = None
            self.start()
            return self._executor.submit(func, *args)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    @classmethod
    def shutdown_shared(cls) -> None:
        if cls._shared is not None:
            cls._shared.shutdown()
            cls._shared = None
