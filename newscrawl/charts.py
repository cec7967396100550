"""A story's spread as a picture: one row per site, each copy a mark at its
time, the original marked, an arrow from each copy to the page it names as
its source, the language beside each mark.

PNG and SVG are drawn with matplotlib (the optional extra
``newscrawl[charts]``); HTML is a Vega-Lite spec, rendered by the browser,
that needs no extra. The input is what ``db.queries.story_copies`` returns.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CHART_FORMATS = (".png", ".svg", ".html")
MISSING_MATPLOTLIB = "drawing PNG or SVG charts needs matplotlib: pip install 'newscrawl[charts]' (HTML charts need nothing)"


class ChartError(Exception):
    """A chart cannot be drawn; the message is one line for the user."""


@dataclass(frozen=True)
class ChartOptions:
    width_px: int = 1000
    # Height: a margin for the title, axis and legend, and one band per site.
    margin_px: int = 190
    row_px: int = 80
    dpi: int = 100

    def size_px(self, rows: int) -> tuple[int, int]:
        return self.width_px, self.margin_px + self.row_px * max(rows, 1)


DEFAULT_CHART_OPTIONS = ChartOptions()


def chart_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in CHART_FORMATS:
        raise ChartError(f"--chart {path}: the file name must end in {', '.join(CHART_FORMATS)}")
    return suffix


def check_chart_support(path: str | Path) -> str:
    """The chart's format, once it is known it can be drawn."""
    suffix = chart_format(path)
    if suffix != ".html":
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise ChartError(MISSING_MATPLOTLIB) from None
    return suffix


def _placed(story: dict) -> list[dict]:
    """The copies that have a readable time."""
    return [dict(copy, moment=dt.datetime.fromisoformat(copy["utc"])) for copy in story["copies"] if copy.get("utc")]


def _site_rows(copies: list[dict]) -> list[str]:
    """Sites in the order their first copy appeared."""
    return list(dict.fromkeys(copy["site"] for copy in copies))


def _dodge(copies: list[dict], xs: list[float]) -> list[float]:
    """Vertical offsets inside a site's row for copies at (nearly) the same
    time, so that none hides another: dates without a time of day are common."""
    span = (max(xs) - min(xs)) or 1.0
    offsets = [0.0] * len(copies)
    groups: dict[tuple[str, int], list[int]] = {}
    for index, (copy, x) in enumerate(zip(copies, xs)):
        groups.setdefault((copy["site"], round((x - min(xs)) / span * 40)), []).append(index)
    for members in groups.values():
        for rank, index in enumerate(members):
            offsets[index] = (rank - (len(members) - 1) / 2) * 0.3
    return offsets


def _is_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def chart_title(story: dict) -> str:
    """The story's title as the picture can show it. matplotlib lays text out
    left to right without shaping, so an Arabic or Hebrew title would come
    out garbled: the first copy titled in a left-to-right script stands in."""
    title = story.get("title") or ""
    if title and not _is_right_to_left(title):
        return title
    for copy in story["copies"]:
        if copy.get("title") and not _is_right_to_left(copy["title"]):
            return copy["title"]
    return ""


def _heading(story: dict, title: str) -> str:
    short = title if len(title) <= 90 else title[:89] + "…"
    return f"Story {story['id']}: {short}" if short else f"Story {story['id']}"


def draw_story_chart(story: dict, path: str | Path, options: ChartOptions = DEFAULT_CHART_OPTIONS) -> Path:
    """Write the story's timeline to `path` (.png, .svg or .html)."""
    path = Path(path)
    suffix = check_chart_support(path)
    copies = _placed(story)
    if not copies:
        raise ChartError(f"story {story['id']}: no copy has a publication or fetch time to place")
    if suffix == ".html":
        path.write_text(story_chart_html(story, copies, options), encoding="utf-8")
    else:
        _draw_with_matplotlib(story, copies, path, options)
    return path


def _draw_with_matplotlib(story: dict, copies: list[dict], path: Path, options: ChartOptions) -> None:
    import matplotlib
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    sites = _site_rows(copies)
    row_of = {site: index for index, site in enumerate(sites)}
    languages = list(dict.fromkeys(copy["language"] or "und" for copy in copies))
    palette = matplotlib.colormaps["tab10"]
    colour = {language: palette(index % 10) for index, language in enumerate(languages)}
    width, height = options.size_px(len(sites))
    # Text stays text in the SVG (searchable, and the sites can be read back).
    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": 10}):
        figure = Figure(figsize=(width / options.dpi, height / options.dpi), dpi=options.dpi, layout="constrained")
        axes = figure.add_subplot()
        point = {}
        offsets = _dodge(copies, [mdates.date2num(copy["moment"]) for copy in copies])
        for copy, offset in zip(copies, offsets):
            x, y = mdates.date2num(copy["moment"]), row_of[copy["site"]] + offset
            point[copy["id"]] = (x, y)
            language = copy["language"] or "und"
            if copy.get("is_original"):
                axes.scatter([x], [y], s=260, marker="*", color=colour[language], edgecolors="black", zorder=3)
            else:
                axes.scatter([x], [y], s=90, marker="o", color=colour[language], edgecolors="black", zorder=3)
            label = f"{language} #{copy['id']}" + (" original" if copy.get("is_original") else "")
            axes.annotate(label, (x, y), xytext=(10, 0), textcoords="offset points", ha="left", va="center", fontsize=9)
        for copy in copies:
            source = point.get(copy.get("source_id"))
            if source is not None and copy["id"] in point:
                axes.annotate("", xy=source, xytext=point[copy["id"]],
                              arrowprops={"arrowstyle": "-|>", "color": "0.35", "shrinkA": 7, "shrinkB": 9,
                                          "connectionstyle": "arc3,rad=-0.2"}, zorder=2)
        axes.set_yticks(range(len(sites)), labels=sites)
        axes.set_ylim(len(sites) - 0.4, -0.6)
        low = min(point.values())[0]
        high = max(point.values())[0]
        pad = max((high - low) * 0.08, 1 / 24)
        axes.set_xlim(low - pad, high + pad)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.set_xlabel("time (UTC): published, else fetched")
        axes.grid(axis="x", color="0.9")
        axes.set_title(_heading(story, chart_title(story)), loc="left")
        handles = [Line2D([], [], marker="o", linestyle="", color=colour[lang], markeredgecolor="black", label=lang)
                   for lang in languages]
        handles.append(Line2D([], [], marker="*", linestyle="", color="white", markeredgecolor="black",
                              markersize=12, label="original"))
        handles.append(Line2D([], [], color="0.35", marker=">", label="names as its source"))
        figure.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 7), frameon=False)
        figure.savefig(path, format=path.suffix.lstrip(".").lower(), dpi=options.dpi)


def story_chart_spec(story: dict, copies: list[dict], options: ChartOptions = DEFAULT_CHART_OPTIONS) -> dict:
    """The same timeline as a Vega-Lite spec."""
    sites = _site_rows(copies)
    by_id = {copy["id"]: copy for copy in copies}
    marks = [
        {
            "id": copy["id"],
            "site": copy["site"],
            "language": copy["language"] or "und",
            "time": copy["moment"].isoformat(),
            "role": "original" if copy.get("is_original") else "copy",
            "label": f"{copy['language'] or 'und'} #{copy['id']}",
            "url": copy["url"],
            "title": copy.get("title") or "",
        }
        for copy in copies
    ]
    links = [
        {
            "site": copy["site"], "time": copy["moment"].isoformat(),
            "source_site": by_id[copy["source_id"]]["site"], "source_time": by_id[copy["source_id"]]["moment"].isoformat(),
            "what": f"#{copy['id']} names #{copy['source_id']} as its source",
        }
        for copy in copies
        if copy.get("source_id") in by_id
    ]
    width, height = options.size_px(len(sites))
    x = {"field": "time", "type": "temporal", "title": "time (UTC): published, else fetched"}
    y = {"field": "site", "type": "nominal", "sort": sites, "title": None}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": _heading(story, story.get("title") or ""),
        "width": width - 220,
        "height": height - 120,
        "layer": [
            {
                "data": {"values": links},
                "mark": {"type": "rule", "color": "#595959", "strokeWidth": 1.5},
                "encoding": {"x": x, "y": y, "x2": {"field": "source_time"}, "y2": {"field": "source_site"},
                             "tooltip": [{"field": "what"}]},
            },
            {
                "data": {"values": links},
                "mark": {"type": "point", "shape": "triangle-up", "filled": True, "color": "#595959", "size": 60},
                "encoding": {"x": {**x, "field": "source_time"}, "y": {**y, "field": "source_site"}},
            },
            {
                "data": {"values": marks},
                "mark": {"type": "point", "filled": True, "stroke": "black"},
                "encoding": {
                    "x": x, "y": y,
                    "color": {"field": "language", "type": "nominal"},
                    "shape": {"field": "role", "type": "nominal",
                              "scale": {"domain": ["original", "copy"], "range": ["diamond", "circle"]}},
                    "size": {"field": "role", "type": "nominal", "scale": {"domain": ["original", "copy"], "range": [260, 110]},
                             "legend": None},
                    "tooltip": [{"field": "label"}, {"field": "site"}, {"field": "time", "type": "temporal", "format": "%Y-%m-%d %H:%M"},
                                {"field": "title"}, {"field": "url"}],
                    "href": {"field": "url"},
                },
            },
            {
                "data": {"values": marks},
                "mark": {"type": "text", "dy": -14, "fontSize": 11},
                "encoding": {"x": x, "y": y, "text": {"field": "label"}},
            },
        ],
    }


def story_chart_html(story: dict, copies: list[dict], options: ChartOptions = DEFAULT_CHART_OPTIONS) -> str:
    spec = json.dumps(story_chart_spec(story, copies, options), ensure_ascii=False, indent=1)
    title = html.escape(_heading(story, story.get("title") or ""))
    # "</" cannot end the script early: the spec's text is data.
    spec = spec.replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>
<script src="https://cdn.jsdelivr.net/npm/vega-lite@5"></script>
<script src="https://cdn.jsdelivr.net/npm/vega-embed@6"></script>
</head>
<body>
<div id="chart"></div>
<script type="application/json" id="spec">
{spec}
</script>
<script>vegaEmbed("#chart", JSON.parse(document.getElementById("spec").textContent));</script>
</body>
</html>
"""
