"""The declarative unit of secret detection: one `SecretRule` per provider token format.

A rule is data: an id (the entity `kind`, kebab-case), a regular expression whose named group
`secret` (or `secret_<n>` in alternations) marks the credential itself, and optional checks that
run only on candidates: keywords, a minimum Shannon entropy, a validator (checksum, structure).

Patterns are written once, in Python `re` syntax, and serve two engines:

* Hyperscan gets the pattern with every lookaround removed (it supports none), so it matches a
  superset of what the rule means; all rules are compiled into one database and scanned together.
* Python `re` runs the full pattern only around Hyperscan's hits, to confirm and extract groups.

So a pattern must be Hyperscan-compilable once its lookarounds are stripped: no backreferences,
no unbounded `\\s*` before a bounded repeat (use `[ \\t]{0,4}`), no atomic groups. Bounded repeats
keep SOM (start-of-match) tracking cheap. `RULES` compiles every built-in in tests, so a pattern
Hyperscan rejects fails loudly, naming the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Validator = Callable[[str], bool]

#: Characters that may not continue a token on either side; used by `tok()`.
TOKEN_CHARS = r"A-Za-z0-9_\-"


@dataclass(frozen=True, slots=True)
class SecretRule:
    """One secret format. Only `id`, `description` and `pattern` are required."""

    id: str
    description: str
    pattern: str
    #: Family (file) it belongs to: cloud, vcs, payments, ... Filled by the registry.
    family: str = ""
    #: Literal strings (lower case) of which at least one occurs in every match. They document the
    #: rule, are checked against the must-fire examples in tests, and drive `window` rules.
    keywords: tuple[str, ...] = ()
    #: Minimum Shannon entropy (bits per character) of the secret value.
    entropy: float | None = None
    #: Extra structural check on the secret value (e.g. a checksum); must return True.
    validator: Validator | None = None
    #: Score boost check: when given, a passing value scores 0.99, a failing one `score - 0.15`.
    checksum: Validator | None = None
    #: Confidence of a confirmed match. Specific formats ~0.95, context rules ~0.85, generic < 0.8.
    #: Also the priority when two rules claim overlapping text (higher wins).
    score: float = 0.95
    #: Near-miss suppression level: "strict" (placeholders, masks, repeated characters, known
    #: example keys), "generic" (adds placeholder words, code expressions, variable names) or "off".
    suppress: str = "strict"
    #: When set, Hyperscan only looks for the `keywords` (literally, caseless) and the pattern is
    #: searched in `window` characters around each hit. For formats too long or too loose to
    #: compile well (PEM blocks, values found a few lines away from their context).
    window: int | None = None
    #: Explicit Hyperscan pre-filter, for patterns whose stripped form compiles badly or fires
    #: too often. It must match a prefix of what `pattern` matches, from the same start offset:
    #: the full pattern is tried anchored at each pre-filter hit (except for window rules).
    hs_pattern: str | None = None
    #: The value check depends on the name it is assigned to (the `key` group; see
    #: `filters.value_fits_name`): a password name accepts any value that is not prose, a name
    #: ending in "secret" also a chosen passphrase-like value, any other name a machine-made one.
    by_key: bool = False

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.lower() or " " in self.id or "_" in self.id:
            raise ValueError(f"secret rule id {self.id!r}: use kebab-case, e.g. 'aws-access-key-id'")
        if self.suppress not in ("strict", "generic", "off"):
            raise ValueError(f"secret rule {self.id}: suppress must be strict, generic or off")
        if self.window is not None and not self.keywords:
            raise ValueError(f"secret rule {self.id}: a window rule needs keywords")
        if any(k != k.lower() for k in self.keywords):
            raise ValueError(f"secret rule {self.id}: keywords are matched caseless; write them in lower case")


def tok(body: str, *, left: str = TOKEN_CHARS, right: str = TOKEN_CHARS) -> str:
    """`body` as a whole token: not preceded or followed by a character of the given classes.

    Lookarounds instead of `\\b`, because many tokens start or end with `-`, `=` or `.`.
    With the default classes a `-` may precede the token when it does not continue a word:
    `${GITHUB_TOKEN:-ghp_...}` (a shell default value) holds the token, `my-ghp_...` does not.
    """
    if left == TOKEN_CHARS:
        return rf"(?<![A-Za-z0-9_])(?<![A-Za-z0-9_.]-)(?P<secret>{body})(?![{right}])"
    return rf"(?<![{left}])(?P<secret>{body})(?![{right}])"


#: Assignment operators between a key and its value in config, code, env files and CLIs
#: (`,` for `env('KEY', 'value')` and `("password", "x")`, `(` for `setPassword("x")`, `||=` and
#: `??=` for Ruby / JS defaults, `:-` for a shell default `${KEY:-value}`, `<-` for R, `==` and
#: `!=` for a comparison with a hard-coded value, `).toBe(` / `).isEqualTo(` for a test assertion).
ASSIGN_OP = (
    r"(?:===|!==|==|!=|=|:=|::|:-|:|=>|->|<-|\?=|\|\|=|\?\?=|\|\||\?\?|,|\(|"
    r"\)\.(?:toBe|toEqual|toStrictEqual|isEqualTo|equals)\()"
)

#: Key-value glue: optional closing quote/bracket (or an escaped quote, `\\"` in JSON inside a
#: string) after the key, spaces (aligned columns reach far), an operator, spaces, and an optional
#: opening quote. A value may sit on the next line only when that line is indented (YAML); an
#: empty `KEY=` must not take the next line for its value. Bounded repeats keep Hyperscan's SOM
#: tracking small. The pre-filter stops at the operator (see `hspattern.context_prefix`), so each
#: `key = value` gives Hyperscan a single match end.
GLUE_TAIL = r"""[ \t]{0,40}(?:\r?\n[ \t]{1,12})?(?:\\{1,2})?["'`]?"""
#: (`: String` / `: str` between the name and `=`: a typed declaration, `let apiKey: String = "..."`.)
GLUE_HEAD = r"""(?:\\{1,2})?["'`\]]{0,2}(?:[ \t]{0,4}:[ \t]{0,4}[A-Za-z_][\w.]{0,30}[?!]?(?=[ \t]{0,4}=[^=]))?[ \t]{0,40}"""
GLUE = GLUE_HEAD + ASSIGN_OP + GLUE_TAIL
#: What Hyperscan sees of `GLUE_HEAD + ASSIGN_OP`: the operator's first character after up to 16
#: spaces, or 16 spaces (a prefix of any wider alignment). A few hundred keyed rules share it; the
#: full alternation and width would add ~0.8 MB to the database and cost every scan cache misses.
GLUE_PREFILTER = r"""(?:\\{1,2})?["'`\]]{0,2}(?:[ \t]{0,16}[=:\-<?|!,()]|[ \t]{16})"""
#: A value does not continue a word (`-` may precede it: `${KEY:-value}`).
VALUE_START = r"(?<![A-Za-z0-9_])"


def keyed(keys: str, value: str, *, right: str = TOKEN_CHARS, ident: int = 30) -> str:
    """`<...keys...> = <value>` with the value as group `secret`.

    `keys` is a regex alternation matched caseless inside an identifier (so `AWS_SECRET_ACCESS_KEY`
    and `awsSecretAccessKey` both match `secret[_-]?access[_-]?key`). `value` is the token body;
    it may not be followed by a character of `right`. Quotes around it are optional.
    The `key` group starts at the keyword; the scanner extends it left over the rest of the
    identifier (a leading `[\\w.-]{0,30}` would make Hyperscan's start-of-match tracking too large).
    """
    return (
        rf"(?i:(?P<key>(?:{keys})[\w.\-]{{0,{ident}}})){GLUE}"
        rf"{VALUE_START}(?P<secret>{value})(?![{right}])"
    )


#: A UUID in any case (many providers' keys and ids).
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def prefixed_rule(rule_id: str, body: str, keywords: tuple[str, ...], description: str, *, entropy: float,
                  score: float, left: str = TOKEN_CHARS, right: str = TOKEN_CHARS) -> SecretRule:
    """A token recognised by its own shape (a prefix, an alphabet, a length): `tok(body)`. Rule modules
    bind their family's default entropy and score with `functools.partial`."""
    return SecretRule(id=rule_id, description=description, pattern=tok(body, left=left, right=right),
                      keywords=keywords, entropy=entropy, score=score)


def keyed_rule(rule_id: str, keys: str, value: str, keywords: tuple[str, ...], description: str, *,
               entropy: float, score: float) -> SecretRule:
    """A value recognised by the name it is assigned to: `keyed(keys, value)`."""
    return SecretRule(id=rule_id, description=description, pattern=keyed(keys, value), keywords=keywords,
                      entropy=entropy, score=score)


def either(*patterns: str) -> str:
    """Alternation of patterns built with `tok`/`keyed`, renaming their groups apart
    (`secret` -> `secret_1`, ...) since Python forbids duplicate group names."""
    parts = []
    for i, p in enumerate(patterns, 1):
        p = p.replace("(?P<secret>", f"(?P<secret_{i}>").replace("(?P<key>", f"(?P<key_{i}>")
        parts.append(f"(?:{p})")
    return "|".join(parts)
