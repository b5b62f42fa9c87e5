"""Host -> service, by the most specific suffix.

A reversed-label trie answers "which catalog suffix is the longest one this host ends with" in
one walk of the host's labels, so `copilot.microsoft.com` finds its own entry and never the
shorter `microsoft.com`. Globs (`bedrock-runtime.*.amazonaws.com`) are tried after; a glob wins
only when it names more labels than the best suffix.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    service_id: str
    #: The catalog suffix or pattern that matched.
    rule: str
    #: Number of labels in `rule` (higher is more specific).
    specificity: int


_END = ""  # trie key holding (service_id, suffix) at a node where a suffix ends


def normalize(host: str) -> str:
    """Lower-case, no trailing dot, no port, no brackets; '' for junk."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):  # [v6]:port
        return host[1 : host.find("]")] if "]" in host else ""
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host


class HostMatcher:
    def __init__(self, suffixes: Iterable[tuple[str, str]], patterns: Iterable[tuple[str, str]] = ()) -> None:
        """`suffixes` and `patterns` are (rule, service_id) pairs; a later pair for the same rule wins."""
        self._root: dict[str, dict] = {}
        for suffix, service_id in suffixes:
            node = self._root
            for label in reversed(suffix.split(".")):
                node = node.setdefault(label, {})
            node[_END] = (service_id, suffix)  # type: ignore[assignment]
        self._globs: list[tuple[re.Pattern[str], str, str, int]] = [
            (re.compile(fnmatch.translate(p)), p, sid, p.count(".") + 1) for p, sid in patterns
        ]

    def match(self, host: str) -> Match | None:
        host = normalize(host)
        if not host:
            return None
        best: Match | None = None
        node = self._root
        labels = host.split(".")
        for depth, label in enumerate(reversed(labels), 1):
            nxt = node.get(label)
            if nxt is None:
                break
            node = nxt
            end = node.get(_END)
            if end is not None:
                sid, suffix = end
                best = Match(sid, suffix, depth)
        for rx, pattern, sid, spec in self._globs:
            if (best is None or spec > best.specificity) and rx.match(host):
                best = Match(sid, pattern, spec)
        return best


def suffix_covers(suffix: str, host: str) -> bool:
    """True when `host` is `suffix` or a subdomain of it."""
    return host == suffix or host.endswith("." + suffix)
