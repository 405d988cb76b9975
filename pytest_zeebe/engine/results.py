"""Commands submitted to the engine and what comes back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from pytest_zeebe.engine.intents import Intent, RejectionType, ValueType
from pytest_zeebe.engine.keys import NO_KEY
from pytest_zeebe.engine.values import RecordValue


@dataclass(frozen=True, slots=True)
class Command:
    """A command for the engine, as a client (or the clock) sends it."""

    value_type: ValueType
    intent: Intent
    value: RecordValue
    key: int = NO_KEY
    partition_id: int = 1


@dataclass(frozen=True, slots=True)
class Accepted:
    """A command that was processed: the key and value of the event that answers it."""

    key: int
    value: RecordValue


@dataclass(frozen=True, slots=True)
class Rejected:
    """A command the engine rejected, with Zeebe's rejection type and reason."""

    intent: Intent
    rejection_type: RejectionType
    reason: str

    @property
    def message(self) -> str:
        """The text Zeebe's gateway sends for a rejection."""
        return f"Command '{self.intent.value}' rejected with code '{self.rejection_type.value}': {self.reason}"


CommandResult = Accepted | Rejected


@dataclass(frozen=True, slots=True)
class Cancelled:
    """A command whose answer will never come: the engine was reset while the caller waited."""

    reason: str


Response = Accepted | Rejected | Cancelled


class ResultHandle:
    """The answer to a command that is answered later (CreateWorkflowInstanceWithResult).

    Completed once, from whichever thread delivers the answer; callbacks run in that thread.
    """

    __slots__ = ("_callbacks", "_done", "_lock", "_result")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._result: Response | None = None
        self._callbacks: list[Callable[[Response], None]] = []

    def set_result(self, result: Response) -> None:
        """Deliver the answer (later calls are ignored: the first answer wins)."""
        with self._lock:
            if self._result is not None:
                return
            self._result = result
            callbacks, self._callbacks = self._callbacks, []
        self._done.set()
        for callback in callbacks:
            callback(result)

    def add_done_callback(self, callback: Callable[[Response], None]) -> None:
        """Call `callback` with the answer, now if it is already there."""
        with self._lock:
            if self._result is None:
                self._callbacks.append(callback)
                return
            result = self._result
        callback(result)

    def result(self, timeout: float | None = None) -> Response | None:
        """The answer, waiting up to `timeout` seconds for it (None if it has not come)."""
        self._done.wait(timeout)
        return self._result

    @property
    def done(self) -> bool:
        return self._result is not None
