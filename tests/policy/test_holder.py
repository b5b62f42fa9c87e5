"""Hot reload: a good edit takes effect, a bad one is rejected and the last good policy stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accord.errors import ConfigError
from accord.policy import Policy, PolicyHolder

GOOD = """
routes: [{name: echo, provider: echo, max_class: restricted, private: true}]
teams: {eng: {routes: [echo]}}
"""


def _write(path: Path, text: str, *, bump: int = 0) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    if bump:  # move mtime forward so the change is visible even on coarse-timestamp filesystems
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + bump))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "accord.yaml"
    _write(p, GOOD)
    return p


def test_unchanged_file_is_not_reloaded(path: Path) -> None:
    reloads: list[Policy] = []
    h = PolicyHolder(path, on_reload=reloads.append)
    first = h.current
    assert h.check_reload() is False and h.check_reload() is False
    assert h.current is first and reloads == []


def test_good_edit_takes_effect(path: Path) -> None:
    reloads: list[Policy] = []
    h = PolicyHolder(path, on_reload=reloads.append)
    _write(path, GOOD.replace("eng:", "ops:"), bump=10_000_000)
    assert h.check_reload() is True
    assert "ops" in h.current.teams and reloads == [h.current]
    assert h.last_error is None


def test_bad_edit_keeps_last_good_and_reports_once(path: Path) -> None:
    errors: list[ConfigError] = []
    h = PolicyHolder(path, on_error=errors.append)
    good = h.current
    _write(path, GOOD.replace("max_class: restricted", "max_class: ultra"), bump=10_000_000)
    assert h.check_reload() is False
    assert h.current is good
    assert len(errors) == 1 and errors[0].line == 2 and "routes[0].max_class" in str(errors[0])
    assert h.last_error is errors[0]
    # The same bad bytes are not re-reported on every tick.
    assert h.check_reload() is False and len(errors) == 1
    # Forcing a reload raises, and still keeps the good policy.
    with pytest.raises(ConfigError):
        h.reload()
    assert h.current is good
    # Fixing the file recovers.
    _write(path, GOOD.replace("eng:", "fixed:"), bump=20_000_000)
    assert h.check_reload() is True and "fixed" in h.current.teams and h.last_error is None


def test_same_size_edit_within_timestamp_tick_is_seen(path: Path) -> None:
    h = PolicyHolder(path)
    st = path.stat()
    _write(path, GOOD.replace("eng:", "ops:"))  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    assert path.stat().st_size == st.st_size
    assert h.check_reload() is True and "ops" in h.current.teams


def test_deleted_file_keeps_policy(path: Path) -> None:
    errors: list[ConfigError] = []
    h = PolicyHolder(path, on_error=errors.append)
    path.unlink()
    assert h.check_reload() is False and h.current.teams
    assert errors and "disappeared" in str(errors[0])


def test_bad_file_at_start_raises(tmp_path: Path) -> None:
    p = tmp_path / "accord.yaml"
    p.write_text("routes: [{name: x, provider: nope}]\n")
    with pytest.raises(ConfigError) as info:
        PolicyHolder(p)
    assert info.value.line == 1
