"""Run crawls in this process: settings, signals, progress, outcomes.

The Twisted reactor cannot be restarted, so a process runs one batch of
crawls (one CrawlerProcess) — the CLI starts one per command; `schedule`
starts a child process per batch.
"""

from __future__ import annotations

import contextlib
import sys
from contextlib import contextmanager

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.outcomes import RunOutcomes


class _CrawlerProcess(CrawlerProcess):
    """Scrapy's process, remembering the signal that stopped it: Ctrl-C or
    SIGTERM stops fetching, lets the pages in hand finish and the open batch
    commit, and the run then reports itself as interrupted."""

    interrupted: int | None = None

    def _signal_shutdown(self, signum, frame) -> None:
        self.interrupted = signum
        super()._signal_shutdown(signum, frame)


def build_settings(db_path: str | None = None, overrides: dict[str, str] | None = None, verbose: bool = False) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    # newscrawl reports each failure itself, in one line; Scrapy's own log
    # (tracebacks included) is for --verbose.
    settings.set("LOG_LEVEL", "INFO" if verbose else "CRITICAL", priority="cmdline")
    if db_path:
        settings.set("NEWSCRAWL_DB", db_path, priority="cmdline")
    for name, value in (overrides or {}).items():
        check_setting_value(name, value, settings.get(name))
        settings.set(name, value, priority="cmdline")
    return settings


class SettingError(ValueError):
    """A --set value that the setting cannot take; the message is for the user."""


_BOOLEANS = {"1", "0", "true", "false", "yes", "no", "on", "off"}


def check_setting_value(name: str, value: str, current) -> None:
    """Refuse a value of the wrong kind now, not as a traceback mid-crawl."""
    if isinstance(current, bool):
        if value.strip().lower() not in _BOOLEANS:
            raise SettingError(f"--set {name}={value}: expects true or false")
    elif isinstance(current, int):
        try:
            int(value)
        except ValueError:
            raise SettingError(f"--set {name}={value}: expects a whole number") from None
    elif isinstance(current, float):
        try:
            float(value)
        except ValueError:
            raise SettingError(f"--set {name}={value}: expects a number") from None


def crawl_stats(crawler) -> dict:
    """The crawl's stats, or {} for a crawl that never started."""
    try:
        return crawler.stats.get_stats() if crawler.stats else {}
    except RuntimeError:  # Crawler.stats raises before the crawl starts
        return {}


def _stderr_console():
    # Progress belongs to stderr, with the failure lines and the summary:
    # stdout stays clean for output a user pipes elsewhere.
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def _worker_pool(settings: Settings):
    """The process's worker pool, forked before the reactor starts its
    threads, and shut down when the crawls are over."""
    from newscrawl.options import worker_count
    from newscrawl.workers import WorkerPool

    WorkerPool.shared(worker_count(settings))
    try:
        yield
    finally:
        WorkerPool.shutdown_shared()


@contextmanager
def _progress(outcomes: RunOutcomes, total: int | None, enabled: bool):
    if not enabled:
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[counts]}")]
    with Progress(*columns, transient=True, console=_stderr_console(), redirect_stdout=False) as progress:
        task = progress.add_task("crawling", total=total, counts="")

        def update():
            progress.update(
                task,
                completed=outcomes.done,
                counts=f"{outcomes.stored} stored · {outcomes.unchanged} unchanged · {outcomes.failed} failed",
            )

        outcomes.on_change = update
        yield
        outcomes.on_change = None


def run_crawl(spidercls, settings: Settings, *, total: int | None = None, progress: bool | None = None, **spider_kwargs) -> RunOutcomes:
    """Run one spider to completion and return what happened."""
    outcomes = RunOutcomes()
    process = _CrawlerProcess(settings)
    crawler = process.create_crawler(spidercls)
    outcomes.connect(crawler)
    if progress is None:
        progress = sys.stderr.isatty() and (total is None or total > 1)
    with _worker_pool(settings), _progress(outcomes, total, progress):
        started = process.crawl(crawler, **spider_kwargs)
        # A crawl that cannot start (a reactor or component Scrapy cannot
        # load) is a failure of the run, not a silent "0 stored".
        started.addErrback(lambda failure: outcomes.fail(spidercls.name, f"crawl failed: {failure.getErrorMessage()}"))
        process.start()
    outcomes.stats = crawl_stats(crawler)
    outcomes.interrupted = process.interrupted
    return outcomes


@contextmanager
def _source_progress(runs: list[RunOutcomes], enabled: bool):
    """One live line for a batch of source crawls: discovered, fetched, stored, failed."""
    if not enabled:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True, console=_stderr_console(),
                  redirect_stdout=False) as progress:
        task = progress.add_task("crawling")

        def update():
            finished = sum(1 for run in runs if run.finished)
            progress.update(
                task,
                description=(
                    f"crawling {len(runs)} source(s), {finished} done · "
                    f"{sum(r.discovered for r in runs)} discovered · {sum(r.fetched for r in runs)} fetched · "
                    f"{sum(r.stored + r.updated for r in runs)} stored · {sum(r.failed for r in runs)} failed"
                ),
            )

        for run in runs:
            run.on_change = update
        update()
        yield
        for run in runs:
            run.on_change = None


def run_crawls(jobs: list[tuple[type, dict]], settings: Settings, *, parallel: int = 4,
               progress: bool | None = None) -> list[RunOutcomes]:
    """Run several spiders in this process, at most `parallel` at a time.

    Each job is (spider class, spider keyword arguments). Returns one
    RunOutcomes per job, in order; a crawl that could not start has its
    error as a failure.
    """
    from scrapy.utils.reactor import install_reactor
    from twisted.internet import defer
    from twisted.python.failure import Failure

    # Installed up front, not by the first crawler: a first spider that
    # fails to start must not leave the others without a reactor.
    install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    from twisted.internet import reactor

    process = _CrawlerProcess(settings)
    runs = [RunOutcomes() for _ in jobs]
    crawlers = []
    for (spidercls, _kwargs), outcomes in zip(jobs, runs):
        crawler = process.create_crawler(spidercls)
        outcomes.connect(crawler)
        crawlers.append(crawler)
    if progress is None:
        progress = sys.stderr.isatty()

    semaphore = defer.DeferredSemaphore(max(1, parallel))

    def run_one(crawler, kwargs, outcomes):
        def done(result):
            outcomes.finished = True
            if isinstance(result, Failure):
                # The spider could not even start (bad arguments, a broken
                # sources entry): report it like any other failure.
                outcomes.fail(crawler.spidercls.name, f"crawl failed: {result.getErrorMessage()}")
            outcomes._changed()

        return process.crawl(crawler, **kwargs).addBoth(done)

    def stop(_):
        # A signal may have stopped the reactor already.
        with contextlib.suppress(RuntimeError):
            reactor.stop()

    batch = [semaphore.run(run_one, c, kw, o) for c, (_cls, kw), o in zip(crawlers, jobs, runs)]
    with _worker_pool(settings), _source_progress(runs, progress):
        defer.DeferredList(batch, consumeErrors=True).addBoth(stop)
        process.start(stop_after_crawl=False)
    for crawler, outcomes in zip(crawlers, runs):
        outcomes.stats = crawl_stats(crawler)
        outcomes.interrupted = process.interrupted
    return runs
