"""DOCX → PDF: the real conversion with LibreOffice where installed, the rest with a fake runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from bezag_desktop.domain.errors import UserError
from bezag_desktop.exporters import pdf

needs_soffice = pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")


def _docx(tmp_path: Path, text: str = "Niederschrift Prüfung äöü") -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    path = tmp_path / "quelle.docx"
    d.save(str(path))
    return path


@pytest.mark.slow
@needs_soffice
def test_libreoffice_makes_a_pdf_a(tmp_path: Path) -> None:
    target = pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "aus" / "ziel.pdf", timeout=240)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"pdfaid:part" in data  # PDF/A identification in the XMP metadata
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Niederschrift Prüfung äöü" in text


def test_missing_converter_message_with_empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BEZAG_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    monkeypatch.setattr(pdf, "_install_candidates", list)
    monkeypatch.setattr(pdf, "word_installed", lambda: False)
    assert pdf.find_converter() is None
    assert not pdf.converter_available()
    with pytest.raises(UserError) as err:
        pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "x.pdf")
    assert "LibreOffice oder Microsoft Word" in err.value.message
    assert "keines von beiden wurde auf diesem Rechner gefunden" in err.value.message


def test_find_soffice_on_a_given_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BEZAG_SOFFICE", raising=False)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    assert pdf.find_soffice(str(tmp_path)) == str(fake)
    assert pdf.find_soffice(str(tmp_path / "leer")) is None
    monkeypatch.setenv("BEZAG_SOFFICE", str(fake))
    assert pdf.find_soffice() == str(fake)


def test_windows_install_folders_are_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert exe in pdf._windows_candidates()


class FakeRunner:
    """Records calls; writes the PDF the way the converter would (or not)."""

    def __init__(self, produce: bool = True, accept_pdfa: bool = True, timeout: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.produce, self.accept_pdfa, self.timeout = produce, accept_pdfa, timeout

    def __call__(self, cmd: list[str], **kwargs) -> subprocess.CompletedProcess[bytes]:
        self.calls.append(cmd)
        assert kwargs["timeout"] > 0
        if self.timeout:
            raise subprocess.TimeoutExpired(cmd, kwargs["timeout"])
        if "--convert-to" in cmd:
            wants_pdfa = cmd[cmd.index("--convert-to") + 1] == pdf.PDFA_FILTER
            if self.produce and (self.accept_pdfa or not wants_pdfa):
                outdir = Path(cmd[cmd.index("--outdir") + 1])
                (outdir / (Path(cmd[-1]).stem + ".pdf")).write_bytes(b"%PDF-1.6 fake")
        elif self.produce:
            target = Path(cmd[4]) if cmd[1] == "-c" else None
            if target is not None:
                target.write_bytes(b"%PDF-1.7 word")
        return subprocess.CompletedProcess(cmd, 0 if self.produce else 1, b"", b"source file could not be loaded")


def test_soffice_command_uses_pdfa_filter_and_private_profile(tmp_path: Path) -> None:
    run = FakeRunner()
    conv = pdf.Converter("libreoffice", "/opt/lo/soffice")
    out = pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "z.pdf", converter=conv, run=run, timeout=5)
    assert out.read_bytes().startswith(b"%PDF")
    (cmd,) = run.calls
    assert cmd[0] == "/opt/lo/soffice"
    assert "--headless" in cmd
    assert (
        cmd[cmd.index("--convert-to") + 1] == 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
    )
    assert any(a.startswith("-env:UserInstallation=file://") for a in cmd)


def test_old_libreoffice_falls_back_to_plain_pdf(tmp_path: Path) -> None:
    run = FakeRunner(accept_pdfa=False)
    conv = pdf.Converter("libreoffice", "soffice")
    pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "z.pdf", converter=conv, run=run)
    assert [c[c.index("--convert-to") + 1] for c in run.calls] == [pdf.PDFA_FILTER, "pdf"]


def test_failed_conversion_and_timeout_in_german(tmp_path: Path) -> None:
    conv = pdf.Converter("libreoffice", "soffice")
    with pytest.raises(UserError, match="keine PDF-Datei erzeugt"):
        pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "z.pdf", converter=conv, run=FakeRunner(produce=False))
    with pytest.raises(UserError, match="nicht innerhalb von 7 Sekunden"):
        pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "z.pdf", converter=conv, run=FakeRunner(timeout=True), timeout=7)
    assert not (tmp_path / "z.pdf").exists()


def test_word_commands(tmp_path: Path) -> None:
    run = FakeRunner()
    conv = pdf.Converter("word-pywin32", "python.exe")
    pdf.convert_to_pdf(_docx(tmp_path), tmp_path / "w.pdf", converter=conv, run=run)
    cmd = run.calls[0]
    assert cmd[:2] == ["python.exe", "-c"]
    assert "ExportAsFixedFormat" in cmd[2]
    assert "UseISO19005_1=True" in cmd[2]
    script = pdf.powershell_script(Path("C:/A b/it's.docx"), Path("C:/out.pdf"))
    assert "New-Object -ComObject Word.Application" in script
    assert "'C:/A b/it''s.docx'" in script
    ps = pdf.word_command(pdf.Converter("word-powershell", "powershell.exe"), Path("a.docx"), Path("a.pdf"))
    assert ps[:3] == ["powershell.exe", "-NoProfile", "-NonInteractive"]


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="gibt es nicht"):
        pdf.convert_to_pdf(tmp_path / "fehlt.docx", tmp_path / "x.pdf", converter=pdf.Converter("libreoffice", "s"))
