"""Remember on this computer: the database key in the OS keyring, for a person who chose not to type
the passphrase at every start. Without a keyring (a bare Linux session) nothing is remembered and
the passphrase is asked, as before."""

from __future__ import annotations

import contextlib

from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import keys

KEYRING_SERVICE = "opvoed-desktop"


def remember(paths: DataPaths, key: bytes) -> bool:
    """Keep the database key in the OS keyring; False when this computer has none to offer."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, str(paths.root), key.hex())
    except Exception:  # no keyring backend (a bare Linux session), locked, refused: not remembered
        return False
    return True


def remembered_key(paths: DataPaths) -> bytes | None:
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, str(paths.root))
    except Exception:
        return None
    try:
        key = bytes.fromhex(value) if value else None
    except ValueError:
        return None
    return key if key is not None and len(key) == keys.KEY_BYTES else None


def forget_remembered(paths: DataPaths) -> None:
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, str(paths.root))
