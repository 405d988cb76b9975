"""`zeebe.wait_until`: wait for work done by real workers in other threads or processes.

Commands a test sends itself need no waiting (the engine finishes each one before it answers).
A pyzeebe worker on its own thread, or a service in another process, finishes on its own schedule,
so the test polls: first after a millisecond, then backing off to at most 50 ms, so a quick worker
is noticed at once and a slow one costs little CPU. This is the one place where the harness reads
the wall clock, and only for the timeout.
"""

from __future__ import annotations

import ast
import inspect
import time
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")

FIRST_PAUSE = 0.001
LONGEST_PAUSE = 0.05


def wait_until(predicate: Callable[[], _T], timeout: float = 10.0, *, description: str | None = None) -> _T:
    """Call `predicate` until it returns something truthy, and return that.

    An ``AssertionError`` from the predicate counts as "not yet" (so an ``assert_that(...)`` chain
    can be waited for); any other exception propagates at once.

    :param predicate: a callable without arguments.
    :param timeout: how long to wait, in wall-clock seconds.
    :param description: what is awaited, for the error (default: the predicate's source or name).
    :raises TimeoutError: naming what was awaited and what the predicate last gave.
    """
    __tracebackhide__ = True
    if timeout < 0:
        raise ValueError(f"timeout must not be negative, got {timeout!r}")
    deadline = time.monotonic() + timeout
    pause = FIRST_PAUSE
    attempts = 0
    while True:
        attempts += 1
        try:
            result = predicate()
        except AssertionError as failure:
            last = f"the last attempt failed: {_first_line(str(failure))}"
            cause: AssertionError | None = failure
        else:
            if result:
                return result
            last = f"it last returned {_short(repr(result))}"
            cause = None
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            what = description or describe(predicate)
            message = f"timed out after {timeout:g} s waiting for {what} ({attempts} attempts; {last})"
            raise TimeoutError(message) from cause
        time.sleep(min(pause, remaining))
        pause = min(pause * 2, LONGEST_PAUSE)


def describe(predicate: Callable[..., object]) -> str:
    """A readable name: a lambda's source text, else the function's qualified name."""
    name = getattr(predicate, "__qualname__", None) or repr(predicate)
    if getattr(predicate, "__name__", "") == "<lambda>":
        try:
            source = inspect.getsource(predicate).strip()
        except (OSError, TypeError):
            return name
        return _short(_lambda_text(source) or source)
    return name


def _lambda_text(source: str) -> str | None:
    """The `lambda ...` expression inside the source lines that hold it (the longest that parses)."""
    start = source.find("lambda")
    if start < 0:
        return None
    text = source[start:]
    for end in range(len(text), 6, -1):
        try:
            tree = ast.parse(text[:end], mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Lambda):
            return " ".join(text[:end].split())
    return None


def _first_line(text: str) -> str:
    return _short(text.strip().splitlines()[0] if text.strip() else "AssertionError")


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
