"""Running engine work without the server's event loop waiting on the engine lock, and never into a deadlock.

A handler runs its engine work at once when the engine lock is free, and otherwise awaits it on a
small thread pool: while a test thread holds the engine lock (to advance the clock through a long
day, say), the event loop keeps serving long polls and other calls. A call that cannot get the
lock looks at the holder: if it stays parked inside one blocking gRPC client call, it is waiting
for this gateway, which waits for it; the call is answered with a clear FAILED_PRECONDITION
instead of hanging both. "Stays" is one and the same client call for DEADLOCK_AFTER_SECONDS: a
holder that makes quick calls needing no engine (Topology) is not stuck.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import TypeVar

import grpc

from pytest_zeebe.engine.engine import Engine
from pytest_zeebe.gateway.errors import GatewayError

T = TypeVar("T")

LOCK_POLL_SECONDS = 0.05
DEADLOCK_AFTER_SECONDS = 0.5
"""How long the lock's holder must sit in one gRPC client call before it counts as a deadlock."""
DEADLOCK = (
    "pytest-zeebe: the engine is locked by thread '{thread}', which is itself waiting in a gRPC call "
    "to this gateway; a thread that holds the engine lock must not call the gateway"
)


def _grpc_client_call(thread_id: int) -> FrameType | None:
    """The frame where `thread_id` entered gRPC (its outermost gRPC frame), if it is inside a call."""
    frame = sys._current_frames().get(thread_id)
    entry = None
    while frame is not None:
        if "grpc" in frame.f_code.co_filename.replace("\\", "/").split("/"):
            entry = frame
        frame = frame.f_back
    return entry


class EngineCalls:
    """Runs functions that need the engine on worker threads, under the engine lock."""

    def __init__(self, engine: Engine, workers: int = 4) -> None:
        self._engine = engine
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pytest-zeebe-engine")

    async def run(self, function: Callable[[], T]) -> T:
        """`function()` under the engine lock: at once if the lock is free, else on a worker thread.

        A free lock is taken without waiting and the work (one command and what it causes) runs on
        the loop: a hop to a worker and back costs more than most commands. A held lock is waited for
        on a worker, so the loop itself never waits on it.
        """
        lock = self._engine.lock
        if lock.acquire(blocking=False):
            try:
                return function()
            finally:
                lock.release()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._locked, function)

    def _locked(self, function: Callable[[], T]) -> T:
        lock = self._engine.lock
        stuck_in: FrameType | None = None
        since = 0.0
        while not lock.acquire(timeout=LOCK_POLL_SECONDS):
            owner = lock.owner
            call = None if owner is None else _grpc_client_call(owner)
            if call is None or call is not stuck_in:
                stuck_in, since = call, time.monotonic()
            elif time.monotonic() - since >= DEADLOCK_AFTER_SECONDS:
                assert owner is not None
                name = next((t.name for t in threading.enumerate() if t.ident == owner), str(owner))
                raise GatewayError(grpc.StatusCode.FAILED_PRECONDITION, DEADLOCK.format(thread=name))
        try:
            return function()
        finally:
            lock.release()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
