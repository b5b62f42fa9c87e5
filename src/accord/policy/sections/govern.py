"""The `govern:` section of accord.yaml (data governance). Owned by the Govern capability."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GovernPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")
