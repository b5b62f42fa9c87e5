"""Sidecar files that carry access lists and labels next to the data.

`.accord-acl.yaml` in a folder applies to every file in it and below (the nearest one wins);
`<file>.acl` next to a file applies to that file only and wins over any folder sidecar. Both are
YAML with the same keys, all optional:

    groups: [hr, people-managers]   # directory groups allowed to retrieve the content
    users: [alice]                  # individual users allowed
    public: false                   # true: every authenticated caller
    label: confidential             # the file's sensitivity label, as an existing label
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import yaml

from accord.errors import ConfigError

FOLDER_SIDECAR = ".accord-acl.yaml"
FILE_SIDECAR_SUFFIX = ".acl"
EVERYONE = "*"


@dataclass(frozen=True, slots=True)
class Sidecar:
    source: str
    groups: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    public: bool = False
    label: str | None = None

    def principals(self) -> tuple[str, ...]:
        if self.public:
            return (EVERYONE,)
        return tuple(sorted({f"group:{g}" for g in self.groups} | {f"user:{u}" for u in self.users}))


def is_sidecar(path: str) -> bool:
    name = os.path.basename(path)
    return name == FOLDER_SIDECAR or name.endswith(FILE_SIDECAR_SUFFIX)


def _names(value: object, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(
            "must be a list of names", file=source, field=key, hint=f"e.g. {key}: [hr, finance]"
        )
    return tuple(v.strip() for v in value)


def read_sidecar(path: str) -> Sidecar | None:
    """Parse one sidecar (cached per process while unchanged); None if the file does not exist."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return _parse(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4096)
def _parse(path: str, mtime_ns: int, size: int) -> Sidecar | None:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(1 << 20)
    except FileNotFoundError:
        return None
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise ConfigError(
            f"invalid YAML ({exc})", file=path, line=line + 1 if line is not None else None
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            "expected a mapping with groups/users/public/label", file=path,
            hint="e.g. 'groups: [hr]' or 'public: true' on lines of their own",
        )
    unknown = set(data) - {"groups", "users", "public", "label"}
    if unknown:
        raise ConfigError(
            f"unknown key(s) {sorted(unknown)}", file=path, hint="allowed: groups, users, public, label"
        )
    public = data.get("public", False)
    if not isinstance(public, bool):
        raise ConfigError("must be true or false", file=path, field="public", hint="write 'public: true' or 'public: false'")
    label = data.get("label")
    if label is not None and not isinstance(label, str):
        raise ConfigError(
            "must be a label name", file=path, field="label", hint="a data class (public, internal, confidential, restricted) or a label name the policy maps to one"
        )
    return Sidecar(
        path,
        _names(data.get("groups"), "groups", path),
        _names(data.get("users"), "users", path),
        public,
        label,
    )


def sidecar_for(path: str, root: str | None = None) -> Sidecar | None:
    """The sidecar governing `path`: its own `<file>.acl`, else the nearest folder sidecar up to `root`."""
    own = own_sidecar(path)
    if own is not None:
        return own
    return folder_sidecar(os.path.dirname(os.path.abspath(path)), root)


def own_sidecar(path: str) -> Sidecar | None:
    """The `<file>.acl` next to `path`, if there is one."""
    return read_sidecar(path + FILE_SIDECAR_SUFFIX)


def folder_sidecar(folder: str, root: str | None = None) -> Sidecar | None:
    """The nearest folder sidecar from the absolute `folder` up to `root` (or up to `/`)."""
    stop = os.path.abspath(root) if root else None
    if stop is not None and not os.path.isdir(stop):
        stop = os.path.dirname(stop)
    while True:
        found = read_sidecar(os.path.join(folder, FOLDER_SIDECAR))
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        if folder == stop or parent == folder:
            return None
        folder = parent
