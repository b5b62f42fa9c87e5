"""Who is asking: resolved from a virtual key or a verified JWT, then handed to every decision."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Identity:
    tenant: str
    team: str
    user: str
    key_id: str | None = None
    app: str | None = None
    #: Directory groups (from the key record or the JWT's groups claim); used for data entitlements.
    groups: frozenset[str] = field(default_factory=frozenset)
    #: Roles such as "admin"; least privilege means the empty set by default.
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return "admin" in self.roles
