"""Which unmatched hosts look like AI services (reported for review, never counted as services).

The heuristic, documented in docs/discover.md:

* the host is not an IP address, not in the catalog, not under an ordinary business domain
  (`catalog/ordinary_domains.txt`) and not under a `discover.ignore_hosts` suffix; and
* its top-level domain is `.ai`, or one of its labels (the TLD excluded), split on `-`, `_` and
  digits, has a token from AI_TOKENS, or contains one of AI_SUBSTRINGS, or starts/ends with `llm`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from accord.discover.catalog.matcher import normalize, suffix_covers

AI_TOKENS = frozenset(
    {"ai", "gpt", "llm", "llms", "chat", "chatbot", "copilot", "assistant", "ml", "genai", "openai", "agentic"}
)
AI_SUBSTRINGS = ("gpt", "openai", "copilot", "chatbot", "genai")
_SPLIT = re.compile(r"[-_0-9]+")
ORDINARY_FILE = Path(__file__).parent / "catalog" / "ordinary_domains.txt"


@lru_cache(maxsize=1)
def ordinary_domains() -> frozenset[str]:
    out = set()
    for line in ORDINARY_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.add(line)
    return frozenset(out)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def under_any(host: str, suffixes: Iterable[str]) -> bool:
    labels = host.split(".")
    wanted = set(suffixes)
    return any(".".join(labels[i:]) in wanted for i in range(len(labels)))


def is_ordinary(host: str) -> bool:
    return under_any(normalize(host), ordinary_domains())


def ai_like_reason(host: str, ignore: Iterable[str] = ()) -> str | None:
    """Why `host` looks AI-ish, or None. The caller has already checked the catalog."""
    host = normalize(host)
    if not host or "." not in host or _is_ip(host):
        return None
    if is_ordinary(host) or any(suffix_covers(s, host) for s in ignore):
        return None
    labels = host.split(".")
    if labels[-1] == "ai":
        return "'.ai' top-level domain"
    for label in labels[:-1]:
        tokens = [t for t in _SPLIT.split(label) if t]
        hit = next((t for t in tokens if t in AI_TOKENS), None)
        if hit:
            return f"label {label!r} has the token {hit!r}"
        sub = next((s for s in AI_SUBSTRINGS if s in label), None)
        if sub:
            return f"label {label!r} contains {sub!r}"
        if len(label) > 3 and (label.startswith("llm") or label.endswith("llm")):
            return f"label {label!r} starts or ends with 'llm'"
    return None
