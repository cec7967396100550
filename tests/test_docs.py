"""Every command, option and project setting is documented in the README."""

from __future__ import annotations

import re

import click
import pytest

from newscrawl import settings
from newscrawl.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    ctx = click.Context(cli)
    return {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}


def test_every_command_has_a_section_and_an_example():
    for name in _commands():
        assert re.search(rf"^### `newscrawl {name}\b", README, re.M), f"no README section for `newscrawl {name}`"
        assert re.search(rf"^newscrawl (?:--\S+ \S+ )*{name}\b", README, re.M), f"no example of `newscrawl {name}`"


def test_every_option_is_documented():
    for name, command in _commands().items():
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                assert longest in README, f"`newscrawl {name} {longest}` is not in the README"


def test_every_project_setting_is_documented():
    for key in dir(settings):
        if key.startswith("NEWSCRAWL_"):
            assert f"`{key}`" in README, f"setting {key} is not in the README"


@pytest.mark.crawl
def test_help_lists_the_commands():
    from tests.conftest import run_cli

    result = run_cli("--help")
    assert result.code == 0
    for name in _commands():
        assert name in result.stdout


@pytest.mark.crawl
def test_click_usage_errors_are_one_line():
    from tests.conftest import run_cli

    for args in (["query", "--limit", "0"], ["bogus"], ["ingest", "--nope"], ["show"], ["query", "--format", "xml"]):
        result = run_cli(*args)
        assert result.code == 2, args
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("newscrawl: error: "), result.stderr
        assert result.stdout == ""
