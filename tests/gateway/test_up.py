"""`accord up`: first run creates the home, prints an admin key and examples that work; a taken port
is a clear error before any secret is printed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import openai

ACCORD = [sys.executable, "-m", "accord.cli.main"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ANTHROPIC_", "ACCORD_"))}
    return env


def test_up_serves_sdk_and_prints_key(tmp_path: Path) -> None:
    home = tmp_path / "h"
    # --port 0: the system picks a free port and the banner names it (no race with other test runs).
    proc = subprocess.Popen([*ACCORD, "up", "--home", str(home), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())
    try:
        out = ""
        deadline = time.monotonic() + 60
        while "Press Ctrl+C" not in out and time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if not line:
                break
            out += line
        key = re.search(r"sk-accord-[A-Za-z0-9_-]+", out)
        assert key, out + proc.stderr.read()  # type: ignore[union-attr]
        listening = re.search(r"listening on http://127\.0\.0\.1:(\d+)", out)
        assert listening and int(listening.group(1)) > 0, out
        port = int(listening.group(1))
        assert f"{port}/v1/chat/completions" in out and "curl" in out and "from openai import OpenAI" in out
        assert (home / "accord.yaml").exists() and (home / "accord.db").exists()
        # `with` closes the pooled connection before the server goes (an unclosed socket is an error here).
        with openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=key.group(0), max_retries=0) as client:
            while time.monotonic() < deadline:
                try:
                    reply = client.chat.completions.create(model="echo", messages=[{"role": "user", "content": "hi there"}])
                    break
                except openai.APIConnectionError:
                    time.sleep(0.2)
            assert reply.choices[0].message.content == "hi there"
            stream = client.chat.completions.create(model="echo", messages=[{"role": "user", "content": "streamed"}], stream=True)
            assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == "streamed"
    finally:
        proc.terminate()
        proc.communicate(timeout=20)  # drains and closes the pipes
    assert proc.returncode in (0, -15)


def test_up_port_taken(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([*ACCORD, "up", "--home", str(tmp_path / "h"), "--port", str(port)],
                           capture_output=True, text=True, timeout=60, env=_env())
    assert r.returncode != 0
    assert f"127.0.0.1:{port}" in r.stderr and "--port" in r.stderr
    assert "sk-accord-" not in r.stdout + r.stderr and "Traceback" not in r.stderr
