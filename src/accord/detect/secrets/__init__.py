"""Secret detection: ~250 provider token formats plus keyword-context and entropy rules.

    >>> from accord.detect.secrets import SecretsRecognizer
    >>> [(e.kind, e.start) for e in SecretsRecognizer().analyze("export GITLAB_TOKEN=glpat-Zq8vX2mLp4TnR7wKc9Yb")]
    [('gitlab-pat', 20)]

All rules compile into one Hyperscan database; candidates are confirmed with each rule's full
regular expression, then checked (entropy, validators, near-miss suppression). See docs/secrets.md.
"""

from __future__ import annotations

from accord.detect.secrets.recognizer import SecretsRecognizer
from accord.detect.secrets.registry import BUILTIN_FAMILIES, RULES, RuleRegistry
from accord.detect.secrets.rule import SecretRule, keyed, tok
from accord.detect.secrets.scanner import RuleCompileError

__all__ = [
    "BUILTIN_FAMILIES",
    "RULES",
    "RuleCompileError",
    "RuleRegistry",
    "SecretRule",
    "SecretsRecognizer",
    "keyed",
    "tok",
]
