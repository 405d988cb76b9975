"""Temporary stand-in for feel/builtins (removed once the built-in library is committed)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Builtin:
    """The contract's built-in descriptor."""

    name: str
    params: tuple[str, ...]
    impl: Callable[..., object]
    variadic: bool = False
    needs_env: bool = False


BUILTINS: Mapping[str, tuple[Builtin, ...]] = {}
