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


class VirtualClock:
    """A frozen clock. Only the engine moves it (see Engine.advance_time), so what falls due fires."""

    __slots__ = ("_millis", "start_millis")

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self.start_millis = to_millis(start)
        self._millis = self.start_millis

    def millis(self) -> int:
        """The current engine time in epoch milliseconds."""
        return self._millis

    def now(self) -> datetime:
        """The current engine time as an aware UTC datetime."""
        return from_millis(self._millis)

    def set_millis(self, millis: int) -> None:
        """Move the clock to `millis`; time never goes backwards."""
        if millis < self._millis:
            raise ValueError("the engine clock cannot go backwards")
        self._millis = millis

    def reset(self) -> None:
        """Back to the start time, for a fresh engine."""
        self._millis = self.start_millis
