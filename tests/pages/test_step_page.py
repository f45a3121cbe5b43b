"""The step-through page shows exactly the numbers NeuralNetwork.trace computed, and its controls work.

Every number printed in a stage's formulas is read back from the rendered LaTeX
and compared with the trace of the same network and sample, to the precision
the page states (4 significant figures). The tests that read numbers back run in
English and in Russian (the ``lang`` fixture), where every number must be written
with the decimal comma: ``0{,}7311`` in a formula, ``0,7311`` in text.
"""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from conftest import message_text, url
from nn import NeuralNetwork
from nn.gradient_check import check_gradients, sample_error
from nn.teaching_sets import TEACHING_SETS
from nn.training import TrainingRun
from ui.i18n import speaking
from ui.session import Lab
from ui.step.record import record_step

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "2_Step_through.py")
THREE = "3-3-3: the book's first network"
DIGITS = "5x5 digits"

# A number as the page prints it: 4 significant figures, very small or large ones as a \times10^{n};
# with a decimal point (English), or a decimal comma: 0{,}7311 in a formula, 0,7311 in text (Russian).
# Not a weight's index: who[2,1].
NUMBER = re.compile(r"(?<![\w\[,.])(-?\d+(?:\.\d*|\{,\}\d*|,\d+))(?:\\times10\^\{(-?\d+)\})?")
#: How each language writes the decimal sign, in a formula or in text.
DECIMAL_SIGNS = {"en": (".",), "ru": ("{,}", ",")}
#: Words the tests look for, in each language (written here, not taken from the catalogue).
WORDS = {
    "en": {"stage": "Stage {stage} of 10", "error goes": "error goes from", "applied": "Applied",
           "factor": "factor", "value": "value", "multiplied": "Multiplied out", "largest": "Largest difference",
           "agrees": "agrees to many digits", "slope": "sigmoid slope", "weight": "weight", "matrix": "matrix",
           "backprop": "backprop −Δw/α", "finite": "finite difference", "difference": "difference",
           "printed": "the book's printed weights",
           "unchanged": "not changed", "too big": "too big", "no target": "A hidden node has no target",
           "same way": "points the same way as the exact one", "opposite": "opposite sign",
           "factors": {"who": ["learning rate", "output error at this output node", "sigmoid slope at this node",
                               "signal from the hidden node"],
                       "wih": ["learning rate", "hidden error at this hidden node", "sigmoid slope at this node",
                               "signal from the input node"]}},
    "ru": {"stage": "Этап {stage} из 10", "error goes": "ошибка меняется с", "applied": "Применено",
           "factor": "множитель", "value": "значение", "multiplied": "Произведение", "largest": "Наибольшая разница",
           "agrees": "совпадает до многих знаков", "slope": "производной сигмоиды", "weight": "вес",
           "matrix": "матрица", "backprop": "обратное распространение −Δw/α", "finite": "конечная разность",
           "difference": "разница", "printed": "напечатанных в книге",
           "unchanged": "не изменилась", "too big": "слишком большим",
           "no target": "У скрытого узла нет целевого значения",
           "same way": "направлено так же, как точное", "opposite": "противоположного знака",
           "factors": {"who": ["скорость обучения", "ошибка этого выходного узла", "производная сигмоиды в этом узле",
                               "сигнал от скрытого узла"],
                       "wih": ["скорость обучения", "ошибка этого скрытого узла", "производная сигмоиды в этом узле",
                               "сигнал от входного узла"]}},
}
#: A vector as a learner types it in each language.
TYPED = {"en": lambda values: ", ".join(values), "ru": lambda values: "; ".join(v.replace(".", ",") for v in values)}


@pytest.fixture(params=["en", "ru"])
def lang(request):
    """The page opened in English and in Russian (``?lang=ru``). The test speaks it too, so AppTest shows a
    widget's options the way the page does (its format_func translates them in the session's language)."""
    with speaking(request.param):
        yield request.param


def make_lab(dataset=THREE, hidden=3, bias=False, rule="book", seed=7) -> Lab:
    data = TEACHING_SETS[dataset]
    network = NeuralNetwork(data.input_nodes, hidden, data.output_nodes, 0.3, bias=bias, rule=rule, seed=seed)
    return Lab(dataset, TrainingRun(network, data.inputs, data.targets))


def open_page(lab: Lab, lang: str = "en", **state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lab"] = lab
    if lang != "en":
        at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception
    return at


def table_with(at: AppTest, column: str):
    """The rendered dataframe that has this column (dataframe keys are not exposed to AppTest)."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def plotly_array(value) -> np.ndarray:
    """A plotly JSON array: a plain list, or numpy's bytes as {dtype, bdata, shape}."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return flat.reshape([int(n) for n in str(value.get("shape", len(flat))).split(",")])
    return np.array(value)


def printed_numbers(latex: str, lang: str = "en") -> list[str]:
    """Every number printed in ``latex`` (or text), as Python writes it: "0.7311", "1.235e-5".

    Each must use ``lang``'s decimal sign: a point in English, a comma in Russian.
    """
    found = []
    for mantissa, exponent in NUMBER.findall(latex):
        sign = next((sign for sign in ("{,}", ",", ".") if sign in mantissa), None)
        assert sign in DECIMAL_SIGNS[lang], f"{mantissa} is not written the {lang} way"
        found.append(mantissa.replace(sign, ".") + (f"e{exponent}" if exponent else ""))
    return found


def four_figures(value: float) -> str:
    """What a number looks like at 4 significant figures, written independently of the page."""
    text = f"{value:#.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def assert_shown(printed: list[str], expected: list[float]) -> None:
    assert len(printed) == len(expected), (printed, expected)
    for text, value in zip(printed, expected):
        assert text == four_figures(value), (text, value)
        # and it reads back as the trace's number to within half a unit of the 4th figure
        assert math.isclose(float(text), value, rel_tol=5e-4, abs_tol=1e-300)


def typed_number(text: str) -> float:
    """A number as the page writes it in text, in either language: 0.7311 or 0,7311."""
    return float(text.replace(",", "."))


def stage_latex(at: AppTest) -> list[str]:
    """The stage's LaTeX: formula then the equations with numbers (not the 'why this number' line)."""
    return [element.value for element in at.latex if r"\Delta w &=" not in element.value]


def expected_numbers(stage: int, network: NeuralNetwork, inputs, targets) -> list[float]:
    """The arrays each stage shows, in reading order, from trace (and the copy the update produces)."""
    t = network.trace(inputs, targets)
    h = network.hidden_nodes
    real_hidden = t.hidden_outputs[:h]
    flat = lambda *arrays: [float(v) for a in arrays for v in np.ravel(a)]  # noqa: E731
    if stage == 1:
        return flat(t.inputs, t.targets)
    if stage == 2:
        return flat(network.wih, t.inputs, t.hidden_inputs)
    if stage == 3:
        return flat(t.hidden_inputs, t.hidden_outputs)
    if stage == 4:
        return flat(network.who, t.hidden_outputs, t.final_inputs)
    if stage == 5:
        return flat(t.final_inputs, t.final_outputs, t.targets, t.final_outputs, t.error)
    if stage == 6:
        return flat(t.targets, t.final_outputs, t.output_errors)
    if stage == 7:
        if network.rule == "book":
            return flat(network.who[:, :h].T, t.output_errors, t.hidden_errors)
        return flat(network.who[:, :h].T, t.output_errors, t.final_outputs, t.final_outputs, t.hidden_errors)
    if stage == 8:
        return flat(network.learning_rate, t.output_errors, t.final_outputs, t.final_outputs, t.hidden_outputs,
                    t.delta_who)
    if stage == 9:
        return flat(network.learning_rate, t.hidden_errors, real_hidden, real_hidden, t.inputs, t.delta_wih)
    after = network.copy()
    after.train(inputs, targets)
    return flat(network.who, t.delta_who, after.who, network.wih, t.delta_wih, after.wih,
                t.targets, after.query(inputs), sample_error(after, inputs, targets))


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_every_number_in_every_stage_is_the_number_trace_computed(bias, rule, lang):
    lab = make_lab(bias=bias, rule=rule)
    data = TEACHING_SETS[THREE]
    at = open_page(lab, lang, step_sample=2)
    for stage in range(1, 11):
        at.selectbox(key="step_stage").set_value(stage).run()
        assert not at.exception
        latex = stage_latex(at)
        assert printed_numbers(latex[0], lang) == [], "the first formula is symbols only"
        shown = [n for element in latex[1:] for n in printed_numbers(element, lang)]
        assert_shown(shown, expected_numbers(stage, lab.network, data.inputs[1], data.targets[1]))
        assert WORDS[lang]["stage"].format(stage=stage) in [h.value for h in at.subheader][0]


def test_the_page_states_its_precision():
    at = open_page(make_lab())
    assert any("4 significant figures" in message_text(caption) for caption in at.caption)


def test_stage_10_says_the_error_before_and_after_the_update(lang):
    lab = make_lab()
    at = open_page(lab, lang, step_stage=10)
    data = TEACHING_SETS[THREE]
    after = lab.network.copy()
    before_error = after.train(data.inputs[0], data.targets[0])
    words = next(m.value for m in at.markdown if WORDS[lang]["error goes"] in m.value)
    assert printed_numbers(words, lang) == [four_figures(before_error), four_figures(sample_error(after, data.inputs[0], data.targets[0]))]


def test_stage_10_does_not_call_a_step_that_changed_nothing_too_big(lang):
    # Inputs so negative that every hidden node outputs exactly 0: no who change (the signals are 0) and no
    # wih change (the sigmoid's slope is 0), so the error after is the error before, whatever the learning rate.
    lab = make_lab()
    lab.network.wih[:] = np.abs(lab.network.wih)
    inputs = [-1e6, -1e6, -1e6]
    trace = lab.network.trace(inputs, [0.9, 0.2, 0.4])
    assert not trace.delta_who.any() and not trace.delta_wih.any()
    at = open_page(lab, lang, step_own=True, step_stage=10, step_inputs=TYPED[lang](["-1e6"] * 3),
                   step_targets=TYPED[lang](["0.9", "0.2", "0.4"]))
    words = next(m.value for m in at.markdown if WORDS[lang]["error goes"] in m.value)
    assert printed_numbers(words, lang) == [four_figures(trace.error)] * 2
    assert WORDS[lang]["unchanged"] in words and WORDS[lang]["too big"] not in words, words


@pytest.mark.parametrize("rule, slope_named", [("book", False), ("gradient", True)])
def test_stage_7_explains_the_hidden_errors_of_the_rule_it_computes(lang, rule, slope_named):
    # The gradient's hidden errors send back each output error times its output's sigmoid slope o(1 − o);
    # the book's send back the output errors alone. The explanation says which.
    at = open_page(make_lab(rule=rule), lang, step_stage=7)
    explanation = next(m.value for m in at.markdown if WORDS[lang]["no target"] in m.value)
    assert ("o(1 − o)" in explanation) is slope_named, explanation


def test_next_and_back_move_one_stage_and_stop_at_the_ends():
    at = open_page(make_lab())
    assert at.selectbox(key="step_stage").value == 1
    assert at.button(key="step_back").disabled
    for expected in range(2, 11):
        at.button(key="step_next").click().run()
        assert at.selectbox(key="step_stage").value == expected
    assert at.button(key="step_next").disabled
    at.button(key="step_back").click().run()
    assert at.selectbox(key="step_stage").value == 9
    assert "Stage 9 of 10: the change to wih" == at.subheader[0].value
    assert not at.exception


def test_play_advances_one_stage_per_tick_and_stops_at_the_last():
    at = open_page(make_lab(), step_stage=8)
    at.toggle(key="step_play").set_value(True).run()
    assert not at.exception
    for expected in (9, 10):
        at.session_state["step_last_tick"] = -1e9  # a full period has passed
        at.run()
        assert at.selectbox(key="step_stage").value == expected
    at.session_state["step_last_tick"] = -1e9
    at.run()
    assert at.selectbox(key="step_stage").value == 10
    assert at.toggle(key="step_play").value is False, "play switches itself off at the end"
    assert not at.exception


@pytest.mark.parametrize(
    "inputs, targets, message",
    [
        ("1, 2", "0.5, 0.5, 0.5", "Inputs: expected 3 numbers"),
        ("1, two, 3", "0.5, 0.5, 0.5", "Inputs: number 2 ('two') is not a number"),
        ("1, nan, 3", "0.5, 0.5, 0.5", "Inputs: number 2 must be finite"),
        ("1, 2, inf", "0.5, 0.5, 0.5", "Inputs: number 3 must be finite"),
        ("1, 2, 3", "0.5, 1.0, 0.5", "Targets: number 2 must lie strictly between 0 and 1"),
        ("1, 2, 3", "0, 0.5, 0.5", "Targets: number 1 must lie strictly between 0 and 1"),
        ("1, 2, 3", "0.5, 0.5", "Targets: expected 3 numbers"),
    ],
)
def test_badly_typed_vectors_get_a_message_naming_the_field_and_no_numbers(inputs, targets, message):
    lab = make_lab()
    wih, who = lab.network.wih.copy(), lab.network.who.copy()
    at = open_page(lab, step_own=True)
    at.text_input(key="step_inputs").set_value(inputs)
    at.text_input(key="step_targets").set_value(targets).run()
    assert not at.exception
    assert any(message in message_text(error) for error in at.error), [message_text(e) for e in at.error]
    assert len(at.latex) == 0, "no stage is drawn from a bad vector"
    assert np.array_equal(lab.network.wih, wih) and np.array_equal(lab.network.who, who)


def test_typed_vectors_are_the_ones_stepped_through(lang):
    lab = make_lab(bias=True)
    at = open_page(lab, lang, step_own=True, step_stage=2)
    at.text_input(key="step_inputs").set_value(TYPED[lang](["0.2", "-0.7", "1.5"]))
    at.text_input(key="step_targets").set_value(TYPED[lang](["0.9", "0.2", "0.4"])).run()
    assert not at.error
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(2, lab.network, [0.2, -0.7, 1.5], [0.9, 0.2, 0.4]))


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
def test_apply_changes_the_session_network_by_exactly_the_deltas(bias, lang):
    lab = make_lab(bias=bias)
    data = TEACHING_SETS[THREE]
    at = open_page(lab, lang, step_sample=3)
    before = lab.network.copy()
    trace = before.trace(data.inputs[2], data.targets[2])
    errors_before = len(lab.run.errors)
    at.button(key="step_apply").click().run()
    assert not at.exception
    assert np.array_equal(lab.network.who, before.who + trace.delta_who)
    assert np.array_equal(lab.network.wih, before.wih + trace.delta_wih)
    assert list(lab.run.errors[errors_before:]) == [trace.error], "the live page's history records the step"
    [applied] = [message_text(s) for s in at.success if WORDS[lang]["applied"] in message_text(s)]
    assert [typed_number(n) for n in printed_numbers(applied, lang)] == [
        float(f"{trace.error:.4g}"), float(f"{sample_error(lab.network, data.inputs[2], data.targets[2]):.4g}")]
    # the page now steps through the updated network
    at.selectbox(key="step_stage").set_value(2).run()
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(2, lab.network, data.inputs[2], data.targets[2]))


def test_switching_the_rule_views_a_copy_and_leaves_the_session_network_alone(lang):
    lab = make_lab(rule="book")
    wih, who = lab.network.wih.copy(), lab.network.who.copy()
    data = TEACHING_SETS[THREE]
    at = open_page(lab, lang, step_stage=9)
    at.radio(key="step_rule").set_value("gradient").run()
    assert lab.network.rule == "book"
    exact = lab.network.copy()
    exact.rule = "gradient"
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(9, exact, data.inputs[0], data.targets[0]))
    assert at.button(key="step_apply") if False else not [b for b in at.button if b.key == "step_apply"]
    assert np.array_equal(lab.network.wih, wih) and np.array_equal(lab.network.who, who)


def test_a_fresh_network_is_built_from_the_shown_seed_and_cannot_be_applied(lang):
    lab = make_lab()
    at = open_page(lab, lang, step_stage=2)
    at.radio(key="step_source").set_value("a fresh network").run()
    at.number_input(key="step_seed").set_value(42).run()
    fresh = NeuralNetwork(3, 3, 3, 0.3, seed=42)
    data = TEACHING_SETS[THREE]
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(2, fresh, data.inputs[0], data.targets[0]))
    assert not [b for b in at.button if b.key == "step_apply"]


@pytest.mark.parametrize("matrix, row, column", [("who", 2, 1), ("wih", 0, 3)])
def test_why_this_number_multiplies_out_to_the_delta_in_the_trace(matrix, row, column, lang):
    lab = make_lab(bias=True)
    data = TEACHING_SETS[THREE]
    words = WORDS[lang]
    at = open_page(lab, lang)
    at.radio(key="step_why_matrix").set_value(matrix).run()
    at.selectbox(key=f"step_why_row_{matrix}").set_value(row)
    at.selectbox(key=f"step_why_column_{matrix}").set_value(column).run()
    trace = lab.network.trace(data.inputs[0], data.targets[0])
    delta = (trace.delta_who if matrix == "who" else trace.delta_wih)[row, column]
    factors = table_with(at, words["factor"])
    assert list(factors[words["factor"]]) == words["factors"][matrix]
    errors = trace.output_errors if matrix == "who" else trace.hidden_errors
    outputs = trace.final_outputs if matrix == "who" else trace.hidden_outputs
    incoming = trace.hidden_outputs if matrix == "who" else trace.inputs
    values = [0.3, errors[row], outputs[row] * (1 - outputs[row]), incoming[column]]
    assert math.isclose(np.prod(values), delta, rel_tol=1e-12), "the four factors do make the delta"
    assert [printed_numbers(v, lang)[0] for v in factors[words["value"]]] == [f"{v:#.4g}" for v in values]
    why = next(e.value for e in at.latex if r"\Delta w &=" in e.value)
    assert_shown(printed_numbers(why, lang), [*values, delta])
    said = next(m.value for m in at.markdown if words["multiplied"] in m.value)
    assert printed_numbers(said, lang) == [four_figures(delta), four_figures(delta)]


@pytest.mark.parametrize("rule", ["book", "gradient"])
def test_check_it_shows_backprop_against_finite_differences_weight_by_weight(rule, lang):
    lab = make_lab(bias=True, rule=rule)
    data = TEACHING_SETS[THREE]
    words = WORDS[lang]
    at = open_page(lab, lang)
    table = table_with(at, words["finite"])
    checks = check_gradients(lab.network, data.inputs[0], data.targets[0])
    assert len(table) == len(checks) == lab.network.wih.size + lab.network.who.size
    np.testing.assert_allclose(table[words["backprop"]], [c.backprop for c in checks], rtol=1e-12)
    np.testing.assert_allclose(table[words["finite"]], [c.finite_difference for c in checks], rtol=1e-9)
    who_gap = np.abs(table[words["difference"]][table[words["matrix"]] == "who"]).max()
    wih_gap = np.abs(table[words["difference"]][table[words["matrix"]] == "wih"]).max()
    assert who_gap < 1e-9
    if rule == "gradient":
        assert wih_gap < 1e-9
        assert any(words["agrees"] in message_text(s) for s in at.success)
    else:
        assert wih_gap > 1e-3
        assert any(words["slope"] in message_text(i) for i in at.info)
    summary = next(m.value for m in at.markdown if m.value.startswith(words["largest"]))
    assert printed_numbers(summary, lang) == [four_figures(who_gap), four_figures(wih_gap)]


def test_check_it_tells_a_one_output_network_what_its_book_wih_changes_are(lang):
    # With one output node the book's hidden errors are the exact ones divided by that node's slope o(1 − o):
    # measured on every XOR sample, never smaller, never of the other sign, so the page must not say they can be.
    lab = make_lab(dataset="XOR", hidden=4, rule="book")
    data = TEACHING_SETS["XOR"]
    for inputs, targets in zip(data.inputs, data.targets):
        record = record_step(lab.network, inputs, targets)
        book, exact = record.trace.delta_wih, record.other_rule.delta_wih
        assert np.all(np.sign(book) == np.sign(exact)) and np.all(np.abs(book) >= 4 * np.abs(exact))
    at = open_page(lab, lang)
    said = " ".join(message_text(i) for i in at.info if WORDS[lang]["slope"] in message_text(i))
    assert WORDS[lang]["same way"] in said and WORDS[lang]["opposite"] not in said, said


def test_a_network_wider_than_6_nodes_shows_its_arrays_as_heatmaps_holding_the_trace(lang):
    lab = make_lab(dataset=DIGITS, hidden=8, bias=True)
    data = TEACHING_SETS[DIGITS]
    at = open_page(lab, lang, step_stage=2)
    trace = lab.network.trace(data.inputs[0], data.targets[0])
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    heatmaps = {c["layout"]["title"]["text"].split(" (")[0]: c["data"][0] for c in charts if c["data"][0]["type"] == "heatmap"}
    assert set(heatmaps) >= {"wih", "inputs", "hidden_inputs"}
    np.testing.assert_array_equal(plotly_array(heatmaps["wih"]["z"]), lab.network.wih)
    np.testing.assert_array_equal(plotly_array(heatmaps["inputs"]["z"])[0], trace.inputs)
    np.testing.assert_array_equal(plotly_array(heatmaps["hidden_inputs"]["z"])[0], trace.hidden_inputs)
    assert ":.4g" in heatmaps["wih"]["hovertemplate"]
    signs = {c["layout"].get("separators", ".,")[0] for c in charts if c["data"][0]["type"] == "heatmap"}
    assert signs == {{"en": ".", "ru": ","}[lang]}, "the hover writes the language's decimal sign"
    assert not at.exception


def test_the_page_opens_from_the_dashboard():
    at = AppTest.from_file(str(Path(PAGE).parent.parent / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/2_Step_through.py").run()
    assert not at.exception
    assert at.title[0].value == "Step through backpropagation"
    assert at.subheader[0].value == "Stage 1 of 10: inputs and targets"


def diagram_numbers(at: AppTest) -> dict:
    """The numbers printed beside the nodes of the stage's network diagram, by layer."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        names = {trace.get("name") for trace in spec["data"]}
        if "hidden nodes" in names and "touched by this step" in names:
            by_name = {trace.get("name"): trace for trace in spec["data"]}
            headers = {"input layer", "hidden layer", "output layer"}
            return {
                "inputs": list(by_name["input nodes"].get("text") or []),
                "hidden": [a["text"] for a in spec["layout"].get("annotations", []) if a["text"] not in headers],
                "outputs": list(by_name["output nodes"].get("text") or []),
            }
    raise AssertionError("no network diagram on the page")


@pytest.mark.parametrize("bias", [False, True], ids=["no bias", "bias"])
def test_the_diagram_prints_the_trace_numbers_beside_the_nodes(bias):
    lab = make_lab(bias=bias)
    data = TEACHING_SETS[THREE]
    t = lab.network.trace(data.inputs[1], data.targets[1])
    at = open_page(lab, step_sample=2)
    expected = {
        2: {"inputs": data.inputs[1], "hidden": t.hidden_inputs},
        5: {"outputs": t.final_outputs},
        7: {"outputs": t.output_errors, "hidden": t.hidden_errors},
    }
    for stage, layers in expected.items():
        at.selectbox(key="step_stage").set_value(stage).run()
        shown = diagram_numbers(at)
        for layer, values in layers.items():
            # an output is named above its value: "pattern A:<br>0.5123"
            names = [f"{name}:<br>" for name in data.output_labels] if layer == "outputs" else [""] * len(values)
            assert shown[layer] == [f"{name}{v:#.4g}" for name, v in zip(names, values)], (stage, layer)


def test_every_stage_of_a_wide_network_draws_without_error():
    lab = make_lab(dataset=DIGITS, hidden=8, bias=True)
    at = open_page(lab)
    for stage in range(1, 11):
        at.selectbox(key="step_stage").set_value(stage).run()
        assert not at.exception
        heatmaps = [c for c in at.get("plotly_chart") if json.loads(c.proto.spec)["data"][0]["type"] == "heatmap"]
        assert heatmaps, f"stage {stage} shows its arrays as heatmaps"


def test_a_picture_data_set_shows_the_chosen_sample_as_a_picture():
    assert len(open_page(make_lab(dataset=DIGITS, hidden=4)).get("image")) == 1
    assert len(open_page(make_lab()).get("image")) == 0


# -- the page's settings live in the URL -------------------------------------------------


def open_link(lab: Lab, lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lab"] = lab
    at.query_params.update(query)
    if lang != "en":
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    return at


def test_a_link_opens_the_network_rule_sample_and_stage_it_names(lang):
    lab = make_lab()
    at = open_link(lab, lang, source="fresh", seed="5", rule="gradient", sample="2", stage="7")
    assert at.subheader[0].value.startswith(WORDS[lang]["stage"].format(stage=7))
    assert at.radio(key="step_source").value == "a fresh network"
    assert at.number_input(key="step_seed").value == 5 and at.radio(key="step_rule").value == "gradient"
    assert at.number_input(key="step_sample").value == 2
    fresh = NeuralNetwork(3, 3, 3, 0.3, rule="gradient", seed=5)  # what every screen builds from this link
    data = TEACHING_SETS[THREE]
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(7, fresh, data.inputs[1], data.targets[1]))
    assert not at.error


def test_next_back_and_the_selector_keep_the_stage_in_the_url():
    at = open_link(make_lab(), stage="3")
    at.button(key="step_next").click().run()
    assert url(at)["stage"] == "4" and at.subheader[0].value.startswith("Stage 4 of 10")
    at.button(key="step_back").click().run()
    at.button(key="step_back").click().run()
    assert url(at)["stage"] == "2"
    at.selectbox(key="step_stage").set_value(9).run()
    assert url(at)["stage"] == "9"
    at.selectbox(key="step_stage").set_value(1).run()
    assert "stage" not in url(at), "the first stage is the default, left out of the link"


def test_every_choice_on_the_page_is_written_to_the_url():
    at = open_page(make_lab())
    assert url(at) == {}, "a page at its defaults has a bare address"
    at.radio(key="step_source").set_value("a fresh network").run()
    at.number_input(key="step_seed").set_value(42).run()
    at.radio(key="step_rule").set_value("gradient").run()
    at.number_input(key="step_sample").set_value(3).run()
    assert url(at) == {"source": "fresh", "seed": "42", "rule": "gradient", "sample": "3"}
    at.toggle(key="step_own").set_value(True).run()
    at.text_input(key="step_inputs").set_value("0.2, -0.7, 1.5")
    at.text_input(key="step_targets").set_value("0.9, 0.2, 0.4").run()
    assert url(at) == {"source": "fresh", "seed": "42", "rule": "gradient", "own": "true",
                       "inputs": "0.2, -0.7, 1.5", "targets": "0.9, 0.2, 0.4"}


@pytest.mark.parametrize("written", ["en", "ru"], ids=["link with points", "link with commas"])
def test_a_link_with_typed_vectors_steps_through_them(written, lang):
    lab = make_lab(bias=True)
    at = open_link(lab, lang, own="true", inputs=TYPED[written](["0.2", "-0.7", "1.5"]),
                   targets=TYPED[written](["0.9", "0.2", "0.4"]), stage="2")
    assert not at.error, "a link made in either language opens in both"
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]
    assert_shown(shown, expected_numbers(2, lab.network, [0.2, -0.7, 1.5], [0.9, 0.2, 0.4]))


@pytest.mark.parametrize("name, text, allowed", [
    ("stage", "11", "a whole number from 1 to 10"),
    ("stage", "two", "a whole number from 1 to 10"),
    ("sample", "4", "a whole number from 1 to 3"),  # the 3-3-3 set has three samples
    ("sample", "0", "a whole number from 1 to 3"),  # not "1 to 60000", the most any data set has
    ("sample", "2.5", "a whole number from 1 to 3"),
    ("source", "cloud", "one of session, fresh"),
    ("rule", "magic", "one of book, gradient"),
    ("seed", "-1", "a whole number from 0 to"),
    ("own", "maybe", "on or off"),
])
def test_a_bad_value_in_a_link_is_named_with_what_is_allowed_and_the_page_still_works(name, text, allowed):
    lab = make_lab()
    at = open_link(lab, **{name: text, **({"source": "fresh"} if name == "seed" else {})})
    [message] = [message_text(e) for e in at.error]
    assert f"{name} must be {allowed}" in message and repr(text) in message
    assert at.subheader[0].value.startswith("Stage 1 of 10: inputs and targets")
    assert name not in url(at), "the bad value is not kept in the address bar"
    data = TEACHING_SETS[THREE]
    at.selectbox(key="step_stage").set_value(2).run()
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element)]
    network = lab.network if name != "seed" else NeuralNetwork(3, 3, 3, 0.3, seed=1)
    assert_shown(shown, expected_numbers(2, network, data.inputs[0], data.targets[0]))


def test_a_sample_number_typed_out_of_range_is_named_and_nothing_is_drawn():
    at = open_page(make_lab())
    at.number_input(key="step_sample").set_value(0).run()
    assert not at.exception
    assert any("sample must be a whole number from 1 to 3" in message_text(e) for e in at.error)
    assert len(at.latex) == 0


def test_a_second_link_in_the_same_tab_shows_its_own_choices():
    lab = make_lab()
    at = open_link(lab, source="fresh", seed="5", stage="7")
    at.query_params.clear()
    at.query_params.update({"sample": "3", "stage": "2"})
    at.run()
    assert not at.exception
    assert at.subheader[0].value.startswith("Stage 2 of 10")
    assert at.radio(key="step_source").value == "this session's network", "what the link leaves out starts afresh"
    data = TEACHING_SETS[THREE]
    shown = [n for element in stage_latex(at)[1:] for n in printed_numbers(element)]
    assert_shown(shown, expected_numbers(2, lab.network, data.inputs[2], data.targets[2]))
    at.button(key="step_next").click().run()  # the page's own writing is not a link: Next is not undone
    assert at.subheader[0].value.startswith("Stage 3 of 10") and url(at) == {"sample": "3", "stage": "3"}


def test_a_link_can_hide_and_lock_the_pages_controls():
    at = open_link(make_lab(), hide="source,own", lock="stage")
    assert not [r for r in at.radio if r.key == "step_source"]
    assert not [t for t in at.toggle if t.key == "step_own"]
    assert at.selectbox(key="step_stage").disabled
    assert not at.radio(key="step_rule").disabled


# -- a fresh network is named fully by its link: the same on every screen ----------------

XOR = "XOR"
#: A fresh link naming every setting of its network, none at its default.
FRESH_LINK = dict(source="fresh", dataset="xor", hidden_nodes="4", learning_rate="0.1", init="uniform",
                  bias="true", seed="9", rule="gradient", sample="4")


def fresh_xor() -> NeuralNetwork:
    """What FRESH_LINK names, built here without the page."""
    return NeuralNetwork(2, 4, 1, 0.1, init="uniform", bias=True, rule="gradient", seed=9)


def stage_numbers(at: AppTest, lang: str = "en") -> list[str]:
    return [n for element in stage_latex(at)[1:] for n in printed_numbers(element, lang)]


@pytest.mark.parametrize("session", [dict(dataset=THREE), dict(dataset=DIGITS, hidden=8, bias=True, rule="gradient")],
                         ids=["3-3-3 session", "5x5 digits session"])
def test_a_fresh_link_shows_the_network_it_names_whatever_the_sessions_data_set(session, lang):
    lab = make_lab(**session)
    wih, who = lab.network.wih.copy(), lab.network.who.copy()
    at = open_link(lab, lang, **FRESH_LINK, stage="1")
    assert not at.error
    assert at.selectbox(key="step_dataset").value == XOR and at.number_input(key="step_hidden_nodes").value == 4
    assert at.select_slider(key="step_learning_rate").value == 0.1 and at.selectbox(key="step_init").value == "uniform"
    assert at.toggle(key="step_bias").value is True and at.number_input(key="step_seed").value == 9
    assert at.radio(key="step_rule").value == "gradient" and at.number_input(key="step_sample").value == 4
    assert at.number_input(key="step_sample").label == {
        "en": "Sample (1 to 4) from XOR", "ru": "Образец (от 1 до 4) из набора «XOR»"}[lang], "the fresh network's own data set"
    data = TEACHING_SETS[XOR]
    for stage in range(1, 11):
        at.selectbox(key="step_stage").set_value(stage).run()
        assert not at.exception
        assert_shown(stage_numbers(at, lang), expected_numbers(stage, fresh_xor(), data.inputs[3], data.targets[3]))
    assert url(at) == {**FRESH_LINK, "stage": "10", **({"lang": lang} if lang != "en" else {})}, \
        "the address bar still names the whole network"
    assert not [b for b in at.button if b.key == "step_apply"]
    assert np.array_equal(lab.network.wih, wih) and np.array_equal(lab.network.who, who), "the session's network is untouched"


def test_a_fresh_link_with_typed_vectors_steps_them_through_its_own_network(lang):
    at = open_link(make_lab(dataset=DIGITS, hidden=8), lang, source="fresh", dataset="xor", hidden_nodes="4", seed="3",
                   own="true", inputs=TYPED[lang](["0.3", "0.8"]), targets=TYPED[lang](["0.2"]), stage="9")
    network = NeuralNetwork(2, 4, 1, 0.3, seed=3)
    assert_shown(stage_numbers(at, lang), expected_numbers(9, network, [0.3, 0.8], [0.2]))


def test_a_fresh_link_to_mnist_shows_its_weights_as_heatmaps():
    at = open_link(make_lab(), source="fresh", dataset="mnist", hidden_nodes="10", seed="2", sample="7", stage="2")
    assert not at.error
    from ui.datasets import live_dataset

    data = live_dataset("MNIST")
    network = NeuralNetwork(784, 10, 10, 0.3, seed=2)
    trace = network.trace(data.inputs[6], data.targets[6])
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    heatmaps = {c["layout"]["title"]["text"].split(" (")[0]: c["data"][0] for c in charts if c["data"][0]["type"] == "heatmap"}
    np.testing.assert_array_equal(plotly_array(heatmaps["wih"]["z"]), network.wih)
    np.testing.assert_array_equal(plotly_array(heatmaps["hidden_inputs"]["z"])[0], trace.hidden_inputs)


def test_moving_each_fresh_network_widget_updates_the_url_and_the_network():
    at = open_page(make_lab(dataset=DIGITS, hidden=8))
    assert not [s for s in at.selectbox if s.key == "step_dataset"], "the fresh network's settings show only for it"
    at.radio(key="step_source").set_value("a fresh network").run()
    assert url(at) == {"source": "fresh"}
    moves = [
        ("selectbox", "step_dataset", XOR, "dataset", "xor"),
        ("number_input", "step_hidden_nodes", 4, "hidden_nodes", "4"),
        ("select_slider", "step_learning_rate", 0.1, "learning_rate", "0.1"),
        ("selectbox", "step_init", "uniform", "init", "uniform"),
        ("toggle", "step_bias", True, "bias", "true"),
        ("number_input", "step_seed", 9, "seed", "9"),
        ("radio", "step_rule", "gradient", "rule", "gradient"),
        ("number_input", "step_sample", 4, "sample", "4"),
    ]
    expected = {"source": "fresh"}
    for kind, key, value, name, text in moves:
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception and not at.error
        expected[name] = text
        assert url(at) == expected, (key, url(at))
    assert url(at) == FRESH_LINK
    at.selectbox(key="step_stage").set_value(8).run()
    data = TEACHING_SETS[XOR]
    assert_shown(stage_numbers(at), expected_numbers(8, fresh_xor(), data.inputs[3], data.targets[3]))
    for kind, key, value, name, _ in moves[:6]:  # and back to the defaults: left out of the link
        getattr(at, kind)(key=key).set_value(step_default(name)).run()
        assert name not in url(at), key


def step_default(name: str):
    from ui.step.settings import STEP_SETTINGS

    return STEP_SETTINGS[name].default


def test_the_page_says_what_a_session_link_and_a_fresh_link_show():
    at = open_page(make_lab())
    note = " ".join(message_text(c) for c in at.caption)
    assert "each learner their own network" in note and "same on every screen" in note
    assert "same network and the same numbers on every screen" in at.radio(key="step_source").help
    at.radio(key="step_source").set_value("a fresh network").run()
    for key in ("step_dataset", "step_hidden_nodes", "step_learning_rate", "step_init", "step_bias", "step_seed"):
        widget = next(w for w in (*at.selectbox, *at.number_input, *at.select_slider, *at.toggle) if w.key == key)
        assert widget.help, f"{key} has help text"


@pytest.mark.parametrize("name, text, allowed", [
    ("dataset", "cifar", "one of 3-3-3, xor, 3x3-lines, 5x5-digits, worked-example, mnist"),
    ("hidden_nodes", "0", "a whole number from 1 to 200"),
    ("hidden_nodes", "2.5", "a whole number from 1 to 200"),
    ("learning_rate", "nan", "a number from 0.001 to 100"),
    ("learning_rate", "1000", "a number from 0.001 to 100"),
    ("init", "zeros", "one of normal, uniform, positive"),
    ("bias", "maybe", "on or off (true/false)"),
    ("seed", "4294967296", "a whole number from 0 to 4294967295"),
    ("sample", "5", "a whole number from 1 to 4"),  # the link's XOR has four samples
    ("sample", "0", "a whole number from 1 to 4"),
])
def test_a_bad_fresh_network_value_in_a_link_is_named_and_the_page_still_draws(name, text, allowed):
    good = dict(source="fresh", dataset="xor", hidden_nodes="4", seed="9")
    at = open_link(make_lab(dataset=DIGITS, hidden=8), **{**good, name: text})
    [message] = [message_text(e) for e in at.error]
    assert f"{name} must be {allowed}; got {text!r}" in message and "ignored" in message
    assert name not in url(at) or name in good and url(at)[name] != text
    assert at.subheader[0].value.startswith("Stage 1 of 10")
    at.selectbox(key="step_stage").set_value(2).run()
    built = {**dict(dataset=XOR, hidden_nodes=4, seed=9), **({} if name not in good else {name: step_default(name)})}
    network = NeuralNetwork(TEACHING_SETS[built["dataset"]].input_nodes, built["hidden_nodes"],
                            TEACHING_SETS[built["dataset"]].output_nodes, 0.3, seed=built["seed"])
    data = TEACHING_SETS[built["dataset"]]
    assert_shown(stage_numbers(at), expected_numbers(2, network, data.inputs[0], data.targets[0]))


def test_a_sample_beyond_the_sessions_data_set_is_fine_for_a_fresh_network_with_more():
    at = open_link(make_lab(), source="fresh", dataset="xor", sample="4", stage="2")  # the session's 3-3-3 has 3
    assert not at.error and at.number_input(key="step_sample").value == 4
    data = TEACHING_SETS[XOR]
    assert_shown(stage_numbers(at), expected_numbers(2, NeuralNetwork(2, 3, 1, 0.3, seed=1), data.inputs[3], data.targets[3]))


def test_a_hidden_node_count_typed_out_of_range_is_named_and_nothing_is_drawn():
    at = open_link(make_lab(), source="fresh")
    at.number_input(key="step_hidden_nodes").set_value(0).run()
    assert not at.exception
    assert any("hidden_nodes must be a whole number from 1 to 200; got 0" in message_text(e) for e in at.error)
    assert len(at.latex) == 0 and "hidden_nodes" not in url(at) and url(at)["source"] == "fresh"
    at.number_input(key="step_hidden_nodes").set_value(2).run()
    assert not at.error and len(at.latex) > 0


def test_a_second_fresh_link_in_the_same_tab_leaves_out_what_it_does_not_name():
    at = open_link(make_lab(), **FRESH_LINK, stage="3")
    at.query_params.clear()
    at.query_params.update({"source": "fresh", "seed": "3", "stage": "2"})
    at.run()
    assert not at.exception and at.selectbox(key="step_dataset").value == THREE
    data = TEACHING_SETS[THREE]
    assert_shown(stage_numbers(at), expected_numbers(2, NeuralNetwork(3, 3, 3, 0.3, seed=3), data.inputs[0], data.targets[0]))


def test_a_lesson_link_may_hide_a_fresh_network_setting_and_its_value_still_builds_the_network():
    at = open_link(make_lab(), source="fresh", dataset="xor", hidden_nodes="4", seed="9", stage="2",
                   hide="seed,hidden_nodes", lock="dataset")
    assert not [n for n in at.number_input if n.key in ("step_seed", "step_hidden_nodes")]
    assert at.selectbox(key="step_dataset").disabled
    data = TEACHING_SETS[XOR]
    assert_shown(stage_numbers(at), expected_numbers(2, NeuralNetwork(2, 4, 1, 0.3, seed=9), data.inputs[0], data.targets[0]))
    assert url(at)["seed"] == "9" and url(at)["hidden_nodes"] == "4"


def test_the_books_worked_example_opens_as_a_fresh_network_and_stage_2_shows_its_printed_hidden_inputs(lang):
    at = open_link(make_lab(), lang, source="fresh", dataset="worked-example", hidden_nodes="3", stage="2")
    point = {"en": ".", "ru": "{,}"}[lang]
    latex = " ".join(element.value for element in at.latex).replace(point, ".")
    assert r"\begin{bmatrix}1.160 \\ 0.4200 \\ 0.6200\end{bmatrix}" in latex  # the book's 1.16, 0.42, 0.62
    assert r"\begin{bmatrix}0.9000 \\ 0.1000 \\ 0.8000\end{bmatrix}" in latex  # its input 0.9, 0.1, 0.8
    assert any(WORDS[lang]["printed"] in box.value for box in at.info)
    at.selectbox(key="step_stage").set_value(5).run()
    latex = " ".join(element.value for element in at.latex).replace(point, ".")
    assert "0.7263" in latex and "0.7086" in latex and "0.7781" in latex   # the book's 0.726, 0.708, 0.778


def test_a_russian_page_reads_its_widgets_back_whatever_language_the_test_speaks():
    """AppTest calls a widget's format_func outside the page's run: the options still read as drawn."""
    at = open_page(make_lab(dataset=DIGITS, hidden=4), "ru", step_stage=2)
    for key, value in (("step_stage", 7), ("step_why_row_who", 1), ("step_why_column_who", 2),
                       ("step_rule", "gradient"), ("step_source", "a fresh network")):
        [widget] = [w for w in (*at.selectbox, *at.radio) if w.key == key]
        widget.set_value(value).run()
        assert not at.exception, key
    assert at.subheader[0].value.startswith("Этап 7 из 10")
