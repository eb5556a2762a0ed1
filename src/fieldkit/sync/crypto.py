"""Passphrase encryption of exchange files, in the `age` format (through pyrage).

These files carry names and phone numbers of people who may be at risk. `age` is a small, well
reviewed format that the `age` and `rage` tools also open. Its passphrase recipient derives the key
with scrypt, whose work factor is written in the file's header: it is read and capped before any
work is done, so a crafted file cannot make the app spend minutes and gigabytes.
"""

from __future__ import annotations

import pyrage

from fieldkit.core.errors import InvalidInput
from fieldkit.i18n import _
from fieldkit.sync.fileformat import AGE_MAGIC, MAX_SCRYPT_LOG_N

_HEADER_LIMIT = 4096


def encrypt(data: bytes, passphrase: str) -> bytes:
    return bytes(pyrage.passphrase.encrypt(data, passphrase))


def scrypt_work_factor(data: bytes) -> int:
    """The log2 work factor of an age passphrase file, from its header; InvalidInput otherwise."""
    header = data[:_HEADER_LIMIT]
    if not header.startswith(AGE_MAGIC) or b"\n---" not in header:
        raise InvalidInput(_("The encrypted file is damaged: its header cannot be read."))
    stanzas = [
        line for line in header[: header.index(b"\n---")].split(b"\n") if line.startswith(b"-> ")
    ]
    scrypt = [line.split() for line in stanzas if line.split()[1:2] == [b"scrypt"]]
    if len(stanzas) != 1 or len(scrypt) != 1 or len(scrypt[0]) != 4:
        raise InvalidInput(_("The file is encrypted for a key, not with a passphrase."))
    try:
        return int(scrypt[0][3])
    except ValueError:
        raise InvalidInput(_("The encrypted file is damaged: its header cannot be read.")) from None


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    if passphrase is None:
        raise InvalidInput(_("This file is encrypted; give the passphrase it was made with."))
    log_n = scrypt_work_factor(data)
    if not 1 <= log_n <= MAX_SCRYPT_LOG_N:
        raise InvalidInput(
            _("The encrypted file asks for an unreasonable amount of work to open; refused.")
        )
    try:
        return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        raise InvalidInput(
            _("The passphrase does not open this file, or the file is damaged.")
        ) from None
