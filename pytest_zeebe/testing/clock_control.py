"""`zeebe.clock`: read and move engine time from a test."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytest_zeebe.engine.engine import Engine


class ZeebeClock:
    """The engine's virtual clock as a test sees it. Time moves only through `advance`."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def now(self) -> datetime:
        """Engine time, a timezone-aware UTC datetime."""
        return self._engine.clock.now()

    def millis(self) -> int:
        """Engine time in epoch milliseconds (what record timestamps and job deadlines use)."""
        return self._engine.clock.millis()

    def advance(self, delta: timedelta) -> datetime:
        """Move engine time forward by `delta`; what falls due fires in due order. Returns the new now.

        Today that is job time-outs (an ACTIVATED job whose deadline has passed becomes
        activatable again); timers and message time-to-live join as the engine grows.
        """
        self._engine.advance_time(delta)
        return self.now()
