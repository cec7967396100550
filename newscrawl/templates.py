"""Site templates during a crawl: which template each page is cleaned with,
learning it as the crawl stores the site's pages, and cleaning again the
pages stored before it was known.

cleaning/site.py learns a template and applies it; db/profiles.py keeps it.

* The page stage cleans each page with its site's template (`SiteTemplates`):
  read from the store once per site and crawl, then kept current by the
  `template_learned` signal. The sources file's `template`, `template_keep`
  and `template_extra` of the page's source apply on top.
* The store stage, in the writer thread after each batch (`TemplateLearner`),
  learns a site's template again when the site has grown by a quarter since
  it was last learned — at each new article while it has few — and sends
  `template_learned`. One count per site is kept in memory: no query per page.
* When the store stage closes, after its last batch, the pages of this run
  that were cleaned with another template than their site's final one are
  cleaned again: the page function on their stored HTML (as `reclean` does),
  in the worker pool, with the final template, written by the one writer. So
  by the end of a crawl no page it stored holds a line of its site's final
  template. Pages stored by earlier runs get it from `newscrawl reclean`.
"""

from __future__ import annotations

import asyncio
import logging
import time
import sqlite3
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path

from scrapy import signals

from cleaning.page import PageOptions
from cleaning.record import ArticleRecord
from cleaning.site import (
    SiteOptions,
    SiteProfile,
    TemplateOverrides,
    apply_template_overrides,
    profile_signature,
)
from cleaning.urls import site_of
from db.profiles import count_site_articles, learn_site_template, read_site_profile
from db.queries import stored_pages
from db.store import StoreError, open_db

logger = logging.getLogger(__name__)

# Sent by the store stage when a site's template changed: site=, profile=.
template_learned = object()

# Pages cleaned again per writer transaction when the crawl closes.
REAPPLY_BATCH = 50


def template_overrides(crawler) -> dict[str, TemplateOverrides]:
    """The sources file's template keys, by source name: the crawled source's,
    or, for crawls of no one source (`reclean`, `ingest`), every source's of
    the sources file when there is one."""
    from newscrawl.sources import Source, SourcesError, load_sources

    source = getattr(crawler.spider, "source", None)
    if isinstance(source, Source):
        return {source.name: source.template}
    path = Path(crawler.settings.get("NEWSCRAWL_SOURCES") or "")
    if not path.is_file():
        return {}
    try:
        return {s.name: s.template for s in load_sources(path)}
    except SourcesError as exc:
        logger.warning("site templates: sources file not used: %s", exc)
        return {}


class SiteTemplates:
    """The page stage's side: the template each page is cleaned with."""

    def __init__(self, db_path: str, load_overrides=dict):
        self.db_path = db_path
        self.load_overrides = load_overrides
        self.overrides: dict[str, TemplateOverrides] | None = None
        self.learned: dict[str, SiteProfile | None] = {}
        self.applied: dict[tuple[str, str | None], SiteProfile | None] = {}
        self.reader = None

    @classmethod
    def from_crawler(cls, crawler) -> "SiteTemplates | None":
        if not crawler.settings.getbool("NEWSCRAWL_SITE_TEMPLATES"):
            return None
        if crawler.settings.getbool("NEWSCRAWL_SHARED_FRONTIER"):
            # A crawler of a distributed crawl reads them from Redis (newscrawl/distributed.py).
            templates = RedisSiteTemplates.from_settings(crawler.settings, lambda: template_overrides(crawler))
        else:
            templates = cls(crawler.settings.get("NEWSCRAWL_DB"), lambda: template_overrides(crawler))
        crawler.signals.connect(templates.site_learned, signal=template_learned)
        crawler.signals.connect(templates.close, signal=signals.spider_closed)
        return templates

    def profile_for(self, site: str, source_name: str | None) -> SiteProfile | None:
        key = (site, source_name)
        if key not in self.applied:
            if self.overrides is None:
                self.overrides = self.load_overrides()
            if site not in self.learned:
                self.learned[site] = self._read(site)
            self.applied[key] = apply_template_overrides(self.learned[site], self.overrides.get(source_name))
        return self.applied[key]

    def _read(self, site: str) -> SiteProfile | None:
        try:
            if self.reader is None:
                self.reader = open_db(self.db_path, readonly=True)
            stored = read_site_profile(self.reader, site)
        except (StoreError, sqlite3.Error):
            return None  # no store yet: the store stage announces what it learns
        return stored.profile if stored else None

    def site_learned(self, site: str, profile: SiteProfile, **_kw) -> None:
        self.learned[site] = profile
        self.applied = {key: value for key, value in self.applied.items() if key[0] != site}

    def close(self, **_kw) -> None:
        if self.reader is not None:
            self.reader.conn.close()
            self.reader = None


@dataclass
class _Written:
    site: str
    source_name: str | None
    extra_junk: tuple[str, ...]
    cleaned_with: object  # the signature of the template the page was cleaned with


class TemplateLearner:
    """The store stage's side: learn templates as pages are stored, and clean
    again, at the end, the pages stored before their site's template was known."""

    def __init__(self, options: SiteOptions, sample: int, page_options: PageOptions, pool, stats, signals_,
                 load_overrides=dict):
        self.options = options
        self.sample = sample
        self.page_options = page_options
        self.pool = pool
        self.stats = stats
        self.signals = signals_
        self.load_overrides = load_overrides
        self.latest: dict[str, SiteProfile | None] = {}
        self.learned_at_count: dict[str, int] = {}  # the site's article count when last learned
        self.count: dict[str, int] = {}  # the site's article count now
        self.written: dict[int, _Written] = {}
        # Filled by the writer thread, emptied on the reactor (a deque is safe for that).
        self.announcements: deque[tuple[str, SiteProfile]] = deque()

    @classmethod
    def from_crawler(cls, crawler) -> "TemplateLearner | None":
        from newscrawl.options import page_options, site_options, worker_count
        from newscrawl.workers import WorkerPool

        s = crawler.settings
        if not s.getbool("NEWSCRAWL_SITE_TEMPLATES"):
            return None
        return cls(site_options(s), s.getint("NEWSCRAWL_SITE_SAMPLE"), page_options(s),
                   WorkerPool.shared(worker_count(s)), crawler.stats, crawler.signals,
                   lambda: template_overrides(crawler))

    # In the writer thread, after a batch is committed.

    def after_batch(self, db, items) -> None:
        stored: dict[str, int] = {}
        for item in items:
            if item.id is None:
                continue
            site = item.record.site
            self.written[item.id] = _Written(site, item.record.source_name, tuple(item.extra_junk),
                                             profile_signature(item.site_profile))
            stored[site] = stored.get(site, 0) + (item.status == "stored")
        for site, new in stored.items():
            try:
                self._learn_when_due(db, site, new)
            except sqlite3.Error as exc:  # the batch is stored; the template waits for the next one
                logger.warning("site template of %s not learned: %s", site, exc)

    def _learn_when_due(self, db, site: str, new: int) -> None:
        if site not in self.count:
            known = read_site_profile(db, site)
            self.latest[site] = known.profile if known else None
            self.learned_at_count[site] = known.articles if known else 0
            self.count[site] = count_site_articles(db, site)
        else:
            self.count[site] += new
        count, before = self.count[site], self.learned_at_count[site]
        if count < self.options.min_articles or count - before < max(1, before // 4):
            return
        learned = learn_site_template(db, site, self.options, self.sample)
        self.learned_at_count[site] = self.count[site] = learned.articles
        if profile_signature(learned.profile) != profile_signature(self.latest.get(site)):
            self.latest[site] = learned.profile
            self.announcements.append((site, learned.profile))

    # On the reactor.

    def announce(self) -> None:
        while self.announcements:
            site, profile = self.announcements.popleft()
            self.stats.inc_value("newscrawl/templates/learned")
            self.signals.send_catch_log(template_learned, site=site, profile=profile)

    def _final_template(self, written: _Written, overrides: dict) -> SiteProfile | None:
        return apply_template_overrides(self.latest.get(written.site), overrides.get(written.source_name))

    async def reapply(self, in_writer, store) -> None:
        """Clean again the pages of this run cleaned with another template than their site's final one."""
        self.announce()
        overrides = self.load_overrides()
        stale = {article_id: written for article_id, written in self.written.items()
                 if written.cleaned_with != profile_signature(self._final_template(written, overrides))}
        ids = sorted(stale)
        slots = asyncio.Semaphore(max(2, 2 * self.pool.workers))
        for start in range(0, len(ids), REAPPLY_BATCH):
            chunk = ids[start:start + REAPPLY_BATCH]
            try:
                pages = await in_writer(lambda: list(stored_pages(store.db, ids=chunk)))
                records = await asyncio.gather(*(
                    self._clean_again(page, self._final_template(stale[page["id"]], overrides), stale[page["id"]], slots)
                    for page in pages))
                placed = await in_writer(store.write_batch, [(record, None) for record in records if record])
            except sqlite3.Error as exc:
                logger.warning("site templates not re-applied to %d page(s): %s", len(chunk), exc)
                continue
            for status, *_rest in placed:
                self.stats.inc_value(f"newscrawl/templates/reapplied/{status}")
        # Cleaned with their final template now; a long-running writer
        # (newscrawl/writer.py) reapplies again only to pages stored later.
        self.written.clear()

    async def _clean_again(self, page: dict, profile: SiteProfile | None, written: _Written, slots) -> ArticleRecord | None:
        fetched = ArticleRecord(url=page["url"], fetched_url=page["fetched_url"] or page["url"],
                                http_status=page["http_status"] or 200, fetched_at=page["fetched_at"],
                                source_name=page["source_name"], site=page["site"] or site_of(page["url"]))
        options = replace(self.page_options, extra_phrases=written.extra_junk, site_profile=profile)
        async with slots:
            result = await self.pool.run(page["html"], fetched, options, False)
        if result.error is not None or result.record is None or result.record.rejected:
            # The stored version stays.
            self.stats.inc_value("newscrawl/templates/reapply_failed")
            return None
        return result.record


# What `newscrawl sites --template SITE` lists.
TEMPLATE_COLUMNS = ["kind", "text", "articles", "share", "status"]
_KINDS = (("line", "furniture"), ("title prefix", "title_prefixes"), ("title suffix", "title_suffixes"))


def site_template_rows(profile: SiteProfile | None, sources: dict[str, TemplateOverrides]) -> list[dict]:
    """A site's learned template, one row per line or title affix, with what
    the sources file's entries of the site (by name) say about each."""
    from cleaning.site import line_key

    rows = []
    stories = profile.stories if profile else 0
    for kind, name in _KINDS:
        for item in getattr(profile, name, ()) if profile else ():
            notes = [f"kept by {source} (template_keep)" for source, o in sources.items()
                     if item.key in {line_key(line) for line in o.keep}]
            notes += [f"not applied to {source} (template = false)" for source, o in sources.items() if not o.enabled]
            rows.append({"kind": kind, "text": item.text, "articles": item.articles,
                         "share": round(item.articles / stories, 2) if stories else None,
                         "status": "; ".join(["learned", *notes])})
    learned = {item.key for _kind, name in _KINDS for item in (getattr(profile, name) if profile else ())}
    for source, o in sources.items():
        for line in o.extra:
            if line_key(line) not in learned:
                rows.append({"kind": "line", "text": line, "articles": None, "share": None,
                             "status": f"added by {source} (template_extra)"})
    return rows


class RedisSiteTemplates(SiteTemplates):
    """The page stage's templates, as the writer publishes them: each site's
    is read from Redis again after NEWSCRAWL_REDIS_TEMPLATE_SECONDS."""

    def __init__(self, client, keys, load_overrides, refresh_seconds: float):
        super().__init__("", load_overrides)
        self.client = client
        self.keys = keys
        self.refresh_seconds = refresh_seconds
        self.read_at: dict[str, float] = {}

    @classmethod
    def from_settings(cls, settings, load_overrides) -> "RedisSiteTemplates":
        from newscrawl.redis_keys import RedisKeys, connect_from_settings

        return cls(connect_from_settings(settings), RedisKeys.from_settings(settings), load_overrides,
                   settings.getfloat("NEWSCRAWL_REDIS_TEMPLATE_SECONDS"))

    def profile_for(self, site, source_name):
        from cleaning.site import profile_signature

        if site in self.learned and time.monotonic() - self.read_at.get(site, 0) >= self.refresh_seconds:
            profile = self._read(site)
            if profile_signature(profile) != profile_signature(self.learned[site]):
                self.site_learned(site, profile)
        return super().profile_for(site, source_name)

    def _read(self, site):
        import redis

        from newscrawl.messages import read_profile

        self.read_at[site] = time.monotonic()
        try:
            raw = self.client.hget(self.keys.templates, site)
        except redis.RedisError:
            return self.learned.get(site)
        return read_profile(raw) if raw else None

    def close(self, **_kw) -> None:
        self.client.close()
