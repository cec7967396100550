"""The bundled sample sites that `newscrawl demo` and the tests crawl.

    from newscrawl.demo import serve_demo
    with serve_demo() as demo:
        demo.sites, demo.article_urls, demo.requests
"""

from newscrawl.demo.server import DemoArticle, DemoSite, DemoSites, serve_demo
from newscrawl.demo.site import build_site, load_catalog

__all__ = ["DemoArticle", "DemoSite", "DemoSites", "build_site", "load_catalog", "serve_demo"]
