"""What feel-scala 1.12's parser is made of: scala-parser-combinators 1.1.2, as it behaves.

feel-scala's ``FeelParser`` extends ``JavaTokenParsers`` (``RegexParsers``, ``Parsers``). Which
inputs it accepts and what its failure says follow from that library's rules, reproduced here:

* every literal and regular expression first skips whitespace and comments (FeelParser's
  ``whiteSpace``), then matches a *prefix* of the rest: ``"or"`` matches the start of ``order``;
* ``p | q`` tries ``q`` only if ``p`` failed, and keeps the failure that got further, the later
  one on a tie (``Failure.append``); an *error* ends the choice (``Error.append``);
* after ``~!`` the rest of a sequence is committed: a failure there becomes an error (``commit``,
  and ``OnceParser``, whose ``~`` commits too);
* ``rep``, ``opt`` and ``not`` drop the failure that stops them;
* ``phrase``: when the parse stops before the end it reports ``end of input expected`` there.

Names are Java identifiers (``Character.isJavaIdentifierStart/Part``), Java patterns are
ASCII-minded (``\\d``, ``\\s``; ``.`` stops at Java's line terminators) and positions count UTF-16
units, as a ``CharSequence`` does. The failure texts and the ``[line.col]`` report with its
caret line are the library's (``RegexParsers.literal/regex``, ``OffsetPosition.longString``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Final, TypeAlias, final

#: FeelParser's ``whiteSpace``: ASCII whitespace, ``// line`` and ``/* block */`` comments.
WHITESPACE: Final = re.compile(r"(?:[ \t\n\x0b\f\r]|//[^\n\r\x85\u2028\u2029]*|/\*(?:\*(?!/)|[^*])*\*/)+")
_WHITESPACE_START: Final = frozenset(" \t\n\x0b\f\r/")

_START_CATEGORIES: Final = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Sc", "Pc"})
_PART_CATEGORIES: Final = _START_CATEGORIES | {"Nd", "Mn", "Mc", "Cf"}
_WORD_CATEGORIES: Final = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Mn"})

#: In a sequence, the steps after CUT are committed (``~!``), the steps after PLAIN are not.
CUT: Final = object()
PLAIN: Final = object()

Result: TypeAlias = Any
"""A success ``(value, end position)``, or a NoSuccess."""
Rule: TypeAlias = Callable[[int], Result]


@final
class NoSuccess:
    """A ``Failure``, or an ``Error`` (a failure after a commit point, which ends all choices).

    Most failures are dropped by a later alternative, so the text is built only when reported:
    ``expected`` names the literal (with ``shown_as_regex``, the pattern) that did not match at
    ``at``; without it, ``message`` is the whole text.
    """

    __slots__ = ("at", "error", "expected", "message", "shown_as_regex")

    def __init__(
        self, message: str, at: int, error: bool = False, expected: str = "", shown_as_regex: bool = False
    ) -> None:
        self.message = message
        self.at = at
        self.error = error
        self.expected = expected
        self.shown_as_regex = shown_as_regex


def commit(result: Result) -> Result:
    """``commit(p)``: a failure becomes an error."""
    if type(result) is NoSuccess and not result.error:
        return NoSuccess(result.message, result.at, True, result.expected, result.shown_as_regex)
    return result


@lru_cache(maxsize=1024)
def _identifier_start(char: str) -> bool:
    """``Character.isJavaIdentifierStart`` of one UTF-16 unit (a supplementary character is not one)."""
    return len(char.encode("utf-16-le")) == 2 and unicodedata.category(char) in _START_CATEGORIES


@lru_cache(maxsize=1024)
def _identifier_part(char: str) -> bool:
    """``Character.isJavaIdentifierPart``, including the 'ignorable' control characters."""
    if len(char.encode("utf-16-le")) != 2:
        return False
    code = ord(char)
    if code <= 0x08 or 0x0E <= code <= 0x1B or 0x7F <= code <= 0x9F:
        return True
    return unicodedata.category(char) in _PART_CATEGORIES


def java_word_char(char: str) -> bool:
    """What Java's ``\\b`` counts as a word character: a letter, a digit, ``_`` or a combining mark."""
    return char == "_" or unicodedata.category(char) in _WORD_CATEGORIES


def _units(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Scala's columns."""
    return len(text.encode("utf-16-le")) // 2


class Parsers:
    """The input of one parse and the combinators over it; a grammar subclasses it.

    Every rule takes a position and returns a Result. Choices and sequences are spelled as in
    Scala, for instance ``self.sequence(p, ("if", e, "then", CUT, e, "else", e))`` for
    ``"if" ~> e ~ "then" ~! e ~ "else" ~! e``: a string is a literal, a tuple of strings a choice
    of literals, anything else a rule.
    """

    def __init__(self, text: str) -> None:
        self.restart(text)

    def restart(self, text: str) -> None:
        """Make this parser parse ``text``, forgetting the last text (the rule tables stay)."""
        self.text = text
        self.end = len(text)
        self._skipped: dict[int, int] = {}
        self._memo: dict[Callable[[int], Result], dict[int, Result]] = {}

    # --- tokens --------------------------------------------------------------------------------

    def skip(self, position: int) -> int:
        """The position after the whitespace and comments at ``position`` (``handleWhiteSpace``)."""
        if position >= self.end or self.text[position] not in _WHITESPACE_START:
            return position
        skipped = self._skipped.get(position)
        if skipped is None:
            match = WHITESPACE.match(self.text, position)
            skipped = self._skipped[position] = match.end() if match else position
        return skipped

    def lit(self, word: str, position: int) -> Result:
        """``literal(word)``: skip whitespace, then match ``word`` as a prefix."""
        text, start = self.text, position
        if position < self.end and text[position] in _WHITESPACE_START:
            start = self.skip(position)
        if text.startswith(word, start):
            return (word, start + len(word))
        return NoSuccess("", start, False, word)

    def words(self, position: int, words: Sequence[str]) -> Result:
        """``"a" | "b" | ...``: all fail where the whitespace ends, so the last one's text stands."""
        start = self.skip(position)
        for word in words:
            if self.text.startswith(word, start):
                return (word, start + len(word))
        return NoSuccess("", start, False, words[-1])

    def regex(self, pattern: re.Pattern[str], shown: str, position: int) -> Result:
        """``regex(r)``: skip whitespace, then match at the start; ``shown`` is the pattern as the
        Scala source wrote it, for the failure text."""
        start = self.skip(position)
        match = pattern.match(self.text, start)
        if match is None:
            return NoSuccess("", start, False, shown, True)
        return (match.group(), match.end())

    def ident(self, position: int) -> Result:
        """``JavaTokenParsers.ident``: ``"" ~> rep1(acceptIf(isJavaIdentifierStart), ...Part)``."""
        text, start = self.text, self.skip(position)
        if start == self.end:
            return NoSuccess("end of input", start)
        if not _identifier_start(text[start]):
            return NoSuccess(f"identifier expected but '{text[start]}' found", start)
        end = start + 1
        while end < self.end and _identifier_part(text[end]):
            end += 1
        return (text[start:end], end)

    # --- combinators ---------------------------------------------------------------------------

    @staticmethod
    def first(position: int, alternatives: Sequence[Callable[..., Result]], *extra: object) -> Result:
        """``p | q | ...``; ``extra`` is passed to every alternative after the position."""
        result = alternatives[0](position, *extra)
        for alternative in alternatives[1:]:
            if type(result) is not NoSuccess or result.error:
                return result
            other = alternative(position, *extra)
            if type(other) is not NoSuccess:
                return other
            if not other.at < result.at:
                result = other
        return result

    def sequence(self, position: int, steps: Sequence[object]) -> Result:
        """``a ~ b ~! c <~ d ...``: the values of all steps, or the first step's failure."""
        values: list[Any] = []
        committed = False
        for step in steps:
            if step is CUT or step is PLAIN:
                committed = step is CUT
                continue
            if type(step) is str:
                result = self.lit(step, position)
            elif type(step) is tuple:
                result = self.words(position, step)
            else:
                result = step(position)  # type: ignore[operator]
            if type(result) is NoSuccess:
                return commit(result) if committed else result
            values.append(result[0])
            position = result[1]
        return (values, position)

    def rep1sep(self, item: Rule, position: int, separator: str = ",") -> Result:
        """``rep1sep(item, separator)``: stops at the first failure after a separator."""
        result = item(position)
        if type(result) is NoSuccess:
            return result
        values, position = [result[0]], result[1]
        while type(step := self.lit(separator, position)) is not NoSuccess:
            result = item(step[1])
            if type(result) is NoSuccess:
                if result.error:
                    return result
                break
            values.append(result[0])
            position = result[1]
        return (values, position)

    def repsep(self, item: Rule, position: int) -> Result:
        """``repsep(item, ",")``: none at all is a success too."""
        result = self.rep1sep(item, position)
        return ([], position) if type(result) is NoSuccess and not result.error else result

    def chainl1(self, operand: Rule, operators: Sequence[str], build: Callable[..., Any], position: int) -> Result:
        """``chainl1(operand, operators)``: left-associative, ``build(operator, left, right)``."""
        result = operand(position)
        if type(result) is NoSuccess:
            return result
        node, position = result
        while type(operator := self.words(position, operators)) is not NoSuccess:
            right = operand(operator[1])
            if type(right) is NoSuccess:
                if right.error:
                    return right
                break
            node, position = build(operator[0], node, right[0]), right[1]
        return (node, position)

    def memoised(self, rule: Rule, position: int) -> Result:
        """``rule`` at ``position``, computed once: results depend on the position only."""
        memo = self._memo.get(rule)
        if memo is None:
            memo = self._memo[rule] = {}
        result = memo.get(position)
        if result is None:
            result = memo[position] = rule(position)
        return result

    def guarded(self, leads: str, rule: Rule, expected: str, *, regex: bool = False) -> Rule:
        """``rule``, which gets somewhere only if its first token starts with one of ``leads``.

        Elsewhere its result is known without trying it: its first token's failure after the
        whitespace (``expected`` names the literal, or with ``regex`` the pattern). A speed-up
        only; each guard states exactly the failure the rule itself would return.
        """
        firsts = frozenset(leads)

        def guard(position: int) -> Result:
            start = self.skip(position)
            if start < self.end and self.text[start] in firsts:
                return rule(position)
            return NoSuccess("", start, False, expected, regex)

        return guard

    # --- the report ----------------------------------------------------------------------------

    def report(self, failure: NoSuccess) -> str:
        """``Failure.toString``/``Error.toString``: ``[line.col] failure: msg``, the line, a caret."""
        text, offset = self.text, failure.at
        starts = [0]
        for index, char in enumerate(text):
            if char == "\n" or (char == "\r" and (index == len(text) - 1 or text[index + 1] != "\n")):
                starts.append(index + 1)
        starts.append(len(text))
        line = min(bisect_right(starts, offset) - 1, len(starts) - 2)
        line_start, line_end = starts[line], starts[line + 1]
        if line_start < line_end - 1 and text[line_end - 2 : line_end] == "\r\n":
            line_end -= 2
        elif line_start < line_end and text[line_end - 1] in "\r\n":
            line_end -= 1
        contents = text[line_start:line_end]
        column = _units(text[line_start:offset]) + 1
        caret = "".join(char if char == "\t" else " " * _units(char) for char in contents[: offset - line_start])
        kind = "error" if failure.error else "failure"
        return f"[{line + 1}.{column}] {kind}: {self._message(failure)}\n\n{contents}\n{caret}^"

    def _message(self, failure: NoSuccess) -> str:
        if not failure.expected:
            return failure.message
        found = "end of source" if failure.at >= self.end else f"'{self.text[failure.at]}'"
        if failure.shown_as_regex:
            return f"string matching regex '{failure.expected}' expected but {found} found"
        return f"'{failure.expected}' expected but {found} found"
