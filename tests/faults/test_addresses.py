"""Which addresses are not public, decided on the address itself: the
classification, hosts written as numbers, and the resolver's check. No
connection is made, and no name is looked up."""

from __future__ import annotations

import ipaddress

import pytest

from newscrawl.addresses import describe_address, literal_address, non_public_kind
from newscrawl.resolver import GuardedResolver


@pytest.mark.parametrize("address, kind", [
    ("10.0.0.1", "private"), ("10.255.255.255", "private"), ("172.16.0.1", "private"), ("172.31.255.254", "private"),
    ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("100.64.0.1", "shared (carrier-grade NAT)"),
    ("100.127.255.254", "shared (carrier-grade NAT)"), ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"),
    ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"), ("224.0.0.251", "multicast"), ("239.1.1.1", "multicast"),
    ("240.0.0.1", "reserved"), ("255.255.255.255", "reserved"), ("192.0.2.10", "reserved"), ("198.18.0.1", "reserved"),
    ("::1", "loopback"), ("::", "unspecified"), ("fc00::1", "private"), ("fd12:3456::1", "private"),
    ("fe80::1", "link-local"), ("ff02::1", "multicast"), ("fec0::1", "private"), ("2001:db8::1", "reserved"),
    # IPv6 forms of IPv4 addresses are judged by the address they carry.
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.1.2.3", "private"), ("2002:a9fe:a9fe::1", "link-local"),
    ("64:ff9b::a9fe:a9fe", "link-local"), ("64:ff9b::7f00:1", "loopback"),
])
def test_non_public_addresses_are_classified(address, kind):
    assert non_public_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1",
                                     "::ffff:8.8.8.8", "2002:808:808::1"])
def test_public_addresses_pass(address):
    assert non_public_kind(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("host, address", [
    ("0x7f000001", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("127.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
    ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("[::1]", "::1"), ("10.0.0.1", "10.0.0.1"),
])
def test_hosts_written_as_numbers_are_read_as_addresses(host, address):
    assert str(literal_address(host)) == address
    assert describe_address(host, literal_address(host)) is not None


def test_names_are_not_addresses():
    for host in ("news.example", "deadbeef", "localhost", "1.example", ""):
        assert literal_address(host) is None


def test_the_resolver_refuses_a_private_answer_unless_the_host_is_permitted():
    resolver = GuardedResolver(reactor=None, cache_size=10000, timeout=1.0)
    assert resolver._checked("93.184.216.34", "news.example") == "93.184.216.34"
    with pytest.raises(Exception, match="inside.example .10.0.0.7. is a private address"):
        resolver._checked("10.0.0.7", "inside.example")
    assert "inside.example" in resolver.refusals
    resolver.permit("Inside.Example")
    assert resolver._checked("10.0.0.7", "inside.example") == "10.0.0.7"
