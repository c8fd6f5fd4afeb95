"""Typed talk records, and the parsers that turn directive text into them.

Everything an author types is parsed here, once, at the edge. A parser
either returns a typed value or raises :class:`FieldError`, which carries
the warning subtype (``talks.<subtype>``) and a message that says what was
wrong and what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

YOUTUBE_ID_RE = re.compile(r"[A-Za-z0-9_-]{11}")
HANDLE_RE = re.compile(r"@?([A-Za-z0-9_]{1,15})")
OFFSET_HMS_RE = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
OFFSET_CLOCK_RE = re.compile(r"(?:(\d+):)?(\d+):(\d\d)")
TIME_RANGE_RE = re.compile(r"(\d\d):(\d\d)\s*[-\u2013]\s*(\d\d):(\d\d)")
YOUTUBE_HOSTS = {"youtu.be", "youtube.com", "www.youtube.com", "m.youtube.com"}


class FieldError(ValueError):
    """A field value that cannot be parsed; ``subtype`` names the warning."""

    def __init__(self, subtype: str, message: str) -> None:
        super().__init__(message)
        self.subtype = subtype


def slugify(text: str) -> str:
    """``"Loïc Bistuer"`` -> ``"loic-bistuer"`` (ASCII, lowercase, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_offset(text: str) -> int:
    """Parse a stream offset as people copy it, into whole seconds.

    Accepts ``55m9s``, ``1h15m00s``, ``3309``, ``3309s`` and ``55:09``.
    A unit that follows a larger one must stay below 60 (``99m99s`` fails).
    """
    value = text.strip()
    expected = "expected a time such as 55m9s, 1h15m00s, 55:09 or 3309"
    if value.isdigit():
        return int(value)
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


def parse_date(text: str, known: dict[str, str]) -> date:
    value = text.strip()
    if value not in known:
        choices = ", ".join(sorted(known)) or "none configured in talks_days"
        raise FieldError("day", f"unknown day {text!r}; expected one of: {choices}")
    return date.fromisoformat(value)


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
        speakers.append(Speaker(name, match.group(1) if match else "", affiliation))
    return tuple(speakers)


def parse_topics(text: str) -> tuple[str, ...]:
    topics = tuple(dict.fromkeys(t.strip().lower() for t in text.split(",") if t.strip()))
    for topic in topics:
        if slugify(topic) != topic:
            raise FieldError(
                "topic", f"malformed topic {topic!r}; expected lowercase words joined by '-'"
            )
    return topics


@dataclass(frozen=True)
class Speaker:
    name: str
    handle: str = ""
    affiliation: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def anchor(self) -> str:
        return f"speaker-{self.slug}"

    @property
    def twitter_url(self) -> str:
        return f"https://twitter.com/{self.handle}" if self.handle else ""


@dataclass(frozen=True)
class Talk:
    slug: str
    docname: str
    lineno: int
    title: str
    speakers: tuple[Speaker, ...]
    day: date
    start: time
    end: time
    stream: str
    offset: int
    official_title: str = ""
    video: str = ""
    slides: str = ""
    deck: str = ""
    topics: tuple[str, ...] = ()
    description: str = ""

    @property
    def anchor(self) -> str:
        return f"talk-{self.slug}"

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
    def timestamp(self) -> str:
        return format_offset(self.offset)

    @property
    def recording_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.stream}&t={self.offset}s"

    @property
    def video_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.video}" if self.video else ""

    def starts_at(self, tz: str) -> datetime:
        return datetime.combine(self.day, self.start, ZoneInfo(tz))

    def ends_at(self, tz: str) -> datetime:
        return datetime.combine(self.day, self.end, ZoneInfo(tz))
