"""docs/secrets.md is tested: every rule is listed, and the Python examples run with the results shown."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from accord.detect.secrets import RULES

DOC = Path(__file__).resolve().parents[3] / "docs" / "secrets.md"


def test_every_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [rule.id for rule in RULES if f"`{rule.id}`" not in text]
    assert not missing, f"add these rules to docs/secrets.md (scripts/eval_secrets.py --rules-table): {missing}"


def test_python_examples_run_and_show_their_results() -> None:
    """Each statement runs; an expression followed by a `# -> value` line must evaluate to that value."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks
    checked = 0
    for block in blocks:
        lines = block.splitlines()
        namespace: dict[str, object] = {}
        for node in ast.parse(block).body:
            following = lines[node.end_lineno] if node.end_lineno is not None and node.end_lineno < len(lines) else ""
            if isinstance(node, ast.Expr) and following.startswith("# -> "):
                got = eval(compile(ast.Expression(node.value), "<docs>", "eval"), namespace)
                assert got == ast.literal_eval(following[5:]), ast.unparse(node)
                checked += 1
            else:
                exec(compile(ast.Module([node], type_ignores=[]), "<docs>", "exec"), namespace)
    assert checked >= 2
