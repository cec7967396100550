"""A DNS resolver for tests: no name is ever sent to a DNS server.

Names under .invalid fail (RFC 6761 reserves them); names listed in the
setting NEWSCRAWL_TEST_HOSTS (a JSON object, name -> address) resolve to
that address, which must be inside 127.0.0.0/8; so do localhost and
addresses written in any notation; every other name fails. It is newscrawl's own guarded resolver underneath, so the
private-address check stays in force.
"""

from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from newscrawl.addresses import literal_address
from newscrawl.resolver import GuardedResolver


class OfflineResolver(GuardedResolver):
    names: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.names = {k.lower(): v for k, v in crawler.settings.getdict("NEWSCRAWL_TEST_HOSTS").items()}
        for address in resolver.names.values():
            if not str(address).startswith("127."):
                raise ValueError(f"test host address {address} is outside 127.0.0.0/8")
        return resolver

    def look_up(self, name, timeout=()):
        host = name.lower()
        if host in self.names:
            return defer.succeed(self.names[host])
        address = literal_address(host)
        if host == "localhost" or (address is not None and str(address).startswith("127.")):
            return super().look_up(name, timeout)
        return defer.fail(DNSLookupError(name))
