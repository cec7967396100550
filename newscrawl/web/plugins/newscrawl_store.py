"""Datasette plugin for a newscrawl store (loaded by `newscrawl serve`).

- A story number links to the story's page, an article number to the article.
- JSON lists (authors, source links, changes…) fold into one line that opens
  on a click, pretty-printed by datasette-pretty-json when it is installed.
- A story's page lists its copies with their source links, in time order.
- The articles table opens on the columns a reader wants (name, language,
  date, story, title, text, source); `?_nocol=` or `_col=` choose others.
"""

from __future__ import annotations

import json

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from markupsafe import Markup

from db.browse import STORY_COPIES_SQL
from db.columns import JSON_COLUMNS

# Columns holding a story number or an article number, by table (None: the
# results of a canned query).
STORY_COLUMNS = {("articles", "story_id"), (None, "story_id")}
ARTICLE_COLUMNS = {("stories", "original_id"), (None, "article_id"), (None, "original_id"),
                   ("story_matches", "article_id"), ("story_matches", "matched_id")}
JSON_CELLS = {("articles", column) for column in JSON_COLUMNS} | {(None, column) for column in JSON_COLUMNS} | {
    ("story_matches", "evidence"), ("crawls", "errors")}


def _pretty(value: str) -> Markup:
    try:
        from datasette_pretty_json import render_cell as pretty_json
    except ImportError:
        pretty_json = None
    rendered = pretty_json(value) if pretty_json else None
    if rendered is None:
        rendered = Markup("<pre>{}</pre>").format(json.dumps(json.loads(value), indent=2, ensure_ascii=False))
    return rendered


def _summary(data) -> str:
    if isinstance(data, list):
        if data and all(isinstance(item, str) for item in data):
            return ", ".join(data)
        return f"{len(data)} item{'s' if len(data) != 1 else ''}"
    if isinstance(data, dict):
        return ", ".join(list(data)[:4]) + ("…" if len(data) > 4 else "")
    return str(data)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if value is None or value == "":
        return None
    key = (table, column)
    if key in STORY_COLUMNS and isinstance(value, int):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.row(database, "stories", str(value)), value)
    if key in ARTICLE_COLUMNS and isinstance(value, int):
        return Markup('<a href="{}">{}</a>').format(datasette.urls.row(database, "articles", str(value)), value)
    if key in JSON_CELLS and isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return None
        if data in ([], {}):
            return Markup('<span class="empty">–</span>')
        if isinstance(data, list) and all(isinstance(item, str) for item in data):
            return _summary(data)
        return Markup("<details><summary>{}</summary>{}</details>").format(_summary(data), _pretty(value))
    return None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "stories" or request is None:
        return {}

    async def story_copies():
        story = request.url_vars.get("pks")
        if not story or not story.isdigit():
            return {"story_copies": []}
        results = await datasette.get_database(database).execute(STORY_COPIES_SQL, {"story": int(story)})
        return {"story_copies": [dict(row) for row in results.rows],
                "article_url": lambda article_id: datasette.urls.row(database, "articles", str(article_id))}

    return story_copies


# A table's column descriptions fold into one line above it (they would push
# the rows below the first screen), and show as each header's tooltip.
FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var fold = document.createElement("details");
  var summary = document.createElement("summary");
  summary.textContent = "What each column holds (" + list.querySelectorAll("dt").length + " columns)";
  fold.appendChild(summary);
  list.parentNode.insertBefore(fold, list);
  fold.appendChild(list);
});
document.querySelectorAll("th[data-column-description]").forEach(function (header) {
  header.title = header.getAttribute("data-column-description");
});
"""


@hookimpl
def extra_body_script(template, view_name):
    return FOLD_DESCRIPTIONS if view_name == "table" else ""


# The articles table's columns when the address chooses none.
ARTICLE_TABLE_COLUMNS = ("site_name", "language", "published", "story_id", "is_original", "title", "text", "source_url")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def choose_columns(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method") == "GET":
                parts = scope.get("path", "").strip("/").split("/")
                query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                if (len(parts) == 2 and parts[1] == "articles" and parts[0] in datasette.databases
                        and not any(name in ("_col", "_nocol") for name, _value in query)):
                    chosen = urlencode([*query, *(("_col", column) for column in ARTICLE_TABLE_COLUMNS)])
                    await send({"type": "http.response.start", "status": 302,
                                "headers": [(b"location", f"{scope['path']}?{chosen}".encode("latin-1"))]})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return choose_columns

    return wrap
