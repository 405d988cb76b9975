"""Context built-ins: ``get entries`` and ``get value`` (feel-scala 1.12.4).

1.12 has no ``get value(context, keys)`` path form, ``context put`` or ``context merge``; those
came in 1.13+ and are deliberately absent. A missing key gives null.
"""

from __future__ import annotations

from pytest_zeebe.feel.builtins._base import Builtin


def _entries(context: object) -> object:
    if not isinstance(context, dict):
        return None
    entries: list[object] = [{"key": key, "value": value} for key, value in context.items()]
    return entries


def _value(context: object, key: object) -> object:
    if not (isinstance(context, dict) and isinstance(key, str)):
        return None
    return context.get(key)


FUNCTIONS = (
    Builtin("get entries", ("context",), _entries),
    Builtin("get value", ("context", "key"), _value),
)
