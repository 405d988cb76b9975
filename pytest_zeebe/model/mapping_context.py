"""The one FEEL context Zeebe compiles an element's input (or output) mappings into, parsed at deployment.

Zeebe 0.26 checks each mapping's source on its own, then its `VariableMappingTransformer` joins
the mappings into one context expression and parses that too, failing the deployment with
`Failed to build variable mapping expression: <parser failure>` if it does not parse. A source
that parses alone but not inside the context (one that ends in a `// comment`, which then hides
the closing brace) is refused there. The text is built as Zeebe builds it: `{target:source,...}`,
a dotted target nests contexts (`{a:{b:source}}`), and output mappings merge into the existing
variable (`{a:appendTo(a,{b:source})}`); a repeated target keeps its first position, as in a
`LinkedHashMap`.
"""

from __future__ import annotations

from typing import Final

from pytest_zeebe.feel import FeelSyntaxError, compile_expression
from pytest_zeebe.model.elements import VariableMapping
from pytest_zeebe.model.resource import ResourceRejectedError

MAPPING_CONTEXT_FAILURE: Final = "Failed to build variable mapping expression: {failure}"

_Context = dict[str, "str | _Context"]


def check_mapping_context(mappings: tuple[VariableMapping, ...], *, output: bool) -> None:
    """Raise ResourceRejectedError with Zeebe's text when the joined context does not parse."""
    if not mappings:
        return
    try:
        compile_expression(mapping_context_text(mappings, output=output))
    except FeelSyntaxError as error:
        raise ResourceRejectedError(MAPPING_CONTEXT_FAILURE.format(failure=error)) from None


def mapping_context_text(mappings: tuple[VariableMapping, ...], *, output: bool) -> str:
    """The FEEL text of the context Zeebe joins `mappings` into (what the engine evaluates)."""
    context: _Context = {}
    for mapping in mappings:
        *path, key = mapping.target.split(".")
        scope = context
        for part in path:
            nested = scope.get(part)
            if not isinstance(nested, dict):
                nested = scope[part] = {}
            scope = nested
        scope[key] = mapping.source.text
    return _text(context, [], output)


def _text(context: _Context, path: list[str], output: bool) -> str:
    entries = []
    for key, value in context.items():
        if isinstance(value, str):
            entries.append(f"{key}:{value}")
            continue
        nested = _text(value, [*path, key], output)
        entries.append(f"{key}:appendTo({'.'.join([*path, key])},{nested})" if output else f"{key}:{nested}")
    return "{" + ",".join(entries) + "}"
