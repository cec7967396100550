"""The `newscrawl` command.

Global options (--db, --sources, --set, --verbose) work before or after the
command name. Exit status: 0 success, 1 when some work failed (each failure
on stderr, one line: URL and reason), 2 for bad usage or configuration.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
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

    def child_options(self) -> list[str]:
        """The global options that give a child `newscrawl` the same configuration."""
        options = ["--db", str(self.db), "--sources", str(self.sources)]
        if self.redis:
            options += ["--redis", self.redis]
        for name, value in self.sets.items():
            options += ["--set", f"{name}={value}"]
        return options + (["-v"] if self.verbose else [])

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
        from newscrawl.redis_keys import redis_url

        return redis_url(self.settings())


def _config() -> Config:
    return Config(click.get_current_context())


def report(result, total: int | None = None) -> int:
    """Print a run's notes, failures and summary line; its exit status."""
    for note in result.notes:
        click.echo(f"{note.url}: {note.reason}", err=True)
    for failure in result.failures:
        click.echo(f"{failure.url}: {failure.reason}", err=True)
    click.echo(result.summary, err=True)
    if result.interrupted:
        left = f": {total - result.done} of {total} not processed" if total is not None else ""
        click.echo(f"newscrawl: interrupted by {interruption_name(result.interrupted)}{left}", err=True)
        return interrupted_status(result.interrupted)
    return EXIT_FAILED if result.failures else EXIT_OK


def report_crawl(result) -> int:
    """Print one summary line per source crawled (after its failures); the exit status."""
    for run in result.runs:
        if run.locked_by is not None:
            click.echo(f"{run.name}: skipped, already being crawled (pid {run.locked_by})", err=True)
            continue
        # A site crawl meets many pages that are no article (about,
        # contact): counted in the summary; duplicates are told.
        for note in run.notes:
            if note.role != "not_article":
                click.echo(f"{note.url}: {note.reason}", err=True)
        for failure in run.failures:
            click.echo(f"{failure.url}: {failure.reason}", err=True)
        click.echo(f"{run.name}: {run.summary}", err=True)
    if result.interrupted:
        click.echo(f"newscrawl: interrupted by {interruption_name(result.interrupted)}: what was fetched is stored, "
                   "the rest is fetched by the next run", err=True)
        return interrupted_status(result.interrupted)
    return EXIT_FAILED if result.failures else EXIT_OK


def not_found(message: str) -> None:
    """A thing asked for does not exist: one line, exit 1."""
    click.echo(f"newscrawl: {message}", err=True)
    sys.exit(EXIT_FAILED)


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


@contextmanager
def _reader(config: Config):
    """The store opened read-only for one command, closed after it."""
    db = _open_reader(config)
    try:
        yield db
    finally:
        db.conn.close()


def _sites(db, site: str | None) -> list[str] | None:
    """The hosts `--site` means; an unknown site is one line naming close ones (exit 1)."""
    from db.sites import UnknownSite, resolve_sites

    if not site:
        return None
    try:
        return resolve_sites(db, site)
    except UnknownSite as exc:
        not_found(str(exc))


def _language(code: str | None) -> str | None:
    from newscrawl.api import check_language

    if code is None:
        return None
    try:
        return check_language(code)
    except ValueError as exc:
        fail_usage(f"--lang {exc}")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newscrawl")
@global_options
def cli():
    """Crawl syndicated news sites, clean the articles, keep them in SQLite with their original sources."""


@cli.command()
@click.argument("urls", nargs=-1, metavar="URL...|FILE...")
@click.option("--from-file", "from_file", type=click.File("r", encoding="utf-8"), metavar="FILE|-",
              help="Read URLs from a file, one per line ('-' for standard input).")
@click.option("--warc", "from_warc", is_flag=True,
              help="The arguments are WARC files (.warc, .warc.gz; '-' for standard input): store their HTML responses.")
@click.option("--html", "from_html", is_flag=True, help="The arguments are saved HTML pages, or folders of them.")
@click.option("--base-url", metavar="URL",
              help="With --html: a page without a canonical link or og:url is at URL + its file name.")
@click.option("--site", "--host", "sites", multiple=True, metavar="PATTERN",
              help="With --warc or --html: only pages of these hosts (example.org and its subdomains, or *.de); repeatable.")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="With --warc or --html: only articles in these languages (known after extraction); repeatable.")
@click.option("--warc-dir", metavar="DIR", help="Keep every fetched response in size-rotated .warc.gz files in DIR.")
@global_options
def ingest(urls, from_file, from_warc, from_html, base_url, sites, languages, warc_dir):
    """Fetch, extract, clean and store one-off URLs now; or read WARC files or saved pages.

    \b
    Example:
      newscrawl ingest https://example.org/news/story.html
      newscrawl ingest --from-file urls.txt
      newscrawl ingest --warc CC-NEWS-20240601000000-00000.warc.gz --lang de
      newscrawl ingest --html saved/ --base-url https://example.org/news/
    """
    config = _config()
    if from_warc or from_html:
        sys.exit(_ingest_archives(config, list(urls), from_warc, from_html, from_file, base_url, sites, languages,
                                  warc_dir))
    if base_url or sites or languages:
        fail_usage("--base-url, --site and --lang go with --warc or --html")
    _set_warc_dir(config, warc_dir)
    wanted = list(urls)
    if from_file is not None:
        wanted += [line.strip() for line in from_file if line.strip() and not line.lstrip().startswith("#")]
    if not wanted:
        fail_usage("no URL given (pass URLs or --from-file FILE)")
    from newscrawl.running import ingest_urls

    _check_db_writable(config)
    sys.exit(report(ingest_urls(wanted, config.settings()), total=len(wanted)))


def _ingest_archives(config: Config, inputs, from_warc, from_html, from_file, base_url, sites, languages,
                     warc_dir) -> int:
    from newscrawl.archives import check_warcio
    from newscrawl.archives.filters import FilterError, build_filter
    from newscrawl.archives.ingestion import ingest_options

    if from_warc and from_html:
        fail_usage("--warc and --html cannot be used together")
    if from_file is not None or warc_dir:
        fail_usage("--from-file and --warc-dir go with URLs; pass WARC files or saved pages as arguments")
    if not inputs:
        fail_usage(f"no file given (pass {'WARC files' if from_warc else 'HTML files or folders'})")
    if base_url and not from_html:
        fail_usage("--base-url goes with --html")
    if from_warc and check_warcio():
        fail_usage(check_warcio())
    if base_url:
        from cleaning.urls import InvalidURL, check_url

        try:
            check_url(base_url)
        except InvalidURL as exc:
            fail_usage(f"--base-url {base_url}: {exc}")
    try:
        filters = build_filter(sites, languages)
    except FilterError as exc:
        fail_usage(str(exc))
    _check_db_writable(config)
    options = ingest_options(config.settings(), filters, base_url)
    if from_warc:
        from newscrawl.archives.ingestion import ingest_warc

        outcomes = ingest_warc(inputs, options, sys.stdin.buffer)
    else:
        from newscrawl.archives.ingestion import ingest_saved

        outcomes = ingest_saved(inputs, options)
    return report(outcomes.result())


def _set_warc_dir(config: Config, warc_dir: str | None) -> None:
    """--warc-dir, or NEWSCRAWL_WARC_DIR: checked now, not as a crawl that fails to start."""
    from newscrawl.archives import check_warcio

    if warc_dir is not None:
        if not warc_dir.strip():
            fail_usage("--warc-dir needs a folder name, got an empty one")
        config.sets["NEWSCRAWL_WARC_DIR"] = warc_dir
    settings = config.settings()
    directory = settings.get("NEWSCRAWL_WARC_DIR")
    if not directory:
        return
    if check_warcio():
        fail_usage(check_warcio())
    try:
        if settings.getint("NEWSCRAWL_WARC_MAX_BYTES") < 1:
            raise ValueError
    except ValueError:
        fail_usage(f"NEWSCRAWL_WARC_MAX_BYTES={settings.get('NEWSCRAWL_WARC_MAX_BYTES')}: expects a number of bytes")
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        fail_usage(f"--warc-dir {directory} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail_usage(f"--warc-dir {directory}: cannot create the folder ({exc.strerror or exc})")
    if not os.access(folder, os.W_OK | os.X_OK):
        fail_usage(f"--warc-dir {directory}: the folder is not writable")


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
    from newscrawl.redis_keys import DistributedError, connect

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


language_option = click.option("--lang", "language", metavar="CODE",
                               help="Only articles in this language (ISO 639-1, or und).")
since_option = click.option("--since", metavar="DATE", help="Published (or fetched) on or after this date (YYYY-MM-DD) "
                            "or moment (2024-05-31T08:00, offset optional, else UTC).")
until_option = click.option("--until", metavar="DATE",
                            help="Published (or fetched) on or before this date (the whole day) or moment.")
author_option = click.option("--author", metavar="NAME",
                             help="Only articles by this author (whole words, case and accents ignored).")
story_option = click.option("--story", type=click.IntRange(min=0, max=SQLITE_MAX_INT), metavar="ID",
                            help="Only the copies of this story.")
raw_option = click.option("--raw", is_flag=True,
                          help="Pass TEXT to SQLite full-text search as is (AND, OR, NOT, \"phrases\", prefix*).")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
                             show_default=True)
site_option = click.option("--site", metavar="SITE", help="Only articles from this site: its host (example.org also means "
                           "www.example.org and any port), its name, or its source's name.")


def article_filters(func):
    """TEXT and the filters `query` and `export` share."""
    for option in reversed([click.argument("text", required=False), site_option, language_option, since_option,
                            until_option, story_option, author_option, raw_option]):
        func = option(func)
    return func


@cli.command()
@article_filters
@click.option("--min-mt-score", "min_mt_score", type=click.FloatRange(min=0), metavar="X",
              help="Only articles with a machine-translation score of at least X (debris per 1,000 words).")
@click.option("--sort", type=click.Choice(["relevance", "published", "mt_score"]),
              help="Order: relevance (a search's default), published (newest first, the default otherwise), mt_score (highest first).")
@click.option("--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=20, show_default=True)
@format_option
@global_options
def query(text, site, language, since, until, story, author, raw, min_mt_score, sort, limit, fmt):
    """Full-text search over titles and texts, with filters.

    \b
    Example:
      newscrawl query ceasefire --lang en --since 2024-01-01 --format json
      newscrawl query --author "Jane Doe" --since 2024-05-31T08:00+02:00
      newscrawl query --story 3
      newscrawl query --min-mt-score 5.6 --sort mt_score
    """
    from db.queries import CONTRACT_COLUMNS, QueryError, search_articles, story_summary
    from newscrawl.output import print_rows

    language = _language(language)
    with _reader(_config()) as db:
        if story is not None and story_summary(db, story) is None:
            not_found(f"no story {story}")
        filters = _filters(db, text, site, language, since, until, story, author, limit, raw)
        filters.min_mt_score, filters.sort = min_mt_score, sort
        try:
            rows = search_articles(db, filters)
        except QueryError as exc:
            fail_usage(str(exc))
    columns = CONTRACT_COLUMNS + (["is_original"] if story is not None else [])
    table = ["id", "site", "language", "published", "story_id", "title"]
    if story is not None:
        table = ["id", "site", "language", "published", "is_original", "source_url", "title"]
    if min_mt_score is not None or sort == "mt_score":
        columns = columns + ["mt_score"]
        table = table[:-1] + ["mt_score", "title"]
    if not print_rows(rows, fmt, columns, table_columns=table) and fmt == "table":
        click.echo("no articles match", err=True)


def _filters(db, text, site, language, since, until, story, author, limit, raw):
    from db.queries import Filters

    if author is not None and not author.strip():
        fail_usage("--author expects a name")
    return Filters(text=text, raw=raw, site=_sites(db, site), language=language,
                   since=_check_date("--since", since) if since else None,
                   until=_check_date("--until", until) if until else None,
                   story=story, author=author, limit=limit)


def _check_date(label: str, value: str) -> str:
    """The date or date-time given, in the ISO form the store compares."""
    from cleaning.dates import parse_date

    moment = parse_date(value)
    if moment is None or (len(value.strip()) > 10) != moment.has_time:
        fail_usage(f"{label} expects a date like 2024-05-31 or a moment like 2024-05-31T08:00+02:00, got '{value}'")
    return moment.iso()


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
    from newscrawl.api import get_article

    if key.strip().isdigit() and int(key) > SQLITE_MAX_INT:
        fail_usage(f"no article can have id {key} (ids go up to {SQLITE_MAX_INT})")
    with _reader(_config()) as db:
        article = get_article(db, key)
    if article is None:
        not_found(f"no stored article with id {key.strip()}" if key.strip().isdigit()
                  else f"no stored article with URL {key.strip()}")
    story = article["story"]
    if fmt == "json":
        article["mt_explained"] = _explain_mt_score(article)
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    lines = [
        article["title"] or "(no title)",
        "",
        f"id:          {article['id']}",
        f"url:         {article['url']}",
        f"site:        {_site_and_host(article)}",
        _authors_line(article),
        f"publisher:   {article.get('publisher') or '-'}",
        f"published:   {article['published'] or '-'}",
        f"modified:    {article.get('modified') or '-'}",
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
    # How the title, authors and dates were chosen, where a rule chose them.
    for change in changes:
        if change.get("evidence"):
            after = change.get("after") or f"({change['action']})"
            lines.append(f"  why:       {change['cleaner']} ({change['evidence']}): {change.get('before')} → {after}")
    by_cleaner: dict[str, int] = {}
    for change in changes:
        by_cleaner[change.get("cleaner", "?")] = by_cleaner.get(change.get("cleaner", "?"), 0) + 1
    summary = ", ".join(f"{name} ×{count}" for name, count in by_cleaner.items())
    lines.append(f"cleaned:     {len(changes)} change(s)" + (f": {summary} (`--format json` lists them)" if changes else ""))
    lines += _describe_mt_score(article)
    lines += ["", article["text"] or ""]
    click.echo("\n".join(lines))


# What `clean --format json|jsonl` prints of each input.
CLEAN_KEYS = ["file", "title", "text", "source_url", "captions", "language", "changes", "mt_score", "mt_parts"]


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
@click.option("--site", help="Only articles from this site (host, host without port or www., or site name).")
@global_options
def reclean(ids, site):
    """Re-run extraction and cleaning over the stored HTML, without refetching.

    \b
    Example:
      newscrawl reclean --site example.org
    """
    from db.queries import missing_article_ids
    from newscrawl.running import reclean_stored

    config = _config()
    with _reader(config) as db:
        missing = missing_article_ids(db, list(dict.fromkeys(ids)))
        if missing:
            not_found(f"no stored article with id {', '.join(map(str, missing))}")
        sites = _sites(db, site)
    if Path(config.sources).is_file():
        _load_sources(config)  # its template keys apply: a broken file is an error here too
    sys.exit(report(reclean_stored(list(ids), sites, config.settings())))


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

    sys.exit(run_demo(_config(), report_crawl, keep_serving=keep_serving))


def _authors_line(article: dict) -> str:
    authors = article.get("authors") or [name for name in [article.get("author")] if name]
    return f"{'authors:' if len(authors) > 1 else 'author: '}     {', '.join(authors) or '-'}"


def _site_and_host(row: dict) -> str:
    name = row.get("site_name")
    return f"{name} ({row['site']})" if name and name != row["site"] else row["site"]


def _describe_mt_score(article: dict) -> list[str]:
    """The machine-translation score and what it is made of."""
    from cleaning.mtscore import MT_SCORE_VERSION

    score, parts = article.get("mt_score"), article.get("mt_parts") or {}
    if score is None:
        return ["mt_score:    - (not scored yet: `newscrawl reclean` scores stored articles)"]
    version = article.get("mt_version")
    stale = "" if version == MT_SCORE_VERSION else f"; formula version {version}, now {MT_SCORE_VERSION}: `newscrawl reclean`"
    lines = [f"mt_score:    {score:g} per 1,000 words ({parts.get('words', 0)} words{stale})"]
    for part in _explain_mt_score(article):
        lines.append(f"  {part['signal']}: {part['count']} × {part['weight']:g} = {part['points']:g}  ({part['meaning']})")
    return lines


def _explain_mt_score(article: dict) -> list[dict]:
    from cleaning.mtscore import explain_counts

    parts = article.get("mt_parts") or {}
    return explain_counts(parts.get("counts") or {}, parts.get("words", 0))


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
@click.option("--since", metavar="DATE", help="Only stories with a copy published (or fetched) on or after this date "
              "or moment.")
@click.option("--sort", type=click.Choice(["copies", "sites", "spread", "first_published"]), default="copies",
              show_default=True,
              help="Order: most copies, most sites, longest spread (first copy to last), or newest first copy.")
@click.option("--limit", type=click.IntRange(min=1, max=SQLITE_MAX_INT), default=20, show_default=True)
@format_option
@global_options
def stories(since, sort, limit, fmt):
    """Stories with their number of copies, sites and languages, and how long they took to spread.

    \b
    Example:
      newscrawl stories --since 2024-05-01
      newscrawl stories --sort spread
      newscrawl query --story 3
    """
    from db.queries import STORY_COLUMNS, QueryError, list_stories
    from newscrawl.output import Column, minutes, print_rows

    since = _check_date("--since", since) if since else None
    with _reader(_config()) as db:
        try:
            rows = list_stories(db, since=since, limit=limit, sort=sort)
        except QueryError as exc:
            fail_usage(str(exc))
    for row in rows:
        row["spread"] = format_duration(row["spread_seconds"])
    # On a narrow terminal the first copy's time goes first, then the languages.
    table = [Column("story_id", "story", right=True), "copies", "sites",
             Column("languages", "langs", flex=True, drop=3), Column("first_published", "first", drop=4, show=lambda row: minutes(row["first_published"])),
             Column("spread", right=True), "original_site", "title"]
    if not print_rows(rows, fmt, STORY_COLUMNS, table_columns=table) and fmt == "table":
        click.echo(f"no stories since {since}" if since else "no stories yet", err=True)


def format_duration(seconds: int | None, signed: bool = False) -> str:
    """"2d 4h", "3h 05m", "12m": the two largest units."""
    if seconds is None:
        return "-"
    sign = "-" if seconds < 0 else ("+" if signed else "")
    minutes = abs(seconds) // 60
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    if days:
        return f"{sign}{days}d {hours}h"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    return f"{sign}{minutes}m"


# What `story --format json` prints of each copy.
STORY_COPY_KEYS = ["id", "time", "time_is", "utc", "site", "language", "is_original", "source_id", "source_url",
                   "delay_seconds", "mt_score", "url", "title"]


@cli.command()
@click.argument("story_id", metavar="ID", type=click.IntRange(min=0, max=SQLITE_MAX_INT))
@click.option("--chart", "chart", metavar="FILE",
              help="Also draw the timeline: FILE ending in .png or .svg (needs newscrawl[charts]) or .html (Vega-Lite).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@global_options
def story(story_id, chart, fmt):
    """One story's copies in time order: site, language, the copy each names as its source, delay from the original.

    \b
    Example:
      newscrawl story 3
      newscrawl story 3 --chart story.png
    """
    from db.queries import story_copies
    from newscrawl.charts import ChartError, check_chart_support, draw_story_chart
    from newscrawl.output import print_rows

    if chart:
        try:
            check_chart_support(chart)
        except ChartError as exc:
            fail_usage(str(exc))
    db = _open_reader(_config())
    found = story_copies(db, story_id)
    if found is None:
        click.echo(f"newscrawl: no story {story_id}", err=True)
        sys.exit(EXIT_FAILED)
    copies = found["copies"]
    if fmt == "json":
        payload = {key: found[key] for key in ("id", "title", "original_id")}
        payload["copies"] = [{key: copy.get(key) for key in STORY_COPY_KEYS} for copy in copies]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for copy in copies:
            copy["role"] = "original" if copy["is_original"] else (f"copy of {copy['source_id']}" if copy["source_id"] else "copy")
            copy["delay"] = format_duration(copy["delay_seconds"], signed=True)
            copy["when"] = copy["time"] + (" (fetched)" if copy["time_is"] == "fetched" else "") if copy["time"] else "-"
        click.echo(f"story {found['id']}: {found['title'] or '(no title)'}")
        columns = ["id", "when", "delay", "site", "language", "role", "source_url", "title"]
        print_rows(copies, "table", columns)
    if chart:
        try:
            written = draw_story_chart(found, chart)
        except (ChartError, OSError) as exc:
            click.echo(f"newscrawl: {exc}", err=True)
            sys.exit(EXIT_FAILED)
        click.echo(f"chart written to {written}", err=True)


@cli.command("mt-sites")
@click.option("--site", help="Only this host.")
@click.option("--threshold", type=click.FloatRange(min=0), metavar="X",
              help="Count the articles scoring at least X (default: the threshold chosen by the benchmark).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@global_options
def mt_sites(site, threshold, fmt):
    """Sites by machine-translation score: the median, and the share of articles above a threshold.

    \b
    Example:
      newscrawl mt-sites
      newscrawl mt-sites --threshold 10 --format json
    """
    from db.queries import QueryError, site_mt_scores
    from newscrawl.output import print_rows

    db = _open_reader(_config())
    try:
        rows = site_mt_scores(db, threshold=threshold, site=site)
    except QueryError as exc:
        fail_usage(str(exc))
    columns = ["site", "articles", "scored", "median_mt_score", "above_threshold", "share_above", "threshold", "outdated"]
    print_rows(rows, fmt, columns, table_columns=columns[:-2] + ["outdated"])


def _load_sources(config: Config):
    from newscrawl.sources import SourcesError, load_sources

    try:
        return load_sources(config.sources)
    except SourcesError as exc:
        fail_usage(str(exc))


@cli.command()
@click.argument("names", nargs=-1, metavar="[SOURCE...]")
@click.option("--refresh", is_flag=True, help="Fetch articles again even when they are already stored.")
@click.option("--warc-dir", metavar="DIR", help="Keep every fetched response in size-rotated .warc.gz files in DIR.")
@global_options
def crawl(names, refresh, warc_dir):
    """Crawl the sources named in the sources file now (all when none named).

    Feeds, sitemaps and start pages are revalidated (an unchanged feed costs
    a 304); articles already stored are not downloaded again.

    \b
    Example:
      newscrawl --sources sources.toml crawl gulf-wire
    """
    from newscrawl.api import choose_sources
    from newscrawl.running import crawl_sources
    from newscrawl.sources import SourcesError

    config = _config()
    try:
        sources = choose_sources(_load_sources(config), list(names), origin=config.sources)
    except SourcesError as exc:
        fail_usage(str(exc))
    _set_warc_dir(config, warc_dir)
    _check_store_reachable(config)
    sys.exit(report_crawl(crawl_sources(config.db, sources, config.settings(), refresh=refresh)))


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
    from newscrawl import running
    from newscrawl.sources import SourcesError

    config = _config()
    _load_sources(config)
    _check_store_reachable(config)
    try:
        events = running.run_schedule(config.db, config.sources, config.settings(), once=once,
                                      child_options=config.child_options())
        for event in events:
            if isinstance(event, running.Due):
                click.echo(f"due: {', '.join(event.names)}", err=True)
            elif isinstance(event, running.Crawled):
                sys.exit(report_crawl(event.result))
            elif isinstance(event, running.ChildExited) and event.code not in (EXIT_OK, EXIT_FAILED):
                click.echo(f"newscrawl: crawl of {', '.join(event.names)} exited with status {event.code}", err=True)
            elif isinstance(event, running.SourcesUnreadable):
                click.echo(f"newscrawl: error: {event.message}; retrying in {int(event.retry_in)} s", err=True)
            elif isinstance(event, running.NothingDue):
                when = f"next due at {event.upcoming.isoformat()}" if event.upcoming else "no sources"
                click.echo(f"nothing due ({when})", err=True)
    except SourcesError as exc:
        fail_usage(str(exc))


@cli.command("sources")
@format_option
@global_options
def list_sources(fmt):
    """List the sources with their last run, its result and when each is next due.

    \b
    Example:
      newscrawl --sources sources.toml sources
    """
    from newscrawl.output import print_rows
    from newscrawl.scheduling import source_rows

    config = _config()
    rows = source_rows(_load_sources(config), config.db)
    columns = ["name", "every", "last_run", "finished", "status", "result", "next_due", "feeds", "sitemaps", "start_urls"]
    print_rows(rows, fmt, columns, table_columns=["name", "every", "last_run", "result", "next_due"])


@cli.command()
@site_option
@click.option("--template", "template_site", metavar="SITE",
              help="List the furniture lines and title affixes learned for this site.")
@format_option
@global_options
def sites(site, template_site, fmt):
    """Sites with their articles, languages, and how much of them is copied.

    One row per site: its name and host, articles, languages (most used
    first), first and last fetch, the share of its articles that are copies
    of another site's story, the share that name a source, and the sites it
    copies from most.

    \b
    With --template SITE: the furniture lines and title affixes learned for
    that site (what they remove, and what the sources file changes).

    \b
    Example:
      newscrawl sites
      newscrawl sites --format json
      newscrawl sites --template example.org
    """
    if template_site:
        print_site_template(_config(), template_site, fmt)
    else:
        print_sites(_config(), site, fmt)


def print_sites(config: Config, site: str | None, fmt: str) -> None:
    from db.sites import SITE_COLUMNS, list_sites
    from newscrawl.output import Column, minutes, print_rows

    with _reader(config) as db:
        rows = list_sites(db, _sites(db, site))
    percent = lambda key: lambda row: f"{row[key]:.0%}"  # noqa: E731
    table = [
        Column("name", flex=True, show=lambda row: row["name"] or row["site"]),
        Column("site"),
        Column("articles", right=True),
        Column("languages", "langs", flex=True, drop=2, show=lambda row: ", ".join(row["languages"])),
        Column("first_seen", "first seen", drop=3, show=lambda row: minutes(row["first_seen"])),
        Column("last_seen", "last seen", drop=1, show=lambda row: minutes(row["last_seen"])),
        Column("copies_share", "copies", right=True, show=percent("copies_share")),
        Column("source_link_share", "sourced", right=True, show=percent("source_link_share")),
        Column("median_mt_score", "mt", right=True, drop=5,
               show=lambda row: "" if row["median_mt_score"] is None else f"{row['median_mt_score']:g}"),
        Column("copies_from", "copies from", flex=True, drop=4,
               show=lambda row: ", ".join(f"{c['name'] or c['site']} ({c['copies']})" for c in row["copies_from"])),
    ]
    if not print_rows(rows, fmt, SITE_COLUMNS, table_columns=table) and fmt == "table":
        click.echo("no sites yet", err=True)



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
@article_filters
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "output", metavar="FILE", help="Write to this file (default: standard output).")
@global_options
def export(text, site, language, since, until, story, author, raw, fmt, output):
    """Write every matching article, with every column, as JSON lines, CSV or Parquet.

    No limit: articles are read and written one at a time (memory stays
    flat). Filters as in `query`. Parquet needs pyarrow
    (pip install 'newscrawl[parquet]') and --output.

    \b
    Example:
      newscrawl export --output news.jsonl
      newscrawl export --lang de --since 2024-01-01 --format csv --output de.csv
      newscrawl export --format parquet --output news.parquet
    """
    from db.queries import QueryError, iter_articles, story_summary
    from newscrawl import export as exporting
    from newscrawl.api import export_columns

    language = _language(language)
    if fmt == "parquet":
        if not output:
            fail_usage("--format parquet needs --output FILE")
        if not exporting.parquet_available():
            fail_usage("--format parquet needs pyarrow: pip install 'newscrawl[parquet]'")
    config = _config()
    with _reader(config) as db:
        if story is not None and story_summary(db, story) is None:
            not_found(f"no story {story}")
        columns = export_columns(db)
        filters = _filters(db, text, site, language, since, until, story, author, None, raw)
        rows = iter_articles(db, filters, columns=columns, by_id=True)
        try:
            count = exporting.write_articles(rows, columns, fmt, output)
        except QueryError as exc:
            fail_usage(str(exc))
        except OSError as exc:
            fail_usage(f"--output {output}: {exc.strerror or exc}")
    click.echo(f"{count} article(s) exported" + (f" to {output}" if output else ""), err=True)


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open it in the web browser.")
@global_options
def serve(port, open_browser):
    """Browse and search the store in datasette, read-only, beside a running crawl.

    Titles and descriptions of every table and column, facets by site,
    language, story and original, a page per story with its copies, and
    canned queries. Needs datasette: pip install 'newscrawl[serve]'.

    \b
    Example:
      newscrawl --db demo.db serve --open
    """
    from newscrawl import web

    config = _config()
    if not web.datasette_available():
        fail_usage("newscrawl serve needs datasette: pip install 'newscrawl[serve]'")
    _open_reader(config).conn.close()
    web.serve_store(config.db, port=port, open_browser=open_browser)


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
    from newscrawl.redis_keys import DistributedError
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
    from newscrawl.redis_keys import RedisKeys, read_status, shown_url
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
