"""Every default of newscrawl, in one place.

Scrapy's own defaults are made for generic scraping; the values below are the
ones fit for crawling other people's news sites. Project keys are prefixed
NEWSCRAWL_. Any of them can be overridden with `newscrawl --set NAME=VALUE`
or `scrapy crawl -s NAME=VALUE`.
"""

import os

from newscrawl import __version__

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# An honest User-Agent that names the project.
USER_AGENT = f"newscrawl/{__version__} (+https://pypi.org/project/newscrawl/)"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Scrapy's defaults (180 s, 1 GiB, 20 redirects) are unsafe for news pages.
DOWNLOAD_TIMEOUT = 30.0
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

# Errors are reported by newscrawl itself; keep Scrapy's log to warnings.
LOG_LEVEL = "WARNING"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19 opens a remote-control HTTP port per crawl; a crawler of other
# people's sites has no use for an open control port.
REMOTE_CONTROL_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt is even asked for: no request to a private address
    # the user did not name (newscrawl/middlewares/private_hosts.py).
    "newscrawl.middlewares.private_hosts.PrivateHostsMiddleware": 50,
    # RFC 9309: a robots.txt answering 5xx, or unreachable, means "disallow all".
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.robots.StrictRobotsTxtMiddleware": 100,
    # Just before Scrapy's redirects (600) on the way back: a Location that
    # is not http(s) is a clear failure, not "HTTP 302".
    "newscrawl.middlewares.redirects.RedirectTargetMiddleware": 650,
    # Next to the downloader, after the HTTP cache (900): each answer as it
    # came over the wire, kept as WARC when NEWSCRAWL_WARC_DIR is set.
    "newscrawl.middlewares.warc_out.WarcOutMiddleware": 950,
}
# Scrapy's caching resolver, refusing private addresses for hosts not allowed.
TWISTED_DNS_RESOLVER = "newscrawl.resolver.GuardedResolver"
# Fetch from loopback, private, link-local… addresses whatever host a link or
# redirect names. Off: only the hosts given on the command line or in the
# sources file may be private (per source: allow_private_hosts = true).
NEWSCRAWL_ALLOW_PRIVATE_HOSTS = False

# The whole item flow, left to right: the page function (extract → clean →
# language → fingerprint, cleaning/page.py) in the worker processes, then the
# one writer.
ITEM_PIPELINES = {
    "newscrawl.pipelines.page.PagePipeline": 100,
    "newscrawl.pipelines.store.StorePipeline": 500,
}
# The items and requests of one response handled at a time. An article page
# gives one item, a feed or sitemap requests that take no time to hand on;
# Scrapy's default (100) starts that many tasks for every response.
CONCURRENT_ITEMS = 8

# Project settings.
NEWSCRAWL_DB = "news.db"
NEWSCRAWL_SOURCES = "sources.toml"
# Content types accepted as article pages.
NEWSCRAWL_HTML_TYPES = ["text/html", "application/xhtml+xml"]
# Below this many characters of extracted text a page is "no article text found".
NEWSCRAWL_MIN_TEXT_CHARS = 200
# …unless the page's markup declares an article (og:type, article:* meta,
# <article>, schema.org Article): then a brief or an excerpt this long counts.
NEWSCRAWL_MIN_BRIEF_CHARS = 40
# Keep the fetched HTML (compressed) so articles can be re-extracted later.
NEWSCRAWL_KEEP_HTML = True
# Worker processes for the page function; empty: one per core; 0: run it on
# the reactor thread.
NEWSCRAWL_WORKERS = ""
# The store writes articles in batches of this many, or every this many
# seconds, one transaction each: a kill loses at most the open batch.
NEWSCRAWL_BATCH_SIZE = 50
NEWSCRAWL_BATCH_SECONDS = 0.5
# Keep every fetched response and its request in .warc.gz files in this
# folder (also the NEWSCRAWL_WARC_DIR environment variable, or `--warc-dir`);
# empty: no WARC. A file is closed at this many bytes and the next one opened.
NEWSCRAWL_WARC_DIR = os.environ.get("NEWSCRAWL_WARC_DIR", "")
NEWSCRAWL_WARC_MAX_BYTES = os.environ.get("NEWSCRAWL_WARC_MAX_BYTES", "").strip() or 1_000_000_000
# SQLite busy timeout, seconds: writers wait this long for a concurrent writer.
NEWSCRAWL_DB_TIMEOUT = 60.0
# Language detection: below this many letters, or this probability, store "und".
NEWSCRAWL_LANG_MIN_CHARS = 80
NEWSCRAWL_LANG_MIN_PROB = 0.80
NEWSCRAWL_LANG_SAMPLE_CHARS = 4000
# Paragraphs in another language than the article: checked from this many
# letters, reported above this probability, at most this many per article.
NEWSCRAWL_LANG_PARAGRAPH_MIN_CHARS = 60
NEWSCRAWL_LANG_PARAGRAPH_MIN_PROB = 0.90
NEWSCRAWL_LANG_MAX_PARAGRAPHS = 40
# Story grouping: a near copy holds at least this share of the shorter text's
# 4-word shingles, and at least this many of them (see db/stories.py).
NEWSCRAWL_STORY_MIN_CONTAINMENT = 0.5
NEWSCRAWL_STORY_MIN_SHARED_SHINGLES = 6
NEWSCRAWL_STORY_MAX_CANDIDATES = 25
# Translations without a source link (cleaning/anchors.py): an article in
# another language is a copy when this share of the figures (numbers, dates)
# is found in both, this share of pairs of them in the same order, with at
# least this many strong figures shared, this share of the names found on
# the other side, and lengths at most this many times apart. Same topic is
# never enough: the figures must agree.
NEWSCRAWL_STORY_TRANSLATIONS = True
NEWSCRAWL_STORY_TRANSLATION_MIN_SCORE = 0.6
NEWSCRAWL_STORY_TRANSLATION_MIN_ORDER = 0.7
NEWSCRAWL_STORY_TRANSLATION_MIN_SHARED = 3
NEWSCRAWL_STORY_TRANSLATION_MIN_NAME_SHARE = 0.3
NEWSCRAWL_STORY_TRANSLATION_MAX_LENGTH_RATIO = 4.0
# Site templates (cleaning/site.py): a line on at least this share of a
# site's stories, once the store holds this many of them, is the site's
# furniture; learned from at most the site's latest NEWSCRAWL_SITE_SAMPLE
# articles. Off: pages are cleaned without them.
NEWSCRAWL_SITE_TEMPLATES = True
NEWSCRAWL_SITE_MIN_ARTICLES = 3
NEWSCRAWL_SITE_MIN_SHARE = 0.6
NEWSCRAWL_SITE_SAMPLE = 500

# Discovery (`newscrawl crawl`, `schedule`): feeds, sitemaps, robots.txt and
# listing pages are revalidated with conditional requests (ETag,
# Last-Modified), so an unchanged feed costs a 304; article pages are never
# cached (newscrawl/middlewares/httpcache.py).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "newscrawl.middlewares.httpcache.DiscoveryCachePolicy"
HTTPCACHE_STORAGE = "newscrawl.middlewares.httpcache.DiscoveryCacheStorage"
HTTPCACHE_GZIP = True
# Empty: next to the database, as <db>.httpcache.
NEWSCRAWL_HTTPCACHE_DIR = ""
# Each run of a source is a row in the `crawls` table.
EXTENSIONS = {
    "newscrawl.middlewares.crawls.CrawlRecorder": 500,
    "newscrawl.middlewares.outcome_log.OutcomeLog": 510,
}
NEWSCRAWL_RECORD_CRAWLS = True
# Failure lines and the summary also go to the crawl's log (WARNING), for
# spiders run with `scrapy crawl`; `newscrawl` prints them itself.
NEWSCRAWL_LOG_OUTCOMES = True
LOG_FORMATTER = "newscrawl.middlewares.outcome_log.ArticleLogFormatter"
# Sources crawled at the same time by one `newscrawl crawl`.
NEWSCRAWL_PARALLEL_SOURCES = 4
# Sitemap entries modified up to this many seconds before the last
# successful run started are looked at again (clock differences).
NEWSCRAWL_LASTMOD_MARGIN = 3600
# `schedule` re-reads the sources file at least this often, seconds.
NEWSCRAWL_SCHEDULE_MAX_SLEEP = 300
# `demo` serves its sample sites on these ports when they are free.
# Articles are keyed on their URL, port included: fixed ports let a second
# `demo` into the same database find what the first stored.
NEWSCRAWL_DEMO_PORTS = [8731, 8732, 8733]

# Many crawler processes, one writer (docs/distributed.md). With a Redis URL
# (`newscrawl --redis URL`, or $NEWSCRAWL_REDIS_URL, also read by `scrapy
# crawl`), the source crawls of `crawl` and `schedule` share one frontier in
# Redis (scrapy-redis's scheduler and duplicate filter) and hand their
# records to `newscrawl store --from-redis`, the one SQLite writer. Empty:
# every process writes the database itself.
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL", "")
# Every key newscrawl makes in Redis starts with this: crawls of different
# databases can share one Redis with different prefixes.
NEWSCRAWL_REDIS_PREFIX = "newscrawl"
# A crawler or writer not heard of for this many seconds is dead: the
# requests it held go back to the frontier, its lock is free. A process that
# was on this machine and is gone is known dead at once.
NEWSCRAWL_REDIS_DEAD_AFTER = 15.0
# Crawler processes read a site's learned template from Redis again after
# this many seconds (the writer learns it).
NEWSCRAWL_REDIS_TEMPLATE_SECONDS = 30.0
# The add-on also sets NEWSCRAWL_SHARED_FRONTIER (at its own priority, so
# not defined here) when a crawl is one crawler process of a distributed
# crawl: the stages that would read the store ask Redis instead.
ADDONS = {"newscrawl.distributed.DistributedCrawl": 0}

# Scrapy ≥ 2.13 prefers the asyncio reactor.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

# Only the web: a feed or page that lists file://, data:, s3:// or ftp://
# links must never make the crawler read them.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
