"""Read catalog YAML files (the shipped ones and the user's `discover.catalog_extra`) into a Catalog.

Every error names the file, the line and the field, like policy errors do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from accord.discover.catalog.model import Service
from accord.errors import ConfigError
from accord.policy.loader import parse_yaml

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).parent
_HINT = "see docs/discover.md, 'Adding your own catalog entries'"


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fast_parse(text: str) -> list[Service] | None:
    """libyaml without line tracking (10x faster); None on any problem."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
        if not isinstance(data, dict) or set(data) != {"services"} or not isinstance(data["services"], list):
            return None
        return [Service.model_validate(raw) for raw in data["services"]]
    except (yaml.YAMLError, ValidationError):
        return None


def read_catalog_file(path: Path) -> list[Service]:
    """Parse one catalog file: a mapping with a `services:` list of entries."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("catalog file not found", file=file, hint=_HINT) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read catalog file ({exc})", file=file, hint=_HINT) from None
    fast = _fast_parse(text)
    if fast is not None:
        return fast
    # Something is wrong: parse again keeping line numbers, to say where.
    data, lines = parse_yaml(text, file)
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise ConfigError("a catalog file is a mapping with a 'services:' list", file=file, line=1, hint=_HINT)
    unknown = set(data) - {"services"}
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(
            f"unknown top-level key {key!r}", file=file, line=lines.line_of((key,))[0], hint="only 'services:'"
        )
    out: list[Service] = []
    for i, raw in enumerate(data["services"]):
        try:
            out.append(Service.model_validate(raw))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc: tuple[str | int, ...] = ("services", i, *err["loc"])
            line, _ = lines.line_of(loc)
            value = err.get("input")
            shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = f"unknown field {err['loc'][-1]!r}"
                shown = ""
            raise ConfigError(f"{msg}{shown}", file=file, line=line, field=_dotted(loc), hint=_HINT) from None
    return out


def _check_unique(services: Iterable[tuple[Service, str]]) -> None:
    ids: dict[str, str] = {}
    rules: dict[str, tuple[str, str]] = {}
    for svc, file in services:
        if svc.id in ids:
            raise ConfigError(f"service id {svc.id!r} appears twice (also in {ids[svc.id]})", file=file, hint=_HINT)
        ids[svc.id] = file
        for rule in (*svc.domains, *svc.patterns):
            if rule in rules:
                other, ofile = rules[rule]
                raise ConfigError(
                    f"{rule!r} is listed by both {other!r} ({ofile}) and {svc.id!r}",
                    file=file,
                    field=f"{svc.id}.domains",
                    hint="a hostname belongs to one service; list the more specific host on the other entry",
                )
            rules[rule] = (svc.id, file)


@lru_cache(maxsize=1)
def builtin_services() -> tuple[Service, ...]:
    """The shipped catalog (`discover/catalog/*.yaml`), validated once per process."""
    pairs: list[tuple[Service, str]] = []
    for path in sorted(BUILTIN_DIR.glob("*.yaml")):
        pairs.extend((svc, str(path)) for svc in read_catalog_file(path))
    _check_unique(pairs)
    return tuple(svc for svc, _ in pairs)


def load_services(extra: Sequence[str | Path] = ()) -> list[Service]:
    """Built-ins, then each extra file in order: an extra entry with a built-in's id replaces it."""
    merged: dict[str, Service] = {svc.id: svc for svc in builtin_services()}
    seen_extra: list[tuple[Service, str]] = []
    for item in extra:
        path = Path(item)
        for svc in read_catalog_file(path):
            seen_extra.append((svc, str(path)))
            if svc.id in merged:
                log.info("catalog entry %s from %s replaces the built-in one", svc.id, path)
            merged[svc.id] = svc
    _check_unique(seen_extra)  # the user's own files must be consistent among themselves
    return list(merged.values())
