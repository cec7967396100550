"""The reads `newscrawl serve` offers in datasette: canned queries and a
story's copies. SQL lives here with the other reads; newscrawl/web/ turns it
into datasette's metadata and pages."""

from __future__ import annotations

# A story's copies, the original first, then in the order they were published.
STORY_COPIES_SQL = """
select a.id as article_id, a.is_original, a.site, a.site_name, a.language,
       coalesce(a.published, a.fetched_at) as published, a.source_url, a.title
from articles a
where a.story_id = :story
order by a.is_original desc, coalesce(a.published, a.fetched_at), a.id
"""

# name -> (title, description, SQL). Parameters (`:story`) become form fields.
CANNED_QUERIES: dict[str, tuple[str, str, str]] = {
    "story_copies": (
        "A story's copies",
        "Every copy of one story with the source link it names, the original first, then in the order they were "
        "published.",
        """
select a.id as article_id, a.is_original, a.site_name, a.site, a.language,
       coalesce(a.published, a.fetched_at) as published, a.source_url, a.source_links, a.title
from articles a
where a.story_id = :story
order by a.is_original desc, coalesce(a.published, a.fetched_at), a.id
""",
    ),
    "sites_by_copies": (
        "Sites ranked by copies",
        "Sites by how many of their articles are copies of a story whose original is on another site.",
        """
select a.site, max(a.site_name) as site_name, count(*) as articles,
       sum(case when a.is_original = 0 and o.site != a.site then 1 else 0 end) as copies,
       sum(case when a.is_original = 1 then 1 else 0 end) as originals,
       sum(case when a.source_url is not null then 1 else 0 end) as with_source_link
from articles a
left join stories s on s.id = a.story_id
left join articles o on o.id = s.original_id
group by a.site
order by copies desc, articles desc, a.site
""",
    ),
    "articles_without_source_link": (
        "Articles without a source link",
        "Articles that name no original; copies among them (is_original = 0) were matched by their text alone.",
        """
select a.id as article_id, a.site_name, a.site, a.language, coalesce(a.published, a.fetched_at) as published,
       a.story_id, a.is_original, a.title
from articles a
where a.source_url is null
order by a.is_original, coalesce(a.published, a.fetched_at) desc, a.id desc
""",
    ),
    "latest_per_language": (
        "Latest article per language",
        "For each language: how many articles, and the most recent one.",
        """
select language, articles, article_id, site_name, published, title
from (
  select a.language, count(*) over (partition by a.language) as articles, a.id as article_id, a.site_name,
         coalesce(a.published, a.fetched_at) as published, a.title,
         row_number() over (partition by a.language
                            order by coalesce(a.published, a.fetched_at) desc, a.id desc) as position
  from articles a
)
where position = 1
order by articles desc, language
""",
    ),
}
