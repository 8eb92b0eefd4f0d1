"""Exporters: plain data in, file out (ICS, EML, DOCX, XLSX, PDF). No database, no Qt."""
