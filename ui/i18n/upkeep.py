"""Keeping the catalogues in step with the code: extract, update, compile, and what is still missing.

Run ``python -m ui.i18n update`` (extract every domain's English from the code
and add it to each language's .po), then translate the new entries in the .po
files. ``python -m ui.i18n check`` lists what is still untranslated, fuzzy or
mismatched; tests/i18n fails on the same list. Nothing needs compiling by hand:
ui.i18n.catalogues compiles the .po files when the dashboard first loads them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from ui.i18n.catalogues import DOMAINS, ROOT, catalogue_path, read

PROJECT = "nn-dashboard"
#: A comment above a message starting with this goes to the translator ("# Translators: a button").
COMMENT_TAG = "Translators:"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def source_files(domain: str) -> list[Path]:
    """The files whose words belong to ``domain``, in a stable order: those it names that no domain before it names."""
    def named_by(name: str) -> set[Path]:
        return {path for pattern in DOMAINS[name] for path in ROOT.glob(pattern) if path.is_file()}

    earlier = list(DOMAINS)[:list(DOMAINS).index(domain)]
    taken = set().union(*(named_by(name) for name in earlier))
    return sorted(named_by(domain) - taken)


def extract(domain: str) -> Catalog:
    """Every message the code of ``domain`` marks (``_``, ``N_``, ``ngettext``, ``pgettext`` ...)."""
    template = Catalog(project=PROJECT, fuzzy=False)
    for path in source_files(domain):
        for lineno, message, comments, context in extract_from_file(
            "python", path, keywords=DEFAULT_KEYWORDS, comment_tags=(COMMENT_TAG,), strip_comment_tags=True,
        ):
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            template.add(message, locations=[(path.relative_to(ROOT).as_posix(), None)],
                         auto_comments=comments, context=context)
    return template


def update(domain: str, language: str) -> Catalog:
    """``language``'s catalogue for ``domain`` with the code's messages now: new ones empty, gone ones obsolete.

    No fuzzy matching: an edited English sentence gets an empty translation, so the
    tests ask for it to be translated again rather than trusting an old guess.
    """
    path = catalogue_path(language, domain)
    if path.exists():
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language, domain=domain)
    else:
        catalogue = Catalog(locale=language, domain=domain, project=PROJECT, fuzzy=False)
    template = extract(domain)
    template.creation_date = catalogue.creation_date  # the header stays put, so catalogues merge cleanly
    catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
    return catalogue


def written(catalogue: Catalog) -> bytes:
    """The .po for people: in the code's order, wrapped as Babel wraps at 100 columns, locations without line
    numbers so edits elsewhere don't churn it. A catalogue edited by hand must read the same as this (the tests
    say so): otherwise the next ``update`` moves and re-wraps its entries, in a change about something else."""
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def write(catalogue: Catalog, domain: str, language: str) -> None:
    path = catalogue_path(language, domain)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(written(catalogue))


def problems(catalogue: Catalog) -> list[str]:
    """What keeps ``catalogue`` from being complete: one line per message."""
    found = []
    plurals = catalogue.num_plurals
    for message in catalogue:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        where = f"{catalogue.domain}: {source!r}"
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy:
            found.append(f"{where} is fuzzy")
        if not all(strings):
            found.append(f"{where} is not translated")
            continue
        if isinstance(message.id, (tuple, list)) and len(strings) != plurals:
            found.append(f"{where} has {len(strings)} plural forms, not {plurals}")
        sources = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        wanted = set(_PLACEHOLDER.findall(sources[-1]))
        for string in strings:
            if set(_PLACEHOLDER.findall(string)) != wanted:
                found.append(f"{where}: the translation {string!r} has placeholders "
                             f"{sorted(set(_PLACEHOLDER.findall(string)))}, not {sorted(wanted)}")
    return found
