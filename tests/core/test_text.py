import pytest

from fieldkit.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Núñez", "nunez"),
        ("Ch'uxña", "chuxna"),
        ("QUISPE  Mamani", "quispe mamani"),
        ("Pamparomás", "pamparomas"),
        ("Aija-La Merced", "aija la merced"),
        ("Œuvre ç", "oeuvre c"),
    ],
)
def test_fold_ignores_accents_case_and_apostrophes(text: str, folded: str) -> None:
    assert fold(text) == folded
