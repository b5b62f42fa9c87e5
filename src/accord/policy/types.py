"""Small annotated types shared by the policy models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, PlainSerializer

from accord.detect.types import DataClass

#: Every policy model forbids unknown keys: a typo must fail, never silently fall back to a default.
STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

#: A data class written by name in YAML (`confidential`), compared as the ordered IntEnum.
ClassName = Annotated[DataClass, BeforeValidator(DataClass.parse), PlainSerializer(str, return_type=str)]
