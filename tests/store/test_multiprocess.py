"""Two gateway-like processes writing to one database: the chain stays linear and verifiable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from accord.store import open_store

WORKER = textwrap.dedent(
    """
    import sys
    from accord.store import AuditEvent, open_store

    url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_store(url, audit_batch_size=7)  # small batches: many interleaved transactions
    for i in range(n):
        store.audit.emit(AuditEvent(tenant="shared", action="chat.completions", user=name, tokens_in=i))
        store.audit.emit(AuditEvent(tenant=name, action="chat.completions", user=name, tokens_in=i))
        store.spend.add("tenant:shared", "2025-01", 0.5)
    store.close()
    print("done", name)
    """
)


@pytest.mark.slow
def test_two_processes_extend_one_chain(db_url: str) -> None:
    n = 100
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db_url, name, str(n)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name in ("w1", "w2")
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.startswith("done")
    store = open_store(db_url)
    try:
        result = store.audit.verify()
        assert result.ok, f"{result.first_bad}: {result.reason}"
        assert result.checked == 4 * n
        assert result.heads["shared"][0] == 2 * n and result.heads["w1"][0] == n and result.heads["w2"][0] == n
        assert store.spend.get("tenant:shared", "2025-01") == pytest.approx(2 * n * 0.5)
    finally:
        store.close()
