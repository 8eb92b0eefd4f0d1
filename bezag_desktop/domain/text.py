"""Text helpers: umlaut- and case-insensitive search keys, XML-safe user text."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "o"})
#: Characters XML 1.0 forbids (all C0 controls but tab, newline, carriage return) and lone surrogates.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def fold(text: str) -> str:
    """ "Müller" -> "muller", "Straße" -> "strasse": for search as you type."""
    text = text.casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def xml_safe(text: str | None) -> str:
    """User text without the control characters that XML 1.0 (DOCX, XLSX) forbids."""
    return _XML_FORBIDDEN.sub("", text or "")
