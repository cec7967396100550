"""The sources file: which sites to crawl, how to find their articles, how often.

A TOML file with one `[[source]]` table per site. Every key is checked: a
typo such as `feed = ...` must not silently turn a source into one that finds
nothing, so unknown keys are errors. Errors are one line that names the file,
the source and the key (or the line, for TOML syntax errors).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaning.site import TemplateOverrides, is_template_line
from cleaning.urls import InvalidURL, check_url

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
DEFAULT_EVERY = "1h"
# Longer intervals are typing mistakes, and would overflow date arithmetic.
MAX_EVERY_SECONDS = 366 * 86400
DEFAULT_MAX_DEPTH = 2


class SourcesError(Exception):
    """The sources file cannot be used; the message is one line for the user."""


@dataclass
class Source:
    name: str
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    start_urls: list[str] = field(default_factory=list)
    every: str = DEFAULT_EVERY
    interval: float = 3600.0  # `every` in seconds
    language: str | None = None
    allow: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)
    max_pages: int | None = None  # article pages requested per run
    max_depth: int = DEFAULT_MAX_DEPTH  # link hops from a start URL
    junk: list[str] = field(default_factory=list)
    delay: float | None = None
    concurrency: int | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    # Links and redirects from this source may lead to private addresses.
    allow_private_hosts: bool = False
    # Sitemap entries on other sites than the sitemap's are followed.
    sitemap_other_sites: bool = False
    # `template`, `template_keep`, `template_extra`: what the site's learned template may do.
    template: TemplateOverrides = field(default_factory=TemplateOverrides)

    def url_allowed(self, url: str) -> bool:
        if self.allow and not any(re.search(p, url) for p in self.allow):
            return False
        return not any(re.search(p, url) for p in self.deny)

    def crawl_settings(self) -> dict[str, Any]:
        """Scrapy settings this source overrides (applied at spider priority)."""
        out = dict(self.settings)
        if self.delay is not None:
            out["DOWNLOAD_DELAY"] = self.delay
            out["AUTOTHROTTLE_START_DELAY"] = self.delay
        if self.concurrency is not None:
            out["CONCURRENT_REQUESTS_PER_DOMAIN"] = self.concurrency
        return out


def parse_duration(text: str) -> float:
    """'90s', '15m', '1h', '1d', '1h30m' -> seconds. Raises ValueError."""
    compact = "".join(str(text).split()).lower()
    if not compact or DURATION_PART.sub("", compact):
        raise ValueError(f"'{text}' is not a duration (write e.g. 90s, 15m, 1h, 1d or 1h30m)")
    seconds = sum(float(n) * UNIT_SECONDS[unit] for n, unit in DURATION_PART.findall(compact))
    if seconds <= 0:
        raise ValueError(f"'{text}' must be longer than zero")
    if seconds > MAX_EVERY_SECONDS:
        raise ValueError(f"'{text}' is longer than a year")
    return seconds


def _str_list(where: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: '{key}' must be a list of strings, e.g. {key} = [\"...\"]")
    return [v.strip() for v in value if v.strip()]


def _urls(where: str, key: str, value: Any) -> list[str]:
    urls = _str_list(where, key, value)
    for url in urls:
        try:
            check_url(url)
        except InvalidURL as exc:
            raise SourcesError(f"{where}: '{key}' has '{url}': {exc}") from None
    return urls


def _patterns(where: str, key: str, value: Any) -> list[str]:
    patterns = _str_list(where, key, value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SourcesError(f"{where}: '{key}' has an invalid regular expression '{pattern}': {exc}") from None
    return patterns


def _template_lines(where: str, key: str, value: Any) -> tuple[str, ...]:
    lines = _str_list(where, key, value)
    for line in lines:
        if not is_template_line(line):
            raise SourcesError(f"{where}: '{key}' has '{line}': a template line needs letters, not only digits and signs")
    return tuple(lines)


def _int(where: str, key: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SourcesError(f"{where}: '{key}' must be a whole number ≥ {minimum}, got {value!r}")
    return value


def _number(where: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise SourcesError(f"{where}: '{key}' must be a number of seconds ≥ 0, got {value!r}")
    return float(value)


def _language(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2}", value.strip().lower()):
        raise SourcesError(f"{where}: '{key}' must be a two-letter ISO 639-1 code such as \"en\", got {value!r}")
    return value.strip().lower()


def _settings(where: str, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SourcesError(f"{where}: '{key}' must be a table, e.g. {key} = {{ DOWNLOAD_TIMEOUT = 20 }}")
    for name, setting in value.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise SourcesError(f"{where}: '{key}' has '{name}': setting names are upper case, e.g. DOWNLOAD_TIMEOUT")
        if isinstance(setting, dict):
            raise SourcesError(f"{where}: '{key}.{name}' must be a value or a list, not a table")
        _check_setting_kind(where, f"{key}.{name}", name, setting)
    return dict(value)


def _check_setting_kind(where: str, label: str, name: str, value: Any) -> None:
    """A value of the wrong kind would otherwise fail inside the crawl."""
    from scrapy.settings import Settings

    from newscrawl.runner import SettingError, check_setting_value

    defaults = Settings()
    defaults.setmodule("newscrawl.settings")
    try:
        check_setting_value(name, str(value), defaults.get(name))
    except SettingError as exc:
        raise SourcesError(f"{where}: '{label}' {str(exc).split(': ', 1)[1]}, got {value!r}") from None


def _parse_source(origin: str, index: int, raw: dict[str, Any]) -> Source:
    where = f"{origin}: source #{index}"
    if "name" not in raw:
        raise SourcesError(f"{where}: missing 'name'")
    name = raw["name"]
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise SourcesError(f"{where}: 'name' must be letters, digits, '.', '_' or '-' (at most 64), got {name!r}")
    where = f"{origin}: source '{name}'"
    kwargs: dict[str, Any] = {"name": name}
    template: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "name":
            continue
        if key in ("feeds", "sitemaps", "start_urls"):
            kwargs[key] = _urls(where, key, value)
        elif key == "every":
            try:
                kwargs["interval"] = parse_duration(value) if isinstance(value, str) else parse_duration("")
            except ValueError as exc:
                if "longer than a year" in str(exc):
                    raise SourcesError(f"{where}: 'every' must be at most a year (366d), got {value!r}") from None
                raise SourcesError(f"{where}: 'every' must be a duration such as \"90s\", \"15m\", \"1h\" or \"1d\", got {value!r}") from None
            kwargs["every"] = value
        elif key in ("allow", "deny"):
            kwargs[key] = _patterns(where, key, value)
        elif key == "junk":
            kwargs[key] = _str_list(where, key, value)
        elif key == "language":
            kwargs[key] = _language(where, key, value)
        elif key == "max_pages":
            kwargs[key] = _int(where, key, value, 1)
        elif key == "max_depth":
            kwargs[key] = _int(where, key, value, 0)
        elif key == "concurrency":
            kwargs[key] = _int(where, key, value, 1)
        elif key == "delay":
            kwargs[key] = _number(where, key, value)
        elif key == "settings":
            kwargs[key] = _settings(where, key, value)
        elif key in ("allow_private_hosts", "sitemap_other_sites"):
            if not isinstance(value, bool):
                raise SourcesError(f"{where}: '{key}' must be true or false, got {value!r}")
            kwargs[key] = value
        elif key == "template":
            if not isinstance(value, bool):
                raise SourcesError(f"{where}: 'template' must be true or false, got {value!r}")
            template["enabled"] = value
        elif key in ("template_keep", "template_extra"):
            template[key.removeprefix("template_")] = _template_lines(where, key, value)
        else:
            raise SourcesError(f"{where}: unknown key '{key}' (known: {', '.join(KNOWN_KEYS)})")
    if not (kwargs.get("feeds") or kwargs.get("sitemaps") or kwargs.get("start_urls")):
        raise SourcesError(f"{where}: give at least one of 'feeds', 'sitemaps' or 'start_urls'")
    return Source(**kwargs, template=TemplateOverrides(**template))


KNOWN_KEYS = (
    "name", "feeds", "sitemaps", "start_urls", "every", "language", "allow", "deny",
    "max_pages", "max_depth", "junk", "delay", "concurrency", "settings",
    "allow_private_hosts", "sitemap_other_sites", "template", "template_keep", "template_extra",
)


def parse_sources(text: str, origin: str = "sources file") -> list[Source]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message carries "(at line L, column C)".
        raise SourcesError(f"{origin}: invalid TOML: {exc}") from None
    for key in data:
        if key != "source":
            raise SourcesError(f"{origin}: unknown top-level key '{key}' (sources are [[source]] tables)")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesError(f"{origin}: 'source' must be an array of tables: write [[source]] above each one")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(entries, start=1):
        source = _parse_source(origin, index, raw)
        if source.name in seen:
            raise SourcesError(f"{origin}: source '{source.name}' is defined twice")
        seen.add(source.name)
        sources.append(source)
    return sources


def load_sources(path: str | Path) -> list[Source]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourcesError(f"{path}: no sources file (pass --sources PATH, or create {path.name})") from None
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_sources(text, str(path))


def find_source(path: str | Path, name: str) -> Source:
    for source in load_sources(path):
        if source.name == name:
            return source
    raise SourcesError(f"{path}: no source named '{name}'")


def format_sources(sources: list[Source], comment: str = "") -> str:
    """A sources file that `load_sources` reads back as these sources (the
    keys that differ from the defaults)."""
    import json

    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for source in sources:
        lines += ["", "[[source]]", f"name = {json.dumps(source.name)}"]
        for key in ("feeds", "sitemaps", "start_urls"):
            if getattr(source, key):
                lines.append(f"{key} = [{', '.join(json.dumps(url) for url in getattr(source, key))}]")
        lines.append(f"every = {json.dumps(source.every)}")
        if source.language:
            lines.append(f"language = {json.dumps(source.language)}")
    return "\n".join(lines).lstrip("\n") + "\n"
