"""The `newscrawl` command.

Global options (--db, --sources, --set, --verbose) work before or after the
command name. Exit status: 0 success, 1 when some work failed (each failure
on stderr, one line: URL and reason), 2 for bad usage or configuration.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from newscrawl import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# The largest integer SQLite stores: ids and limits above it cannot exist.
SQLITE_MAX_INT = 2**63 - 1


class UsageProblem(click.UsageError):
    """Bad usage or configuration: one line, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"newscrawl: error: {self.format_message()}", err=True)


def fail_usage(message: str) -> None:
    raise UsageProblem(message)


def _parse_sets(values) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for value in values or ():
        name, sep, setting = value.partition("=")
        name = name.strip()
        if not sep or not name or not name.replace("_", "").isalnum():
            fail_usage(f"--set expects NAME=VALUE, got '{value}'")
        parsed[name] = setting
    return parsed


def _remember(ctx: click.Context, param: click.Parameter, value):
    """Store a global option wherever it was given (before or after the command)."""
    store = ctx.find_root().ensure_object(dict)
    if param.name == "sets":
        if value:
            store.setdefault("sets", []).extend(value)
    elif param.name == "verbose":
        store["verbose"] = store.get("verbose", False) or value
    elif value is not None:
        store[param.name] = value
    return value


def global_options(func):
    options = [
        click.option("--db", "db", metavar="PATH", callback=_remember, expose_value=False, is_eager=True,
                     help="SQLite database (default: news.db, or $NEWSCRAWL_DB)."),
        click.option("--sources", "sources", metavar="PATH", callback=_remember, expose_value=False, is_eager=True,
                     help="Sources file (default: sources.toml)."),
        click.option("--set", "sets", metavar="NAME=VALUE", multiple=True, callback=_remember, expose_value=False,
                     is_eager=True, help="Override a Scrapy or NEWSCRAWL_ setting (repeatable)."),
        click.option("--redis", "redis", metavar="URL", callback=_remember, expose_value=False, is_eager=True,
                     help="Share the crawl through Redis (default: $NEWSCRAWL_REDIS_URL): crawl and schedule hand "
                          "their records to `newscrawl store --from-redis`."),
        click.option("-v", "--verbose", "verbose", is_flag=True, default=None, callback=_remember, expose_value=False,
                     is_eager=True, help="Show Scrapy's log on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class Config:
    """The resolved global options of one invocation."""

    def __init__(self, ctx: click.Context):
        store = ctx.find_root().ensure_object(dict)
        if store.get("db") == "":
            fail_usage("--db needs a file name, got an empty one")
        self.db = store.get("db") or os.environ.get("NEWSCRAWL_DB") or "news.db"
        self.sources = store.get("sources") or "sources.toml"
        self.sets = _parse_sets(store.get("sets"))
        self.verbose = bool(store.get("verbose"))
        if store.get("redis") == "":
            fail_usage("--redis needs a URL, like redis://127.0.0.1:6379/0")
        self.redis = store.get("redis")

    def settings(self):
        from newscrawl.runner import SettingError, build_settings

        try:
            # Crawls of no one source (reclean) read the sources file's template keys.
            redis = {"NEWSCRAWL_REDIS_URL": self.redis} if self.redis else {}
            return build_settings(self.db, {"NEWSCRAWL_SOURCES": self.sources, **redis, **self.sets}, self.verbose)
        except SettingError as exc:
            fail_usage(str(exc))


    def redis_url(self) -> str:
        """The Redis of a distributed crawl, or "" (docs/distributed.md)."""
        from newscrawl.distributed import redis_url

        return redis_url(self.settings())


def _config() -> Config:
    return Config(click.get_current_context())


def report(outcomes, total: int | None = None) -> int:
    for note in outcomes.notes:
        click.echo(f"{note.url}: {note.reason}", err=True)
    for failure in outcomes.failures:
        click.echo(f"{failure.url}: {failure.reason}", err=True)
    click.echo(outcomes.summary(), err=True)
    if outcomes.interrupted:
        left = f": {total - outcomes.done} of {total} not processed" if total is not None else ""
        click.echo(f"newscrawl: interrupted by {interruption_name(outcomes.interrupted)}{left}", err=True)
        return interrupted_status(outcomes.interrupted)
    return EXIT_FAILED if outcomes.failures else EXIT_OK


def interruption_name(signum: int) -> str:
    import signal

    return signal.Signals(signum).name


def interrupted_status(signum: int) -> int:
    """The shell's convention: 128 + the signal (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + signum


def _open_reader(config: Config):
    from db.store import StoreError, open_db

    _check_db_path(config.db, writing=False)
    try:
        return open_db(config.db, readonly=True)
    except StoreError as exc:
        fail_usage(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newscrawl")
@global_options
def cli():
    """Crawl syndicated news sites, clean the articles, keep them in SQLite with their original sources."""


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--from-file", "from_file", type=click.File("r", encoding="utf-8"), metavar="FILE|-",
              help="Read URLs from a file, one per line ('-' for standard input).")
@global_options
def ingest(urls, from_file):
    """Fetch, extract, clean and store one-off URLs now.

    \b
    Example:
      newscrawl ingest https://example.org/news/story.html
      newscrawl ingest --from-file urls.txt
    """
    config = _config()
    wanted = list(urls)
    if from_file is not None:
        wanted += [line.strip() for line in from_file if line.strip() and not line.lstrip().startswith("#")]
    if not wanted:
        fail_usage("no URL given (pass URLs or --from-file FILE)")
    from newscrawl.runner import run_crawl
    from newscrawl.spiders.urls import UrlsSpider

    _check_db_writable(config)
    outcomes = run_crawl(UrlsSpider, config.settings(), total=len(wanted), urls=wanted)
    sys.exit(report(outcomes, total=len(wanted)))


def _check_db_writable(config: Config) -> None:
    from db.store import StoreError, open_db
    from db.url_keys import take_unreported_key_changes

    _check_db_path(config.db, writing=True)
    try:
        db = open_db(config.db)
    except StoreError as exc:
        fail_usage(str(exc))
    try:
        changed = take_unreported_key_changes(db)
    finally:
        db.conn.close()
    if changed:
        click.echo(f"{config.db}: {changed} stored article(s) have a URL key the current rule writes differently "
                   "(kept as they are; listed in table url_key_changes)", err=True)


def _check_store_reachable(config: Config) -> None:
    """Where a crawl's records go: the database, or Redis in a distributed crawl
    (whose crawlers never open the database)."""
    if config.redis_url():
        _connect_redis(config).close()
    else:
        _check_db_writable(config)


def _connect_redis(config: Config):
    from newscrawl.distributed import DistributedError, connect

    url = config.redis_url()
    if not url:
        fail_usage("no Redis given: --redis URL, or $NEWSCRAWL_REDIS_URL (see docs/distributed.md)")
    try:
        return connect(url)
    except DistributedError as exc:
        fail_usage(str(exc))


def _check_db_path(path: str, *, writing: bool) -> None:
    """A database path SQLite cannot use is a clear line, not "unable to open database file"."""
    target = Path(path)
    if target.is_dir():
        fail_usage(f"--db {path} is a folder, not a database file")
    if not writing:
        return
    folder = target.parent if str(target.parent) else Path(".")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        # Even an existing database needs its folder: SQLite writes the
        # -wal and -shm files next to it.
        fail_usage(f"--db {path}: folder {folder} is not writable")
    if target.exists() and not os.access(target, os.W_OK):
        fail_usage(f"--db {path}: the database file is read-only")


@cli.command()
@click.argument("text", required=False)
@click.option("--site", help="Only articles from this host (example.org also matches www.example.org).")
@click.option("--lang", "language", metavar="CODE", help="Only articles in this language (ISO 639-1, or und).")
@click.option("--since", metavar="DATE", help="Published (or fetched) on or after this date (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published (or fetched) on or before this date (YYYY-MM-DD).")
@click.option("--story", type=click.IntRange(min=0, max=SQLITE_MAX_INT), metavar="ID", help="Only the copies of this story.")
@click.option("--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--raw", is_flag=True, help="Pass TEXT to SQLite full-text search as is (AND, OR, NOT, \"phrases\", prefix*).")
@global_options
def query(text, site, language, since, until, story, limit, fmt, raw):
    """Full-text search over titles and texts, with filters.

    \b
    Example:
      newscrawl query ceasefire --lang en --since 2024-01-01 --format json
      newscrawl query --story 3
    """
    from db.queries import CONTRACT_COLUMNS, Filters, QueryError, search_articles
    from newscrawl.output import print_rows

    for label, value in (("--since", since), ("--until", until)):
        if value:
            _check_date(label, value)
    db = _open_reader(_config())
    filters = Filters(text=text, raw=raw, site=site, language=language, since=since, until=until, story=story, limit=limit)
    try:
        rows = search_articles(db, filters)
    except QueryError as exc:
        fail_usage(str(exc))
    columns = CONTRACT_COLUMNS + (["is_original"] if story is not None else [])
    table = ["id", "site", "language", "published", "story_id", "title"]
    if story is not None:
        table = ["id", "site", "language", "published", "is_original", "source_url", "title"]
    print_rows(rows, fmt, columns, table_columns=table)


def _check_date(label: str, value: str) -> None:
    import datetime as dt

    try:
        # A date, or a date and time; nothing after it.
        dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
    except ValueError:
        fail_usage(f"{label} expects a date like 2024-05-31, got '{value}'")


@cli.command()
@click.argument("key", metavar="ID|URL")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@global_options
def show(key, fmt):
    """One article with its metadata, source links and story.

    \b
    Example:
      newscrawl show 12
      newscrawl show https://example.org/news/story.html --format json
    """
    from db.queries import get_article, story_matches, story_summary

    if key.strip().isdigit() and int(key) > SQLITE_MAX_INT:
        fail_usage(f"no article can have id {key} (ids go up to {SQLITE_MAX_INT})")
    db = _open_reader(_config())
    article = get_article(db, key)
    if article is None:
        click.echo(f"newscrawl: no article {key}", err=True)
        sys.exit(EXIT_FAILED)
    story = story_summary(db, article.get("story_id"))
    article["story"] = story
    article["story_matches"] = story_matches(db, article["id"])
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    lines = [
        article["title"] or "(no title)",
        "",
        f"id:          {article['id']}",
        f"url:         {article['url']}",
        f"site:        {article['site']}",
        f"published:   {article['published'] or '-'}",
        f"language:    {article['language']} ({article['language_confidence'] or 0:.2f})",
        f"story:       {_describe_story(article, story)}",
    ]
    lines += [f"  grouped:   {_describe_match(match)}" for match in article["story_matches"]]
    lines += [
        f"source_url:  {article['source_url'] or '-'}",
    ]
    for link in article.get("source_links") or []:
        lines.append(f"  link:      {link.get('url')}  [{link.get('kind')}: {link.get('text')}]")
    for caption in article.get("captions") or []:
        lines.append(f"  caption:   {caption}")
    changes = article.get("changes") or []
    by_cleaner: dict[str, int] = {}
    for change in changes:
        by_cleaner[change.get("cleaner", "?")] = by_cleaner.get(change.get("cleaner", "?"), 0) + 1
    summary = ", ".join(f"{name} ×{count}" for name, count in by_cleaner.items())
    lines.append(f"cleaned:     {len(changes)} change(s)" + (f": {summary} (`--format json` lists them)" if changes else ""))
    lines += ["", article["text"] or ""]
    click.echo("\n".join(lines))


# What `clean --format json|jsonl` prints of each input.
CLEAN_KEYS = ["file", "title", "text", "source_url", "captions", "language", "changes"]


@cli.command()
@click.argument("files", nargs=-1, metavar="[FILE...|-]")
@click.option("--html", "is_html", is_flag=True, help="Inputs are HTML pages: extract the article first.")
@click.option("--url", "page_url", metavar="URL", help="With --html: the page's address (resolves relative links).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: one per core).")
@global_options
def clean(files, is_html, page_url, fmt, jobs):
    """Clean texts (or HTML pages with --html) offline and print the result.

    No database is involved. With no FILE, or with '-', reads standard input.
    Results are printed in input order as they are ready; an input that
    cannot be read or cleaned is one line on stderr, and the others go on.

    \b
    Example:
      newscrawl clean article.txt
      newscrawl clean --html page.html --format json
      newscrawl clean --html pages/*.html --format jsonl --jobs 2
    """
    from newscrawl.batch import clean_inputs, read_inputs

    names = list(files or ("-",))
    outcomes = clean_inputs(read_inputs(names, sys.stdin.buffer), is_html=is_html, url=page_url, jobs=jobs)
    as_array = fmt == "json" and (len(names) != 1 or len(files) > 1)
    failed = printed = 0
    if as_array:
        click.echo("[")
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            click.echo(f"{outcome.name}: {outcome.error}", err=True)
            continue
        result = {"file": outcome.name, **{key: getattr(outcome.record, key) for key in CLEAN_KEYS[1:]}}
        if fmt == "jsonl":
            click.echo(json.dumps(result, ensure_ascii=False))
        elif fmt == "json":
            payload = json.dumps(result, ensure_ascii=False, indent=2)
            if as_array:
                payload = ("," if printed else "") + "\n".join("  " + line for line in payload.split("\n"))
            click.echo(payload)
        else:
            if printed:
                click.echo("\n" + "-" * 40 + "\n")
            if result["title"]:
                click.echo(result["title"] + "\n")
            click.echo(result["text"])
        printed += 1
    if as_array:
        click.echo("]")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@cli.command()
@click.argument("ids", nargs=-1, type=click.IntRange(min=0, max=SQLITE_MAX_INT), metavar="[ID...]")
@click.option("--site", help="Only articles from this host.")
@global_options
def reclean(ids, site):
    """Re-run extraction and cleaning over the stored HTML, without refetching.

    \b
    Example:
      newscrawl reclean --site example.org
    """
    from newscrawl.runner import run_crawl
    from newscrawl.spiders.stored import StoredSpider

    config = _config()
    _open_reader(config).conn.close()
    if Path(config.sources).is_file():
        _load_sources(config)  # its template keys apply: a broken file is an error here too
    outcomes = run_crawl(StoredSpider, config.settings(), ids=list(ids), site=site)
    sys.exit(report(outcomes))


@cli.command()
@click.option("--keep-serving", is_flag=True, help="Keep the sample site running after the crawl (Ctrl-C to stop).")
@global_options
def demo(keep_serving):
    """Serve the bundled sample site on 127.0.0.1, crawl it, print what was stored.

    \b
    Example:
      newscrawl --db demo.db demo
    """
    from newscrawl.demo_run import run_demo

    sys.exit(run_demo(_config(), keep_serving=keep_serving))


def _describe_story(article: dict, story: dict | None) -> str:
    if story is None:
        return "-"
    copies = f"{story['copies']} cop{'y' if story['copies'] == 1 else 'ies'} on {story['sites']} site(s)"
    role = "this is the original" if article.get("is_original") else f"original: article {story['original_id']}"
    return f"{story['id']} ({copies}; {role})"


def _describe_match(match: dict) -> str:
    """One line saying why this article and another are one story."""
    ev = match.get("evidence") or {}
    other = f"article {match['article_id']} ({match.get('language') or '?'}, {match.get('site') or '?'})"
    kind = match["kind"]
    if kind == "exact":
        why = "same text"
    elif kind == "link":
        why = {"source": "names it as its source", "copy": "is named by it as its source",
               "same source": "both name the same source"}.get(ev.get("link"), "source link")
        why += f" {ev.get('url')}" if ev.get("url") else ""
    elif kind == "near":
        why = f"{ev.get('containment', 0):.0%} of the shorter text's shingles shared ({ev.get('shared_shingles')})"
    elif kind == "translation":
        figures = ", ".join(f"{f['a']} = {f['b']}" for f in ev.get("figures", [])[:8])
        names = ", ".join(f"{n['a']} = {n['b']}" for n in ev.get("names", [])[:6])
        why = (f"{'→'.join(ev.get('languages') or [])}, score {ev.get('score', 0):.2f}: "
               f"{ev.get('figures_shared')} strong figures in common, in order ({figures})")
        if names:
            why += f"; names {names}"
    else:
        why = kind
    return f"{kind} of {other}: {why}"


@cli.command()
@click.option("--since", metavar="DATE", help="Only stories with a copy published (or fetched) on or after this date.")
@click.option("--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@global_options
def stories(since, limit, fmt):
    """Stories with their number of copies and sites, largest first.

    \b
    Example:
      newscrawl stories --since 2024-05-01
      newscrawl query --story 3
    """
    from db.queries import STORY_COLUMNS, list_stories
    from newscrawl.output import print_rows

    if since:
        _check_date("--since", since)
    db = _open_reader(_config())
    rows = list_stories(db, since=since, limit=limit)
    table = ["story_id", "copies", "sites", "languages", "first_published", "original_site", "title"]
    print_rows(rows, fmt, STORY_COLUMNS, table_columns=table)



def _load_sources(config: Config):
    from newscrawl.sources import SourcesError, load_sources

    try:
        return load_sources(config.sources)
    except SourcesError as exc:
        fail_usage(str(exc))


@cli.command()
@click.argument("names", nargs=-1, metavar="[SOURCE...]")
@click.option("--refresh", is_flag=True, help="Fetch articles again even when they are already stored.")
@global_options
def crawl(names, refresh):
    """Crawl the sources named in the sources file now (all when none named).

    Feeds, sitemaps and start pages are revalidated (an unchanged feed costs
    a 304); articles already stored are not downloaded again.

    \b
    Example:
      newscrawl --sources sources.toml crawl gulf-wire
    """
    from newscrawl.schedule import crawl_sources

    config = _config()
    sources = _load_sources(config)
    if names:
        by_name = {s.name: s for s in sources}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            fail_usage(f"unknown source '{unknown[0]}' in {config.sources} (known: {', '.join(by_name) or 'none'})")
        sources = [by_name[n] for n in dict.fromkeys(names)]
    if not sources:
        fail_usage(f"{config.sources} defines no [[source]]")
    _check_store_reachable(config)
    sys.exit(crawl_sources(config, sources, refresh=refresh))


@cli.command()
@click.option("--once", is_flag=True, help="Run the sources that are due, then exit (for cron and systemd timers).")
@global_options
def schedule(once):
    """Run every source that is due by its `every` interval, then wait for the next.

    \b
    Example:
      newscrawl schedule            # keeps running
      newscrawl schedule --once     # from cron, e.g. every 5 minutes
    """
    from newscrawl.schedule import run_schedule
    from newscrawl.sources import SourcesError

    config = _config()
    _load_sources(config)
    _check_store_reachable(config)
    try:
        sys.exit(run_schedule(config, once=once))
    except SourcesError as exc:
        fail_usage(str(exc))


@cli.command("sources")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@global_options
def list_sources(fmt):
    """List the sources with their last run, its result and when each is next due.

    \b
    Example:
      newscrawl --sources sources.toml sources
    """
    from newscrawl.output import print_rows
    from newscrawl.schedule import source_rows

    config = _config()
    rows = source_rows(_load_sources(config), config.db)
    columns = ["name", "every", "last_run", "finished", "status", "result", "next_due", "feeds", "sitemaps", "start_urls"]
    print_rows(rows, fmt, columns, table_columns=["name", "every", "last_run", "result", "next_due"])


@cli.command()
@click.option("--template", "template_site", metavar="SITE",
              help="List the furniture lines and title affixes learned for this site.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@global_options
def sites(template_site, fmt):
    """Sites with a learned template; with --template SITE, what it holds.

    \b
    Example:
      newscrawl sites --template example.org
    """
    if template_site:
        print_site_template(_config(), template_site, fmt)
    else:
        print_site_templates(_config(), fmt)


def print_site_templates(config: Config, fmt: str) -> None:
    from db.profiles import list_site_profiles
    from newscrawl.output import print_rows

    rows = list_site_profiles(_open_reader(config))
    columns = ["site", "articles", "stories", "lines", "title_affixes", "learned_at"]
    if not rows and fmt == "table":
        click.echo("no site template learned yet", err=True)
        return
    print_rows(rows, fmt, columns)


def print_site_template(config: Config, site: str, fmt: str) -> None:
    """`sites --template SITE`: the learned lines and title affixes of one
    site, with what the sources file's entries for it change."""
    from db.profiles import count_site_articles, find_site, read_site_profile, site_sources
    from newscrawl.output import print_rows
    from newscrawl.templates import TEMPLATE_COLUMNS, site_template_rows

    db = _open_reader(config)
    host = find_site(db, site)
    if host is None:
        click.echo(f"newscrawl: no articles of site {site} in {config.db}", err=True)
        sys.exit(EXIT_FAILED)
    stored = read_site_profile(db, host)
    names = set(site_sources(db, host))
    sources = _load_sources(config) if Path(config.sources).is_file() else []
    rows = site_template_rows(stored.profile if stored else None,
                              {s.name: s.template for s in sources if s.name in names})
    if stored is None:
        click.echo(f"{host}: no template learned yet ({count_site_articles(db, host)} article(s) stored; "
                   f"it is learned from {config.settings().getint('NEWSCRAWL_SITE_MIN_ARTICLES')} "
                   "articles of different stories)", err=True)
    elif fmt == "table":
        holds = "" if rows else "; it holds no line and no title affix"
        click.echo(f"{host}: learned from {stored.profile.stories} stories of {stored.articles} article(s) "
                   f"at {stored.learned_at}{holds}", err=True)
    if rows or fmt != "table":
        print_rows(rows, fmt, TEMPLATE_COLUMNS)


@cli.command()
@click.option("--from-redis", "from_redis", is_flag=True,
              help="Write the records the crawlers of a distributed crawl queued in Redis.")
@click.option("--drain", is_flag=True, help="Exit once nothing is queued and no crawler runs (else keep waiting).")
@global_options
def store(from_redis, drain):
    """The one writer of a distributed crawl: drain the crawlers' records into the database.

    Records are written in batches, each acknowledged in Redis only once its
    transaction has committed: a writer killed at any point loses nothing, and
    the next one writes the unfinished batch again (upserts by URL: nothing
    is stored twice). Only one writer runs at a time. See docs/distributed.md.

    \b
    Example:
      newscrawl --db /srv/news/news.db --redis redis://127.0.0.1:6379/0 store --from-redis
    """
    from db.store import Store, StoreError
    from newscrawl.distributed import DistributedError
    from newscrawl.options import story_options
    from newscrawl.writer import writer_from_settings

    config = _config()
    if not from_redis:
        fail_usage("store: say where the records come from: --from-redis")
    client = _connect_redis(config)
    _check_db_writable(config)
    settings = config.settings()
    try:
        target = Store(config.db, timeout=settings.getfloat("NEWSCRAWL_DB_TIMEOUT"),
                       story_options=story_options(settings))
    except StoreError as exc:
        fail_usage(str(exc))
    writer = writer_from_settings(settings, client, target, drain=drain, say=lambda line: click.echo(line, err=True))
    try:
        totals = writer.run()
    except DistributedError as exc:
        click.echo(f"newscrawl: error: {exc}", err=True)
        sys.exit(EXIT_USAGE if not writer.totals.batches else EXIT_FAILED)
    finally:
        target.close()
    click.echo(f"store: {totals.summary()}", err=True)
    sys.exit(EXIT_FAILED if totals.rejected else EXIT_OK)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@global_options
def status(fmt):
    """A distributed crawl at a glance: frontiers, crawlers, records waiting, the writer's lag.

    \b
    Example:
      newscrawl --redis redis://127.0.0.1:6379/0 status
    """
    from newscrawl.distributed import RedisKeys, read_status, shown_url
    from newscrawl.output import print_rows

    config = _config()
    client = _connect_redis(config)
    keys = RedisKeys.from_settings(config.settings())
    state = read_status(client, keys)
    client.close()
    if fmt == "json":
        click.echo(json.dumps({"redis": shown_url(config.redis_url()), "prefix": keys.prefix, **state}, indent=2))
        return
    click.echo(f"redis {shown_url(config.redis_url())}, keys {keys.prefix}:*")
    if state["frontiers"]:
        print_rows(state["frontiers"], "table", ["frontier", "queued", "in_flight", "crawlers", "seen"])
    else:
        click.echo("no crawl has used this Redis yet")
    live = [c for c in state["crawlers"] if c["alive"] or c["in_flight"]]
    if live:
        print_rows(live, "table", ["crawler", "frontier", "alive", "in_flight", "heard_of_s_ago"])
    records, writer = state["records"], state["writer"]
    click.echo(f"records: {records['waiting']} waiting, {records['in_writer']} in the writer's batch, "
               f"{records['rejected']} set aside; writer lag {records['lag_s']:g} s")
    if writer["running"]:
        last = writer["last_batch_s_ago"]
        click.echo(f"writer: running on {writer['host']} (pid {writer['pid']}), {writer['written']} record(s) written"
                   + (f", last batch {last:g} s ago (lag then {writer['last_batch_lag_s']:g} s)" if last is not None else ""))
    else:
        click.echo(f"writer: not running ({writer['written']} record(s) written so far)")


def main(argv=None) -> None:
    """Run the CLI; every error is one line on stderr (click's own included)."""
    try:
        code = cli.main(args=argv, prog_name="newscrawl", standalone_mode=False)
    except UsageProblem as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help())
        sys.exit(EXIT_OK)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "newscrawl"
        click.echo(f"newscrawl: error: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"newscrawl: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("newscrawl: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        # What reaches here is a setting Scrapy itself refused (a bad
        # --set LOG_LEVEL, TWISTED_REACTOR, ITEM_PIPELINES…) or a defect:
        # one line, and the traceback only when asked for.
        args = sys.argv[1:] if argv is None else list(argv)
        if "-v" in args or "--verbose" in args:
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        click.echo(f"newscrawl: error: {type(exc).__name__}: {message} (--verbose shows the traceback)", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
