"""The Scrapyd recipe of docs/scheduling.md, end to end: a real Scrapyd on
127.0.0.1, `scrapyd-deploy` from a copy of the project, a crawl scheduled
through its API, the store and the job's log checked."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, rows
from tests.distributed_site import ArticleSite, free_port

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

BIN = Path(sys.executable).parent
PROJECT_FILES = ["newscrawl", "cleaning", "db", "scrapy.cfg", "pyproject.toml", "README.md"]


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed here (pip install -e '.[test]')")
    return path


@pytest.fixture
def scrapyd(tmp_path):
    binary = _tool("scrapyd")
    folder = tmp_path / "scrapyd"
    folder.mkdir()
    port = free_port()
    (folder / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        "logs_dir = logs\neggs_dir = eggs\ndbs_dir = dbs\n")
    proc = subprocess.Popen([str(binary)], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/daemonstatus.json", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("scrapyd did not start")
            time.sleep(0.1)
    yield base, folder
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def api(base: str, action: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{action}", body, timeout=30) as answer:
        return json.load(answer)


def copy_project(target: Path) -> list[str]:
    """The project as a user's checkout has it; returns its files, relative."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return sorted(str(p.relative_to(target)) for p in target.rglob("*"))


def ignored_by_the_repository(paths: list[str]) -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot ask git what .gitignore ignores")
    found = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.slow
def test_the_scrapyd_recipe_deploys_crawls_and_logs_the_summary(tmp_path, scrapyd):
    deploy = _tool("scrapyd-deploy")
    base, folder = scrapyd
    project = tmp_path / "checkout"
    project.mkdir()
    before = copy_project(project)
    # The user's scrapy.cfg names their Scrapyd as a deploy target.
    with open(project / "scrapy.cfg", "a") as cfg:
        cfg.write(f"\n[deploy:local]\nurl = {base}/\nproject = newscrawl\n")

    deployed = subprocess.run([str(deploy), "local"], cwd=project, capture_output=True, text=True, timeout=300)
    assert deployed.returncode == 0, deployed.stderr + deployed.stdout
    assert '"status": "ok"' in deployed.stdout, deployed.stdout
    spiders = api(base, "listspiders.json?project=newscrawl")["spiders"]
    assert {"source", "feeds", "sitemaps", "site"} <= set(spiders)
    # What the deploy leaves in the checkout is ignored by git.
    new = {str(p.relative_to(project)) for p in project.rglob("*")} - set(before)
    # (Folders with their slash: git is asked about paths of another tree.)
    left = sorted({top + ("/" if (project / top).is_dir() else "") for top in (p.split("/")[0] for p in new)})
    assert left, "scrapyd-deploy left nothing: this test no longer checks the leftovers"
    assert ignored_by_the_repository(left) == left

    site = ArticleSite(pages=6, per_listing=6)
    try:
        # One dead link: its failure must be in the job's log.
        site.routes["/page/1"].body = site.routes["/page/1"].body.replace(
            b"</ul>", b"<li><a href='/news/gone.html'>gone</a></li></ul>")
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        db_path = tmp_path / "news.db"
        job = api(base, "schedule.json", [
            ("project", "newscrawl"), ("spider", "source"), ("source", "local"),
            ("setting", f"NEWSCRAWL_DB={db_path}"), ("setting", f"NEWSCRAWL_SOURCES={sources}"),
            ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ("setting", "NEWSCRAWL_WORKERS=1")])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 180
        while True:
            jobs = api(base, "listjobs.json?project=newscrawl")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(0.5)
    finally:
        site.close()

    assert len(rows(db_path)) == 6
    assert [run["status"] for run in rows(db_path, "select status from crawls")] == ["errors"]
    log = (folder / "logs" / "newscrawl" / "source" / f"{job['jobid']}.log").read_text()
    assert f"{site.base}/news/gone.html: HTTP 404" in log
    assert ("local: 7 discovered, 0 already stored, 7 fetched, 6 stored, 0 updated, 0 unchanged, 1 failed"
            in log), log
    assert "Traceback" not in log
