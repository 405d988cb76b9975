"""The engine lock: reentrant, and it knows which thread holds it.

Knowing the holder lets the gateway see the one way a test can hang itself: a thread that holds
the engine lock and then makes a blocking gRPC call to the same engine. The gateway's handler
waits for the lock, finds the holder parked inside a gRPC client call, and answers with a clear
error instead of waiting forever (see gateway/engine_calls.py).
"""

from __future__ import annotations

import threading
from types import TracebackType


class EngineLock:
    """A reentrant lock that records its holder's thread id."""

    __slots__ = ("_depth", "_lock", "owner")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.owner: int | None = None
        self._depth = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        acquired = self._lock.acquire(blocking, timeout)
        if acquired:
            self._depth += 1
            self.owner = threading.get_ident()
        return acquired

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self.owner = None
        self._lock.release()

    def held_by_current_thread(self) -> bool:
        return self.owner == threading.get_ident()

    def __enter__(self) -> EngineLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()
