"""Variables per scope, and the scope tree they are looked up in (Zeebe's VariablesState).

Each element instance is a scope whose parent is its flow scope; a workflow instance's root scope
has none. Lookups walk from a scope up to the root, the innermost definition winning. Within a
scope, Zeebe orders variables by its RocksDB key: name length first, then the name's bytes; the
documents we build (job variables, results) keep that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pytest_zeebe.engine.journal import Entity, Table
from pytest_zeebe.engine.keys import NO_KEY


class Variable(Entity):
    """A variable in one scope: its key (kept on update), JSON text and parsed value."""

    __slots__ = ("key", "text", "value")
    key: int
    text: str
    value: Any

    def __init__(self, key: int, text: str, value: Any) -> None:
        self._init(key=key, text=text, value=value)


def _rocksdb_order(name: str) -> tuple[int, bytes]:
    encoded = name.encode("utf-8", "replace")
    return len(encoded), encoded


class VariablesState:
    """Variables by scope, and each scope's parent."""

    __slots__ = ("parents", "scopes")

    def __init__(self) -> None:
        self.scopes: Table[int, Table[str, Variable]] = Table()
        self.parents: Table[int, int] = Table()

    # -- reading ------------------------------------------------------------------------------

    def local(self, scope_key: int, name: str) -> Variable | None:
        variables = self.scopes.get(scope_key)
        return variables.get(name) if variables else None

    def find_scope(self, scope_key: int, name: str) -> int:
        """The innermost scope from `scope_key` up that defines `name`, or NO_KEY."""
        key = scope_key
        while key > 0:
            variables = self.scopes.get(key)
            if variables and name in variables:
                return key
            key = self.parents.get(key, NO_KEY)
        return NO_KEY

    def lookup(self, scope_key: int, name: str) -> Variable | None:
        """The variable `name` as seen from `scope_key`."""
        key = scope_key
        while key > 0:
            variables = self.scopes.get(key)
            if variables:
                variable = variables.get(name)
                if variable is not None:
                    return variable
            key = self.parents.get(key, NO_KEY)
        return None

    def parent_of(self, scope_key: int) -> int:
        return self.parents.get(scope_key, NO_KEY)

    def local_document(self, scope_key: int) -> dict[str, Any]:
        """The variables of exactly `scope_key`, in Zeebe's order."""
        variables = self.scopes.get(scope_key)
        if not variables:
            return {}
        return {name: variables[name].value for name in sorted(variables, key=_rocksdb_order)}

    def visible_document(self, scope_key: int, names: Iterable[str] | None = None) -> dict[str, Any]:
        """Every variable visible from `scope_key` (innermost wins), or only `names` that exist.

        As Zeebe's `getVariablesAsDocument`: innermost scope first, each scope in its key order.
        """
        wanted = None if names is None else set(names)
        result: dict[str, Any] = {}
        key = scope_key
        while key > 0:
            variables = self.scopes.get(key)
            if variables:
                for name in sorted(variables, key=_rocksdb_order):
                    if name not in result and (wanted is None or name in wanted):
                        result[name] = variables[name].value
            key = self.parents.get(key, NO_KEY)
        return result

    # -- changing (appliers only) ---------------------------------------------------------------

    def create_scope(self, scope_key: int, parent_key: int) -> None:
        if parent_key > 0:
            self.parents[scope_key] = parent_key

    def remove_scope(self, scope_key: int) -> None:
        self.scopes.pop(scope_key, None)
        self.parents.pop(scope_key, None)

    def put(self, scope_key: int, name: str, key: int, text: str, value: Any) -> None:
        variables = self.scopes.get(scope_key)
        if variables is None:
            variables = self.scopes[scope_key] = Table()
        existing = variables.get(name)
        if existing is None:
            variables[name] = Variable(key, text, value)
        else:
            existing.text = text
            existing.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VariablesState):
            return NotImplemented
        return self.scopes == other.scopes and self.parents == other.parents
