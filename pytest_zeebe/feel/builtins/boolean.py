"""``not`` (``is defined`` is the evaluator's, because it must see failures unevaluated).

``not`` of anything but a boolean is null, and that includes a failed argument: 1.12's
``not(missing)`` is null, not a failure, so ``not`` receives failures (``accepts_errors``).
"""

from __future__ import annotations

from pytest_zeebe.feel.builtins._base import Builtin


def _not(negand: object) -> object:
    return (not negand) if isinstance(negand, bool) else None


FUNCTIONS = (Builtin("not", ("negand",), _not, accepts_errors=True),)
