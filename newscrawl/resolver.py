"""The DNS resolver of every crawl: Scrapy's caching resolver, which refuses
to hand out a non-public address for a host no crawler has allowed.

The decision is made per request in newscrawl/middlewares/private_hosts.py,
which resolves each host through this resolver before the download. The
connection resolves the host again; this check at that moment keeps a name
whose answer changed in between (DNS rebinding, an expired cache entry)
from reaching a private address. One resolver serves the whole process, so
the hosts allowed by any of its crawls are remembered here.
"""

from __future__ import annotations

import ipaddress

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from newscrawl.addresses import describe_address


class GuardedResolver(CachingThreadedResolver):
    def __init__(self, reactor, cache_size: int, timeout: float):
        super().__init__(reactor, cache_size, timeout)
        self.permitted: set[str] = set()
        # host -> why its address was refused, for the failure line.
        self.refusals: dict[str, str] = {}

    def install_on_reactor(self) -> None:
        previous = getattr(self.reactor, "resolver", None)
        if isinstance(previous, GuardedResolver):
            self.permitted = previous.permitted
            self.refusals = previous.refusals
        super().install_on_reactor()

    def permit(self, host: str) -> None:
        """Let this host resolve to any address (the user named it)."""
        self.permitted.add(host.lower())

    def look_up(self, name: str, timeout=()):
        """The address of a name, through Scrapy's DNS cache."""
        return super().getHostByName(name, timeout)

    def getHostByName(self, name: str, timeout=()):
        return self.look_up(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: str, name: str) -> str:
        host = name.lower()
        if host in self.permitted:
            return address
        try:
            why = describe_address(host, ipaddress.ip_address(address))
        except ValueError:
            return address
        if why is not None:
            self.refusals[host] = why
            raise DNSLookupError(why)
        return address
