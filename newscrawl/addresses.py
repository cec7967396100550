"""Which network addresses a crawler of public news sites may connect to.

A feed or sitemap anyone can publish may list http://169.254.169.254/ (cloud
metadata), http://10.0.0.1/ (a router) or http://0x7f000001/ (loopback
written as a number). Such addresses are refused unless the user named the
host (newscrawl/middlewares/private_hosts.py). The classification is done on
the address itself, after DNS, with the ipaddress module; addresses that
embed an IPv4 address (IPv4-mapped, 6to4, NAT64) are judged by the address
they embed.
"""

from __future__ import annotations

import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598, carrier-grade NAT
NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as a number stands for, else None.

    Besides dotted quads and IPv6 this reads the forms inet_aton accepts
    and resolvers honour: 0x7f000001, 2130706433, 127.1, 0177.0.0.1.
    """
    text = (host or "").strip().strip("[]")
    if not text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if ":" in text or not all(ch in "0123456789abcdefABCDEFxX." for ch in text):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:  # not a number in any notation: a name
        return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in prefix for prefix in NAT64_PREFIXES):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def non_public_kind(address: IPAddress) -> str | None:
    """What kind of non-public address this is ("loopback", "private"…),
    or None for an address on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return non_public_kind(embedded)
    if address.is_unspecified or address in ipaddress.ip_network("0.0.0.0/8"):
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address in SHARED_ADDRESS_SPACE:
        return "shared (carrier-grade NAT)"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "private"
    if _is_private_use(address):
        return "private"
    if address.is_reserved or not address.is_global:
        return "reserved"
    return None


_PRIVATE_USE = tuple(
    ipaddress.ip_network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)


def _is_private_use(address: IPAddress) -> bool:
    # RFC 1918 and unique local IPv6 addresses; the rest of what the
    # ipaddress module calls private (documentation, benchmarking…) is
    # reported as reserved.
    return any(address.version == net.version and address in net for net in _PRIVATE_USE)


def describe_address(host: str, address: IPAddress) -> str | None:
    """One line saying why a host may not be fetched, or None when it may."""
    kind = non_public_kind(address)
    if kind is None:
        return None
    shown = str(address)
    where = shown if host.strip("[]").lower() == shown else f"{host} ({shown})"
    return f"{where} is a {kind} address"
