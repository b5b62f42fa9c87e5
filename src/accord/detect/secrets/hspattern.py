"""Turn a rule's Python pattern into the Hyperscan expression that pre-filters it.

Hyperscan has no lookarounds. Removing them yields a pattern that matches a superset of the
original (each lookaround only ever *rejects* matches), which is what a pre-filter must do: the
full Python pattern then confirms each candidate.
"""

from __future__ import annotations

import re

from accord.detect.secrets.rule import ASSIGN_OP, GLUE_HEAD, GLUE_PREFILTER, GLUE_TAIL, VALUE_START

_LOOKAROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _skip_class(p: str, i: int) -> int:
    """Index just past the character class starting at p[i] == '['."""
    i += 1
    if i < len(p) and p[i] == "^":
        i += 1
    if i < len(p) and p[i] == "]":
        i += 1
    while i < len(p) and p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    return i + 1


def _skip_group(p: str, i: int) -> int:
    """Index just past the group opened at p[i] == '('."""
    depth = 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(p, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced parenthesis in pattern {p!r}")


def _top_level(p: str) -> list[tuple[int, str]]:
    """(depth-0 position, char) for every character of p outside classes and escapes."""
    out, depth, i = [], 0, 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(p, i)
            continue
        if c == "(":
            if depth == 0:
                out.append((i, c))
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            out.append((i, c))
        i += 1
    return out


def _split_alternatives(p: str) -> list[str]:
    cuts = [i for i, c in _top_level(p) if c == "|"]
    bounds = [-1, *cuts, len(p)]
    return [p[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _unwrap(p: str) -> str:
    """`(?:X)` -> `X` when the group spans the whole string."""
    if p.startswith("(?:") and p.endswith(")") and _skip_group(p, 0) == len(p):
        return p[3:-1]
    return p


def context_prefix(expression: str) -> str:
    """For keyed patterns, the part before the value: `<key> <op>` without `(?P<secret>...)`.

    A keyed rule's value check (length, charset) runs in Python anyway; leaving it out of the
    pre-filter keeps Hyperscan's database small. Other patterns are returned unchanged.
    """
    if "(?P<key" not in expression:
        return expression
    alternatives = []
    for alt in _split_alternatives(expression):
        body = _unwrap(alt)
        cut = next(
            (i for i, c in _top_level(body) if c == "(" and body.startswith("(?P<secret", i)),
            None,
        )
        if "(?P<key" in body and cut:
            body = body[:cut]
            body = body.removesuffix(VALUE_START).removesuffix(GLUE_TAIL)
            glue = strip_lookarounds(GLUE_HEAD + ASSIGN_OP)
            if body.endswith(glue):
                body = body[: -len(glue)] + GLUE_PREFILTER
        alternatives.append(f"(?:{body})")
    return "|".join(alternatives)


def strip_lookarounds(pattern: str) -> str:
    if _BACKREF.search(pattern):
        raise ValueError("backreferences cannot be pre-filtered by Hyperscan; rewrite the pattern")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = _skip_class(pattern, i)
            out.append(pattern[i:j])
            i = j
        elif c == "(" and pattern.startswith(_LOOKAROUND_OPENERS, i):
            i = _skip_group(pattern, i)
        else:
            out.append(c)
            i += 1
    return "".join(out)


_RANGE = re.compile(r"(?<!\\)\{(\d+),(\d+)\}")
#: Bounded repeats `{m,n}` with n above this make Hyperscan's start-of-match tracking blow up
#: ("Pattern is too large"); they become unbounded in the pre-filter. Fixed counts are fine.
MAX_HS_RANGE = 64


def widen_repeats(expression: str) -> tuple[str, bool]:
    """Replace wide `{m,n}` repeats by `{m,}`. Returns the expression and whether it changed.

    An unbounded repeat reports one match per end offset, so a widened rule is compiled
    single-match: Hyperscan only says where its first candidate starts and Python scans on.
    """
    changed = False

    def repl(m: re.Match[str]) -> str:
        nonlocal changed
        lo, hi = int(m.group(1)), int(m.group(2))
        if hi > MAX_HS_RANGE and hi != lo:
            changed = True
            return f"{{{lo},}}"
        return m.group(0)

    return _RANGE.sub(repl, expression), changed


def utf8_escape(expression: str) -> str:
    """Non-ASCII literals become their UTF-8 bytes (`\\xd0\\xbf...`): Hyperscan scans bytes.

    Only literals outside character classes can be translated (a class matches one byte, not a
    multi-byte character); a non-ASCII character inside a class is an error.
    """
    if expression.isascii():
        return expression
    out: list[str] = []
    i = 0
    while i < len(expression):
        c = expression[i]
        if c == "\\":
            out.append(expression[i : i + 2])
            i += 2
        elif c == "[":
            j = _skip_class(expression, i)
            if not expression[i:j].isascii():
                raise ValueError("non-ASCII characters inside a [class] cannot be pre-filtered; use an alternation")
            out.append(expression[i:j])
            i = j
        elif ord(c) > 127:
            out.append("(?:" + "".join(f"\\x{b:02x}" for b in c.encode("utf-8")) + ")")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def keyword_expression(keywords: tuple[str, ...]) -> str:
    """A caseless alternation of literal keywords (for window rules)."""
    return "(?i:" + "|".join(re.escape(k) for k in keywords) + ")"
