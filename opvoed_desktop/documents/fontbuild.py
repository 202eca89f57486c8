"""Build the fonts shipped in resources/fonts from Debian's fonts-noto-core (a maintainer tool).

Run: `.venv/bin/python -m opvoed_desktop.documents.fontbuild [NOTO_DIR]`.

Why not ship Noto as-is for Arabic script and Ge'ez:
- reportlab switches its bidi off for a paragraph with inline font markup, so a right-to-left
  paragraph needs one font that covers Arabic *and* Latin, digits and punctuation (addresses,
  websites, "CJG"). Noto Sans Arabic has no Latin letters; Noto Sans Ethiopic has no digits or
  Latin at all. We merge a Latin subset of Noto Sans into each.
- reportlab does not run OpenType shaping, so we shape with arabic_reshaper (Unicode presentation
  forms). Pashto and Sorani letters (ټ ښ ګ ڼ ێ ڵ …) have no presentation forms in Unicode; their
  joining forms exist only as glyphs reached through the font's GSUB. We give those glyphs
  private-use code points and write the table of forms next to the font
  (`<font>.forms.json`), which documents/shaping.py feeds to the reshaper.
The results are renamed (OFL: a modified font gets its own name) and licensed under the OFL.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

from opvoed_desktop.paths import resources_dir

LATIN_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2010, 0x2027), (0x2030, 0x203A), (0x20AC, 0x20AC), (0x2122, 0x2122))
FORM_FEATURES = ("isol", "init", "medi", "fina")
PUA_START = 0xF500
STYLES = ("Regular", "Bold")


def _latin_subset(noto_dir: Path, style: str, out: Path) -> None:
    font = TTFont(noto_dir / f"NotoSans-{style}.ttf")
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    sub = subset.Subsetter(options)
    unicodes = [c for lo, hi in LATIN_RANGES for c in range(lo, hi + 1)]
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    font.save(out)


def _single_substitutions(font: TTFont, feature: str) -> dict[str, str]:
    gsub = font["GSUB"].table
    mapping: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != feature:
            continue
        for index in record.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[index]
            for table in lookup.SubTable:
                if lookup.LookupType == 7:
                    table = table.ExtSubTable
                if getattr(table, "mapping", None):
                    for src, dst in table.mapping.items():
                        mapping.setdefault(src, dst)
    return mapping


def _add_pua_forms(font: TTFont) -> dict[str, list[str]]:
    """Give joining forms without a Unicode presentation form a private-use code point."""
    import arabic_reshaper.letters as rl

    cmap = font.getBestCmap()
    features = {f: _single_substitutions(font, f) for f in FORM_FEATURES}
    glyph_to_code = {g: c for c, g in cmap.items()}
    table: dict[str, list[str]] = {}
    extra: dict[int, str] = {}
    next_code = PUA_START
    for code in range(0x0620, 0x0700):
        char = chr(code)
        glyph = cmap.get(code)
        if glyph is None or not any(glyph in features[f] for f in ("init", "medi", "fina")):
            continue
        known = rl.LETTERS_ARABIC.get(char)
        forms = [char]
        for feature in ("init", "medi", "fina"):
            target = features[feature].get(glyph)
            slot = FORM_FEATURES.index(feature)
            if target is None:
                forms.append("")
            elif known and known[slot] and ord(known[slot]) in cmap:
                forms.append(known[slot])
            elif target in glyph_to_code:
                forms.append(chr(glyph_to_code[target]))
            else:
                extra[next_code] = target
                glyph_to_code[target] = next_code
                forms.append(chr(next_code))
                next_code += 1
        if known is None or any(f and not k for f, k in zip(forms[1:], known[1:], strict=True)):
            table[char] = forms
    for sub in font["cmap"].tables:
        if sub.isUnicode():
            sub.cmap.update(extra)
    return table


def _rename(font: TTFont, family: str, style: str) -> None:
    postscript = f"{family.replace(' ', '')}-{style}"
    names = {
        1: family,
        2: style,
        3: f"{postscript};opvoed-desktop",
        4: f"{family} {style}",
        6: postscript,
        16: family,
        17: style,
    }
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names]
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def build(noto_dir: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for style in STYLES:
            latin = work / f"latin-{style}.ttf"
            _latin_subset(noto_dir, style, latin)
            for source, family, shaped in (
                ("NotoSansArabic", "Opvoed Sans Arabic", True),
                ("NotoSansEthiopic", "Opvoed Sans Ethiopic", False),
            ):
                font = TTFont(noto_dir / f"{source}-{style}.ttf")
                forms = _add_pua_forms(font) if shaped else {}
                for tag in ("GSUB", "GPOS", "GDEF", "morx", "kerx"):
                    if tag in font:
                        del font[tag]
                base = work / f"{source}-{style}.ttf"
                font.save(base)
                merged = Merger().merge([str(base), str(latin)])
                _rename(merged, family, style)
                target = out_dir / f"{family.replace(' ', '')}-{style}.ttf"
                merged.save(target)
                written.append(target)
                if shaped:
                    forms_path = target.with_suffix(".forms.json")
                    lines = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(forms.items())]
                    forms_path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
                    written.append(forms_path)
    return written


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/noto")
    for path in build(source, resources_dir() / "fonts"):
        print(path)
    for style in STYLES:
        shutil.copyfile(source / f"NotoSans-{style}.ttf", resources_dir() / "fonts" / f"NotoSans-{style}.ttf")
