"""`make eval`: detector quality on ../shared/data. Runs the PII evaluation (presidio-research synthetic set,
eval split, and a generated realistic-prompt set), then the secrets and injection evaluations when their
scripts exist (they are owned by those capabilities and run as subprocesses)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    import eval_pii  # type: ignore[import-not-found]  # sibling script
    import gen_pii_prompts  # type: ignore[import-not-found]

    rc = eval_pii.main(["--part", "eval"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "prompts.jsonl")
        gen_pii_prompts.main(["--n", "600", "--seed", "2", "--out", str(out)])
        rc |= eval_pii.main(["--data", str(out), "--part", "all"])
    for name in ("eval_secrets.py", "eval_injection.py"):
        script = HERE / name
        if script.exists():
            print(f"\n== {name}", flush=True)
            rc |= subprocess.run([sys.executable, str(script)], check=False).returncode
        else:
            print(f"\n== {name}: not present yet, skipped")
    return rc


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
