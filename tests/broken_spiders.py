"""Spiders that fail on purpose, for tests of how failures are reported."""

from scrapy import Spider


class StartFails(Spider):
    name = "start-fails"

    async def start(self):
        raise RuntimeError("start exploded")
        yield  # pragma: no cover - makes start() an async generator


class InitFails(Spider):
    name = "init-fails"

    def __init__(self, *args, **kwargs):
        raise RuntimeError("init exploded")
