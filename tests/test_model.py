"""The parsers at the edge: what authors type, as typed values."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from talks.model import (
    NAME_BYTES,
    FieldError,
    digest,
    file_name,
    iri,
    parse_date,
    parse_offset,
    parse_partial_date,
    parse_recording,
    parse_slot,
    parse_time_range,
    parse_timezone,
    parse_url,
    printable,
    slugify,
)

if TYPE_CHECKING:
    from collections.abc import Callable


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


@pytest.mark.parametrize(
    "text",
    # digits are ASCII: a superscript is isdigit() but no int; other scripts' digits are \d
    ["55x9s", "-3s", "99m99s", "", "1h60m", "1:60:00", "m", "5:5", "²", "1²m", "١٢:٣٠", "٣s"],
)
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


@pytest.mark.parametrize("text", ["2016-00", "2016-11-00", "0000", "0000-11", "2016-13"])
def test_impossible_partial_dates(text: str) -> None:
    with pytest.raises(FieldError, match="impossible date"):
        parse_partial_date(text)


def test_partial_dates_keep_their_precision() -> None:
    assert parse_partial_date("2016").text("en") == "2016"
    assert parse_partial_date("2016-11").text("en") == "November 2016"
    assert parse_partial_date("2016-11-29").text("en") == "29 November 2016"


@pytest.mark.parametrize("text", ["localtime", "Factory", "Mars/Olympus_Mons", ""])
def test_time_zones_are_area_and_place(text: str) -> None:
    with pytest.raises(FieldError) as info:
        parse_timezone(text)
    assert info.value.subtype == "timezone"


@pytest.mark.parametrize("text", ["12:00", "Lunch", "`", "12:00 |", "12:00 | a | b | c | d"])
def test_malformed_schedule_lines(text: str) -> None:
    with pytest.raises(FieldError, match="malformed schedule line"):
        parse_slot(text)


def test_a_schedule_line_names_everyone_however_spaced() -> None:
    assert parse_slot("17:30 | Sprints | Ann;Bob ; Carl").speakers == "Ann and Bob and Carl"


@pytest.mark.parametrize("text", ["UTC", "Europe/Amsterdam", "America/Argentina/Buenos_Aires"])
def test_time_zones_accepted(text: str) -> None:
    assert parse_timezone(text) == text


@pytest.mark.parametrize("text", ["a\x07b", "a\x1bb", "a\x7fb", "a\x85b"])
def test_control_characters_are_refused(text: str) -> None:
    with pytest.raises(FieldError, match="control character") as info:
        printable(text)
    assert info.value.subtype == "text"


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_date, "２０16-11-03"),  # fullwidth digits
        (parse_time_range, "١٣:45-14:45"),  # Arabic-Indic digits
        (parse_slot, "1٢:00 | Lunch"),
    ],
)
def test_dates_and_times_take_ascii_digits_only(parse: Callable[[str], object], text: str) -> None:
    with pytest.raises(FieldError):
        parse(text)


# -- names that become files and ids ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Loïc Bistuer", "loic-bistuer"),
        ("Jose\u0301 Ruiz", "jose-ruiz"),  # decomposed, as some editors save it
        ("山田太郎", "shantiantailang"),
        ("Иван Петров", "ivan-petrov"),
        ("Straße", "strasse"),
        ("Ｆｕｌｌ　Ｗｉｄｔｈ", "full-width"),
        ("★☆", ""),
        ("\u0301\u0301", ""),  # combining marks alone
    ],
)
def test_slugs_come_from_any_script(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_file_name_fits_and_stays_apart() -> None:
    room = NAME_BYTES - len(".xml")
    assert file_name("a" * room, ".xml") == "a" * room + ".xml"  # exactly at the limit
    longer = file_name("a" * (room + 1), ".xml")
    assert len(longer.encode()) <= NAME_BYTES and longer.endswith(
        f"-{digest('a' * (room + 1))}.xml"
    )
    words = "-".join(["word"] * 60)
    assert file_name(words, ".xml") != file_name(words + "-more", ".xml")
    assert file_name(words, ".xml").startswith("word-word-") and "--" not in file_name(
        words, ".xml"
    )
    for device in ("con", "nul", "aux", "prn", "com1", "lpt9"):
        assert file_name(device, ".json") == f"{device}-{digest(device)}.json"
    assert file_name("console", ".json") == "console.json"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("posts/first", "posts/first"),
        ("posts/my post", "posts/my%20post"),
        ("posts/café", "posts/café"),  # a valid IRI stays the same id
        ("posts/100%", "posts/100%25"),
        ("posts/a#b?c", "posts/a%23b%3Fc"),
        ("posts/a\u202eb", "posts/a%E2%80%AEb"),  # bidirectional formatting: RFC 3987 4.1
        ('posts/<"x">', "posts/%3C%22x%22%3E"),
    ],
)
def test_ids_are_iris(path: str, expected: str) -> None:
    assert iri(path) == expected


def test_a_url_path_keeps_its_escapes() -> None:
    """What Sphinx's html builder quoted stays as it is; what dirhtml did not is quoted."""
    assert iri("posts/my%20post.html", escaped=True) == "posts/my%20post.html"
    assert iri("posts/my post/", escaped=True) == "posts/my%20post/"
    assert iri("posts/100%25.html", escaped=True) == "posts/100%25.html"
