"""Typed records, and the parsers that turn directive text into them.

Everything an author types is parsed here, once, at the edge. A parser
either returns a typed value or raises :class:`FieldError`, which carries
the warning subtype (``talks.<subtype>``) and a message that says what was
wrong and what was expected. Every value derived from a record (an anchor,
a watch or embed URL, a label) is a property of that record, computed here
and nowhere else.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlsplit
from zoneinfo import ZoneInfo, available_timezones

from anyascii import anyascii
from babel.dates import format_date

if TYPE_CHECKING:
    from collections.abc import Iterable

# Numbers are ASCII digits: ``\d`` and ``str.isdigit`` also take other scripts'
# digits and superscripts ("²"), which ``int`` refuses or reads differently.
YOUTUBE_ID_RE = re.compile(r"[A-Za-z0-9_-]{11}")
HANDLE_RE = re.compile(r"@?([A-Za-z0-9_]{1,15})")
SECONDS_RE = re.compile(r"[0-9]+s?")
OFFSET_HMS_RE = re.compile(r"(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?")
OFFSET_CLOCK_RE = re.compile(r"(?:([0-9]+):)?([0-9]+):([0-9]{2})")
TIME_RANGE_RE = re.compile(r"([0-9]{2}):([0-9]{2})\s*[-\u2013]\s*([0-9]{2}):([0-9]{2})")
CLOCK_RE = re.compile(r"([0-9]{2}):([0-9]{2})")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PARTIAL_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
YOUTUBE_HOSTS = {"youtu.be", "youtube.com", "www.youtube.com", "m.youtube.com"}
DAY_KINDS = ("talks", "sprints")

#: Characters no page, feed or book can carry: the controls but tab, line feed
#: and carriage return (C0, DEL, C1), and Unicode's noncharacters (U+FFFE,
#: U+FFFF and the like), which XML forbids or HTML calls a parse error.
NOT_CARRIED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)

#: The bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO): in a name
#: or a title they turn the text after them around, in the page and in every list
#: that shows it (the "Trojan Source" trick); Unicode's UAX #9 prefers isolates and
#: marks, which stay allowed.
BIDI_OVERRIDES = re.compile("[\u202a-\u202e]")

#: Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160

#: How dates read, as CLDR patterns formatted for the site's ``language`` (never
#: the build machine's locale, which ``strftime`` would follow).
DATE_STYLES = {
    "weekday": "EEEE d MMMM y",  # Thursday 3 November 2016
    "weekday-short": "EEEE d MMMM",  # Thursday 3 November
    "day": "d MMMM y",  # 3 November 2016
    "month": "MMMM y",  # November 2016
    "year": "y",  # 2016
}


class FieldError(ValueError):
    """A field value that cannot be parsed; ``subtype`` names the warning."""

    def __init__(self, subtype: str, message: str) -> None:
        super().__init__(message)
        self.subtype = subtype


def unknown(what: str, known: Iterable[str], none: str = "none is declared") -> str:
    """``unknown talk 'x'; expected one of: a, b``: what was given, what would do."""
    return f"unknown {what}; expected one of: {', '.join(known) or none}"


def date_text(day: date, style: str, language: str | None) -> str:
    """``day`` as ``DATE_STYLES[style]`` reads in ``language`` (``en`` if unset)."""
    return str(format_date(day, DATE_STYLES[style], locale=language or "en"))


# -- parsers -------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)  # a speaker's name is slugged on every listing
def slugify(text: str) -> str:
    """``"Loïc Bistuer"`` -> ``"loic-bistuer"``, ``"山田太郎"`` -> ``"shantiantailang"``:
    ASCII, lowercase, hyphens, transliterated from any script (anyascii); ``""``
    when nothing in ``text`` is a letter or a digit (``"★☆"``)."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def digest(text: str) -> str:
    """Eight hex digits that stand for ``text`` (as NFC), the same on every build."""
    data = unicodedata.normalize("NFC", text).encode()
    return hashlib.blake2b(data, digest_size=4).hexdigest()


def name_slug(name: str) -> str:
    """A slug for a name that must have one (a speaker): ``slugify``, or, for a name
    with no letter or digit in any script, a stable one made from it (``digest``)."""
    return slugify(name) or digest(name)


#: The longest name of a file the build makes from a slug, in bytes: PyVideo's
#: data refuses 140 or more, eCryptfs stores at most 143 and every common file
#: system 255; a path of several such names stays far below PATH_MAX (4096).
NAME_BYTES = 139
#: Names Windows keeps for devices, whatever follows the dot (``con.xml``).
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)]
)


def file_name_problem(slug: str, suffix: str) -> str:
    """Why ``slug`` cannot name its file as it is (``file_name`` changes it), or ``""``."""
    name = f"{slug}{suffix}"
    if len(name.encode()) > NAME_BYTES:
        return f"{name!r} would be {len(name.encode())} bytes, more than the {NAME_BYTES} allowed"
    if slug.split(".")[0] in WINDOWS_DEVICES:
        return f"{name!r} is a name Windows keeps for a device"
    return ""


def file_name(slug: str, suffix: str) -> str:
    """The name of the file a slug makes (``orm`` -> ``orm.xml``), one a file system
    takes: a slug too long for ``NAME_BYTES`` is cut at a hyphen where it can be and
    ends in its ``digest``, and so does one Windows keeps for a device (``con``),
    so two slugs never make one name."""
    if not file_name_problem(slug, suffix):
        return f"{slug}{suffix}"
    room = NAME_BYTES - len(suffix.encode()) - len("-12345678")
    cut = slug.encode()[:room].decode(errors="ignore")
    if "-" in cut[room // 2 :]:  # end at a word where one ends in the second half
        cut = cut[: cut.rindex("-")]
    return f"{cut.rstrip('-')}-{digest(slug)}{suffix}"


#: What an IRI's path (RFC 3987) may hold besides letters and digits: RFC 3986's
#: unreserved and reserved characters but ``?`` and ``#``, which would end it.
IRI_SAFE = "-._~:/[]@!$&'()*+,;="
ESCAPE = re.compile("%[0-9A-Fa-f]{2}")
#: Characters beyond ASCII that an IRI may not hold: C1 controls, surrogates and
#: private use, specials and noncharacters, tags (none is RFC 3987's ``ucschar``),
#: and the bidirectional formatting characters its section 4.1 forbids.
NOT_IRI = re.compile(
    "[\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\uf8ff\ufdd0-\ufdef"
    "\ufff0-\uffff\U000e0000-\U000e0fff\U000f0000-\U0010ffff"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)


def iri(text: str, escaped: bool = False) -> str:
    """A path (a page's, a file's) as it may stand in an IRI: ``posts/my post``
    -> ``posts/my%20post``. What an IRI's path may hold is left as it is, so an id
    that was valid stays the same; other characters are percent-encoded as UTF-8
    (``?`` and ``#`` too), and so is ``%``, a character in a file's name, unless ``escaped`` says ``text`` is already
    part of a URL (``get_target_uri``: Sphinx's html builder quotes, dirhtml does not),
    where ``%`` and two hex digits is an escape and stays one."""
    return "".join(
        ch
        if (ch.isascii() and (ch.isalnum() or ch in IRI_SAFE))
        or (not ch.isascii() and not NOT_IRI.match(ch))
        or (ch == "%" and escaped and ESCAPE.match(text, at))
        else quote(ch, safe="")
        for at, ch in enumerate(text)
    )


#: A path in the output, from its root: names of letters, digits, '_', '.' and '-',
#: none of them starting with '.' (no '..', no hidden file), joined by '/'.
OUTPUT_PATH_RE = re.compile(r"[\w-][\w.-]*(/[\w-][\w.-]*)*/?")


def is_output_path(value: object, suffix: str = "") -> bool:
    """Whether ``value`` names a place in the build's output (a setting such as
    ``talks_feed_path``): relative, never out of it, each name short enough for
    a file system and none Windows keeps for a device (``con``), ending in
    ``suffix`` where one is asked for."""
    return (
        isinstance(value, str)
        and OUTPUT_PATH_RE.fullmatch(value) is not None
        and value.endswith(suffix)
        and all(
            len(part.encode()) <= NAME_BYTES and part.split(".")[0].lower() not in WINDOWS_DEVICES
            for part in value.split("/")
        )
    )


def not_carried(text: str) -> str:
    """``control character U+0007`` for what of ``text`` no output can carry, or ``""``."""
    found = sorted(set(NOT_CARRIED.findall(text)))
    if not found:
        return ""
    kind = (
        "control character" if all(unicodedata.category(c) == "Cc" for c in found) else "character"
    )
    return f"{kind} {', '.join(f'U+{ord(c):04X}' for c in found)}"


def printable(text: str) -> str:
    """Refuse what no page, feed or book can show (see ``NOT_CARRIED``), and the
    bidirectional overrides (``BIDI_OVERRIDES``)."""
    if found := not_carried(text):
        raise FieldError("text", f"{found} in {text!r}")
    if overrides := sorted(set(BIDI_OVERRIDES.findall(text))):
        codes = ", ".join(f"U+{ord(c):04X}" for c in overrides)
        raise FieldError(
            "text",
            f"bidirectional embedding or override {codes} in {text!r}: it turns the text "
            "after it around wherever it is shown; mark a direction with U+200E or U+200F",
        )
    return text


def plain_text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise FieldError("missing", "empty value; expected plain text")
    return text


def parse_flag(value: str) -> bool:
    if value.strip():
        raise FieldError("option", f"unexpected value {value!r}; this field takes no value")
    return True


def parse_offset(text: str) -> int:
    """Parse a stream offset as people copy it, into whole seconds.

    Accepts ``55m9s``, ``1h15m00s``, ``3309``, ``3309s`` and ``55:09``.
    A unit that follows a larger one must stay below 60 (``99m99s`` fails).
    """
    value = text.strip()
    expected = "expected a time such as 55m9s, 1h15m00s, 55:09 or 3309"
    if SECONDS_RE.fullmatch(value):
        return int(value.removesuffix("s"))
    if (match := OFFSET_CLOCK_RE.fullmatch(value)) is not None:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        if seconds >= 60 or (match.group(1) and minutes >= 60):
            raise FieldError("offset", f"offset {text!r} is out of range; {expected}")
        return hours * 3600 + minutes * 60 + seconds
    match = OFFSET_HMS_RE.fullmatch(value)
    if not value or match is None:
        raise FieldError("offset", f"malformed offset {text!r}; {expected}")
    h, m, s = match.groups()
    # a unit below a larger one must stay under 60: 1h59m59s, never 99m99s
    if (h and m and int(m) >= 60) or ((h or m) and s and int(s) >= 60):
        raise FieldError("offset", f"offset {text!r} is out of range; {expected}")
    return int(h or 0) * 3600 + int(m or 0) * 60 + int(s or 0)


def format_offset(seconds: int) -> str:
    """3309 -> ``"55:09"``; 4500 -> ``"1:15:00"`` (as YouTube shows it)."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_youtube_id(text: str) -> str:
    value = text.strip()
    if not YOUTUBE_ID_RE.fullmatch(value):
        raise FieldError(
            "youtube",
            f"malformed YouTube id {text!r}; expected 11 characters of A-Z, a-z, 0-9, '_' or '-'",
        )
    return value


def parse_recording(text: str) -> tuple[str, int]:
    """``https://youtu.be/ID?t=55m9s`` (or a youtube.com watch link) -> (ID, seconds)."""
    parts = urlsplit(text.strip())
    expected = "expected a link such as https://youtu.be/ID?t=55m9s"
    if parts.scheme not in {"http", "https"} or parts.hostname not in YOUTUBE_HOSTS:
        raise FieldError("recording", f"recording {text!r} is not a YouTube link; {expected}")
    query = parse_qs(parts.query)
    video = query.get("v", [""])[0] if parts.hostname != "youtu.be" else parts.path[1:]
    if "t" not in query:
        raise FieldError("recording", f"recording {text!r} has no ?t= timestamp; {expected}")
    return parse_youtube_id(video), parse_offset(query["t"][0])


def parse_url(text: str) -> str:
    """An absolute http(s) URL; any other scheme (``javascript:``) is refused."""
    value = text.strip()
    parts = urlsplit(value)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.netloc
        or any(c.isspace() or c in "<>\"'" for c in value)
    ):
        raise FieldError(
            "url", f"unsafe or malformed link {text!r}; expected an absolute http(s) URL"
        )
    return value


def parse_date(text: str) -> date:
    """A real calendar date written ``YYYY-MM-DD``."""
    value = text.strip()
    if not DATE_RE.fullmatch(value):
        raise FieldError("date", f"malformed date {text!r}; expected YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError("date", f"impossible date {text!r} ({exc}); expected YYYY-MM-DD") from exc


def parse_partial_date(text: str) -> PartialDate:
    """``2016``, ``2016-11`` or ``2016-11-29``: as precise as the source is."""
    value = text.strip()
    match = PARTIAL_DATE_RE.fullmatch(value)
    expected = "expected YYYY, YYYY-MM or YYYY-MM-DD"
    if match is None:
        raise FieldError("date", f"malformed date {text!r}; {expected}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:  # a year, month or day of 0 is impossible too
        date(year or 0, 1 if month is None else month, 1 if day is None else day)
    except ValueError as exc:
        raise FieldError("date", f"impossible date {text!r} ({exc}); {expected}") from exc
    return PartialDate(year or 0, month, day)


def parse_time_range(text: str) -> tuple[time, time]:
    expected = "expected a local time range such as 13:45-14:45"
    match = TIME_RANGE_RE.fullmatch(text.strip())
    if match is None:
        raise FieldError("time", f"malformed time {text!r}; {expected}")
    try:
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = time(h1, m1), time(h2, m2)
    except ValueError as exc:
        raise FieldError("time", f"impossible time {text!r} ({exc}); {expected}") from exc
    if end <= start:
        raise FieldError("time", f"time {text!r} ends before it starts; {expected}")
    return start, end


def parse_speakers(text: str) -> tuple[Speaker, ...]:
    """``Name | @handle | Affiliation ; Name2 | @handle2`` -> speakers."""
    speakers = []
    for entry in text.split(";"):
        name, handle, affiliation, *extra = [*(p.strip() for p in entry.split("|")), "", ""]
        if not name or any(extra):
            raise FieldError(
                "speaker",
                f"malformed speaker {entry.strip()!r}; expected "
                "'Name | @handle | Affiliation' (handle and affiliation optional)",
            )
        match = HANDLE_RE.fullmatch(handle) if handle else None
        if handle and match is None:
            raise FieldError(
                "speaker",
                f"malformed Twitter handle {handle!r} for {name!r}; "
                "expected @ and up to 15 letters, digits or '_'",
            )
        # one person, however the editor composed the name (NFC: é, not e + U+0301)
        name = unicodedata.normalize("NFC", name)
        speakers.append(Speaker(name, match.group(1) if match else "", affiliation))
    return tuple(speakers)


def linked_entries(
    text: str, what: str, subtype: str, expected: str, url_needed: bool
) -> list[tuple[str, str]]:
    """``Text | https://where ; Text2`` -> ``[(text, url), ...]``, the URL checked
    (``""`` where there is none and ``url_needed`` is false)."""
    entries = []
    for entry in text.split(";"):
        words, url, *extra = [*(p.strip() for p in entry.split("|")), ""]
        if not words or (url_needed and not url) or any(extra):
            raise FieldError(subtype, f"malformed {what} {entry.strip()!r}; expected {expected}")
        entries.append((words, parse_url(url) if url else ""))
    return entries


def parse_people(text: str) -> tuple[Person, ...]:
    """``Name | https://their.site ; Name2`` -> people (the link is optional)."""
    entries = linked_entries(text, "name", "person", "'Name' or 'Name | URL'", url_needed=False)
    return tuple(Person(name, url) for name, url in entries)


def parse_sources(text: str) -> tuple[SourceLink, ...]:
    """``Title | https://where ; Title2 | https://where2`` -> sources (each with its URL)."""
    entries = linked_entries(text, "source", "source", "'Title | URL'", url_needed=True)
    return tuple(SourceLink(plain_text(title), url) for title, url in entries)


def parse_slug(text: str, what: str = "slug", subtype: str = "slug") -> str:
    if slugify(text) != text:
        raise FieldError(
            subtype, f"malformed {what} {text!r}; expected lowercase words joined by '-'"
        )
    return text


def slug_list(text: str, what: str, subtype: str) -> tuple[str, ...]:
    """``a, b, a`` -> ``("a", "b")``, each a slug."""
    slugs = dict.fromkeys(s.strip() for s in text.split(",") if s.strip())
    return tuple(parse_slug(slug, what, subtype) for slug in slugs)


def parse_slugs(text: str) -> tuple[str, ...]:
    if not text.replace(",", "").strip():
        raise FieldError("missing", "no talk given; expected one or more talk slugs")
    return slug_list(text, "talk slug", "slug")


def parse_topics(text: str) -> tuple[str, ...]:
    return slug_list(text.lower(), "topic", "topic")


def parse_venue(text: str) -> Venue:
    """``Name | street | locality | country code``."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 4 or not all(parts) or not re.fullmatch(r"[A-Z]{2}", parts[3]):
        raise FieldError(
            "venue",
            f"malformed venue {text.strip()!r}; expected "
            "'Name | street and number | town | two-letter country code'",
        )
    return Venue(*parts)


def parse_place(text: str) -> Venue:
    """A venue of an earlier edition, as far as its sources go: ``Name | street | town | CC``
    or, where no source gives the street, ``Name | town | CC``."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) == 3 and all(parts) and re.fullmatch(r"[A-Z]{2}", parts[2]):
        return Venue(parts[0], "", parts[1], parts[2])
    try:
        return parse_venue(text)
    except FieldError:
        raise FieldError(
            "venue",
            f"malformed venue {text.strip()!r}; expected 'Name | street and number | town | "
            "two-letter country code', or 'Name | town | country code' where no source "
            "gives the street",
        ) from None


def parse_year(text: str) -> int:
    """The year that names an edition: ``2014``."""
    value = text.strip()
    if not re.fullmatch(r"[12][0-9]{3}", value):
        raise FieldError("edition", f"malformed edition {text!r}; expected its year, such as 2014")
    return int(value)


def parse_date_range(text: str) -> tuple[date, date]:
    """``2014-11-14 - 2014-11-15`` (or one date): the first and last day of an edition."""
    first, _sep, last = text.strip().partition(" - ")
    start = parse_date(first)
    end = parse_date(last) if last.strip() else start
    if end < start:
        raise FieldError("date", f"dates {text.strip()!r} end before they start")
    return start, end


def parse_timezone(text: str) -> str:
    value = text.strip()
    if ("/" not in value and value != "UTC") or value not in available_timezones():
        raise FieldError(
            "timezone",
            f"unknown time zone {text!r}; expected an IANA name such as Europe/Amsterdam",
        )
    return value


def parse_slot(text: str, line: int = 0) -> Slot:
    """``12:00 | Registration`` or ``17:30 | Introduction | Speaker ; Speaker | VIDEO_ID``."""
    expected = "expected 'HH:MM | what', then optionally '| who' and '| YouTube id'"
    start, what, who, video, *extra = [*(p.strip() for p in text.split("|")), "", "", ""]
    match = CLOCK_RE.fullmatch(start)
    if match is None or not what or any(extra):
        raise FieldError("day", f"malformed schedule line {text.strip()!r}; {expected}")
    try:
        when = time(int(match.group(1)), int(match.group(2)))
    except ValueError as exc:
        raise FieldError("day", f"impossible time in {text.strip()!r} ({exc}); {expected}") from exc
    names = tuple(p.strip() for p in who.split(";") if p.strip())
    return Slot(when, what, names, parse_youtube_id(video) if video else "", line=line)


def parse_language(text: str) -> str:
    """An ISO 639-3 code, the three lowercase letters PyVideo files carry: ``eng``."""
    value = text.strip()
    if not re.fullmatch(r"[a-z]{3}", value):
        raise FieldError(
            "language", f"malformed language {text!r}; expected an ISO 639-3 code such as eng"
        )
    return value


def parse_day_kind(text: str) -> str:
    value = text.strip()
    if value not in DAY_KINDS:
        raise FieldError("day", unknown(f"kind of day {text!r}", DAY_KINDS))
    return value


# -- records -------------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    """A moment of a YouTube video: where every watch and embed URL comes from."""

    video: str
    start: int = 0

    @property
    def timestamp(self) -> str:
        return format_offset(self.start)

    @property
    def position(self) -> str:
        """How far into a stream, in words no one takes for a clock time: ``55 min 9 s``."""
        hours, rest = divmod(self.start, 3600)
        minutes, secs = divmod(rest, 60)
        parts = [f"{hours} h"] if hours else []
        if minutes or (hours and secs):
            parts.append(f"{minutes} min")
        if secs or not parts:
            parts.append(f"{secs} s")
        return " ".join(parts)

    @property
    def video_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.video}"

    @property
    def watch_url(self) -> str:
        """Opens at ``start`` in YouTube, with or without JavaScript, in any format."""
        return f"{self.video_url}&t={self.start}s"

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced player, playing from ``start`` once asked to."""
        return f"https://www.youtube-nocookie.com/embed/{self.video}?start={self.start}&autoplay=1"

    @property
    def plain_embed_url(self) -> str:
        return f"https://www.youtube-nocookie.com/embed/{self.video}"

    @property
    def thumbnail_url(self) -> str:
        return f"https://i.ytimg.com/vi/{self.video}/hqdefault.jpg"


@dataclass(frozen=True)
class Person:
    name: str
    url: str = ""


@dataclass(frozen=True)
class SourceLink:
    """Where an edition's facts were read, besides its website: a title and its address."""

    title: str
    url: str


@dataclass(frozen=True)
class Speaker:
    name: str
    handle: str = ""
    affiliation: str = ""

    @property
    def slug(self) -> str:
        return name_slug(self.name)

    @property
    def anchor(self) -> str:
        return f"speaker-{self.slug}"

    @property
    def twitter_url(self) -> str:
        return f"https://twitter.com/{self.handle}" if self.handle else ""


@dataclass(frozen=True)
class Venue:
    name: str
    street: str
    locality: str
    country: str

    @property
    def address(self) -> str:
        return f"{self.street}, {self.locality}" if self.street else self.locality


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def text(self, language: str | None) -> str:
        """As precise as it is: ``2016``, ``November 2016`` or ``29 November 2016``."""
        style = "year" if self.month is None else "month" if self.day is None else "day"
        return date_text(self.sort_key, style, language)

    @property
    def sort_key(self) -> date:
        """Where an imprecise date sorts: the first day it may stand for."""
        return date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class Record:
    """Where a record was declared: a page, the directive's line, its fields' lines."""

    docname: str
    lineno: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, kw_only=True)


@dataclass(frozen=True)
class Conference(Record):
    name: str
    url: str
    timezone: str
    venue: Venue
    sprint_venue: Venue | None = None
    organisers: tuple[Person, ...] = ()
    language: str = ""  # spoken at the talks, ISO 639-3
    #: the year of an edition declared with ``edition``; 0 for the ``conference``
    #: directive's, the site's own edition (2016), whose talks keep the plain targets
    year: int = 0
    #: an edition's first and last day (``edition`` only; the conference's are its days)
    dates: tuple[date, date] | None = None
    #: the time zone is inferred from the place, not stated by any source
    timezone_inferred: bool = False
    #: where the edition's facts were read besides its website (an archive of it, the
    #: organisers' repository), in the order the credits name them
    sources: tuple[SourceLink, ...] = ()

    def holds(self, day: date) -> bool:
        """Whether ``day`` is one of this edition's declared dates."""
        return self.dates is not None and self.dates[0] <= day <= self.dates[1]

    def venue_of(self, day: Day) -> Venue:
        return self.sprint_venue if day.kind == "sprints" and self.sprint_venue else self.venue


@dataclass(frozen=True)
class Slot:
    """A part of a day's schedule that is not a talk: doors, lunch, a welcome."""

    start: time
    title: str
    names: tuple[str, ...] = ()
    video: str = ""
    #: the schedule line it was written on (not a fact the site shows)
    line: int = field(default=0, compare=False, repr=False)

    @property
    def speakers(self) -> str:
        return " and ".join(self.names)

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def recording(self) -> Recording | None:
        return Recording(self.video) if self.video else None


@dataclass(frozen=True)
class Day(Record):
    day: date
    name: str
    start: time
    end: time
    kind: str = "talks"
    stream: str = ""
    slots: tuple[Slot, ...] = ()

    @property
    def anchor(self) -> str:
        return day_anchor(self.day)

    @property
    def hours(self) -> str:
        return hours_label(self.start, self.end)

    def at(self, seconds: int) -> Recording | None:
        return Recording(self.stream, seconds) if self.stream else None


@dataclass(frozen=True)
class Source(Record):
    """The article this site started from."""

    title: str
    url: str
    author: str
    site: str
    published: date


@dataclass(frozen=True)
class Talk(Record):
    slug: str
    title: str
    speakers: tuple[Speaker, ...]
    day: date
    start: time
    end: time
    offset: int
    stream: str = ""  # only when given in the talk (checked against its day's)
    official_title: str = ""
    video: str = ""
    slides: str = ""
    deck: str = ""
    topics: tuple[str, ...] = ()
    description: str = ""
    keynote: bool = False
    #: the year of the edition it was given at (``:edition:``); 0: the site's own edition
    edition: int = 0
    #: no :offset: into a day's stream: the talk's recording is its own :video:, played
    #: from its start, or there is none known (``unrecorded``)
    own: bool = False
    #: what is known about a recording that cannot be played (``:unrecorded:``)
    unrecorded: str = ""

    @property
    def anchor(self) -> str:
        return talk_anchor(self.slug, self.edition)

    @property
    def speaker_names(self) -> str:
        return " and ".join(s.name for s in self.speakers)

    @property
    def display_name(self) -> str:
        """What ``objects.inv`` and ``:ref:`` show: title and speaker."""
        return f"{self.title} ({self.speaker_names})"

    @property
    def sort_key(self) -> tuple[date, time, str]:
        return (self.day, self.start, self.slug)

    @property
    def length(self) -> int:
        """The scheduled length in seconds."""
        return (self.ends_at("UTC") - self.starts_at("UTC")).seconds

    @property
    def hours(self) -> str:
        return hours_label(self.start, self.end)

    def byline(self, language: str | None) -> str:
        """What follows the description in a preview: ``A talk by X on 3 November 2016.``"""
        return f"A talk by {self.speaker_names} on {date_text(self.day, 'day', language)}."

    @property
    def standalone(self) -> Recording | None:
        return Recording(self.video) if self.video else None

    def starts_at(self, tz: str) -> datetime:
        return datetime.combine(self.day, self.start, ZoneInfo(tz))

    def ends_at(self, tz: str) -> datetime:
        return datetime.combine(self.day, self.end, ZoneInfo(tz))


@dataclass(frozen=True)
class ConferenceVideo(Record):
    """A recording of the conference that is neither a talk nor a schedule line: highlights."""

    slug: str
    title: str
    video: str
    description: str

    @property
    def recording(self) -> Recording:
        return Recording(self.video)


@dataclass(frozen=True)
class Post(Record):
    """A summary post: a page of this site about one or more talks."""

    title: str
    published: date
    authors: tuple[Person, ...]
    talks: tuple[str, ...]
    abstract: str
    updated: date | None = None
    topics: tuple[str, ...] = ()
    draft: bool = False

    external = False

    @property
    def key(self) -> str:
        """The page's URL path without suffix: ``posts/x`` and ``posts/x/index`` collide."""
        return self.docname.removesuffix("/index")

    @property
    def slug(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    @property
    def modified(self) -> date:
        return self.updated or self.published

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.published, self.docname)

    def date_text(self, language: str | None) -> str:
        return date_text(self.published, "day", language)

    @property
    def author_names(self) -> str:
        return " and ".join(p.name for p in self.authors)


@dataclass(frozen=True)
class Writeup(Record):
    """A write-up published elsewhere, listed with the posts."""

    slug: str
    title: str
    authors: tuple[Person, ...]
    published: PartialDate
    url: str
    site: str
    abstract: str
    talks: tuple[str, ...] = ()

    external = True

    @property
    def anchor(self) -> str:
        return f"writeup-{self.slug}"

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.published.sort_key, self.slug)

    def date_text(self, language: str | None) -> str:
        return self.published.text(language)

    @property
    def author_names(self) -> str:
        return " and ".join(p.name for p in self.authors)


def narrow_feed_path(feed_path: str, kind: str, slug: str) -> str:
    """Where the feed of one topic or speaker is, beside the main feed:
    ``atom.xml`` -> ``feeds/topics/orm.xml`` (a name a file can have: ``file_name``)."""
    folder = feed_path.rpartition("/")[0]
    return f"{folder + '/' if folder else ''}feeds/{kind}/{file_name(slug, '.xml')}"


def day_anchor(day: date) -> str:
    """The id of a day's programme where it is declared; its stream's player key too."""
    return f"day-{day.isoformat()}"


def topic_anchor(topic: str) -> str:
    """The id of a topic's entry in the topics index."""
    return f"topic-{topic}"


#: What a talk's slug may not start with: its target would read as an edition's.
YEAR_PREFIX = re.compile(r"[0-9]{4}-")


def talk_anchor(slug: str, edition: int = 0) -> str:
    """The id of a talk's section on its page, made from its slug: ``talk-channels`` for
    the site's own edition, ``talk-2014-django-orm`` for another; no slug starts with a
    year and ``-`` (``YEAR_PREFIX``), so the two never meet."""
    return f"talk-{edition}-{slug}" if edition else f"talk-{slug}"


def hours_label(start: time, end: time) -> str:
    return f"{start:%H:%M}\u2013{end:%H:%M}"
