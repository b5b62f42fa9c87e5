"""Read accord.yaml into a Policy, keeping YAML line numbers so every error names file, line and field."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from accord.errors import ConfigError
from accord.policy.model import Policy, PolicyReferenceError

Loc = tuple[str | int, ...]
_DOCS = "see docs/policy.md"


class _Lines:
    """Path in the document (keys and list indexes) -> 1-based line of that node."""

    def __init__(self) -> None:
        self.at: dict[Loc, int] = {}

    def walk(self, node: yaml.Node, path: Loc, file: str) -> None:
        self.at.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else f"<{key_node.tag}>"
                line = key_node.start_mark.line + 1
                if key == "<<":
                    continue
                if key in seen:
                    raise ConfigError(
                        f"duplicate key {key!r} (first at line {seen[key]})",
                        file=file,
                        line=line,
                        field=_dotted((*path, key)),
                        hint="each setting may appear once per section; merge the two entries",
                    )
                seen[key] = line
                self.at[(*path, key)] = line
                self.walk(value_node, (*path, key), file)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.at[(*path, i)] = item.start_mark.line + 1
                self.walk(item, (*path, i), file)

    def line_of(self, loc: Loc) -> tuple[int | None, Loc]:
        """The line of the deepest node on `loc` that exists in the document, and that node's path."""
        best: tuple[int | None, Loc] = (self.at.get(()), ())
        path: Loc = ()
        for part in loc:
            candidate = (*path, part)
            if candidate in self.at:
                path = candidate
                best = (self.at[path], path)
            # Parts that are not in the document (pydantic's union tags) are skipped.
        return best


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_yaml(text: str, file: str) -> tuple[Any, _Lines]:
    lines = _Lines()
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return {}, lines
            lines.walk(node, (), file)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise ConfigError(
            f"YAML syntax error: {problem}",
            file=file,
            line=line,
            hint="check indentation and quoting on this line and the one above (tabs are not allowed)",
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"YAML error: {exc}", file=file, hint="check the file is valid YAML") from None
    return data, lines


def _model_fields(loc: Loc) -> list[str]:
    """Allowed keys at `loc` (for 'did you mean'), following the model tree."""
    model: Any = Policy
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return []
            continue
        model = _model_in(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _describe(err: Mapping[str, Any]) -> tuple[str, str]:
    """(message, hint) for one pydantic error, naming the bad value."""
    kind, msg, value = err["type"], err["msg"], err.get("input")
    loc: Loc = tuple(err["loc"])
    msg = msg.removeprefix("Value error, ")
    shown = "" if isinstance(value, dict | list) or "secret" in msg else f" (got {value!r})"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = [f for f in _model_fields(loc[:-1])]
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        hint += f"allowed here: {', '.join(allowed)}" if allowed else _DOCS
        return f"unknown setting {key!r}", hint
    if kind == "missing":
        return "required setting is missing", f"add '{loc[-1]}:' here; {_DOCS}"
    if kind in ("literal_error", "enum"):
        return f"invalid value{shown}: {msg}", _DOCS
    return f"{msg}{shown}", _DOCS


def validate_policy(data: Any, *, file: str, lines: _Lines, env: Mapping[str, str]) -> Policy:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"the policy must be a mapping of sections, not {type(data).__name__}",
            file=file,
            line=1,
            hint="start with 'routes:', 'teams:', 'rules:' ...",
        )
    context = {"env": env, "base_dir": str(Path(file).parent)}
    try:
        return Policy.model_validate(data, context=context)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: lines.line_of(tuple(e["loc"]))[0] or 0)
        first = errors[0]
        loc: Loc = tuple(first["loc"])
        line, _ = lines.line_of(loc)
        message, hint = _describe(first)
        field = _dotted(tuple(p for p in loc if (isinstance(p, int | str))))
        if len(errors) > 1:
            more = []
            for e in errors[1:6]:
                eloc = tuple(e["loc"])
                more.append(f"line {lines.line_of(eloc)[0]}: {_dotted(eloc)}: {_describe(e)[0]}")
            extra = f" (+{len(errors) - 6} more)" if len(errors) > 6 else ""
            message += "\n  also: " + "\n  also: ".join(more) + extra
        raise ConfigError(message, file=file, line=line, field=field, hint=hint) from None
    except PolicyReferenceError as exc:
        line, _ = lines.line_of(exc.loc)
        raise ConfigError(exc.message, file=file, line=line, field=_dotted(exc.loc), hint=exc.hint or _DOCS) from None


def load_policy_bytes(raw: bytes, *, file: str, env: Mapping[str, str] | None = None) -> Policy:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 at byte {exc.start}", file=file, hint="save the file as UTF-8") from None
    data, lines = parse_yaml(text, file)
    policy = validate_policy(data, file=file, lines=lines, env=os.environ if env is None else env)
    policy._ix.source = file
    policy._ix.digest = hashlib.sha256(raw).hexdigest()
    return policy


def load_policy(path: str | os.PathLike[str], *, env: Mapping[str, str] | None = None) -> Policy:
    """Parse and validate a policy file. Raises ConfigError naming file, line, field, value and a hint."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            "policy file not found", file=file, hint="run 'accord up' once to generate one, or pass the right path"
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read policy file ({exc.strerror or exc})", file=file) from None
    return load_policy_bytes(raw, file=file, env=env)
