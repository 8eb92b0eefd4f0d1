"""The shape of the code: modules and functions stay small enough to read.

No module over about 600 lines unless its docstring says why (a line starting with "Long module:"),
no function over about 80 lines. The limits leave a little slack so that one more line does not fail
a change; a module or function that grows past them is split, not exempted silently.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bezag_desktop"
MODULE_LINES = 620
FUNCTION_LINES = 85


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts]


def test_no_module_is_long_without_a_reason() -> None:
    long = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if lines > MODULE_LINES and "Long module:" not in doc:
            long.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines")
    assert not long, "Modules over the limit without a reason at the top:\n" + "\n".join(long)


def test_no_function_is_too_long() -> None:
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}: {length} lines")
    assert not long, "Functions over the limit:\n" + "\n".join(long)
