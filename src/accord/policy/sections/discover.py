"""The `discover:` section of accord.yaml (Shadow AI discovery). Owned by the Discover capability."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class DiscoverPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
