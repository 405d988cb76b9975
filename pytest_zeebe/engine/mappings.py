"""Variable mappings compiled as Zeebe 0.26 compiles them: into one FEEL context expression.

`zeebe:input source="=x" target="a.b"` becomes `{a:{b:x}}`; outputs merge into the existing
object instead, `{a:appendTo(a,{b:x})}` (Zeebe's VariableMappingTransformer). Later mappings of
the same parent nest into the same context. The expression text is the one Zeebe builds, so an
IO_MAPPING_ERROR incident names it as Zeebe's does (`failed to evaluate expression '{y:x}': ...`).
Compiled once per element (parse once; nothing parses on the hot path).
"""

from __future__ import annotations

from functools import lru_cache

from pytest_zeebe import feel
from pytest_zeebe.model import VariableMapping


def _context_text(mappings: tuple[VariableMapping, ...], *, merge: bool) -> str:
    root: dict[str, object] = {}
    for mapping in mappings:
        *parents, leaf = mapping.target.split(".")
        context = root
        for part in parents:
            nested = context.get(part)
            if not isinstance(nested, dict):
                nested = context[part] = {}
            context = nested
        context[leaf] = mapping.source.text

    def render(context: dict[str, object], path: list[str]) -> str:
        entries = []
        for key, value in context.items():
            if isinstance(value, dict):
                nested = render(value, [*path, key])
                entries.append(f"{key}:appendTo({'.'.join([*path, key])},{nested})" if merge else f"{key}:{nested}")
            else:
                entries.append(f"{key}:{value}")
        return "{" + ",".join(entries) + "}"

    return render(root, [])


@lru_cache(maxsize=8192)
def input_expression(mappings: tuple[VariableMapping, ...]) -> feel.CompiledExpression | None:
    """The input mappings of an element as one expression, or None when it has none."""
    return feel.compile_expression(_context_text(mappings, merge=False)) if mappings else None


@lru_cache(maxsize=8192)
def output_expression(mappings: tuple[VariableMapping, ...]) -> feel.CompiledExpression | None:
    """The output mappings of an element as one expression, or None when it has none."""
    return feel.compile_expression(_context_text(mappings, merge=True)) if mappings else None
