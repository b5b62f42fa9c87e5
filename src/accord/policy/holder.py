"""PolicyHolder: the live policy, hot-reloaded from its file; a bad edit never replaces a good policy."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from accord.errors import ConfigError
from accord.policy.loader import load_policy_bytes
from accord.policy.model import Policy

log = logging.getLogger(__name__)

#: Files modified this recently are re-hashed even when mtime and size look unchanged: coarse
#: filesystem timestamps can hide a same-size edit made within the same tick.
_RACY_WINDOW_S = 2.0


class PolicyHolder:
    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        on_reload: Callable[[Policy], None] | None = None,
        on_error: Callable[[ConfigError], None] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.path = Path(path)
        self.on_reload, self.on_error = on_reload, on_error
        self._env = env
        self._lock = threading.Lock()
        self._stat: tuple[int, int, int] | None = None
        self._digest: str | None = None
        self._bad_digest: str | None = None
        #: The last rejected edit's error (None once a good file loads again).
        self.last_error: ConfigError | None = None
        self._current = self._load(self._read())

    @property
    def current(self) -> Policy:
        return self._current

    def _read(self) -> bytes:
        try:
            st = self.path.stat()
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise ConfigError("policy file not found", file=str(self.path), hint="restore the file") from None
        except OSError as exc:
            raise ConfigError(f"cannot read policy file ({exc.strerror or exc})", file=str(self.path)) from None
        self._stat = (st.st_mtime_ns, st.st_size, st.st_ino)
        return raw

    def _load(self, raw: bytes) -> Policy:
        policy = load_policy_bytes(raw, file=str(self.path), env=self._env)
        self._digest = policy.digest
        return policy

    def check_reload(self) -> bool:
        """Cheap: stat; re-read and hash only when the file changed. True when a new policy took effect."""
        try:
            st = self.path.stat()
        except OSError as exc:
            key = f"missing:{exc.errno}"
            if self._bad_digest != key:
                self._bad_digest = key
                self._reject(ConfigError("policy file disappeared; keeping the last good policy", file=str(self.path)))
            return False
        stat = (st.st_mtime_ns, st.st_size, st.st_ino)
        racy = time.time() - st.st_mtime_ns / 1e9 < _RACY_WINDOW_S
        if stat == self._stat and not racy:
            return False
        try:
            raw = self.path.read_bytes()
        except OSError:
            return False  # mid-replace; the next tick sees the new file
        self._stat = stat
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._digest or digest == self._bad_digest:
            return False
        return self._apply(raw, digest)

    def reload(self) -> Policy:
        """Force a reload now. Raises ConfigError on a bad file (and keeps the last good policy)."""
        raw = self._read()
        if not self._apply(raw, hashlib.sha256(raw).hexdigest()) and self.last_error is not None:
            raise self.last_error
        return self._current

    def _apply(self, raw: bytes, digest: str) -> bool:
        with self._lock:
            try:
                policy = self._load(raw)
            except ConfigError as exc:
                self._bad_digest = digest
                self._reject(exc)
                return False
            self._current, self._bad_digest, self.last_error = policy, None, None
        log.info("policy reloaded from %s (sha256 %s)", self.path, digest[:12])
        if self.on_reload is not None:
            self.on_reload(policy)
        return True

    def _reject(self, exc: ConfigError) -> None:
        self.last_error = exc
        log.error("policy rejected, keeping the last good one: %s", exc)
        if self.on_error is not None:
            self.on_error(exc)
