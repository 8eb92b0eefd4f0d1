"""Lint, format, types and the layer contract are part of the test command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "cmd",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("lint-imports",),
        ("mypy",),
    ],
    ids=["ruff-check", "ruff-format", "import-linter", "mypy"],
)
def test_tool_passes(cmd: tuple[str, ...]) -> None:
    exe = BIN / cmd[0]
    result = _run(str(exe), *cmd[1:])
    assert result.returncode == 0, result.stdout + result.stderr
