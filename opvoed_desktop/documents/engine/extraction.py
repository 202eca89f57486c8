"""The text a line gives when copied out of the PDF: logical order, for pdftotext (poppler).

Glyphs are drawn in visual order. pdftotext reads a line's characters from left to right and puts
them back with a simple rule of its own, not the bidi algorithm (`reorderText` in poppler's
TextOutputDev.cc): on a page with more right-to-left than left-to-right letters it reads from the
right, reversing every stretch without left-to-right letters or digits and keeping the other
stretches as they are; on other pages it reads from the left the other way round. Neutral
characters go with whichever stretch reaches them first, so a bracket or full stop beside a
Dutch name inside Arabic text ends up on the wrong side, and mirrored brackets come out turned.

So each word carries an `/ActualText` whose characters are arranged such that poppler's rule gives
back the logical text exactly (`reading_string`), with an invisible LRM or RLM where its rule
needs one to end a stretch. These are small pure functions, tested against a model of poppler's
rule (`poppler_order`) and against pdftotext itself.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

LRM, RLM = "\u200e", "\u200f"
# Bidi controls and marks: invisible, left out of the copied text (they only steer the display).
CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
_STRIP = dict.fromkeys(map(ord, CONTROLS))
# No-break spaces (ours keep phone numbers on one line) are copied as plain spaces, so that a
# search for "030 123 45 67" finds the number.
_PLAIN = {**_STRIP, 0x00A0: " ", 0x2007: " ", 0x202F: " "}


def poppler_kind(char: str) -> str:
    """How poppler classes a character: "L" left-to-right letter, "R" right-to-left letter,
    "#" number or number punctuation (digits, + - . , / : and the like), "N" anything else."""
    if char == LRM:
        return "L"
    if char == RLM:
        return "R"
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN", "ES", "ET", "CS"):
        return "#"
    return "N"


def poppler_order(text: str, primary_lr: bool) -> str:
    """A model of how pdftotext turns a line's characters, read left to right, into text."""
    out: list[str] = []
    n = len(text)
    if primary_lr:
        i = 0
        while i < n:
            j = i
            while j < n and poppler_kind(text[j]) != "R":
                j += 1
            out.append(text[i:j])
            i = j
            while j < n and poppler_kind(text[j]) not in "L#":
                j += 1
            out.append(text[i:j][::-1])
            i = j
    else:
        i = n
        while i > 0:
            j = i
            while j > 0 and poppler_kind(text[j - 1]) not in "L#":
                j -= 1
            out.append(text[j:i][::-1])
            i = j
            while j > 0 and poppler_kind(text[j - 1]) != "R":
                j -= 1
            out.append(text[j:i])
            i = j
    return "".join(out)


def visible(text: str) -> str:
    """The text without bidi controls and marks, white space collapsed: what a reader compares."""
    return " ".join(text.translate(_STRIP).split())


def _chunks(text: str, primary_lr: bool) -> list[tuple[bool, str]]:
    """The logical text cut into stretches poppler keeps (True) or reverses (False), in order."""
    chunks: list[tuple[bool, str]] = []
    keep = primary_lr  # a left-to-right page starts with a kept stretch, a right-to-left one not
    current: list[str] = []
    for char in text:
        kind = poppler_kind(char)
        fits = kind != "R" if keep else kind not in "L#"
        if not fits:
            chunks.append((keep, "".join(current)))
            keep, current = not keep, []
        current.append(char)
    chunks.append((keep, "".join(current)))
    return chunks


def _spaces_forward(chunks: list[tuple[bool, str]], primary_lr: bool) -> list[tuple[bool, str]]:
    """Move the spaces that end a stretch needing a closing mark to the start of the next one, so
    the mark stays beside the word and the words of the reading string are the drawn words."""
    out = list(chunks)
    for index in range(len(out) - 1):
        keep, chunk = out[index]
        needs_mark = (not keep and primary_lr) or (keep and not primary_lr)
        stripped = chunk.rstrip()
        if needs_mark and stripped and len(stripped) < len(chunk):
            out[index] = (keep, stripped)
            out[index + 1] = (out[index + 1][0], chunk[len(stripped) :] + out[index + 1][1])
    return out


@lru_cache(maxsize=8192)
def reading_string(logical: str, primary_lr: bool) -> str:
    """Characters in the left-to-right order poppler will read back as `logical` (marks aside).

    A stretch that poppler reverses must end, on its left, where a kept stretch begins, and each
    stretch must stop exactly at its border: a kept stretch must end (on the side where poppler
    starts the next one) with a letter of its own direction or a digit, a reversed one with a
    right-to-left letter. Where the text has a neutral character there instead, a mark is added.
    """
    text = logical.translate(_PLAIN)
    pieces: list[str] = []
    chunks = _spaces_forward(_chunks(text, primary_lr), primary_lr)
    for index, (keep, chunk) in enumerate(chunks):
        if not chunk:
            continue
        if primary_lr:
            # Read from the left: a kept stretch must start with L/# (unless first), a reversed
            # one must end with an R letter, or poppler moves the border.
            if keep and index > 0 and poppler_kind(chunk[0]) not in "L#":
                chunk = LRM + chunk
            if not keep and poppler_kind(chunk[-1]) != "R":
                chunk = chunk + RLM
            pieces.append(chunk if keep else chunk[::-1])
        else:
            # Read from the right: a reversed stretch must start with an R letter (unless first),
            # a kept one must end with L/#.
            if not keep and index > 0 and poppler_kind(chunk[0]) != "R":
                chunk = RLM + chunk
            if keep and poppler_kind(chunk[-1]) not in "L#":
                chunk = chunk + LRM
            pieces.append(chunk if keep else chunk[::-1])
    if primary_lr:
        return "".join(pieces)
    return "".join(reversed(pieces))


@lru_cache(maxsize=8192)
def word_texts(
    logical: str, reading: str, visual_words: tuple[str, ...], primary_lr: bool
) -> tuple[str, ...] | None:
    """`reading` cut into one text per visual word (left to right), or None when the words of the
    two do not hold the same characters or poppler would not read the joined words as `logical`."""
    tokens: list[str] = []
    for token in reading.split():
        if tokens and not token.translate(_STRIP):
            tokens[-1] += token  # a lone mark stays with the word before it
        elif not tokens or tokens[-1].translate(_STRIP):
            tokens.append(token)
        else:
            tokens[-1] += token
    if len(tokens) != len(visual_words):
        return None
    for token, word in zip(tokens, visual_words, strict=True):
        if Counter(token.translate(_STRIP)) != Counter(word.translate(_STRIP)):
            return None
    joined = " ".join(tokens)
    if visible(poppler_order(joined, primary_lr)) != visible(logical):
        return None
    return tuple(tokens)


@lru_cache(maxsize=8192)
def needs_span(logical: str, visual_words: tuple[str, ...], primary_lr: bool) -> bool:
    """False when poppler reads the glyphs' own characters right: a line without right-to-left
    letters on a left-to-right page, drawn in logical order."""
    if not primary_lr or any(poppler_kind(c) == "R" for c in logical):
        return True
    return " ".join(visual_words).translate(_STRIP).split() != logical.translate(_STRIP).split()


@lru_cache(maxsize=8192)
def letter_balance(text: str) -> int:
    """Left-to-right letters minus right-to-left ones: poppler's vote for a page's direction."""
    balance = 0
    for char in text:
        kind = poppler_kind(char)
        if kind == "L":
            balance += 1
        elif kind == "R":
            balance -= 1
    return balance
