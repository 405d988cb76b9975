"""`zeebe.clock`: read and move engine time from a test."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytest_zeebe.engine.clock import from_millis, to_millis
from pytest_zeebe.engine.engine import Engine


class ZeebeClock:
    """The engine's virtual clock as a test sees it. Time moves only through `advance`/`advance_to`.

    A move fires everything that falls due on the way, in due order, each at its own due time:
    timers (a cycle once per interval), job time-outs, message expiry; what each causes runs to
    completion before the next fires. Moves are forward only, in whole milliseconds.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def now(self) -> datetime:
        """Engine time, a timezone-aware UTC datetime."""
        return self._engine.clock.now()

    def millis(self) -> int:
        """Engine time in epoch milliseconds (what record timestamps and job deadlines use)."""
        return self._engine.clock.millis()

    def advance(self, delta: timedelta) -> datetime:
        """Move engine time forward by `delta` (whole milliseconds); returns the new now."""
        self._engine.advance_time(delta)
        return self.now()

    def advance_to(self, instant: datetime) -> datetime:
        """Move engine time forward to `instant` (timezone-aware, whole milliseconds); returns it."""
        target = to_millis(instant)
        if from_millis(target) != instant:
            raise ValueError(f"the clock moves in whole milliseconds, got {instant!r}")
        self._engine.advance_to_millis(target)
        return self.now()

    def next_due(self) -> datetime | None:
        """When the next timer, job time-out or message expiry falls due (UTC), or None."""
        due = self._engine.next_due()
        return None if due is None else from_millis(due)
