"""DOCX → PDF for the archive and for sending (issue 7, item 4).

Converters, in this order:

1. LibreOffice (``soffice``) headless, asking for PDF/A-2 via the export filter's JSON options
   (LibreOffice 7.4 and later); when that version does not understand the options, plain PDF.
   ``BEZAG_SOFFICE`` names the program explicitly; otherwise it is looked up on ``PATH`` and in the
   usual install folders on Windows and macOS.
2. On Windows, Microsoft Word through COM: with pywin32 when it happens to be installed (it is no
   dependency), otherwise through PowerShell's COM bridge, which every Windows has.

Each conversion runs as a child process with a time limit, so a hanging office program never
freezes BezAG Desktop. When neither converter exists, a German message says what is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bezag_desktop.domain.errors import UserError

#: PDF/A-2b through the writer_pdf_Export filter (SelectPdfVersion 2 = PDF/A-2b).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PLAIN_FILTER = "pdf"
DEFAULT_TIMEOUT = 180.0

MISSING_MESSAGE = (
    "Für die PDF-Ausgabe wird LibreOffice oder Microsoft Word benötigt, aber keines von beiden wurde "
    "auf diesem Rechner gefunden. Bitte LibreOffice installieren (kostenlos, www.libreoffice.org) – "
    "oder die DOCX-Datei speichern und in Word über „Speichern unter → PDF“ umwandeln."
)

Runner = Callable[..., subprocess.CompletedProcess[Any]]


@dataclass(frozen=True)
class Converter:
    """A found converter: ``kind`` is "libreoffice", "word-pywin32" or "word-powershell"."""

    kind: str
    program: str

    @property
    def label(self) -> str:
        return "LibreOffice" if self.kind == "libreoffice" else "Microsoft Word"


def _windows_candidates() -> list[Path]:
    roots = [os.environ.get(k, "") for k in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    out: list[Path] = []
    for root in dict.fromkeys(r for r in roots if r):
        base = Path(root)
        out.append(base / "LibreOffice" / "program" / "soffice.exe")
        out.extend(sorted(base.glob("LibreOffice*/program/soffice.exe"), reverse=True))
        out.append(base / "Programs" / "LibreOffice" / "program" / "soffice.exe")
    return out


def find_soffice(path: str | None = None) -> str | None:
    """The LibreOffice program, or None. ``path`` replaces ``PATH`` for the lookup (tests)."""
    explicit = os.environ.get("BEZAG_SOFFICE", "").strip()
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice", "soffice.exe"):
        found = shutil.which(name, path=path)
        if found:
            return found
    if path is not None:
        return None
    for c in _install_candidates():
        if c.is_file():
            return str(c)
    return None


def _install_candidates() -> list[Path]:
    """The usual install folders when ``soffice`` is not on ``PATH`` (Windows installs never add it)."""
    if sys.platform == "win32":
        return _windows_candidates()
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [
        Path("/opt/libreoffice/program/soffice"),
        Path("/usr/lib/libreoffice/program/soffice"),
        *sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True),
    ]


def word_installed() -> bool:
    """Whether Word registered its COM class (Windows only)."""
    if sys.platform != "win32":
        return False
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"):
            return True
    except OSError:
        return False


def find_converter(path: str | None = None) -> Converter | None:
    soffice = find_soffice(path)
    if soffice:
        return Converter("libreoffice", soffice)
    if path is None and word_installed():
        frozen = getattr(sys, "frozen", False)
        if not frozen and importlib.util.find_spec("win32com") is not None:
            return Converter("word-pywin32", sys.executable)
        powershell = shutil.which("powershell") or shutil.which("powershell.exe")
        if powershell:
            return Converter("word-powershell", powershell)
    return None


def converter_available(path: str | None = None) -> bool:
    return find_converter(path) is not None


def soffice_command(program: str, source: Path, outdir: Path, profile: Path, *, pdfa: bool = True) -> list[str]:
    """The headless conversion call; a private profile keeps a running LibreOffice from taking it over."""
    return [
        program,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        PDFA_FILTER if pdfa else PLAIN_FILTER,
        "--outdir",
        str(outdir),
        str(source),
    ]


_PYWIN32_SCRIPT = """
import sys, win32com.client
src, dst = sys.argv[1], sys.argv[2]
word = win32com.client.DispatchEx("Word.Application")
word.Visible = False
word.DisplayAlerts = 0
try:
    doc = word.Documents.Open(src, ConfirmConversions=False, ReadOnly=True, AddToRecentFiles=False)
    try:
        doc.ExportAsFixedFormat(dst, 17, UseISO19005_1=True)
    finally:
        doc.Close(False)
finally:
    word.Quit()
"""


def _ps_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def powershell_script(source: Path, target: Path) -> str:
    """Word via COM from PowerShell: ExportAsFixedFormat(..., wdExportFormatPDF=17, UseISO19005_1=PDF/A)."""
    return (
        "$ErrorActionPreference = 'Stop'; "
        "$w = New-Object -ComObject Word.Application; $w.Visible = $false; $w.DisplayAlerts = 0; "
        f"try {{ $d = $w.Documents.Open({_ps_quote(str(source))}, $false, $true, $false); "
        f"try {{ $d.ExportAsFixedFormat({_ps_quote(str(target))}, 17, $false, 0, 0, 1, 1, 0, $true, $true, 0, "
        "$true, $true, $true) } finally { $d.Close($false) } } finally { $w.Quit() }"
    )


def word_command(conv: Converter, source: Path, target: Path) -> list[str]:
    if conv.kind == "word-pywin32":
        return [conv.program, "-c", _PYWIN32_SCRIPT, str(source), str(target)]
    return [conv.program, "-NoProfile", "-NonInteractive", "-Command", powershell_script(source, target)]


def _run(run: Runner, cmd: Sequence[str], timeout: float, label: str) -> subprocess.CompletedProcess[Any]:
    kwargs: dict[str, Any] = {"capture_output": True, "timeout": timeout, "check": False}
    if sys.platform == "win32":
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    try:
        return run(list(cmd), **kwargs)
    except subprocess.TimeoutExpired as exc:
        raise UserError(
            f"{label} hat die PDF-Datei nicht innerhalb von {int(timeout)} Sekunden erzeugt. Ist das Programm "
            "vielleicht mit einem offenen Dialog beschäftigt? Bitte schließen und erneut versuchen."
        ) from exc
    except OSError as exc:
        raise UserError(f"{label} konnte nicht gestartet werden: {exc.strerror or exc}.") from exc


def _stderr(result: subprocess.CompletedProcess[Any]) -> str:
    raw = (result.stderr or b"") + (result.stdout or b"")
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())[:300]


def convert_to_pdf(
    source: str | Path,
    target: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    pdfa: bool = True,
    converter: Converter | None = None,
    run: Runner = subprocess.run,
) -> Path:
    """Convert ``source`` (.docx) to ``target`` (.pdf); raises ``UserError`` in German on any failure."""
    src = Path(source).resolve()
    dst = Path(target)
    if not src.is_file():
        raise UserError(f"Die Datei „{src}“ gibt es nicht.")
    conv = converter or find_converter()
    if conv is None:
        raise UserError(MISSING_MESSAGE)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bezag-pdf-") as tmp:
        work = Path(tmp)
        produced = work / (src.stem + ".pdf")
        if conv.kind == "libreoffice":
            profile = work / "profil"
            result = _run(run, soffice_command(conv.program, src, work, profile, pdfa=pdfa), timeout, conv.label)
            if not produced.is_file() and pdfa:
                # LibreOffice before 7.4 does not parse the JSON filter options: plain PDF then
                result = _run(run, soffice_command(conv.program, src, work, profile, pdfa=False), timeout, conv.label)
        else:
            result = _run(run, word_command(conv, src, produced), timeout, conv.label)
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = _stderr(result)
            raise UserError(
                f"{conv.label} hat aus „{src.name}“ keine PDF-Datei erzeugt" + (f" ({detail})" if detail else "") + "."
            )
        try:
            shutil.move(str(produced), str(dst))
        except PermissionError as exc:
            raise UserError(
                f"„{dst}“ kann nicht geschrieben werden. Ist die PDF-Datei noch geöffnet? Bitte schließen und "
                "erneut versuchen."
            ) from exc
        except OSError as exc:
            raise UserError(f"„{dst}“ kann nicht geschrieben werden: {exc.strerror or exc}.") from exc
    return dst
