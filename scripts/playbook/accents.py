"""Accents typed or left out: "médico" and "medico" read the same to the compliance checks.

Responders type Spanish on phones and keyboards that may not give them an
accent, and patterns in compliance.yaml are plain ASCII (see
compliance.portability_error). So before matching, each precomposed Latin
letter with a diacritic becomes its base letter, one character for one, so
that offsets in the text do not move: á→a, É→E, ñ→n, ü→u, ç→c. Combining
marks typed separately are left as they are (one character each).
"""
from __future__ import annotations

import unicodedata


def _table() -> dict[int, str]:
    out = {}
    for cp in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            out[cp] = base
    return out


FOLD_TABLE = _table()


def fold_accents(text: str) -> str:
    return text.translate(FOLD_TABLE)
