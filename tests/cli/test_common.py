"""The helpers every verb shares: one time syntax for --since and --expires."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from accord.cli.common import parse_time
from accord.errors import InputError

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("45s", False, NOW - 45),
        ("30m", False, NOW - 1800),
        ("12h", False, NOW - 43200),
        ("7d", False, NOW - 7 * 86400),
        ("2w", False, NOW - 14 * 86400),
        ("90d", True, NOW + 90 * 86400),
        (" 3 h ", False, NOW - 3 * 3600),
        ("2025-01-31", False, datetime(2025, 1, 31, tzinfo=UTC).timestamp()),
        ("2025-01-31T12:00Z", True, datetime(2025, 1, 31, 12, tzinfo=UTC).timestamp()),
        ("2025-01-31T12:00:00+02:00", False, datetime(2025, 1, 31, 10, tzinfo=UTC).timestamp()),
    ],
)
def test_parse_time(text: str, future: bool, expected: float) -> None:
    assert parse_time(text, option="--since", future=future, now=NOW) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["yesterday", "7x", "-3d", "2025-13-01", "", "7 days"])
def test_parse_time_refuses_with_the_option_and_a_hint(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_time(text, option="--expires", now=NOW)
    assert info.value.message.startswith(f"--expires {text!r} is not a time")
    assert info.value.hint and "7d" in info.value.hint and "2025-01-31" in info.value.hint
