"""The parsers at the edge: what authors type, as typed values."""

from __future__ import annotations

import pytest
from talks.model import FieldError, parse_offset, parse_recording, parse_url


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("55m9s", 3309),
        ("1h15m00s", 4500),
        ("2h17m10s", 8230),
        ("3309", 3309),
        ("3309s", 3309),
        ("55:09", 3309),
        ("1:15:00", 4500),
        ("90s", 90),
        ("99m", 5940),
    ],
)
def test_offsets(text: str, seconds: int) -> None:
    assert parse_offset(text) == seconds


@pytest.mark.parametrize("text", ["55x9s", "-3s", "99m99s", "", "1h60m", "1:60:00", "m", "5:5"])
def test_bad_offsets(text: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_offset(text)
    assert info.value.subtype == "offset"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://youtu.be/rsEkQbMLCH4?t=55m9s", ("rsEkQbMLCH4", 3309)),
        ("https://www.youtube.com/watch?v=kWH3Waigi5Y&t=4500", ("kWH3Waigi5Y", 4500)),
    ],
)
def test_recording_links(text: str, expected: tuple[str, int]) -> None:
    assert parse_recording(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "ftp://example.org/x.pdf",
        "//example.org/x",
        "x.pdf",
        'https://example.org/"onmouseover=x',
    ],
)
def test_unsafe_urls(text: str) -> None:
    with pytest.raises(FieldError):
        parse_url(text)
