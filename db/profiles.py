"""Site templates in the store (table `site_profiles`): learned from a site's
stored articles (cleaning/site.py does the learning), read by the crawl and
`reclean`, listed by `newscrawl sites --template SITE`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from cleaning.site import (
    AFFIX_CLEANER,
    FURNITURE_CLEANER,
    DEFAULT_SITE_OPTIONS,
    Furniture,
    SiteOptions,
    SiteProfile,
    learn_site_profile,
    template_lines,
    template_title,
)
from db.store import utcnow, write_transaction

# A site's template is learned from at most this many of its latest articles.
DEFAULT_SAMPLE = 500


@dataclass
class StoredProfile:
    site: str
    profile: SiteProfile
    articles: int  # the site's stored articles when it was learned
    learned_at: str | None = None


def count_site_articles(db: sqlite_utils.Database, site: str) -> int:
    return db.conn.execute("select count(*) from articles where site = ?", [site]).fetchone()[0]


def _decode(value: str | None) -> tuple[Furniture, ...]:
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(Furniture(str(i.get("key", "")), str(i.get("text", "")), int(i.get("articles") or 0))
                 for i in items if isinstance(i, dict) and i.get("key"))


def _encode(items: tuple[Furniture, ...]) -> str:
    return json.dumps([asdict(item) for item in items], ensure_ascii=False)


def read_site_profile(db: sqlite_utils.Database, site: str) -> StoredProfile | None:
    if not db["site_profiles"].exists():
        return None  # a store made before templates were learned, opened read-only
    row = db.conn.execute(
        "select site, learned_at, articles, stories, furniture, title_prefixes, title_suffixes "
        "from site_profiles where site = ?", [site]).fetchone()
    if row is None:
        return None
    profile = SiteProfile(furniture=_decode(row[4]), title_prefixes=_decode(row[5]), title_suffixes=_decode(row[6]),
                          stories=row[3] or 0)
    return StoredProfile(row[0], profile, row[2] or 0, row[1])


def learn_site_template(db: sqlite_utils.Database, site: str, options: SiteOptions = DEFAULT_SITE_OPTIONS,
                        sample: int = DEFAULT_SAMPLE) -> StoredProfile:
    """Learn a site's template from its latest stored articles and keep it.

    The texts are read as the template cleaner saw them (the lines it removed
    put back), so a learned line stays learned after it has been removed."""
    texts, titles, stories = [], [], []
    rows = db.conn.execute(
        "select text, title, story_id, changes from articles where site = ? order by id desc limit ?",
        [site, max(1, sample)])
    for text, title, story_id, changes_json in rows:
        changes = _template_changes(changes_json)
        texts.append(template_lines(text or "", changes))
        titles.append(template_title(title, changes))
        stories.append(story_id)
    profile = learn_site_profile(texts, titles, stories, options)
    stored = StoredProfile(site, profile, count_site_articles(db, site), utcnow())
    with write_transaction(db):
        db["site_profiles"].upsert(
            {"site": site, "learned_at": stored.learned_at, "articles": stored.articles, "stories": profile.stories,
             "furniture": _encode(profile.furniture), "title_prefixes": _encode(profile.title_prefixes),
             "title_suffixes": _encode(profile.title_suffixes)},
            pk="site",
        )
    return stored


def _template_changes(changes_json: str | None) -> list[dict]:
    # Most articles hold no removal of the template cleaners: skip parsing them.
    if not changes_json or (FURNITURE_CLEANER not in changes_json and AFFIX_CLEANER not in changes_json):
        return []
    try:
        changes = json.loads(changes_json)
    except ValueError:
        return []
    return [c for c in changes if isinstance(c, dict)] if isinstance(changes, list) else []


def find_site(db: sqlite_utils.Database, site: str) -> str | None:
    """The stored site a user means: the exact host, else the one host
    ending in ".<site>" (example.org for www.example.org)."""
    site = site.strip().lower()
    if db.conn.execute("select 1 from articles where site = ? limit 1", [site]).fetchone():
        return site
    if db["site_profiles"].exists() and db.conn.execute("select 1 from site_profiles where site = ?", [site]).fetchone():
        return site
    hosts = [row[0] for row in db.conn.execute(
        "select distinct site from articles where site like '%.' || ? limit 2", [site])]
    return hosts[0] if len(hosts) == 1 else None


def site_sources(db: sqlite_utils.Database, site: str) -> list[str]:
    """The sources-file entries whose crawls stored the site's articles."""
    return [row[0] for row in db.conn.execute(
        "select distinct source_name from articles where site = ? and source_name is not null order by 1", [site])]


def list_site_profiles(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Each site with a learned template: what it was learned from and how much it holds."""
    if not db["site_profiles"].exists():
        return []
    rows = []
    for row in db.conn.execute(
            "select site, learned_at, articles, stories, furniture, title_prefixes, title_suffixes "
            "from site_profiles order by site"):
        rows.append({"site": row[0], "learned_at": row[1], "articles": row[2], "stories": row[3],
                     "lines": len(_decode(row[4])), "title_affixes": len(_decode(row[5])) + len(_decode(row[6]))})
    return rows
