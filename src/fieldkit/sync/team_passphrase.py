"""The team's passphrase for exchange files: asked once, remembered on this laptop in the
system's keyring where one exists (never in the workspace), and what an unencrypted file holds.

Exchange files are encrypted by default; writing one without a passphrase is an explicit choice
(`--no-passphrase`, a checkbox in the window), told what the file then gives away. Where no
keyring works (a machine without a secret service, as in CI), nothing is stored: the passphrase
is asked each time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from fieldkit.i18n import ngettext

SERVICE = "fieldkit"


@dataclass(frozen=True)
class ContactCounts:
    """How many people an exchange file holds, and how many of them with each contact detail."""

    people: int = 0
    phones: int = 0
    emails: int = 0
    id_cards: int = 0


def _account(workspace: Path) -> str:
    """The keyring entry of one workspace (a team's), without its path in clear."""
    digest = hashlib.sha256(str(workspace.resolve()).encode("utf-8")).hexdigest()[:24]
    return f"exchange-passphrase-{digest}"


def keyring_usable() -> bool:
    """True when the system has a keyring that can keep secrets (not keyring's fail/null ones)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        return float(getattr(backend, "priority", 0)) > 0
    except Exception:  # a broken secret service is no keyring
        return False


def remembered(workspace: Path) -> str | None:
    """The team passphrase remembered for this workspace, if any."""
    if not keyring_usable():
        return None
    try:
        import keyring

        return keyring.get_password(SERVICE, _account(workspace)) or None
    except Exception:
        return None


def remember(workspace: Path, passphrase: str) -> bool:
    """Keep the passphrase in the keyring; False when there is none (it is then asked again)."""
    if not passphrase or not keyring_usable():
        return False
    try:
        import keyring

        keyring.set_password(SERVICE, _account(workspace), passphrase)
    except Exception:
        return False
    return True


def forget(workspace: Path) -> None:
    if not keyring_usable():
        return
    try:
        import keyring

        keyring.delete_password(SERVICE, _account(workspace))
    except Exception:
        return


def plain_contents_text(counts: ContactCounts) -> str:
    """What an unencrypted file gives away to anyone who gets it, in one sentence."""
    return ngettext(
        "Not encrypted: anyone who gets the file can read it, with {count} person of whom "
        "{phones} with a phone number, {emails} with an e-mail address and {cards} with an "
        "ID-card number.",
        "Not encrypted: anyone who gets the file can read it, with {count} people of whom "
        "{phones} with a phone number, {emails} with an e-mail address and {cards} with an "
        "ID-card number.",
        counts.people,
    ).format(count=counts.people, phones=counts.phones, emails=counts.emails, cards=counts.id_cards)
