"""Private networks are off-limits unless the user named the host.

A feed, sitemap or page anyone can publish could otherwise make newscrawl
fetch http://169.254.169.254/ (cloud metadata) or a router's admin page into
a store that may be served with datasette. Every request — each redirect
hop, each robots.txt — passes here before it is downloaded: its host is
resolved (through the crawl's own DNS resolver and cache, so the connection
uses the address checked here) and refused when any address is loopback,
private, link-local, shared (carrier-grade NAT), multicast, reserved or
unspecified, including IPv4-mapped, 6to4 and NAT64 forms and hosts written
as numbers (0x7f000001).

Allowed anyway: hosts of the URLs the user gave (`ingest` arguments; the
feeds, sitemaps and start URLs of the sources file), every host of a source
with `allow_private_hosts = true`, and everything with the setting
NEWSCRAWL_ALLOW_PRIVATE_HOSTS. newscrawl/resolver.py refuses the same
addresses again at connection time, for the hosts not allowed here.
"""

from __future__ import annotations

from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IResolutionReceiver
from twisted.internet.error import DNSLookupError
from zope.interface import implementer

from newscrawl.addresses import describe_address, literal_address
from newscrawl.resolver import GuardedResolver

ALLOW_SETTING = "NEWSCRAWL_ALLOW_PRIVATE_HOSTS"


class PrivateHostRefused(IgnoreRequest):
    """The request's host is on a private network and the user did not name it."""


def refusal(why: str) -> PrivateHostRefused:
    return PrivateHostRefused(
        f"refused: {why}, and only hosts named on the command line or in the sources file may be private "
        f"(allow_private_hosts, {ALLOW_SETTING})"
    )


@implementer(IResolutionReceiver)
class _Addresses:
    def __init__(self):
        self.found: list[str] = []
        self.done: Deferred = Deferred()

    def resolutionBegan(self, resolution) -> None:
        pass

    def addressResolved(self, address) -> None:
        self.found.append(address.host)

    def resolutionComplete(self) -> None:
        self.done.callback(self.found)


class PrivateHostsMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.allow_all = crawler.settings.getbool(ALLOW_SETTING)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @staticmethod
    def _reactor():
        from twisted.internet import reactor

        return reactor

    def _guard(self) -> GuardedResolver | None:
        resolver = getattr(self._reactor(), "resolver", None)
        return resolver if isinstance(resolver, GuardedResolver) else None

    def may_be_private(self, host: str) -> bool:
        spider = self.crawler.spider
        return (self.allow_all or bool(getattr(spider, "allow_private_hosts", False))
                or host in getattr(spider, "user_hosts", ()))

    async def process_request(self, request):
        host = (urlparse_cached(request).hostname or "").lower()
        if not host:
            return None
        if self.may_be_private(host):
            if (guard := self._guard()) is not None:
                guard.permit(host)
            return None
        literal = literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            addresses = [a for a in map(literal_address, await self._resolve(host)) if a is not None]
            if not addresses and (guard := self._guard()) is not None and host in guard.refusals:
                self.crawler.stats.inc_value("newscrawl/private_hosts/refused")
                raise refusal(guard.refusals[host])
        for address in addresses:
            why = describe_address(host, address)
            if why is not None:
                self.crawler.stats.inc_value("newscrawl/private_hosts/refused")
                raise refusal(why)
        # No address at all: the download fails with its own DNS error.
        return None

    def process_exception(self, request, exception):
        # The resolver refused at connection time (the name now resolves
        # elsewhere than when it was checked): say so, not "DNS lookup failed".
        if isinstance(exception, (CannotResolveHostError, DNSLookupError)):
            guard = self._guard()
            host = (urlparse_cached(request).hostname or "").lower()
            if guard is not None and host in guard.refusals:
                raise refusal(guard.refusals[host])
        return None

    async def _resolve(self, host: str) -> list[str]:
        receiver = _Addresses()
        self._reactor().nameResolver.resolveHostName(receiver, host, portNumber=0)
        return await maybe_deferred_to_future(receiver.done)
