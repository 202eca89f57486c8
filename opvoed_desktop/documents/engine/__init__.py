"""The one text engine of every PDF: Unicode bidi per line, HarfBuzz shaping, glyphs in visual order.

Why it exists: reportlab's right-to-left support reorders *words* after line breaking
(`bidiWordList`), which drops and repeats words around brackets and full stops, and it does not
shape Arabic. Here every paragraph goes through the same steps, each from a complete
implementation of the standard:

1. Bidi levels of the whole paragraph (`bidi.paragraph_levels`): the Unicode Bidirectional
   Algorithm of python-bidi's Rust backend (the `unicode-bidi` crate: explicit embeddings and
   isolates, weak types, bracket pairs N0, neutrals). We chose it over ICU (PyICU has wheels only
   from a third party, 50 MB, none for macOS arm64), fribidi (no maintained binding with wheels)
   and our own UBA (a standard this subtle should not be re-implemented): python-bidi is already a
   dependency, has wheels everywhere and is maintained. Its API gives only the reordered string,
   without mirroring; the levels come from its documented `debug` output (checked by tests, pinned
   below 0.7), and mirroring is done by HarfBuzz (see 4).
2. Fonts per character (`fontrun`): the script's font, then Latin, with neutral characters
   (spaces, brackets, digits) following their neighbours.
3. Line breaking on the widths HarfBuzz measured (`layout`).
4. Per line: rule L1 and L2 (`bidi.line_levels`, `bidi.visual_runs`), each run shaped by HarfBuzz
   in its own direction (`shaping`), which applies the font's joining, ligatures, mark positions
   and mirrors brackets at odd levels (rule L4).
5. Drawing (`pdfdraw`): the glyphs in visual order by our own code, each glyph mapped back to its
   characters in the font's ToUnicode map, and each word wrapped in an `/ActualText` span whose
   text pdftotext puts back into logical order (`extraction`).
"""
