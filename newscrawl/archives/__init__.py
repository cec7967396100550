"""Archives in and out: WARC files and saved pages read into the store, and a
crawl's own responses kept as WARC.

    reader.py      WARC records → pages for the page function, or skip reasons
    saved.py       saved HTML files → pages, their URL from the canonical link
    filters.py     --site / --lang: which records and articles are wanted
    ingestion.py   the loop: pages through the worker pool into the one writer
    outcomes.py    what happened to each record or file, and the summary line
    writer.py      size-rotated .warc.gz files (the crawl's WarcOutMiddleware writes through it)

warcio (the `warc` extra) is imported only here, when an archive is read or
written.
"""

MISSING_WARCIO = "WARC files need warcio: pip install 'newscrawl[warc]'"


def check_warcio() -> str | None:
    """None when warcio can be imported, else the one line saying how to get it."""
    try:
        import warcio  # noqa: F401
    except ImportError:
        return MISSING_WARCIO
    return None
