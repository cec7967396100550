"""Sites: what the store holds of each, and which site a user means.

A site is the host of an article's URL (`articles.site`, with the port when
it is not the default). Users name it as they know it: the host, the host
without its port or `www.`, the name the site gives itself (`site_name`,
"The Lantern Post") or the sources-file entry that crawls it.
"""

from __future__ import annotations

import difflib
from typing import Any

import sqlite_utils

# The keys `sites --format json` prints, in this order.
SITE_COLUMNS = [
    "name",
    "site",
    "articles",
    "languages",
    "first_seen",
    "last_seen",
    "copies_share",
    "source_link_share",
    "copies_from",
    "median_mt_score",
    "mt_share_above",
]


class UnknownSite(LookupError):
    """No stored site is called that; the message names the close ones."""


def site_labels(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Each stored site with its most used name and the sources that crawl it."""
    labels: dict[str, dict[str, Any]] = {}
    for site, name, source, count in db.execute(
        "select site, site_name, source_name, count(*) from articles group by site, site_name, source_name"
    ):
        label = labels.setdefault(site, {"site": site, "names": {}, "sources": set()})
        if name:
            label["names"][name] = label["names"].get(name, 0) + count
        if source:
            label["sources"].add(source)
    for label in labels.values():
        names = label.pop("names")
        label["name"] = max(names, key=lambda n: (names[n], n)) if names else None
    return labels


def _split(host: str) -> tuple[str, str | None]:
    """(host without `www.`, port or None)."""
    if host.startswith("["):  # an IPv6 literal keeps its colons
        name, _sep, rest = host[1:].partition("]")
        port = rest[1:] or None
    elif host.count(":") == 1:
        name, port = host.split(":")
    else:
        name, port = host, None
    return (name[4:] if name.startswith("www.") else name), port


def _bare(host: str) -> str:
    """A host without its port and without `www.`."""
    return _split(host)[0]


def _same_site(wanted: str, site: str) -> bool:
    """Whether a host as typed means this stored host: the same host, `www.`
    aside, or a subdomain of it; the same port when one is typed."""
    want_host, want_port = _split(wanted)
    host, port = _split(site)
    if want_port is not None and want_port != port:
        return False
    return host == want_host or host.endswith("." + want_host)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_sites(db: sqlite_utils.Database, wanted: str) -> list[str]:
    """The stored sites (hosts) a user means by `wanted`, sorted; raises
    UnknownSite listing close matches when there is none.

    `example.org` means example.org, www.example.org and example.org:8080,
    and the subdomains of example.org (news.example.org); a site's name
    or a source's name means the sites stored under it."""
    labels = site_labels(db)
    key = _fold(wanted)
    hosts = sorted(
        site for site, label in labels.items()
        if _same_site(key, site)
        or (label["name"] and key == _fold(label["name"]))
        or key in {_fold(source) for source in label["sources"]}
    )
    if hosts:
        return hosts
    raise UnknownSite(f"no site {wanted} in the store{_suggestion(labels, wanted)}")


def _suggestion(labels: dict[str, dict[str, Any]], wanted: str) -> str:
    choices: dict[str, str] = {}
    for site, label in labels.items():
        for text in (site, _bare(site), label["name"], *label["sources"]):
            if text:
                choices.setdefault(_fold(text), text)
    close = difflib.get_close_matches(_fold(wanted), list(choices), n=5, cutoff=0.5)
    if not close:
        # Nothing close: name a few that exist, so the user sees the form.
        shown = sorted({label["name"] or site for site, label in labels.items()})[:5]
        return f" (sites: {', '.join(shown)})" if shown else " (it holds no article yet)"
    return f" (did you mean: {', '.join(dict.fromkeys(choices[c] for c in close))}?)"


def list_sites(db: sqlite_utils.Database, sites: list[str] | None = None) -> list[dict[str, Any]]:
    """One row per site, most articles first: its name, host, number of
    articles, languages (most used first), first and last fetch, the share of
    its articles that are copies of a story whose original is on another
    site, the share that name a source, and the sites it copies from most."""
    where, params = "", []
    if sites:
        where = f"where a.site in ({','.join('?' * len(sites))})"
        params = list(sites)
    labels = site_labels(db)
    rows = {}
    for site, articles, first_seen, last_seen, copies, linked in db.execute(
        f"""select a.site, count(*), min(coalesce(a.first_seen, a.fetched_at)), max(a.fetched_at),
                   sum(case when a.is_original = 0 and o.site is not null and o.site != a.site then 1 else 0 end),
                   sum(case when a.source_url is not null then 1 else 0 end)
            from articles a left join stories s on s.id = a.story_id left join articles o on o.id = s.original_id
            {where} group by a.site""",
        params,
    ):
        rows[site] = {
            "name": labels.get(site, {}).get("name"),
            "site": site,
            "articles": articles,
            "languages": [],
            "first_seen": first_seen,
            "last_seen": last_seen,
            "copies_share": round(copies / articles, 3) if articles else 0.0,
            "source_link_share": round(linked / articles, 3) if articles else 0.0,
            "copies_from": [],
        }
    for site, language, _count in db.execute(
        f"select a.site, a.language, count(*) as n from articles a {where} group by a.site, a.language "
        "order by a.site, n desc, a.language",
        params,
    ):
        rows[site]["languages"].append(language)
    for site, original_site, count in db.execute(
        f"""select a.site, o.site, count(*) as n
            from articles a join stories s on s.id = a.story_id join articles o on o.id = s.original_id
            {where + ' and' if where else 'where'} a.is_original = 0 and o.site != a.site
            group by a.site, o.site order by a.site, n desc, o.site""",
        params,
    ):
        copied = rows[site]["copies_from"]
        if len(copied) < 3:
            copied.append({"site": original_site, "name": labels.get(original_site, {}).get("name"), "copies": count})
    # How machine-translated each site reads (cleaning/mtscore.py): the median
    # score of its articles and the share above the threshold.
    from db.queries import has_mt_scores, site_mt_scores

    scores = {entry["site"]: entry for entry in site_mt_scores(db)} if has_mt_scores(db) else {}
    for site, row in rows.items():
        row["median_mt_score"] = scores.get(site, {}).get("median_mt_score")
        row["mt_share_above"] = scores.get(site, {}).get("share_above")
    return sorted(rows.values(), key=lambda row: (-row["articles"], row["site"]))
