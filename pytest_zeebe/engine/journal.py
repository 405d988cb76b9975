"""Undo journal: what a processing step changed, so a failed step can be taken back at its own cost.

Zeebe runs each processing step in a transaction and rolls it back when the step throws. We do the
same without copying the state: while a step runs, every change to a journaled container or entity
appends the way to undo it, and a rollback walks that list backwards. A committed step drops its
list. Outside a step nothing is recorded, so replay and snapshots pay nothing for it.

Only appliers change state (see appliers.py); they use plain Python on these types:
- :class:`Table` is a dict whose writes are journaled;
- :class:`Entity` is a slotted object whose attribute writes are journaled.
Anything else reachable from the state must be immutable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_MISSING: Any = object()


class _Journal(threading.local):
    """The recording journal of each thread (the class attribute is every new thread's `None`)."""

    journal: list[Callable[[], None]] | None = None


_local = _Journal()


def _active() -> list[Callable[[], None]] | None:
    return _local.journal


@contextmanager
def recording() -> Iterator[list[Callable[[], None]]]:
    """Journal every change made in this thread inside the block; the list of undo steps is yielded."""
    previous = _active()
    undo: list[Callable[[], None]] = []
    _local.journal = undo
    try:
        yield undo
    finally:
        _local.journal = previous


def begin() -> tuple[list[Callable[[], None]], list[Callable[[], None]] | None]:
    """Start journaling in this thread (the engine's hot path: `recording()` without a generator).

    Returns the new undo list and the journal to give back to :func:`end`.
    """
    previous = _local.journal
    undo: list[Callable[[], None]] = []
    _local.journal = undo
    return undo, previous


def end(previous: list[Callable[[], None]] | None) -> None:
    """Stop the journaling :func:`begin` started."""
    _local.journal = previous


def roll_back(undo: list[Callable[[], None]]) -> None:
    """Undo every recorded change, newest first (outside any recording)."""
    previous = _active()
    _local.journal = None
    try:
        for step in reversed(undo):
            step()
    finally:
        _local.journal = previous
        undo.clear()


class Table(dict[K, V]):
    """A dict whose item writes are journaled while a step records."""

    __slots__ = ()

    def __setitem__(self, key: K, value: V) -> None:
        undo = _local.journal
        if undo is not None:
            old = dict.get(self, key, _MISSING)
            undo.append(lambda: self._restore(key, old))
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: K) -> None:
        undo = _local.journal
        if undo is not None:
            old = dict.__getitem__(self, key)
            undo.append(lambda: dict.__setitem__(self, key, old))
        dict.__delitem__(self, key)

    def pop(self, key: K, default: Any = _MISSING) -> Any:  # type: ignore[override,unused-ignore]
        if key in self:
            value = dict.__getitem__(self, key)
            del self[key]
            return value
        if default is _MISSING:
            raise KeyError(key)
        return default

    def setdefault(self, key: K, default: V) -> V:  # type: ignore[override,unused-ignore]
        if key in self:
            return dict.__getitem__(self, key)
        self[key] = default
        return default

    def clear(self) -> None:
        for key in list(self):
            del self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def _restore(self, key: K, old: Any) -> None:
        if old is _MISSING:
            dict.pop(self, key, None)
        else:
            dict.__setitem__(self, key, old)

    def __reduce__(self) -> Any:
        return (type(self), (dict(self),))


class Entity:
    """A mutable state object whose attribute writes are journaled while a step records.

    Subclasses declare `__slots__` and initialise fields with `_init(...)`, which is not journaled:
    a new object is undone by undoing the container write that holds it.
    """

    __slots__ = ()

    def _init(self, **fields: Any) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        undo = _local.journal
        if undo is not None:
            old = getattr(self, name, _MISSING)
            undo.append(lambda: self._restore(name, old))
        object.__setattr__(self, name, value)

    def _restore(self, name: str, old: Any) -> None:
        if old is _MISSING:
            object.__delattr__(self, name)
        else:
            object.__setattr__(self, name, old)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name, None) == getattr(other, name, None) for name in _slots(type(self)))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in _slots(type(self)))
        return f"{type(self).__name__}({fields})"

    def __copy__(self) -> Any:
        clone = object.__new__(type(self))
        for name in _slots(type(self)):
            if hasattr(self, name):
                object.__setattr__(clone, name, getattr(self, name))
        return clone

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        from copy import deepcopy

        clone = object.__new__(type(self))
        memo[id(self)] = clone
        for name in _slots(type(self)):
            if hasattr(self, name):
                object.__setattr__(clone, name, deepcopy(getattr(self, name), memo))
        return clone


_SLOTS: dict[type, tuple[str, ...]] = {}


def _slots(cls: type) -> tuple[str, ...]:
    names = _SLOTS.get(cls)
    if names is None:
        names = tuple(name for klass in reversed(cls.__mro__) for name in getattr(klass, "__slots__", ()))
        _SLOTS[cls] = names
    return names
