"""Text folding for search and duplicate detection: accents, case and punctuation ignored."""

import unicodedata

_APOSTROPHES = "'’ʼʻ`´‘"
# Letters that Unicode does not decompose but that people type as two.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


class _Kept(dict[int, str | None]):
    """What each character of a decomposed text becomes: dropped (a combining accent, an
    apostrophe), kept (a letter or digit) or a space; worked out once per character, so folding is
    one `str.translate` instead of a Python loop over the characters (an import folds the names of
    every person of the workspace)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = None
        if not (unicodedata.combining(char) or char in _APOSTROPHES):
            kept = char if char.isalnum() else " "
        self[code] = kept
        return kept


_KEPT = _Kept()


def fold(text: str) -> str:
    """'Ch'uxña Núñez' -> 'chuxna nunez': what a person types when searching."""
    if text.isascii():  # nothing to decompose, and casefold() is lower() there
        decomposed = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return " ".join(decomposed.translate(_KEPT).split())


def search_key(*parts: str | None) -> str:
    """The folded words of a record, space-separated, for prefix search."""
    return fold(" ".join(part for part in parts if part))
