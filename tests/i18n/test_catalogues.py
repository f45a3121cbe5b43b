"""The Russian catalogues are complete and in step with the code.

Every message the code marks is in its domain's catalogue, translated, not
fuzzy, with the same placeholders as the English, and with Russian's three
plural forms where the English has two.
"""

from __future__ import annotations

import gettext

import pytest

from ui.i18n import ngettext, speaking, upkeep
from ui.i18n.catalogues import DOMAINS, TRANSLATED, catalogue_path, read, translations


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_the_code_marks_is_in_the_catalogue(domain, language):
    in_code = {message.id for message in upkeep.extract(domain) if message.id}
    in_catalogue = {message.id for message in read(domain, language) if message.id}
    missing = sorted(str(message) for message in in_code - in_catalogue)
    assert not missing, f"run `python -m ui.i18n update`, then translate: {missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_update_would_change_nothing_in_a_committed_catalogue(domain, language):
    """Byte for byte what ``python -m ui.i18n update`` writes: the code's order and Babel's wrapping. A message
    moved in the code, or a translation wrapped by hand, fails here, not in the next person's ``update``."""
    assert upkeep.written(upkeep.update(domain, language)).decode() == catalogue_path(language, domain).read_text(
        encoding="utf-8"), "run `python -m ui.i18n update` and commit what it writes"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated_with_the_same_placeholders(domain, language):
    assert upkeep.problems(read(domain, language)) == []


def test_russian_has_three_plural_forms_chosen_by_the_last_digits():
    catalogue = read("shared", "ru")
    assert catalogue.num_plurals == 3
    plural = gettext.c2py(catalogue.plural_expr)
    forms = {n: plural(n) for n in (1, 2, 5, 11, 12, 21, 22, 25, 101, 111)}
    # 1, 21, 101: образец; 2, 22: образца; 5, 11, 12, 25, 111: образцов
    assert [n for n, form in forms.items() if form == 0] == [1, 21, 101]
    assert [n for n, form in forms.items() if form == 1] == [2, 22]
    assert [n for n, form in forms.items() if form == 2] == [5, 11, 12, 25, 111]


def test_a_message_no_catalogue_has_stays_in_english_and_english_is_the_source():
    with speaking("ru"):
        assert translations("ru").gettext("not a message of this product") == "not a message of this product"
        assert ngettext("{n} apple", "{n} apples", 5) == "{n} apples"
    with speaking("en"):
        assert ngettext("{n} sample", "{n} samples", 1) == "{n} sample"
        assert ngettext("{n} sample", "{n} samples", 2) == "{n} samples"


def test_the_menu_is_translated_through_the_merged_catalogue():
    from ui.i18n import _
    from ui.menu import PAGES

    with speaking("ru"):
        names = [_(label) for _path, label, _icon, _teaches in PAGES]
    with speaking("en"):
        english = [_(label) for _path, label, _icon, _teaches in PAGES]
    assert english == [label for _path, label, _icon, _teaches in PAGES]
    assert all(name != source and any("а" <= letter <= "я" for letter in name.lower())
               for name, source in zip(names, english))


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_message_in_two_parts_is_translated_the_same_in_both(language):
    """The parts are merged into one lookup, so two translations of one English message would be a lottery."""
    seen: dict = {}
    clashes = []
    for domain in DOMAINS:
        for message in read(domain, language):
            if not message.id or not message.string:
                continue
            key = (message.context, message.id if isinstance(message.id, str) else tuple(message.id))
            string = message.string if isinstance(message.string, str) else tuple(message.string)
            if key in seen and seen[key][1] != string:
                clashes.append(f"{key[1]!r}: {seen[key][0]} says {seen[key][1]!r}, {domain} says {string!r}")
            seen.setdefault(key, (domain, string))
    assert clashes == []
