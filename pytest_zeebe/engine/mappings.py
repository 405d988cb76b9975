"""Variable mappings compiled as Zeebe 0.26 compiles them: into one FEEL context expression.

The text is the model's (`mapping_context_text`, Zeebe's VariableMappingTransformer), so an
IO_MAPPING_ERROR incident names it as Zeebe's does (`failed to evaluate expression '{y:x}': ...`).
Compiled once per element: nothing parses on the hot path.
"""

from __future__ import annotations

from functools import lru_cache

from pytest_zeebe import feel
from pytest_zeebe.model import VariableMapping
from pytest_zeebe.model.mapping_context import mapping_context_text


@lru_cache(maxsize=8192)
def input_expression(mappings: tuple[VariableMapping, ...]) -> feel.CompiledExpression | None:
    """The input mappings of an element as one expression, or None when it has none."""
    return feel.compile_expression(mapping_context_text(mappings, output=False)) if mappings else None


@lru_cache(maxsize=8192)
def output_expression(mappings: tuple[VariableMapping, ...]) -> feel.CompiledExpression | None:
    """The output mappings of an element as one expression, or None when it has none."""
    return feel.compile_expression(mapping_context_text(mappings, output=True)) if mappings else None
