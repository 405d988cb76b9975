"""Long-polling ActivateJobs: parked requests, woken when a job of their type becomes activatable.

All of it lives on the server's event loop. The engine reports new activatable job types from
whichever thread submitted the command; `notify` hops onto the loop, so a poll is never woken
before the job it waits for exists. A reset of the engine ends every parked poll, empty.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DEFAULT_LONG_POLL_MS = 10_000
"""What `requestTimeout = 0` means, as in Zeebe's LongPollingActivateJobsHandler."""


class ParkedPoll:
    """One waiting ActivateJobs call, bound to the engine generation it started in."""

    __slots__ = ("cancelled", "event", "generation", "job_type")

    def __init__(self, job_type: str, generation: int) -> None:
        self.job_type = job_type
        self.generation = generation
        self.event = asyncio.Event()
        self.cancelled = False


class LongPolls:
    """The parked polls of one gateway, oldest first: a new job goes to the poll that waited longest,
    as Zeebe's gateway serves pending requests first in, first out."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._parked: dict[ParkedPoll, None] = {}

    @contextmanager
    def park(self, job_type: str, generation: int) -> Iterator[ParkedPoll]:
        """Register a poll for `job_type` for the duration of the block (loop thread only)."""
        poll = ParkedPoll(job_type, generation)
        self._parked[poll] = None
        try:
            yield poll
        finally:
            self._parked.pop(poll, None)

    def notify(self, job_types: frozenset[str]) -> None:
        """Wake the polls waiting for any of `job_types` (callable from any thread).

        With nothing parked there is no hop onto the loop (it costs a socket write per job): a poll
        registers before its first activation round, so one that parks later finds the job itself.
        """
        if self._parked:
            self._call_on_loop(self._wake, job_types)

    def cancel_all(self) -> None:
        """End every parked poll, empty (callable from any thread)."""
        self._call_on_loop(self._cancel)

    def _call_on_loop(self, callback: Callable[..., None], *args: object) -> None:
        if self._loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nothing is parked any more
            self._loop.call_soon_threadsafe(callback, *args)

    def _wake(self, job_types: frozenset[str]) -> None:
        for poll in self._parked:
            if poll.job_type in job_types:
                poll.event.set()

    def _cancel(self) -> None:
        for poll in self._parked:
            poll.cancelled = True
            poll.event.set()

    def __len__(self) -> int:
        return len(self._parked)
