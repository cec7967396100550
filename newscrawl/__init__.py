"""newscrawl: crawl syndicated news sites, extract and repair articles, store them in SQLite.

    from newscrawl import clean_html, clean_text, ingest, crawl, search, get_article, list_stories, list_sites, load_sources

The functions live in `newscrawl.api` and are imported on first use, so that
`import newscrawl` stays cheap (no Scrapy, no trafilatura until needed).
"""

__version__ = "0.1.0"

_API = (
    "clean_html", "clean_text", "ingest", "crawl", "search", "iter_articles", "get_article", "list_stories",
    "list_sites", "load_sources", "CrawlResult", "RunResult", "CrawlError",
)
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from newscrawl import api

        return getattr(api, name)
    raise AttributeError(f"module 'newscrawl' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
