"""Run one crawl in this process: settings, signals, progress, outcomes.

The Twisted reactor cannot be restarted, so a process runs one crawl
(CrawlerProcess) — the CLI starts one per command.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.outcomes import RunOutcomes


def build_settings(db_path: str | None = None, overrides: dict[str, str] | None = None, verbose: bool = False) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    # newscrawl reports each failure itself, in one line; Scrapy's own log
    # (tracebacks included) is for --verbose.
    settings.set("LOG_LEVEL", "INFO" if verbose else "CRITICAL", priority="cmdline")
    if db_path:
        settings.set("NEWSCRAWL_DB", db_path, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


@contextmanager
def _progress(outcomes: RunOutcomes, total: int | None, enabled: bool):
    if not enabled:
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[counts]}")]
    with Progress(*columns, transient=True, console=None, redirect_stdout=False) as progress:
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
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spidercls)
    outcomes.connect(crawler)
    if progress is None:
        progress = sys.stderr.isatty() and (total is None or total > 1)
    with _progress(outcomes, total, progress):
        process.crawl(crawler, **spider_kwargs)
        process.start()
    outcomes.stats = crawler.stats.get_stats() if crawler.stats else {}
    return outcomes
