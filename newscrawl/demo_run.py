"""`newscrawl demo`: serve the bundled sample site, crawl it, show the result."""

from __future__ import annotations

import click

# The sample site is on this machine: no need to be polite to it.
LOCAL_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}
EXIT_USAGE = 2


def demo_ports(settings) -> tuple[int, ...]:
    """NEWSCRAWL_DEMO_PORTS as port numbers. Raises ValueError with the user's message."""
    raw = settings.getlist("NEWSCRAWL_DEMO_PORTS")
    try:
        ports = tuple(int(str(value).strip()) for value in raw)
    except ValueError:
        ports = ()
    if not ports or not all(0 < port < 65536 for port in ports):
        raise ValueError(f"NEWSCRAWL_DEMO_PORTS expects port numbers separated by commas, got {','.join(map(str, raw))!r}")
    return ports


def _holds_demo_articles(db_path, ports: tuple[int, ...]) -> bool:
    from pathlib import Path

    from db.queries import count_site_articles
    from db.store import StoreError, open_db

    if not Path(db_path).is_file():
        return False
    try:
        db = open_db(db_path, readonly=True)
    except StoreError:
        return False
    try:
        return count_site_articles(db, [f"127.0.0.1:{port}" for port in ports]) > 0
    finally:
        db.conn.close()


def run_demo(config, report_crawl, keep_serving: bool = False) -> int:
    """`report_crawl` prints a crawl's result and gives its exit status (the CLI's)."""
    from db.queries import Filters, search_articles
    from db.store import open_db
    from newscrawl.demo import serve_demo
    from newscrawl.output import print_rows
    from newscrawl.running import crawl_sources
    from newscrawl.sources import Source

    # A database that already holds the demo's articles needs the same ports
    # again: on other ports every article would be stored a second time
    # under new "sites". A new database may use any free port.
    settings = config.settings()
    try:
        ports = demo_ports(settings)
    except ValueError as exc:
        click.echo(f"newscrawl: error: {exc}", err=True)
        return EXIT_USAGE
    fixed = _holds_demo_articles(config.db, ports)
    try:
        demo = serve_demo(ports=ports, fixed_ports=fixed)
    except OSError:
        listed = ", ".join(str(port) for port in ports)
        click.echo(f"newscrawl: error: the demo's ports ({listed} on 127.0.0.1) are in use, and {config.db} holds "
                   "articles stored from them: stop the other `newscrawl demo`, or pass another --db", err=True)
        return EXIT_USAGE
    with demo:
        for site in demo.sites:
            click.echo(f"serving {site.name} at {site.base_url}/", err=True)
        for name, value in LOCAL_SETTINGS.items():
            if name not in config.sets:
                settings.set(name, value, priority="cmdline")
        # The sample sites are crawled like any source: feeds, sitemaps and
        # links from the home page, so the demo shows discovery at work.
        sources = [
            Source(name=site.name, feeds=list(site.feeds), sitemaps=list(site.sitemaps),
                   start_urls=list(site.start_urls), language=site.language, every="30m", interval=1800.0)
            for site in demo.sites
        ]
        status = report_crawl(crawl_sources(config.db, sources, settings))

        db = open_db(config.db, readonly=True)
        try:
            rows = search_articles(db, Filters(limit=1000))
            click.echo(f"\n{len(rows)} articles in {config.db}:")
            print_rows(rows, "table", [], table_columns=["id", "site", "language", "story_id", "title"])
            stories = [story for story in list_shared_stories(db)]
            sample = search_articles(db, Filters(text="minister", limit=5))
        finally:
            db.conn.close()
        if stories:
            click.echo(f"{len(stories)} stories have copies on several sites, e.g. "
                       f"`newscrawl --db {config.db} query --story {stories[0]}`")
        click.echo(f'\nSample query: newscrawl --db {config.db} query "minister"')
        print_rows(sample, "table", [], table_columns=["id", "site", "language", "title"])
        _write_sources_file(config, sources)
        _print_next_steps(config, stories[0] if stories else None, rows[0]["id"] if rows else None)
        if keep_serving:
            click.echo("sample site still running; Ctrl-C to stop", err=True)
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return status


def list_shared_stories(db) -> list[int]:
    from db.queries import list_stories

    return [row["story_id"] for row in list_stories(db, limit=1000) if row["sites"] > 1]


def _write_sources_file(config, sources) -> None:
    """A sources file for the demo's sites, so that `sources`, `crawl` and
    `schedule` can be tried at once; an existing file is never replaced."""
    from pathlib import Path

    from newscrawl.sources import format_sources

    path = Path(config.sources)
    if path.exists():
        click.echo(f"\n{path} exists: left as it is (the demo's sites are not added to it)")
        return
    comment = ("The sample sites of `newscrawl demo`. They run while `newscrawl demo --keep-serving` does;\n"
               "crawl them again with `newscrawl crawl`, or on their schedule with `newscrawl schedule`.")
    path.write_text(format_sources(sources, comment), encoding="utf-8")
    click.echo(f"\nwrote {path} for the demo's sites")


def _print_next_steps(config, story: int | None, article: int | None) -> None:
    prefix = f"newscrawl --db {config.db}" + (f" --sources {config.sources}" if config.sources != "sources.toml" else "")
    steps = [
        (f"{prefix} sites", "the sites, their languages and what they copy"),
        (f"{prefix} stories", "stories with copies on several sites"),
    ]
    if story is not None:
        steps.append((f"{prefix} query --story {story}", "one story's copies, the original first"))
    if article is not None:
        steps.append((f"{prefix} show {article}", "one article, its source links and cleaning"))
    steps += [
        (f"{prefix} export --output demo.jsonl", "every article to a file"),
        (f"{prefix} serve --open", "browse and search it all in datasette"),
        (f"{prefix} sources", "the sources file just written, with last runs"),
        (f"{prefix} demo --keep-serving", "keep the sample sites up, then `crawl` or `schedule` them"),
    ]
    width = max(len(command) for command, _why in steps)
    click.echo("\nNext, try:")
    for command, why in steps:
        click.echo(f"  {command.ljust(width)}   # {why}")
