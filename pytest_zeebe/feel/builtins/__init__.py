"""The built-in functions of feel-scala 1.12.4 plus Zeebe 0.26's ``cycle`` and ``appendTo``.

:data:`BUILTINS` maps each name to its overloads in 1.12's order; the evaluator picks the
first overload whose parameters fit the call (by count, by names for named arguments).
``is defined`` is not here: the evaluator implements it, because it must observe failures.
Functions added after 1.12 (``string join``, ``get or else``, ``context put``, ``round up``,
``last day of month``, ...) are deliberately absent, so calling them fails with
``no function found`` exactly as in Zeebe 0.26.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from pytest_zeebe.feel.builtins import boolean, context, conversion, list, numeric, string, temporal, zeebe
from pytest_zeebe.feel.builtins._base import Builtin

__all__ = ["BUILTINS", "Builtin"]


def _registry() -> Mapping[str, tuple[Builtin, ...]]:
    table: dict[str, tuple[Builtin, ...]] = {}
    for group in (conversion, boolean, string, list, numeric, context, temporal, zeebe):
        for builtin in group.FUNCTIONS:
            table[builtin.name] = (*table.get(builtin.name, ()), builtin)
    return MappingProxyType(table)


BUILTINS: Mapping[str, tuple[Builtin, ...]] = _registry()
