"""Dates as pages write them, read into ISO 8601 at the precision given.

A page may give a date ("2024-03-04"), a local time without zone
("2024-03-04T08:15:00") or an instant ("2024-03-04T08:15:00+02:00"). Each is
stored as exactly that: a time zone is never invented, and a time is never
added to a date. Fractions of seconds are dropped; "Z" is written "+00:00".

Comparing values of different precision ("which came first"), a date-time
without offset is taken as UTC and a date alone as the last moment of its
day in UTC: a page that says only "4 March" is never taken to precede one
timed on 4 March.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

# ISO 8601 and its common relatives: "2024-03-04", "2024-03-04 08:15",
# "2024-03-04T08:15:00.123Z", "2024-03-04T08:15:00+0200", "20240304T081500Z".
_ISO = re.compile(
    r"""^\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})
    (?:[T\s]+(?P<H>\d{1,2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?
      \s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# "04.03.2024", "04.03.2024 08:15", "4/3/2024" is ambiguous and not read.
_DOTTED = re.compile(r"^\s*(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*(?:Uhr)?\s*$")
# Pages and their feeds before the web carried news are not news pages' own dates.
EARLIEST_YEAR = 1990


@dataclass(frozen=True)
class Moment:
    """A date as precise as the page gave it."""

    value: dt.datetime
    has_time: bool
    has_offset: bool

    def iso(self) -> str:
        if not self.has_time:
            return self.value.date().isoformat()
        return self.value.replace(microsecond=0).isoformat()

    def instant(self) -> dt.datetime:
        """The moment in UTC for ordering (see the module docstring)."""
        if not self.has_time:
            end = dt.datetime.combine(self.value.date(), dt.time(23, 59, 59))
            return end.replace(tzinfo=dt.timezone.utc)
        if not self.has_offset:
            return self.value.replace(tzinfo=dt.timezone.utc)
        return self.value.astimezone(dt.timezone.utc)

    def local_date(self) -> dt.date:
        return self.value.date()


def _offset(text: str | None) -> dt.timezone | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(text)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _build(y, m, d, hh=None, mm=None, ss=None, tz=None) -> Moment | None:
    try:
        if hh is None:
            return Moment(dt.datetime(int(y), int(m), int(d)), False, False)
        zone = _offset(tz)
        value = dt.datetime(int(y), int(m), int(d), int(hh), int(mm), int(ss or 0), tzinfo=zone)
        return Moment(value, True, zone is not None)
    except ValueError:
        return None


def parse_date(text: str | None) -> Moment | None:
    """Read one date as a page writes it in markup; None when it is not one."""
    if not text or not isinstance(text, str) or len(text) > 64:
        return None
    match = _ISO.match(text)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], g["H"], g["M"], g["S"], g["tz"])
    match = _DOTTED.match(text)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], g["H"], g["M"], g["S"])
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}|\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        try:
            value = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        # RFC 2822 "-0000" means the zone is unknown.
        return Moment(value, True, value.tzinfo is not None)
    return None


def to_moment(value: str | None) -> Moment | None:
    """A stored ISO value read back (what `Moment.iso` wrote)."""
    return parse_date(value)


def instant_key(value: str | None) -> dt.datetime | None:
    """The UTC instant a stored value stands for when ordering; None when unreadable."""
    moment = to_moment(value)
    return moment.instant() if moment else None


# How far past the fetch a date may lie: clocks differ, and a value without
# offset may be in any zone (UTC+14 at most).
_AWARE_SLACK = dt.timedelta(hours=1)
_NAIVE_SLACK = dt.timedelta(hours=14)


def is_plausible(moment: Moment, fetched: dt.datetime | None) -> bool:
    """Not before the web carried news, and not after the page was fetched."""
    if moment.value.year < EARLIEST_YEAR:
        return False
    if fetched is None:
        return True
    if not moment.has_time:
        return moment.local_date() <= (fetched + _NAIVE_SLACK).date()
    if not moment.has_offset:
        return moment.value <= (fetched + _NAIVE_SLACK).replace(tzinfo=None)
    return moment.value <= fetched + _AWARE_SLACK


def fetch_time(fetched_at: str | None) -> dt.datetime:
    """The fetch time as an aware UTC datetime; now when unknown."""
    moment = to_moment(fetched_at)
    if moment is None or not moment.has_time:
        return dt.datetime.now(dt.timezone.utc)
    return moment.instant()


def more_precise(a: Moment, b: Moment) -> bool:
    """Whether `b` says more than `a` about the same moment (a time where
    `a` has a date, an offset where `a` has a wall-clock time)."""
    if not a.has_time:
        return b.has_time and b.local_date() == a.local_date()
    if not a.has_offset and b.has_offset:
        wall = b.value.replace(tzinfo=None)
        utc = b.value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return abs(wall - a.value) <= dt.timedelta(minutes=1) or abs(utc - a.value) <= dt.timedelta(minutes=1)
    return False


def mislabelled_utc(a: Moment, b: Moment) -> bool:
    """Whether `a` is `b`'s local wall-clock time labelled UTC: the same
    clock reading, `a` at +00:00 and `b` at another offset. Templates that
    print local time with "Z" or "+00:00" are common; the reverse is not."""
    if not (a.has_offset and b.has_offset):
        return False
    if a.value.utcoffset() != dt.timedelta(0) or b.value.utcoffset() == dt.timedelta(0):
        return False
    return a.value.replace(tzinfo=None) == b.value.replace(tzinfo=None)


_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:.h]([0-5]\d)(?![\d:.])")


def time_in_text(text: str, day: dt.date) -> dt.time | None:
    """The clock time a short date line gives for `day` ("erstellt: 01. April
    2025, 15:25", "4 March 2024 at 08:15"): the line must name the day and
    the year, and hold exactly one time."""
    if len(text) > 80 or str(day.year) not in text:
        return None
    if not re.search(rf"(?<!\d)0?{day.day}(?!\d)", text.replace(str(day.year), " ")):
        return None
    clocks = _CLOCK.findall(text.replace(str(day.year), " "))
    if len(clocks) != 1:
        return None
    hour, minute = clocks[0]
    return dt.time(int(hour), int(minute))


def same_moment(a: Moment, b: Moment) -> bool:
    """Whether two values can be the same moment at their shared precision."""
    if not a.has_time or not b.has_time:
        return a.local_date() == b.local_date()
    if a.has_offset and b.has_offset:
        return abs(a.value - b.value) <= dt.timedelta(minutes=1)
    return more_precise(a, b) or more_precise(b, a) or abs(a.value.replace(tzinfo=None) - b.value.replace(tzinfo=None)) <= dt.timedelta(minutes=1)
