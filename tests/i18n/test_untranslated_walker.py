"""The walker of tests/i18n/untranslated.py finds English wherever a page can show it, and nothing in Russian.

Two small pages are walked: one all in Russian (with the words allowed to stay
as they are), and the same page with one English string in each kind of place
a learner reads, including an f-string that was never a message at all.
"""

from __future__ import annotations

import textwrap

import pytest

from tests.i18n import untranslated
from tests.i18n.untranslated import State, english_words, walk

PAGE = '''
import base64
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

W = {words!r}
st.set_page_config(page_title=W["page title"])
st.title(W["title"])
count = 3
st.markdown(W["markdown"].format(count=count))
st.caption(W["caption"])
st.latex(r"\\text{{" + W["latex"] + r"}} = 0{{,}}5")
st.info(W["info"])
st.button(W["button"], help=W["help"], key="press")
st.selectbox(W["selectbox"], [1], format_func=lambda n: W["option"] + str(n), key="pick")
st.text_input(W["text_input"], placeholder=W["placeholder"], key="type")
with st.expander(W["expander"]):
    st.write(W["write"])
first, second = st.tabs([W["tab"], "Второй"])
st.metric(W["metric"], W["metric value"])
st.page_link("https://example.org", label=W["page_link"])
st.dataframe(pd.DataFrame({{W["column"]: [W["cell"]]}}), hide_index=True)
figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name=W["trace"], hovertemplate=W["hover"] + " %{{x}}<extra></extra>"))
figure.update_layout(title=W["chart title"], xaxis_title=W["axis"])
figure.add_annotation(x=1, y=3, text=W["annotation"])
st.plotly_chart(figure, key="chart")
svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>' + W["svg"] + '</text></svg>'
st.image("data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), caption=W["image caption"])
st.html('<p title="' + W["html title"] + '">' + W["html"] + '</p><style>p {{ color: red }}</style>')
with st.spinner(W["spinner"]):
    pass
'''

RUSSIAN = {
    "page title": "Смотрим, как учится сеть",
    "title": "Смотрим, как учится нейронная сеть",
    "markdown": "Это сеть из книги Tariq Rashid *Make Your Own Neural Network*: матрицы `wih` и `who`, "
                "{count} узла, 28x28 пикселей, ссылка https://example.org/?lang=ru, метод `train` и MNIST.",
    "caption": "Скорость обучения 0,3, learning_rate, hidden_errors, 5 мс",
    "latex": "ошибка",
    "info": "Нажмите «Старт».",
    "button": "Старт",
    "help": "Начать обучение.",
    "selectbox": "Набор данных",
    "option": "набор ",
    "text_input": "Ваше имя",
    "placeholder": "например, Аня",
    "expander": "Код",
    "write": "Функция `query` — прямой проход.",
    "tab": "Первый",
    "metric": "Точность",
    "metric value": "97,3 %",
    "page_link": "Дальше",
    "column": "вес",
    "cell": "вход 1 → скрытый 2",
    "trace": "ошибка",
    "hover": "образец",
    "chart title": "Кривая ошибки",
    "axis": "образцы",
    "annotation": "минимум",
    "svg": "входной слой",
    "image caption": "Схема сети",
    "html title": "подсказка",
    "html": "Сеть учится.",
    "spinner": "Загружаю MNIST…",
}

#: Each place, with an English string put there (and the English word the walker must report).
ENGLISH = {
    "page title": ("Watch it learn", "Watch"),
    "title": ("Watch it learn", "Watch"),
    "markdown": ("{count} samples trained", "samples"),  # an f-string's result: never a message
    "caption": ("Скорость обучения 0.3", "number:0.3"),  # a number written the English way
    "latex": ("error", "error"),
    "info": ("Press Start.", "Press"),
    "button": ("Start", "Start"),
    "help": ("Begin training.", "Begin"),
    "selectbox": ("Data set", "Data"),
    "option": ("set ", "set"),
    "text_input": ("Your name", "Your"),
    "placeholder": ("for example, Ann", "example"),
    "expander": ("The code", "code"),
    "write": ("Функция `query` is the forward pass.", "forward"),
    "tab": ("First", "First"),
    "metric": ("Accuracy", "Accuracy"),
    "metric value": ("97.3%", "number:97.3"),
    "page_link": ("Next", "Next"),
    "column": ("weight", "weight"),
    "cell": ("input 1 → hidden 2", "hidden"),
    "trace": ("error", "error"),
    "hover": ("sample", "sample"),
    "chart title": ("Error curve", "curve"),
    "axis": ("samples", "samples"),
    "annotation": ("lowest", "lowest"),
    "svg": ("input layer", "layer"),
    "image caption": ("The network", "network"),
    "html title": ("a hint", "hint"),
    "html": ("It learns.", "learns"),
    "spinner": ("Loading MNIST…", "Loading"),
}


def walked(tmp_path, words: dict) -> list:
    script = tmp_path / "page.py"
    script.write_text(textwrap.dedent(PAGE.format(words=words)))
    return walk(State(str(script), "test", lambda: untranslated.opened(str(script))))


def test_a_page_all_in_russian_has_no_english_left(tmp_path):
    found = walked(tmp_path, RUSSIAN)
    assert [item.line() for item in found] == []


@pytest.mark.parametrize("place", ENGLISH)
def test_english_in_any_place_a_learner_reads_is_found(tmp_path, place):
    english, word = ENGLISH[place]
    found = walked(tmp_path, {**RUSSIAN, place: english})
    assert [word] == [w for item in found for w in item.words if w == word], [item.line() for item in found]
    assert len(found) == 1, [item.line() for item in found]


def test_a_word_with_a_latin_look_alike_letter_is_found():
    assert english_words("Нажмитe «Старт»") == ["mixed:Нажмитe"]  # a Latin e at the end


def test_addresses_code_names_sizes_and_the_books_title_are_not_english():
    allowed = ("См. https://example.org/page?lang=ru и ?presenter=1; сеть 784-100-10 на 28x28, "
               "wih, who, hidden_errors, learning_rate, train, query, inputs, targets, numpy, scipy, "
               "MNIST, XOR, Make Your Own Neural Network, Tariq Rashid, 5 ms, 1e-05, 127.0.0.1")
    assert english_words(allowed) == []
