"""Text -> :mod:`.ast`: feel-scala 1.12.4's ``FeelParser``, rule for rule.

Zeebe 0.26 parses every expression at deployment and rejects the resource with the parser's
verdict, so which inputs parse and what a failure says must be 1.12's. Each method below (and in
:mod:`.operands`) is the rule of the same name in ``FeelParser.scala`` (its grammar number is
given), written with the combinators of :mod:`.combinators`, whose behaviour is
scala-parser-combinators 1.1.2's. It builds our tree instead of 1.12's. Consequences worth
knowing: ``x+`` fails with ``end of input expected`` at ``+``; ``if x then 1`` is an ``error``
(the parser committed after ``then``); ``order.items[1].price`` and ``[1 + 1]`` do not parse;
``then``, ``else``, ``between``, ``instance`` and ``of`` are no names.

Results depend only on the position, so the rules tried repeatedly at one position are memoised:
inputs 1.12 backtracks over exponentially (nested parentheses are parsed as an interval, then
again as a parenthesis) stay linear here. Nesting is capped at MAX_NESTING.
"""

from __future__ import annotations

import sys
import threading
from functools import partial
from typing import Final

from . import ast
from .combinators import CUT, PLAIN, NoSuccess, Result
from .errors import FeelSyntaxError, FeelValidationError
from .operands import Operands, mapped, path

#: Longer input is refused before parsing, so that no expression takes long to parse.
MAX_EXPRESSION_LENGTH: Final = 100_000
#: Deepest nesting of expressions (parentheses, brackets, if/for/...) the parser follows.
MAX_NESTING: Final = 120
#: Python frames one nesting level may take (about 33 measured); the recursion limit is raised so.
_FRAMES_PER_LEVEL: Final = 40

_EXTERNAL_FUNCTIONS_DISABLED: Final = (
    "External functions are disabled. Use the FunctionProvider SPI (recommended) or enable external "
    "function in the configuration."
)

_BUILTIN_NAMES: Final = (
    "date and time",
    "years and months duration",
    "string length",
    "upper case",
    "lower case",
    "substring before",
    "substring after",
    "starts with",
    "ends with",
    "list contains",
    "insert before",
    "index of",
    "distinct values",
    "get entries",
    "get value",
    "is defined",
    "day of year",
    "day of week",
    "month of year",
    "week of year",
)
_COMPARISONS: Final = ("<=", ">=", "<", ">", "!=", "=")


class _TooDeep(Exception):
    """Raised when the input nests deeper than MAX_NESTING."""


def parse(text: str) -> ast.Node:
    """Parse ``text`` (without the leading ``=``) into a syntax tree, or raise FeelSyntaxError.

    As 1.12's ``FeelEngine.parseExpression`` does, a tree holding an external Java function is
    then refused with its validator's text (:class:`FeelValidationError`).
    """
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise FeelSyntaxError(text, f"[1.1] failure: expression longer than {MAX_EXPRESSION_LENGTH} characters")
    parser = _idle_parser(text)
    try:
        with _HEADROOM:
            result = parser.phrase()
        if type(result) is NoSuccess:
            raise FeelSyntaxError(text, parser.report(result))
        external = parser.external
    except (_TooDeep, RecursionError):
        raise FeelSyntaxError(text, f"[1.1] failure: expression nested deeper than {MAX_NESTING} levels") from None
    finally:
        parser.restart("")  # drop the text and memo tables before the parser waits for the next text
        _IDLE.append(parser)
    if external and any(isinstance(node, ast.ExternalFunction) for node in ast.walk(result[0])):
        raise FeelValidationError(text, _EXTERNAL_FUNCTIONS_DISABLED)
    tree: ast.Node = result[0]
    return tree


_IDLE: list[_FeelParser] = []
"""Parsers not parsing now. Building a parser's rule tables (some fifty bound rules) costs about a
quarter of a short parse, so each parser is reused; one that is busy, in this thread or another, is
not here (list append and pop are atomic), so a parse never shares a parser."""


def _idle_parser(text: str) -> _FeelParser:
    try:
        parser = _IDLE.pop()
    except IndexError:
        return _FeelParser(text)
    parser.restart(text)
    return parser


class _RecursionHeadroom:
    """Raises Python's recursion limit while any thread parses, and restores it after the last.

    The parser recurses some 33 frames per nesting level, more than the default limit allows at
    MAX_NESTING. Since Python 3.11 pure-Python recursion does not grow the C stack, so a higher
    limit is safe; parses in several threads share one raise.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._saved = 0

    def __enter__(self) -> None:
        with self._lock:
            if self._active == 0:
                self._saved = sys.getrecursionlimit()
                sys.setrecursionlimit(self._saved + MAX_NESTING * _FRAMES_PER_LEVEL)
            self._active += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._active -= 1
            if self._active == 0:
                sys.setrecursionlimit(self._saved)


_HEADROOM: Final = _RecursionHeadroom()


def _logic(operator: str, left: ast.Node, right: ast.Node) -> ast.Node:
    return ast.Logic(operator, left, right)


class _FeelParser(Operands):
    """One parse of one text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        guarded = self.guarded
        self._textual = (
            guarded("f", self.function_definition, "function"),
            guarded("f", self.for_expression, "for"),
            guarded("i", self.if_expression, "if"),
            guarded("se", self.quantified, "every"),
            self.disjunction,
        )
        self._comparisons = (self.simple_comparison, self.between, self.in_tests, self.in_test, self.no_comparison)
        # A built-in name, or a `t`, where not(dateTimeLiteral) may fail first.
        builtin_leads = "".join({name[0] for name in _BUILTIN_NAMES}) + "t"
        self._invocations = (
            self.function_invocation,
            guarded(builtin_leads, self.builtin_invocation, _BUILTIN_NAMES[-1]),
            self.filtered,
        )
        self._parameter_lists = (
            lambda p: mapped(self.sequence(p, ("(", ")")), lambda _: ((), None)),
            self.some_parameters,
        )
        self._argument_kinds = (
            lambda p: self.rep1sep(self.named_parameter, p),
            lambda p: self.rep1sep(self.expression, p),
        )
        self._iterator_sources = (self.range, self.expression)

    def restart(self, text: str) -> None:
        super().restart(text)
        self.depth = 0

    def phrase(self) -> Result:
        """``parseAll(expression, text)``: the expression, then only whitespace."""
        result = self.expression(0)
        if type(result) is NoSuccess:
            return result
        end = self.skip(result[1])
        return result if end == self.end else NoSuccess("end of input expected", end)

    # --- expressions (2) -----------------------------------------------------------------------

    def expression(self, position: int) -> Result:
        """2a textualExpression: function | for | if | quantified | disjunction."""
        return self.memoised(self._textual_expression, position)

    def _textual_expression(self, position: int) -> Result:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _TooDeep
        try:
            return self.first(position, self._textual)
        finally:
            self.depth -= 1

    def disjunction(self, position: int) -> Result:
        """49: ``chainl1(expression3, "or")``."""
        return self.chainl1(self.conjunction, ("or",), _logic, position)

    def conjunction(self, position: int) -> Result:
        """50: ``chainl1(expression4, "and")``."""
        return self.chainl1(self.comparison, ("and",), _logic, position)

    def comparison(self, position: int) -> Result:
        """2d: ``expression5 >> optionalComparison`` (51)."""
        left = self.arithmetic(position)
        if type(left) is NoSuccess:
            return left
        start = self.skip(left[1])
        if start == self.end or self.text[start] not in "<>!=bi":
            return left  # each comparison fails at its first literal: success(x)
        return self.first(left[1], self._comparisons, left[0])

    def simple_comparison(self, position: int, value: ast.Node) -> Result:
        """``("<=" | ">=" | "<" | ">" | "!=" | "=") ~! expression5``."""
        result = self.sequence(position, (_COMPARISONS, CUT, self.arithmetic))
        return mapped(result, lambda v: ast.Compare(v[0], value, v[1]))

    def between(self, position: int, value: ast.Node) -> Result:
        """``"between" ~! expression5 ~! "and" ~! expression5``."""
        result = self.sequence(position, ("between", CUT, self.arithmetic, "and", self.arithmetic))
        return mapped(result, lambda v: ast.Between(value, v[1], v[3]))

    def in_tests(self, position: int, value: ast.Node) -> Result:
        """``"in" ~ "(" ~! positiveUnaryTests <~ ")"``."""
        tests = partial(self.rep1sep, self.positive_unary_test)
        result = self.sequence(position, ("in", "(", CUT, tests, PLAIN, ")"))
        return mapped(result, lambda v: ast.In(value, tuple(v[2])))

    def in_test(self, position: int, value: ast.Node) -> Result:
        """``"in" ~! positiveUnaryTest``."""
        result = self.sequence(position, ("in", CUT, self.positive_unary_test))
        return mapped(result, lambda v: ast.In(value, (v[1],)))

    @staticmethod
    def no_comparison(position: int, value: ast.Node) -> Result:
        """``success(x)``."""
        return (value, position)

    # --- arithmetic (4) ------------------------------------------------------------------------

    def arithmetic(self, position: int) -> Result:
        """4a (expression5): ``chainl1(arithmeticExpression2, "+" | "-")``."""
        return self.chainl1(self.arithmetic2, ("+", "-"), ast.Arith, position)

    def arithmetic2(self, position: int) -> Result:
        return self.chainl1(self.arithmetic3, ("*", "/"), ast.Arith, position)

    def arithmetic3(self, position: int) -> Result:
        return self.chainl1(self.arithmetic4, ("**",), ast.Arith, position)

    def arithmetic4(self, position: int) -> Result:
        """4d: ``opt("-") ~ expression6`` (one minus only)."""
        minus = self.lit("-", position)
        if type(minus) is NoSuccess:
            return self.instance_of(position)
        return mapped(self.instance_of(minus[1]), ast.Negate)

    def instance_of(self, position: int) -> Result:
        """2f (expression6): ``expression7`` then ``opt("instance" ~ "of" ~! typeName)``."""
        result = self.path_expression(position)
        if type(result) is NoSuccess:
            return result
        value, position = result
        type_name = self.sequence(position, ("instance", "of", CUT, self.qualified_name))
        if type(type_name) is NoSuccess:
            return type_name if type_name.error else result
        return (ast.InstanceOf(value, ".".join(type_name[0][2])), type_name[1])

    # --- paths, filters, calls (40-45, 52) -----------------------------------------------------

    def path_expression(self, position: int) -> Result:
        """45 (expression7): ``chainl1(expression8, name, ".") ~ opt("[" ~> expression <~ "]")``."""
        return self.memoised(self._path_expression, position)

    def _path_expression(self, position: int) -> Result:
        result = self.first(position, self._invocations)
        if type(result) is NoSuccess:
            return result
        node, position = result
        while type(key := self.sequence(position, (".", self.name))) is not NoSuccess:
            node, position = ast.Path(node, key[0][1]), key[1]
        condition = self.sequence(position, ("[", self.expression, "]"))
        if type(condition) is NoSuccess:
            return condition if condition.error else (node, position)
        return (ast.Filter(node, condition[0][1]), condition[1])

    def filtered(self, position: int) -> Result:
        """52: ``expression9 ~ opt("[" ~! expression <~ "]")``."""
        result = self.primary(position)
        if type(result) is NoSuccess:
            return result
        condition = self.sequence(result[1], ("[", CUT, self.expression, PLAIN, "]"))
        if type(condition) is NoSuccess:
            return condition if condition.error else result
        return (ast.Filter(result[0], condition[0][1]), condition[1])

    def function_invocation(self, position: int) -> Result:
        """40: ``not(dateTimeLiteral) ~> qualifiedName ~ parameters``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        result = self.sequence(position, (self.qualified_name, self.parameters))
        if type(result) is NoSuccess:
            return result
        (*qualifier, name), arguments = result[0]
        return (ast.Call(path(qualifier) if qualifier else None, name, *arguments), result[1])

    def builtin_invocation(self, position: int) -> Result:
        """``not(dateTimeLiteral) ~> builtinFunctionName ~ parameters``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        result = self.sequence(position, (_BUILTIN_NAMES, self.parameters))
        return mapped(result, lambda v: ast.Call(None, v[0], *v[1]))

    def parameters(self, position: int) -> Result:
        """41: ``"(" ~> ")" | "(" ~> (namedParameters | positionalParameters) <~ ")"``."""
        return self.first(position, self._parameter_lists)

    def some_parameters(self, position: int) -> Result:
        result = self.sequence(position, ("(", lambda p: self.first(p, self._argument_kinds), ")"))
        if type(result) is NoSuccess:
            return result
        values = result[0][1]
        if type(values[0]) is tuple:  # named: a map, so a repeated name keeps its last value
            return (((), tuple(dict(values).items())), result[1])
        return ((tuple(values), None), result[1])

    def named_parameter(self, position: int) -> Result:
        """42: ``parameterName ~ ":" ~! expression``, the name 43: a built-in one or a name."""
        name = partial(self.first, alternatives=self._parameter_names)
        result = self.sequence(position, (name, ":", CUT, self.expression))
        return mapped(result, lambda v: (v[0], v[2]))

    # --- for, if, some/every (46-48) -----------------------------------------------------------

    def for_expression(self, position: int) -> Result:
        """46: ``"for" ~> rep1sep(listIterator, ",") ~! "return" ~! expression``."""
        iterators = partial(self.rep1sep, self.iterator)
        result = self.sequence(position, ("for", iterators, CUT, "return", self.expression))
        return mapped(result, lambda v: ast.Iteration("for", tuple(v[1]), v[3]))

    def iterator(self, position: int) -> Result:
        """``name ~ "in" ~! (range | expression)``, the range ``expression ~ ".." ~ expression``."""
        source = partial(self.first, alternatives=self._iterator_sources)
        return mapped(self.sequence(position, (self.name, "in", CUT, source)), lambda v: (v[0], v[2]))

    def range(self, position: int) -> Result:
        result = self.sequence(position, (self.expression, "..", self.expression))
        return mapped(result, lambda v: ast.Range(v[0], v[2]))

    def if_expression(self, position: int) -> Result:
        """47: ``"if" ~> expression ~ "then" ~! expression ~ "else" ~! expression``; after ``~!``
        the sequence is a ``OnceParser``, so a missing ``else`` is an error too."""
        result = self.sequence(position, ("if", self.expression, "then", CUT, self.expression, "else", self.expression))
        return mapped(result, lambda v: ast.If(v[1], v[3], v[5]))

    def quantified(self, position: int) -> Result:
        """48: ``("some" | "every") ~ rep1sep(listIterator, ",") ~ "satisfies" ~! expression``."""
        iterators = partial(self.rep1sep, self.iterator)
        result = self.sequence(position, (("some", "every"), iterators, "satisfies", CUT, self.expression))
        return mapped(result, lambda v: ast.Iteration(v[0], tuple(v[1]), v[3]))
