from __future__ import annotations

import pytest

from opvoed_desktop.content import Library, load_library
from tests.conftest import EXERCISE, PART, ContentWriter

MARKER = "GEHEIM-7f3a"

PRIVATE_EXERCISE = EXERCISE.replace(
    "Vertel wat we gaan doen.", f"Vertel wat we gaan doen. {MARKER}-instructie"
).replace("Begin op tijd.", f"Begin op tijd. {MARKER}-tip")

BACKGROUND = """
---
id: achtergrond-x
kind: background
order: 10
title: Waarom
---
Tekst voor de begeleider.

::: scherm
Eerste scherm
- een punt
:::

::: scherm
Tweede scherm
Vraag: Wat vind jij?
:::
"""


@pytest.fixture
def small_library(write_content: ContentWriter) -> Library:
    write_content("deel.md", PART)
    write_content("oefening.md", PRIVATE_EXERCISE)
    write_content("achtergrond.md", BACKGROUND)
    library = load_library(write_content("deel.md", PART).parent)
    assert not library.errors, library.errors
    return library
