"""newscrawl: crawl syndicated news sites, extract and repair articles, store them in SQLite."""

__version__ = "0.1.0"
