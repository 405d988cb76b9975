"""Syntax tree -> Python closures, with feel-scala 1.12's null and error semantics.

Each node becomes a closure ``f(scope) -> value``; evaluation is a chain of closure calls with no
tree walking, so ``x > 5`` costs a variable read and a Decimal comparison. Evaluation failures
are raised as :class:`FeelEvaluationError` (cause only); the constructs that suppress failures in
feel-scala (arithmetic, ``and``/``or``, ``if`` conditions, ``!=``, quantifiers) catch them.
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Final

from . import ast, ops
from .ast import walk
from .calls import compile_call, compile_function_def
from .errors import FeelEvaluationError, FeelSyntaxError
from .paths import index, property_of
from .scope import (
    Evaluator,
    Frame,
    Scope,
    local_reference,
    root_reference,
    spend,
)

#: Deepest syntax-tree nesting accepted; evaluation recursion stays well below Python's limit.
MAX_NESTING: Final = 120
#: Longest list a range ``a..b`` may produce.
MAX_RANGE: Final = 100_000

#: Literals round to 34 digits like arithmetic, but keep any exponent, as Java's BigDecimal does.
_LITERALS: Final = decimal.Context(
    prec=34, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN
)
_ARITH_FAILURES: Final = (FeelEvaluationError, ArithmeticError, TypeError, ValueError, OverflowError)


def compile_tree(node: ast.Node, text: str) -> Evaluator:
    """Compile ``node`` (parsed from ``text``) into an evaluator closure."""
    return Compiler(text).compile(node)


def size(node: ast.Node) -> int:
    """Work units one evaluation of ``node`` is charged: its node count plus loop overhead."""
    return sum(1 for _ in walk(node)) + 2


def _mentions(node: ast.Node, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.name == name for n in walk(node))


def _guarded(evaluator: Evaluator, scope: Scope) -> object:
    """Evaluate, holding a failure as an operand value (feel-scala's ValError)."""
    try:
        return evaluator(scope)
    except FeelEvaluationError as error:
        return ops.ErrVal(error.cause)


class Compiler:
    """One compilation: tracks nesting depth and whether names may be bound locally."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.depth = 0
        self.local = 0  # > 0 inside a construct that binds names

    def compile(self, node: ast.Node) -> Evaluator:
        """Compile one node (dispatch on its class)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise FeelSyntaxError(self.text, f"[1.1] failure: expression nested deeper than {MAX_NESTING} levels")
        try:
            method: Callable[[ast.Node], Evaluator] = getattr(self, "_" + type(node).__name__)
            return method(node)
        finally:
            self.depth -= 1

    def compile_local(self, node: ast.Node) -> Evaluator:
        """Compile code that runs inside a frame binding names."""
        self.local += 1
        try:
            return self.compile(node)
        finally:
            self.local -= 1

    # --- leaves --------------------------------------------------------------------------------

    def _Const(self, node: ast.Const) -> Evaluator:
        value = node.value
        if isinstance(value, Decimal):
            value = _LITERALS.plus(value)  # rounded to 34 digits, as Scala's BigDecimal(String)
        return lambda scope: value

    def _Name(self, node: ast.Name) -> Evaluator:
        return local_reference(node.name) if self.local else root_reference(node.name)

    # --- paths and filters ---------------------------------------------------------------------

    def _Path(self, node: ast.Path) -> Evaluator:
        base, key = self.compile(node.base), node.key
        return lambda scope: property_of(base(scope), key)

    def _Filter(self, node: ast.Filter) -> Evaluator:
        base, condition = self.compile(node.base), node.condition
        if isinstance(condition, ast.Const) and isinstance(condition.value, Decimal):
            position = condition.value
            return lambda scope: index(base(scope), position)
        if (
            isinstance(condition, ast.Negate)
            and isinstance(condition.operand, ast.Const)
            and isinstance(condition.operand.value, Decimal)
        ):
            negative = -condition.operand.value
            return lambda scope: index(base(scope), negative)
        per_item = self._item_filter(base, condition)
        if isinstance(condition, ast.Compare) and condition.op != "!=":
            return per_item
        outer = self.compile(condition)

        def number_or_filter(scope: Scope) -> object:
            try:
                position = outer(scope)
            except FeelEvaluationError:
                position = None
            if type(position) is Decimal:
                return index(base(scope), position)
            return per_item(scope)

        return number_or_filter

    def _item_filter(self, base: Evaluator, node: ast.Node) -> Evaluator:
        condition, cost = self.compile_local(node), size(node)

        def item_filter(scope: Scope) -> object:
            items = base(scope)
            if type(items) is not list:
                raise FeelEvaluationError(f"expect List but found '{ops.describe(items)}'")
            kept = []
            for item in items:
                spend(scope, cost)
                frame = Frame(scope, item) if type(item) is dict else scope
                result = condition(Frame(frame, {"item": item}))
                if result is True:
                    kept.append(item)
                elif result is not False:
                    raise FeelEvaluationError(f"expected Boolean but found '{ops.describe(result)}'")
            return kept

        return item_filter

    # --- calls ---------------------------------------------------------------------------------

    def _Call(self, node: ast.Call) -> Evaluator:
        return compile_call(self, node)

    def _FunctionDef(self, node: ast.FunctionDef) -> Evaluator:
        return compile_function_def(self, node, size(node.body))

    # --- arithmetic ----------------------------------------------------------------------------

    def _Arith(self, node: ast.Arith) -> Evaluator:
        left, right, operation = self.compile(node.left), self.compile(node.right), ops.ARITHMETIC[node.op]

        def arithmetic(scope: Scope) -> object:
            try:
                return operation(left(scope), right(scope))
            except _ARITH_FAILURES:
                return None

        return arithmetic

    def _Negate(self, node: ast.Negate) -> Evaluator:
        operand = self.compile(node.operand)

        def negation(scope: Scope) -> object:
            try:
                return ops.negate(operand(scope))
            except _ARITH_FAILURES:
                return None

        return negation

    # --- comparisons ---------------------------------------------------------------------------

    def _Compare(self, node: ast.Compare) -> Evaluator:
        left, right, op = self.compile(node.left), self.compile(node.right), node.op
        if op == "=":
            return lambda scope: _equal(_guarded(left, scope), _guarded(right, scope))
        if op == "!=":

            def not_equal(scope: Scope) -> object:
                try:
                    return not _equal(_guarded(left, scope), _guarded(right, scope))
                except FeelEvaluationError:
                    return None

            return not_equal
        test = ops.COMPARATORS[op]

        def comparison(scope: Scope) -> object:
            try:
                a = left(scope)
            except FeelEvaluationError as error:
                a = ops.ErrVal(error.cause)
            try:
                b = right(scope)
            except FeelEvaluationError as error:
                b = ops.ErrVal(error.cause)
            if type(a) is Decimal and type(b) is Decimal:
                return test((a > b) - (a < b))
            return ops.compare(op, a, b)

        return comparison

    def _Between(self, node: ast.Between) -> Evaluator:
        # feel-scala parses `x between a and b` as `x >= a and x <= b`.
        value = node.value
        return self.compile(ast.Logic("and", ast.Compare(">=", value, node.low), ast.Compare("<=", value, node.high)))

    def _In(self, node: ast.In) -> Evaluator:
        from .unary_tests import compile_tests

        return compile_tests(self, self.compile(node.value), node.tests)

    def _Interval(self, node: ast.Interval) -> Evaluator:
        # An interval outside `in` tests the input value `?` (feel-scala's cellInput).
        return self._In(ast.In(ast.Name("cellInput"), (ast.UnaryTest("interval", node),)))

    def _InstanceOf(self, node: ast.InstanceOf) -> Evaluator:
        value, name = self.compile(node.value), node.type_name
        return lambda scope: ops.type_name(value(scope)) == name

    # --- logic and control ---------------------------------------------------------------------

    def _Logic(self, node: ast.Logic) -> Evaluator:
        left, right = self.compile(node.left), self.compile(node.right)
        decisive = node.op == "or"  # `true or _` is true, `false and _` is false

        def logic(scope: Scope) -> object:
            a = _boolean_or_none(left, scope)
            if a is decisive:
                return decisive
            b = _boolean_or_none(right, scope)
            if b is decisive:
                return decisive
            return None if a is None or b is None else not decisive

        return logic

    def _If(self, node: ast.If) -> Evaluator:
        condition, then, otherwise = (
            self.compile(node.condition),
            self.compile(node.then),
            self.compile(node.otherwise),
        )

        def conditional(scope: Scope) -> object:
            try:
                met = condition(scope)
            except FeelEvaluationError:
                met = None  # a failing condition takes the else branch, as in 1.12
            return then(scope) if met is True else otherwise(scope)

        return conditional

    def _ListLit(self, node: ast.ListLit) -> Evaluator:
        items = tuple(self.compile(item) for item in node.items)
        return lambda scope: [item(scope) for item in items]

    def _ContextLit(self, node: ast.ContextLit) -> Evaluator:
        entries = tuple((key, self.compile_local(value)) for key, value in node.entries)

        def context(scope: Scope) -> object:
            result: dict[str, object] = {}
            frame = Frame(scope, result)
            for key, value in entries:
                result[key] = value(frame)
            return result

        return context

    def _Iteration(self, node: ast.Iteration) -> Evaluator:
        sources = tuple((name, self._source(source)) for name, source in node.iterators)
        names = tuple(name for name, _ in sources)
        body, cost = self.compile_local(node.body), size(node.body)
        partial = node.kind == "for" and _mentions(node.body, "partial")

        def lists(scope: Scope) -> Iterator[tuple[object, ...]]:
            evaluated = []
            for _, source in sources:
                items = source(scope)
                if type(items) is not list:
                    raise FeelEvaluationError(f"expect List but found '{ops.describe(items)}'")
                evaluated.append(items)
            return itertools.product(*evaluated)

        def bind(combination: tuple[object, ...]) -> dict[str, object]:
            # for duplicate names the first iterator wins, as in feel-scala
            return dict(zip(reversed(names), reversed(combination), strict=False))

        if node.kind == "for":

            def for_loop(scope: Scope) -> object:
                results: list[object] = []
                for combination in lists(scope):
                    spend(scope, cost)
                    bound = bind(combination)
                    if partial:
                        spend(scope, len(results))
                        bound["partial"] = list(results)
                    # a failing iteration leaves an error value in the list, as in 1.12
                    results.append(_guarded(body, Frame(scope, bound)))
                return results

            return for_loop

        decisive = node.kind == "some"

        def quantifier(scope: Scope) -> object:
            undecided = False
            for combination in lists(scope):
                spend(scope, cost)
                result = _boolean_or_none(body, Frame(scope, bind(combination)))
                if result is decisive:
                    return decisive
                undecided = undecided or result is None
            return None if undecided else not decisive

        return quantifier

    def _source(self, node: ast.Node) -> Evaluator:
        if not isinstance(node, ast.Range):
            return self.compile(node)
        start, end = self.compile(node.start), self.compile(node.end)

        def number_range(scope: Scope) -> object:
            first, last = start(scope), end(scope)
            for bound in (first, last):
                if type(bound) is not Decimal:
                    raise FeelEvaluationError(f"expected Number but found '{ops.describe(bound)}'")
            assert isinstance(first, Decimal)
            assert isinstance(last, Decimal)
            step = 1 if first < last else -1
            count = int(abs(last - first)) + 1
            if count > MAX_RANGE:
                raise FeelEvaluationError(f"range {first}..{last} has more than {MAX_RANGE} elements")
            spend(scope, count)  # a range rebuilt by every outer iteration must not escape the budget
            return [ops.CTX.add(first, i * step) for i in range(count)]

        return number_range


def _equal(a: object, b: object) -> bool:
    if type(a) is Decimal and type(b) is Decimal:
        return a == b
    return ops.equals(a, b)


def _boolean_or_none(evaluator: Evaluator, scope: Scope) -> bool | None:
    """A boolean result, or None for anything else including failures (three-valued logic)."""
    try:
        result = evaluator(scope)
    except FeelEvaluationError:
        return None
    return result if type(result) is bool else None
