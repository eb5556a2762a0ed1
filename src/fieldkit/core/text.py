"""Text folding for search and duplicate detection: accents, case and punctuation ignored."""

import unicodedata

_APOSTROPHES = "'’ʼʻ`´‘"
# Letters that Unicode does not decompose but that people type as two.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def fold(text: str) -> str:
    """'Ch'uxña Núñez' -> 'chuxna nunez': what a person types when searching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    kept = []
    for char in decomposed:
        if unicodedata.combining(char) or char in _APOSTROPHES:
            continue
        kept.append(char if char.isalnum() else " ")
    return " ".join("".join(kept).split())


def search_key(*parts: str | None) -> str:
    """The folded words of a record, space-separated, for prefix search."""
    return fold(" ".join(part for part in parts if part))
