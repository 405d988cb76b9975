"""The operands of feel-scala 1.12.4's grammar: primaries, literals, names, unary tests and
boxed expressions (lists, contexts, function definitions), rule for rule as ``FeelParser.scala``
writes them (its grammar numbers are given).

:class:`Operands` holds these rules; :class:`.parser._FeelParser` adds the operators and the
keyword-led expressions on top, and supplies the two rules the operands recurse into.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial
from typing import Any, Final

from . import ast
from .combinators import CUT, PLAIN, NoSuccess, Parsers, Result, Rule, java_word_char

_STRING: Final = re.compile(r'"(?:[^"\x00-\x1f\x7f]|\\u[a-fA-F0-9]{4})*"')
_STRING_SHOWN: Final = r'"([^"\x00-\x1F\x7F]|\\u[a-fA-F0-9]{4})*"'
_NUMBER: Final = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|[0-9]*\.[0-9]+)")
_NUMBER_SHOWN: Final = r"(-?(\d+(\.\d+)?|\d*\.\d+))"
_ESCAPED_NAME: Final = re.compile(r"""(?:[^`"\x00-\x1f\x7f\\]|\\[\\'"bfnrt]|\\u[a-fA-F0-9]{4})*""")
_ESCAPED_NAME_SHOWN: Final = r"""([^`"\x00-\x1F\x7F\\]|\\[\\'"bfnrt]|\\u[a-fA-F0-9]{4})*"""

_RESERVED: Final = ("null", "true", "false", "function", "if", "then", "else", "for", "between", "instance", "of")
#: Java's line terminators, where ``.`` stops matching.
_JAVA_LINE_END: Final = re.compile(r"[\n\r\x85\u2028\u2029]")
_PARAMETER_NAMES: Final = ("start position", "grouping separator", "decimal separator")
_TEMPORAL_FUNCTIONS: Final = ("date", "time", "date and time", "duration")


def path(names: Sequence[str]) -> ast.Node:
    """1.12's ``Ref(a :: b :: c)``: a variable and the path below it."""
    node: ast.Node = ast.Name(names[0])
    for key in names[1:]:
        node = ast.Path(node, key)
    return node


def mapped(result: Result, build: Callable[[Any], object]) -> Result:
    """``p ^^ build``."""
    return result if type(result) is NoSuccess else (build(result[0]), result[1])


class Operands(Parsers):
    """The operand rules over one text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        # The alternatives of each choice in 1.12's order; a nested choice stays nested, since an
        # error ends only the choice it occurs in. Guards skip alternatives that cannot start.
        guarded = self.guarded
        self._parameter_names: tuple[Rule, ...] = (lambda p: self.words(p, _PARAMETER_NAMES), self.name)
        self._lists: tuple[Rule, ...] = (
            lambda p: mapped(self.sequence(p, ("[", "]")), lambda _: ast.ListLit(())),
            self.items_list,
        )
        self._boxed: tuple[Rule, ...] = (lambda p: self.first(p, self._lists), self.function_definition, self.context)
        self._primaries = (
            self.reference,
            guarded('ntfd"-.0123456789', self.literal, _NUMBER_SHOWN, regex=True),
            guarded("?", self.input_value, "?"),
            self.unary_test_on_input,
            guarded("(", lambda p: mapped(self.sequence(p, ("(", self.expression, ")")), lambda v: v[1]), "("),
            guarded("[f{", lambda p: self.first(p, self._boxed), "{"),
        )
        self._literals = (lambda p: mapped(self.lit("null", p), lambda _: ast.Const(None)), self.simple_literal)
        self._simple_literals = (
            lambda p: mapped(self.words(p, ("true", "false")), lambda word: ast.Const(word == "true")),
            self.temporal_literal,
            lambda p: mapped(self.string(p), ast.Const),
            lambda p: mapped(self.regex(_NUMBER, _NUMBER_SHOWN, p), lambda text: ast.Const(Decimal(text))),
        )
        self._temporals: tuple[Rule, ...] = (
            *(partial(self.temporal, function=name) for name in _TEMPORAL_FUNCTIONS),
            self.no_temporal,
        )
        self._names = (self.escaped_name, lambda p: self.lit("time offset", p), self.identifier)
        self._positive_unary_tests = (
            lambda p: mapped(self.lit("null", p), lambda _: ast.UnaryTest("=", ast.Const(None))),
            self.simple_positive_unary_test,
            lambda p: mapped(self.expression(p), lambda node: ast.UnaryTest("expr", node)),
        )
        self._simple_positive_unary_tests: tuple[Rule, ...] = (
            *(partial(self.compare_input, operator=operator) for operator in ("<", "<=", ">", ">=")),
            self.interval,
            lambda p: mapped(self.simple_value(p), lambda node: ast.UnaryTest("=", node)),
        )
        self._endpoints = (self.simple_value, self.expression)
        self._simple_values = (self.simple_literal, self.value_name, self.input_value)
        self._function_bodies = (self.external_function, self.expression)
        self._keys = (self.name, self.string)

    def restart(self, text: str) -> None:
        super().restart(text)
        self.external = False  # whether an external function was parsed
        self._parentheses: tuple[list[int], list[int], list[int]] | None = None

    def expression(self, position: int) -> Result:
        """textualExpression: the grammar's entry, defined with the operators (:mod:`.parser`)."""
        raise NotImplementedError

    def path_expression(self, position: int) -> Result:
        """pathExpression (45), defined with the operators (:mod:`.parser`)."""
        raise NotImplementedError

    # --- primaries (2i) and literals (33-37, 62) -----------------------------------------------

    def primary(self, position: int) -> Result:
        """2i (expression9): name | literal | "?" | simplePositiveUnaryTest | "(" e ")" | boxed."""
        return self.memoised(self._primary, position)

    def _primary(self, position: int) -> Result:
        return self.first(position, self._primaries)

    def reference(self, position: int) -> Result:
        """``not(dateTimeLiteral) ~> name ^^ Ref``."""
        if type(self.temporal_literal(position)) is not NoSuccess:
            return NoSuccess("Expected failure", position)
        return mapped(self.name(position), ast.Name)

    def input_value(self, position: int) -> Result:
        """``"?" ^^^ ConstInputValue``: the tested value, which Zeebe never sets."""
        return mapped(self.lit("?", position), lambda _: ast.Name("cellInput"))

    def unary_test_on_input(self, position: int) -> Result:
        """A simple positive unary test standing alone tests the input value ``?``."""
        result = self.simple_positive_unary_test(position)
        if type(result) is NoSuccess:
            return result
        test: ast.UnaryTest = result[0]
        node = test.operand if test.op == "interval" else ast.In(ast.Name("cellInput"), (test,))
        return (node, result[1])

    def literal(self, position: int) -> Result:
        """33: ``"null" | simpleLiteral``."""
        return self.first(position, self._literals)

    def simple_literal(self, position: int) -> Result:
        """34: ``booleanLiteral | dateTimeLiteral | stringLiteraL | numericLiteral`` (37)."""
        return self.first(position, self._simple_literals)

    def string(self, position: int) -> Result:
        """``stringLiteralWithQuotes``: no escape processing, the quotes removed."""
        return mapped(self.regex(_STRING, _STRING_SHOWN, position), lambda text: text.replace('"', ""))

    def temporal_literal(self, position: int) -> Result:
        """62: ``date("…")``, ``time("…")``, ``date and time("…")``, ``duration("…")``, folded at
        parse time in 1.12; here a call of that built-in. Tried up to four times per operand."""
        return self.memoised(self._temporal_literal, position)

    def _temporal_literal(self, position: int) -> Result:
        start = self.skip(position)
        if start < self.end and self.text[start] in "dt":
            return self.first(position, self._temporals)
        # Each literal fails after the whitespace, failure(...) where the whitespace starts.
        return NoSuccess("expected date time literal", position) if start == position else self.lit("duration", start)

    def temporal(self, position: int, function: str) -> Result:
        result = self.sequence(position, (function, "(", self.string, ")"))
        return mapped(result, lambda v: ast.Call(None, function, (ast.Const(v[2]),), None))

    @staticmethod
    def no_temporal(position: int) -> Result:
        """``failure("expected date time literal")``."""
        return NoSuccess("expected date time literal", position)

    # --- names (20, 27) ------------------------------------------------------------------------

    def qualified_name(self, position: int) -> Result:
        """20: ``rep1sep(name, ".")``."""
        return self.rep1sep(self.name, position, ".")

    def name(self, position: int) -> Result:
        """27: ``escapedIdentifier | "time offset" | identifier`` (tried several times per operand)."""
        return self.memoised(self._name, position)

    def _name(self, position: int) -> Result:
        return self.first(position, self._names)

    def escaped_name(self, position: int) -> Result:
        """``"`" ~> regex <~ "`"``: the regex skips whitespace too; escapes stay as written."""
        escaped = partial(self.regex, _ESCAPED_NAME, _ESCAPED_NAME_SHOWN)
        return mapped(self.sequence(position, ("`", escaped, "`")), lambda v: v[1])

    def identifier(self, position: int) -> Result:
        """``not(reservedWord) ~> ident``: a Java identifier that is not a reserved word.

        ``reservedWord`` is ``null\\b | true\\b | ...``; Java's ``\\b`` sees fewer word characters
        than an identifier may hold, so ``null$x`` starts with a reserved word.
        """
        result = self.ident(position)
        if type(result) is NoSuccess or not result[0].startswith(_RESERVED):
            return result
        start = result[1] - len(result[0])
        for word in _RESERVED:
            after = start + len(word)
            if self.text.startswith(word, start) and (after == self.end or not java_word_char(self.text[after])):
                return NoSuccess("Expected failure", position)
        return result

    # --- unary tests (7, 8, 15, 18, 19) --------------------------------------------------------

    def positive_unary_test(self, position: int) -> Result:
        """15: ``"null" | simplePositiveUnaryTest | expression``."""
        return self.first(position, self._positive_unary_tests)

    def simple_positive_unary_test(self, position: int) -> Result:
        """7: ``< e``, ``<= e``, ``> e``, ``>= e``, an interval, or a simple value (equality)."""
        return self.first(position, self._simple_positive_unary_tests)

    def compare_input(self, position: int, operator: str) -> Result:
        """``"<" ~> endpoint`` and the like."""
        return mapped(self.sequence(position, (operator, self.endpoint)), lambda v: ast.UnaryTest(operator, v[1]))

    def interval(self, position: int) -> Result:
        """8: ``("(" | "]" | "[") ~ endpoint ~ ".." ~! endpoint ~! (")" | "[" | "]")``."""
        result = self.sequence(position, (("(", "]", "["), self.endpoint, "..", CUT, self.endpoint, (")", "[", "]")))
        return mapped(result, lambda v: ast.UnaryTest("interval", ast.Interval(v[0] != "[", v[1], v[3], v[4] != "]")))

    def endpoint(self, position: int) -> Result:
        """18: ``simpleValue | expression``."""
        return self.first(position, self._endpoints)

    def simple_value(self, position: int) -> Result:
        r"""19: ``simpleLiteral | not(".+\(.*\)") ~> qualifiedName ^^ Ref | "?"``."""
        return self.first(position, self._simple_values)

    def value_name(self, position: int) -> Result:
        r"""``not(".+\(.*\)") ~> qualifiedName``: refused where a call follows on the same line."""
        if self._call_ahead(self.skip(position)):
            return NoSuccess("Expected failure", position)
        return mapped(self.qualified_name(position), path)

    def _call_ahead(self, start: int) -> bool:
        r"""Whether the Java pattern ``.+\(.*\)`` matches at ``start``: a ``(`` after the first
        character, then a ``)``, before Java's next line terminator (where ``.`` stops)."""
        if self._parentheses is None:
            text = self.text
            self._parentheses = (
                [match.start() for match in _JAVA_LINE_END.finditer(text)],
                [index for index, char in enumerate(text) if char == "("],
                [index for index, char in enumerate(text) if char == ")"],
            )
        line_ends, openings, closings = self._parentheses
        later = bisect_right(line_ends, start - 1)
        line_end = line_ends[later] if later < len(line_ends) else self.end
        opening = bisect_right(openings, start)
        if opening == len(openings) or openings[opening] >= line_end:
            return False
        closing = bisect_right(closings, line_end - 1) - 1
        return closing >= 0 and closings[closing] > openings[opening]

    # --- boxed expressions (56-61) -------------------------------------------------------------

    def items_list(self, position: int) -> Result:
        """56: ``"[" ~> rep1sep(expression7, ",") <~ "]"``: items are paths, not any expression."""
        items = partial(self.rep1sep, self.path_expression)
        return mapped(self.sequence(position, ("[", items, "]")), lambda v: ast.ListLit(tuple(v[1])))

    def function_definition(self, position: int) -> Result:
        """57: ``"function" ~ "(" ~> repsep(formalParameter, ",") ~! ")" ~! (external | expression)``."""
        parameters = partial(self.repsep, partial(self.first, alternatives=self._parameter_names))
        body = partial(self.first, alternatives=self._function_bodies)
        result = self.sequence(position, ("function", "(", parameters, CUT, ")", body))
        return mapped(result, lambda v: ast.FunctionDef(tuple(v[2]), v[4]))

    def external_function(self, position: int) -> Result:
        """``external {java: {class: "…", method signature: "m(a.B)"}}``, parsed only to be refused."""
        arguments = partial(self.repsep, self.qualified_name)
        result = self.sequence(
            position,
            (
                *("external", "{", "java", ":", "{", "class", CUT, ":", PLAIN, self.string, ",", "method signature"),
                *(CUT, ":", '"', PLAIN, self.name, CUT, "(", arguments, PLAIN, ")", CUT, '"', PLAIN, "}", "}"),
            ),
        )
        if type(result) is not NoSuccess:
            self.external = True
        return mapped(result, lambda _: ast.ExternalFunction())

    def context(self, position: int) -> Result:
        """59: ``"{" ~> repsep(contextEntry, ",") <~ "}"``."""
        entries = partial(self.repsep, self.context_entry)
        return mapped(self.sequence(position, ("{", entries, "}")), lambda v: ast.ContextLit(tuple(v[1])))

    def context_entry(self, position: int) -> Result:
        """60, 61: ``key ~ ":" ~! expression``, the key a name or a string."""
        key = partial(self.first, alternatives=self._keys)
        return mapped(self.sequence(position, (key, ":", CUT, self.expression)), lambda v: (v[0], v[2]))
