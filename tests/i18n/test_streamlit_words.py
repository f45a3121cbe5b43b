"""Streamlit's own words the script renames (ui/i18n/streamlit_words.py): each place and phrase as the installed
Streamlit frontend writes it, and each phrase's words in the session's language. (What a real browser shows:
tests/browser/test_browser_streamlit_words.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit

from ui.i18n import speaking
from ui.i18n.streamlit_words import PLACES, SIZE_UNITS, streamlit_words_data

FRONTEND = Path(streamlit.__file__).parent / "static" / "static" / "js"

#: Phrases the product words better than Streamlit does, in English too (Streamlit's -> ours).
REWORDED = {"Add files": "Choose another file", " files are not allowed.": "Files of this type are not allowed.",
            "AxiosError: Network Error": "Could not send the file: no connection to the server",
            "AxiosError: Request failed with status code {status}":
                "Could not send the file: the server answered with error {status}",
            "AxiosError: {reason}": "Upload failed"}

#: A failed upload's reason is the web-request library's error as a string: its name, ": ", its message.
LIBRARY_ERROR = "AxiosError: "

HOLE = re.compile(r"\{(\w+)\}")

#: Phrases that are only holes and punctuation ("{file}, {size}"): Streamlit's own, what fills the holes rewritten.
HOLES_ONLY = {phrase for place in PLACES for phrase, ours in place.phrases if ours is None}


@pytest.fixture(scope="module")
def frontend() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in FRONTEND.glob("*.js"))


def in_the_frontend(phrase: str, frontend: str) -> bool:
    """Whether the frontend's code holds ``phrase``: in template literals, each hole a ``${...}``; a phrase with
    no hole may also be a lone end (an empty hole: "} files are not allowed.`") or Markdown's bold."""
    words = HOLE.split(phrase)[::2]
    if len(words) == 1:
        return any(written in frontend for written in (f"`{phrase}`", f"}}{phrase}`", f"**{phrase}**"))
    pieces = [f"`{words[0]}${{", *(f"}}{middle}${{" for middle in words[1:-1]), f"}}{words[-1]}`"]
    return all(piece in frontend for piece in pieces if piece not in ("`${", "}`"))


def library_error_in_the_frontend(message: str, frontend: str) -> bool:
    """Whether the frontend's web-request library (axios, the one of its files that names its errors "AxiosError")
    makes an error with ``message`` ("Network Error"; "Request failed with status code {status}", the status added
    to its words; a lone hole: any of its messages), and a file uploader's chip gives such an error as
    ``error.toString()``: "AxiosError: Network Error"."""
    library = [path.read_text(encoding="utf-8") for path in FRONTEND.glob("*.js")
               if "this.name=`AxiosError`" in path.read_text(encoding="utf-8")]
    words = HOLE.split(message)[::2]
    made = {1: f"(`{message}`", 2: f"(`{words[0]}`+"}[len(words)] if words[0] else ""
    return (len(library) == 1 and made in library[0]
            and re.search(r"errorMessage:\w+\(\w+\)", frontend) is not None
            and re.search(r"\w+ instanceof Error\?\w+\.toString\(\)", frontend) is not None)


def test_every_place_and_phrase_is_written_by_the_installed_streamlit_frontend(frontend):
    for place in PLACES:
        for test_id in re.findall(r'data-testid="(\w+)"', place.selector):
            assert f"`{test_id}`" in frontend, test_id  # as Streamlit's code writes a test id
        for phrase, _ours in place.phrases:
            if phrase.startswith("Press {key} to "):  # built as `Press Enter to ${e}`, e being `apply` or `submit form`
                assert "`Press Enter to ${" in frontend and f"`{phrase.removeprefix('Press {key} to ')}`" in frontend
                continue
            if phrase.startswith(LIBRARY_ERROR):
                assert library_error_in_the_frontend(phrase.removeprefix(LIBRARY_ERROR), frontend), phrase
                continue
            assert in_the_frontend(phrase, frontend), phrase
        if place.or_after:  # a toolbar button's name and what the element is: `${label}: ${context}`
            assert place.or_after == ": {context}" and re.search(r"`\$\{\w+\}: \$\{\w+\}`", frontend), place
        if place.before[0]:
            assert f"{place.before[0]}${{" in frontend, place.before  # "Error: ${...}", "**Error**: ${...}"


def test_the_script_is_given_russian_words_in_russian_and_streamlits_own_in_english():
    def phrases(language: str) -> list[tuple[str, str]]:
        with speaking(language):
            return [(streamlit_said, ours) for place in streamlit_words_data()["places"]
                    for streamlit_said, ours in place["phrases"]]

    for streamlit_said, russian in phrases("ru"):
        if streamlit_said in HOLES_ONLY:
            assert russian == streamlit_said and not HOLE.sub("", streamlit_said).strip(", ")
            continue
        assert re.search("[а-яё]", russian, re.IGNORECASE), streamlit_said
        assert russian.endswith(" ") == streamlit_said.endswith(" ")  # "Ошибка: " is followed by the reason
        if streamlit_said not in REWORDED:
            assert HOLE.findall(russian) == HOLE.findall(streamlit_said)  # what fills the hole is kept
    for streamlit_said, english in phrases("en"):
        assert english == REWORDED.get(streamlit_said, streamlit_said)


def test_a_files_size_is_written_as_the_installed_frontend_writes_it(frontend):
    """The script reads a size as Streamlit 1.67 writes it (utils: its units, ``size.toFixed(1)`` then the unit in
    capitals, in a chip's label after the file's name) and rewrites only its decimal point and its unit."""
    assert "[`gb`,`mb`,`kb`,`b`]" in frontend
    assert sorted(SIZE_UNITS) == sorted(unit.upper() for unit in ("gb", "mb", "kb", "b"))
    assert re.search(r"`\$\{\w+\.toFixed\(\w+\)\}\$\{\w+\.toUpperCase\(\)\}`", frontend)
    assert re.search(r"`\$\{\w+\.name\}, \$\{\w+\}`", frontend)  # a chip's aria-label: "<file>, <size>"


def test_a_files_size_is_given_in_russian_units_with_a_decimal_comma_and_in_english_as_streamlit_writes_it():
    with speaking("ru"):
        russian = streamlit_words_data()["sizes"]
    with speaking("en"):
        english = streamlit_words_data()["sizes"]
    assert russian == {"decimal": ",", "units": {"B": "{number}\u00a0Б", "KB": "{number}\u00a0КБ",
                                                  "MB": "{number}\u00a0МБ", "GB": "{number}\u00a0ГБ"}}
    assert english == {"decimal": ".", "units": {unit: "{number}" + unit for unit in SIZE_UNITS}}
