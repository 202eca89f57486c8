"""What a person types: the passphrase (its minimum, its strength shown while typing, the passphrase
file a command reads it from) and the recovery key (shown in groups, read back forgivingly, as it
was written down by hand).

No keys are made or opened here; that is crypto.py (the key file) and key_wrap.py (the wrapping).
"""

from __future__ import annotations

import base64
from pathlib import Path

from opvoed_desktop.i18n import _
from opvoed_desktop.storage.crypto_errors import EncryptionError

MIN_PASSPHRASE = 10  # characters; strength() says more than this minimum
RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, written down in 8 groups of 4


class PassphraseFileError(EncryptionError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("Het wachtwoordbestand {path} kan niet worden gelezen of is leeg; kijk of de naam klopt.").format(
                path=path
            )
        )


class WeakPassphraseError(EncryptionError):
    def __init__(self) -> None:
        super().__init__(
            _("Kies een wachtwoord van minstens {n} tekens, liefst een paar losse woorden.").format(n=MIN_PASSPHRASE)
        )


def read_passphrase_file(path: Path) -> str:
    """The passphrase is the file's first line (a trailing newline is not part of it)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise PassphraseFileError(Path(path)) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise PassphraseFileError(Path(path))
    return lines[0]


# Passphrase strength -------------------------------------------------------------------------------
def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise WeakPassphraseError()


def strength(passphrase: str) -> int:
    """0 (too short) .. 4 (strong): a rough estimate of the guesses an attacker needs.

    Length counts most (a sentence of four ordinary words beats a short jumble); repeated
    characters and runs count for little. It is a guide shown while typing, not a gate beyond
    the minimum length.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        return 0
    distinct = len(set(passphrase))
    classes = sum(
        bool(any(test(c) for c in passphrase))
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    words = len([w for w in passphrase.split() if len(w) >= 3])
    score = 1
    if len(passphrase) >= 14 and distinct >= 8:
        score += 1
    if len(passphrase) >= 20 and distinct >= 10:
        score += 1
    if classes >= 3 or words >= 4:
        score += 1
    return min(score, 4)


def strength_label(score: int) -> str:
    return (
        _("te kort"),
        _("zwak"),
        _("redelijk"),
        _("goed"),
        _("sterk"),
    )[max(0, min(score, 4))]


# Recovery key --------------------------------------------------------------------------------------
def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """Forgiving about case, spaces and dashes (it was written down by hand); None if not one."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Handwriting: O for zero and I/L for one do not occur in base32, so read them as meant.
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32:
        return None
    try:
        return base64.b32decode(cleaned)
    except ValueError:
        return None
