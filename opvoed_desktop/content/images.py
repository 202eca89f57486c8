"""Pictures on slides (`Afbeelding: file` in a `::: scherm` block), checked without Qt.

The content check runs in the CLI and in the gettext extractor, where no Qt is loaded, so an
image is judged by its extension and its first bytes; PNG and JPEG sizes come from their headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _

IMAGES_FOLDER = "afbeeldingen"
EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
# Start-of-frame markers that carry the size; C4, C8 and CC are other segment kinds.
_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_SVG_TAG = re.compile(rb"<svg[\s>]")


@dataclass(frozen=True, slots=True)
class ImageInfo:
    kind: str  # png, jpeg, svg
    width: int = 0  # 0 when unknown (SVG)
    height: int = 0


class ImageError(AppError):
    """An unusable picture; the message is a sentence for the content author."""


def images_dir(content_root: Path) -> Path:
    return content_root / IMAGES_FOLDER


def find_content_root(source: Path) -> Path:
    """The content folder a file belongs to: the nearest ancestor holding `afbeeldingen/`.

    `load_file` is also called on single files (the gettext extractor), without the root.
    """
    for folder in source.resolve().parents:
        if (folder / IMAGES_FOLDER).is_dir():
            return folder
    return source.parent


def image_path(content_root: Path, name: str) -> Path:
    return images_dir(content_root) / name


def probe(path: Path) -> ImageInfo:
    """The kind and size of a picture, or ImageError saying why it cannot be used."""
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise ImageError(
            _("'{name}' is geen PNG-, JPEG- of SVG-bestand (de naam eindigt niet op .png, .jpg, .jpeg of .svg)").format(
                name=path.name
            )
        )
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except FileNotFoundError:
        raise ImageError(
            _("de afbeelding '{name}' staat niet in de map {folder}/").format(name=path.name, folder=IMAGES_FOLDER)
        ) from None
    except OSError as exc:
        raise ImageError(
            _("de afbeelding '{name}' kan niet gelezen worden ({reason})").format(name=path.name, reason=exc.strerror)
        ) from None
    if kind == "png":
        if not head.startswith(_PNG_MAGIC) or head[12:16] != b"IHDR":
            raise ImageError(_("'{name}' heet .png maar is geen PNG-afbeelding").format(name=path.name))
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        return ImageInfo(kind, width, height)
    if kind == "jpeg":
        if not head.startswith(_JPEG_MAGIC):
            raise ImageError(_("'{name}' heet .jpg maar is geen JPEG-afbeelding").format(name=path.name))
        width, height = _jpeg_size(head)
        return ImageInfo(kind, width, height)
    if not _SVG_TAG.search(head.lstrip(b"\xef\xbb\xbf")[:4096]):
        raise ImageError(_("'{name}' heet .svg maar is geen SVG-tekening").format(name=path.name))
    return ImageInfo(kind)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first start-of-frame segment; (0, 0) if it is beyond `data`."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _JPEG_SOF:
            return int.from_bytes(data[i + 7 : i + 9], "big"), int.from_bytes(data[i + 5 : i + 7], "big")
        i += 2 + length
    return 0, 0


def check_name(name: str) -> str | None:
    """Why `name` is not a plain file name inside the images folder, or None when it is."""
    if not name or "/" in name or "\\" in name or name.startswith(".") or ".." in name:
        return _("geef alleen de bestandsnaam van de afbeelding, zonder map (de afbeelding staat in {folder}/)").format(
            folder=IMAGES_FOLDER
        )
    return None
