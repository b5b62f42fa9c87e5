"""The AI service catalog: data (`*.yaml` beside this file), its model, and host matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from accord.discover.catalog.loader import builtin_services, load_services, read_catalog_file
from accord.discover.catalog.matcher import HostMatcher, Match, normalize
from accord.discover.catalog.model import CATEGORIES, RiskAttributes, Service
from accord.errors import NotFound

__all__ = [
    "CATEGORIES",
    "Catalog",
    "HostMatcher",
    "Match",
    "RiskAttributes",
    "Service",
    "builtin_services",
    "default_catalog",
    "load_catalog",
    "normalize",
    "read_catalog_file",
]


class Catalog:
    """Services by id plus the matcher built from their domains (built once, then read-only)."""

    def __init__(self, services: Iterable[Service]) -> None:
        self._by_id: dict[str, Service] = {s.id: s for s in services}
        # Later services win a shared rule: user extras come after built-ins in `load_services`.
        self.matcher = HostMatcher(
            ((d, s.id) for s in self._by_id.values() for d in s.domains),
            ((p, s.id) for s in self._by_id.values() for p in s.patterns),
        )

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._by_id

    def get(self, service_id: str) -> Service:
        try:
            return self._by_id[service_id]
        except KeyError:
            raise NotFound(
                f"no service {service_id!r} in the catalog", hint="`accord catalog search WORD` finds ids"
            ) from None

    def match(self, host: str) -> Service | None:
        m = self.matcher.match(host)
        return self._by_id[m.service_id] if m else None

    def search(self, query: str) -> list[Service]:
        """Case-insensitive substring search over id, name, vendor, category and hostnames."""
        q = query.strip().lower()
        out = []
        for s in self._by_id.values():
            hay = " ".join((s.id, s.name, s.vendor, s.category, s.category_label, *s.domains, *s.patterns)).lower()
            if q in hay:
                out.append(s)
        return out

    def by_category(self) -> dict[str, list[Service]]:
        out: dict[str, list[Service]] = {c: [] for c in CATEGORIES}
        for s in self._by_id.values():
            out[s.category].append(s)
        return out


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog only (cached for the process)."""
    return Catalog(builtin_services())


def load_catalog(extra: Sequence[str | Path] = ()) -> Catalog:
    """Shipped catalog plus the user's files (`discover.catalog_extra`); cached when there are none."""
    if not extra:
        return default_catalog()
    return Catalog(load_services(extra))

