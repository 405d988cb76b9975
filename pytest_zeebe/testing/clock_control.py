"""`zeebe.clock`: read and move engine time from a test."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from pytest_zeebe.engine.clock import from_millis, to_millis
from pytest_zeebe.engine.engine import Engine


class Stepper(Protocol):
    """Work of the harness's own on the virtual clock (mock workers' deferred actions)."""

    def next_due(self) -> int | None: ...

    def drive(self) -> None: ...


class ZeebeClock:
    """The engine's virtual clock as a test sees it. Time moves only through `advance`/`advance_to`.

    A move fires everything that falls due on the way, in due order, each at its own due time:
    timers (a cycle once per interval), job time-outs, message expiry; what each causes runs to
    completion before the next fires. Moves are forward only, in whole milliseconds.
    """

    def __init__(self, engine: Engine, stepper: Stepper | None = None) -> None:
        self._engine = engine
        self.stepper = stepper
        """The harness's own timed work (its mock workers), set once they exist."""

    def now(self) -> datetime:
        """Engine time, a timezone-aware UTC datetime."""
        return self._engine.clock.now()

    def millis(self) -> int:
        """Engine time in epoch milliseconds (what record timestamps and job deadlines use)."""
        return self._engine.clock.millis()

    def advance(self, delta: timedelta) -> datetime:
        """Move engine time forward by `delta` (whole milliseconds); returns the new now."""
        if delta < timedelta(0):
            raise ValueError(f"cannot move the clock backwards (delta {delta!r})")
        if delta % timedelta(milliseconds=1):
            raise ValueError(f"the clock moves in whole milliseconds, got {delta!r}")
        self._step_to(self.millis() + delta // timedelta(milliseconds=1))
        return self.now()

    def advance_to(self, instant: datetime) -> datetime:
        """Move engine time forward to `instant` (timezone-aware, whole milliseconds); returns it."""
        target = to_millis(instant)
        if from_millis(target) != instant:
            raise ValueError(f"the clock moves in whole milliseconds, got {instant!r}")
        if target < self.millis():
            raise ValueError(
                f"cannot move the clock backwards (to {instant.isoformat()}, now {self.now().isoformat()})"
            )
        self._step_to(target)
        return self.now()

    def next_due(self) -> datetime | None:
        """When the next timer, job time-out, message expiry or deferred mock worker action falls due
        (UTC), or None."""
        due = self._next_due()
        return None if due is None else from_millis(due)

    def _next_due(self) -> int | None:
        dues = [self._engine.next_due(), self.stepper.next_due() if self.stepper else None]
        return min((due for due in dues if due is not None), default=None)

    def _step_to(self, target: int) -> None:
        """Stop at every moment something falls due, so the mock workers act at that moment too."""
        if self.stepper is None:
            self._engine.advance_to_millis(target)
            return
        while (due := self._next_due()) is not None and due <= target:
            self._engine.advance_to_millis(max(due, self.millis()))
            self.stepper.drive()
        self._engine.advance_to_millis(target)
        self.stepper.drive()
