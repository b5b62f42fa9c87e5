"""`accord up`: start the gateway on embedded defaults (SQLite, generated accord.yaml, echo model)."""

from __future__ import annotations

import logging
import os
import socket
import sys

import click

from accord.cli.common import home_option, resolve_home
from accord.home import HOME_ENV

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind now, before any secret is printed: a taken port is a clear error, not a traceback later."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}. "
            f"Another process is using the port; stop it or choose another with --port."
        ) from None
    sock.set_inheritable(True)
    return sock


def banner(url: str, home: str, policy: str, key: str, first_run: bool) -> str:
    created = "created" if first_run else "using"
    return f"""
Accord gateway listening on {url}
  home:   {home} ({created})
  policy: {policy} (hot-reloads on save; check edits with `accord policy validate`)

Admin key (shown once; valid until the next `accord up`):
  {key}

Try it (the built-in `echo` model answers with your last message):

  curl {url}/v1/chat/completions \\
    -H "Authorization: Bearer {key}" \\
    -H "Content-Type: application/json" \\
    -d '{{"model": "echo", "messages": [{{"role": "user", "content": "Hello from Accord"}}]}}'

  python - <<'PY'
  from openai import OpenAI
  client = OpenAI(base_url="{url}/v1", api_key="{key}")
  reply = client.chat.completions.create(model="echo", messages=[{{"role": "user", "content": "Hello"}}])
  print(reply.choices[0].message.content)
  PY

Keys for people and apps: accord keys create --home {home} --team TEAM --user USER
Press Ctrl+C to stop (queued audit events are written before exit).
"""


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@home_option
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Worker processes. Quotas and metrics are per process; see docs/gateway.md.",
)
@click.option(
    "--log-level", default="warning", show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="Server log level.",
)
def up(host: str, port: int, home: str | None, workers: int, log_level: str) -> None:
    """Start the gateway: OpenAI- and Anthropic-compatible API with guardrails."""
    import uvicorn

    from accord.policy import PolicyHolder, write_default_policy
    from accord.store import open_store

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    h = resolve_home(home)
    sock = bind_socket(host, port)
    h.ensure()
    first_run = not h.policy_path.exists()
    write_default_policy(h.policy_path)
    holder = PolicyHolder(h.policy_path)  # a bad file stops here with its line-numbered error
    store = open_store(h.db_url)
    raw, _ = store.ensure_admin_key()
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(banner(f"http://{shown}:{bound_port}", str(h.path), str(h.policy_path), raw, first_run))
    sys.stdout.flush()
    common = dict(
        loop="uvloop", http="httptools", ws="none", lifespan="on", access_log=False,
        log_level=log_level, timeout_graceful_shutdown=10,
    )  # fmt: skip
    if workers == 1:
        from accord.gateway.app import build_app

        app = build_app(h, policy_holder=holder, store=store)
        server = uvicorn.Server(uvicorn.Config(app, **common))  # type: ignore[arg-type]
        try:
            server.run(sockets=[sock])
        finally:
            store.close()
        return
    # Several workers: each process builds its own app and store (after the fork) from $ACCORD_HOME.
    from uvicorn.supervisors import Multiprocess

    store.close()
    os.environ[HOME_ENV] = str(h.path)
    config = uvicorn.Config("accord.gateway.app:create_app", factory=True, workers=workers, **common)  # type: ignore[arg-type]
    Multiprocess(config, sockets=[sock]).run()
