"""A DNS resolver for tests: names under .invalid fail without a network query."""

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError


class OfflineResolver(CachingThreadedResolver):
    def getHostByName(self, name, timeout=()):
        if name.endswith(".invalid"):
            return defer.fail(DNSLookupError(name))
        return super().getHostByName(name, timeout)
