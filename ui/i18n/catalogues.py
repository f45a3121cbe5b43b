"""The translation catalogues: where they are, which code each one covers, and loading them.

One catalogue (gettext domain) per part of the product, so the words of one page
can be worked on without touching another's. The .po files are the only copy:
they are compiled in memory the first time a language is needed (a few tens of
milliseconds), so no compiled file can fall behind its source. Every domain of a
language is merged into one lookup, loaded once per process: the catalogues are
the same for everyone; which language a session speaks is not (ui.i18n.current).
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

#: ui/i18n/locales/<language>/LC_MESSAGES/<domain>.po
LOCALES = Path(__file__).parent / "locales"

#: The project's root, which the source patterns below are relative to.
ROOT = Path(__file__).resolve().parents[2]

#: domain -> the source files whose words it holds (glob patterns from the project's root).
#: A file belongs to the first domain that names it, so "shared" (last) holds what the others leave.
DOMAINS = {
    "live": ("pages/1_Watch_it_learn.py", "ui/live/*.py"),
    "step": ("pages/2_Step_through.py", "ui/step/*.py", "ui/question_words.py", "ui/stage_titles.py",
             "ui/worked_example.py"),
    "mnist": ("pages/3_MNIST_workshop.py", "ui/mnist/*.py"),
    "classroom": ("pages/4_Classroom.py", "ui/classroom/*.py", "ui/classroom/**/*.py"),
    "pictures": ("ui/charts.py", "ui/network_diagram.py", "ui/picture_words.py", "ui/node_names.py",
                 "ui/palettes.py", "ui/saved_work.py"),
    "shared": ("dashboard.py", "ui/*.py", "ui/settings/*.py", "ui/i18n/*.py"),
}

#: The languages that have catalogues (English is the source text and needs none).
TRANSLATED = ("ru",)


def catalogue_path(language: str, domain: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


def read(domain: str, language: str) -> Catalog:
    with catalogue_path(language, domain).open("rb") as file:
        return read_po(file, locale=language, domain=domain)


def compiled(catalogue: Catalog) -> bytes:
    """The catalogue as gettext's binary .mo (fuzzy entries left out, as gettext does)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """Every domain's catalogue for ``language``, compiled and merged into one lookup with the language's plural rule."""
    merged: gettext.NullTranslations = gettext.NullTranslations()
    for domain in DOMAINS:
        if not catalogue_path(language, domain).exists():
            continue
        loaded = Translations(io.BytesIO(compiled(read(domain, language))), domain=domain)
        merged = loaded if not isinstance(merged, Translations) else merged.merge(loaded)
    return merged
