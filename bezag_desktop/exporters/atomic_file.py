"""Write an export beside its target and move it into place (minutes, attendance sheet, lists, e-mail).

A failure (disk full, the file open in Word or Excel) never leaves half a file in place of a good
one. ``tempfile.mkstemp`` creates its file readable by the owner only (0600); the finished export
gets the permissions of the file it replaces, or the usual 0644, so colleagues on a shared drive
can open it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from bezag_desktop.domain.errors import UserError

DEFAULT_MODE = 0o644


def file_mode(path: Path) -> int:
    """The permissions the finished file gets: those of the file it replaces, or ``DEFAULT_MODE``."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return DEFAULT_MODE


def replace_atomic(target: str | Path, write: Callable[[str], object], *, program: str) -> Path:
    """Call ``write(temp_path)``, then move the temp file onto ``target``.

    ``program`` ("Word", "Excel", "Outlook") names what may hold the file open, for the German
    message when the target is locked or not writable.
    """
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix or ".tmp", dir=path.parent)
        os.close(fd)
        try:
            write(tmp)
            if os.name == "posix":
                os.chmod(tmp, file_mode(path))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except PermissionError as exc:
        raise UserError(
            f"„{path}“ kann nicht geschrieben werden. Ist die Datei noch in {program} geöffnet? Bitte schließen "
            "und erneut versuchen."
        ) from exc
    except OSError as exc:
        raise UserError(f"„{path}“ kann nicht geschrieben werden: {exc.strerror or exc}.") from exc
    return path
