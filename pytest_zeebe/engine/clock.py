"""The engine's virtual clock: epoch milliseconds that move only when a test moves them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

DEFAULT_START = datetime(2021, 1, 1, tzinfo=UTC)


def to_millis(moment: datetime) -> int:
    """Epoch milliseconds of an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


def from_millis(millis: int) -> datetime:
    """The UTC datetime of epoch milliseconds."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=millis)
