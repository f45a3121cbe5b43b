"""The step-through page in a real browser: stages 2, 7 and 8 drawn, screenshots for a human to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import wait_for_app, wait_for_picture

pytestmark = pytest.mark.browser


def go_to_stage(page, stage: int) -> None:
    current = int(re.search(r"Stage (\d+) of 10", page.get_by_text(re.compile(r"Stage \d+ of 10")).first.inner_text())[1])
    while current < stage:
        page.get_by_role("button", name="Next ▶").click()
        current += 1
        page.get_by_text(f"Stage {current} of 10").first.wait_for(timeout=60_000)
    wait_for_app(page)
    # KaTeX and plotly draw after the run, from scripts loaded on first use: the stage's formulas and diagram
    page.locator('[data-testid="stMain"] .katex').nth(1).wait_for()
    page.locator('[data-testid="stMain"] .js-plotly-plot .main-svg').first.wait_for()
    page.mouse.move(5, 5)  # no tooltip over the picture
    wait_for_picture(page)  # for the screenshot: drawn, still, no tooltip left from the button


def test_stages_2_7_and_8_show_formulas_numbers_and_the_diagram(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    page.get_by_text("Stage 1 of 10").first.wait_for(timeout=60_000)
    for stage, words in ((2, "signals into the hidden layer"), (7, "the hidden errors"), (8, "the change to who")):
        go_to_stage(page, stage)
        assert page.get_by_text(words).first.is_visible()
        # formulas are typeset (KaTeX) and the diagram is drawn (plotly)
        assert page.locator(".katex").count() >= 2
        assert page.locator(".js-plotly-plot").count() >= 1
        page.screenshot(path=str(artifacts / f"step_stage_{stage}.png"), full_page=False)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_why_this_number_is_typeset_and_check_it_plots_one_dot_per_weight(page, streamlit_url, artifacts):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    why = page.locator('[data-testid="stMarkdownContainer"]', has_text="Multiplied out").first
    why.scroll_into_view_if_needed()
    why.locator(".katex").nth(1).wait_for()  # typeset after the run, by a script loaded on first use
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / "step_why_this_number.png"), full_page=False)
    assert why.locator(".katex").count() >= 2, "the factors and their product are typeset"
    assert "$" not in why.inner_text(), "no formula is left as raw LaTeX"
    page.get_by_role("tab", name="Check it").click()
    page.get_by_text("Largest difference").first.wait_for(timeout=60_000)
    chart = page.locator(".st-key-step_check_chart .js-plotly-plot")
    chart.scroll_into_view_if_needed()
    # plotly draws each trace's dots at once, after the run: both traces there, their counts are final
    chart.locator(".scatterlayer .trace").nth(1).locator(".point").first.wait_for()
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / "step_check_it.png"), full_page=False)
    # the session's default network is 3-3-3: 9 weights in wih and 9 in who, one dot each
    assert chart.locator(".scatterlayer .trace").nth(0).locator(".point").count() == 9
    assert chart.locator(".scatterlayer .trace").nth(1).locator(".point").count() == 9
    assert page.locator('[data-testid="stException"]').count() == 0


def test_play_advances_the_stages_by_itself(page, streamlit_url):
    page.goto(f"{streamlit_url}/Step_through")
    wait_for_app(page)
    page.get_by_text("Stage 1 of 10").first.wait_for(timeout=60_000)
    page.get_by_text("Play", exact=True).click()
    # one stage every 3 s, with no clicks in between
    page.get_by_text("Stage 2 of 10").first.wait_for(timeout=60_000)
    page.get_by_text("Stage 3 of 10").first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_link_opens_its_stage_and_next_and_back_change_the_address_bar(page, streamlit_url, artifacts):
    page.set_default_timeout(60_000)
    page.goto(f"{streamlit_url}/Step_through?source=fresh&seed=5&sample=2&stage=7")
    wait_for_app(page)
    page.get_by_text("Stage 7 of 10: the hidden errors").first.wait_for()
    # widgets are drawn from code loaded on first use: on a busy machine that can take a while
    expect(page.locator(".st-key-step_seed input")).to_have_value("5", timeout=60_000)
    expect(page.locator(".st-key-step_sample input")).to_have_value("2", timeout=60_000)
    expect(page.get_by_role("radio", name="a fresh network")).to_be_checked(timeout=60_000)
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / "step_link_stage_7.png"), full_page=False)

    page.get_by_role("button", name="Next ▶").click()
    page.get_by_text("Stage 8 of 10").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('stage') === '8'")
    params = dict(p.split("=") for p in page.url.split("?", 1)[1].split("&"))
    assert params == {"source": "fresh", "seed": "5", "sample": "2", "stage": "8"}, page.url
    page.get_by_role("button", name="◀ Back").click()
    page.get_by_text("Stage 7 of 10").first.wait_for()
    page.get_by_role("button", name="◀ Back").click()
    page.get_by_text("Stage 6 of 10").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('stage') === '6'")
    wait_for_app(page)
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / "step_link_back_to_6.png"), full_page=False)

    page.goto(f"{streamlit_url}/Step_through?stage=99&sample=2")  # a bad value: named, the page still works
    wait_for_app(page)
    page.get_by_text("stage must be a whole number from 1 to 10; got '99'").first.wait_for()
    page.get_by_text("Stage 1 of 10").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0


def stage_numbers(page, lang: str = "en") -> list[str]:
    """The numbers in the stage's typeset equations (the TeX source KaTeX keeps), as test_step_page reads
    st.latex in AppTest; displayed formulas only (inline maths in the tabs' sentences is not st.latex)."""
    from tests.pages.test_step_page import printed_numbers

    tex = page.eval_on_selector_all(
        '[data-testid="stMain"] .katex-display annotation[encoding="application/x-tex"]', "nodes => nodes.map(n => n.textContent)")
    equations = [t for t in tex if r"\Delta w &=" not in t][1:]  # not the formula, nor "why this number"
    return [number for equation in equations for number in printed_numbers(equation, lang)]


def test_a_fresh_link_is_the_same_network_on_another_screen_whose_live_page_used_another_data_set(
        browser, streamlit_url, artifacts):
    """A teacher on the 5x5 digits builds a fresh XOR network by hand; a learner's screen opens the address."""
    from nn import NeuralNetwork
    from nn.teaching_sets import TEACHING_SETS
    from tests.pages.test_step_page import assert_shown, expected_numbers

    teacher = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    learner = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        for tab in (teacher, learner):
            tab.set_default_timeout(60_000)
        teacher.goto(f"{streamlit_url}/Watch_it_learn?dataset=5x5-digits&hidden_nodes=8")
        wait_for_app(teacher)
        expect(teacher.locator(".st-key-live_hidden_nodes input")).to_have_value("8", timeout=60_000)
        # the menu (the page also ends with a link to its next step): the same session, whose network learns 5x5 digits
        teacher.get_by_test_id("stSidebarUserContent").get_by_role("link", name="Step through").click()
        teacher.get_by_text("Sample (1 to 5) from 5x5 digits").first.wait_for()
        teacher.locator(".st-key-step_source").get_by_text("a fresh network").click()
        teacher.get_by_text("The fresh network").first.wait_for()
        expect(teacher.get_by_text("each learner their own network", exact=False).first).to_be_visible()
        wait_for_app(teacher)  # the click's run over before its list is opened: a run landing then closes it
        teacher.locator(".st-key-step_dataset").click()
        teacher.get_by_role("option", name="XOR").click()
        teacher.get_by_text("Sample (1 to 4) from XOR").first.wait_for()
        for key, value in (("step_hidden_nodes", "4"), ("step_seed", "9"), ("step_sample", "2")):
            field = teacher.locator(f".st-key-{key} input")
            field.fill(value)
            field.press("Enter")
            teacher.wait_for_function(
                f"() => new URL(location.href).searchParams.get('{key[5:]}') === '{value}'")
        teacher.get_by_role("button", name="Next ▶").click()
        teacher.get_by_text("Stage 2 of 10").first.wait_for()
        teacher.wait_for_function("() => new URL(location.href).searchParams.get('stage') === '2'")
        wait_for_app(teacher)
        link = teacher.url
        params = dict(p.split("=") for p in link.split("?", 1)[1].split("&"))
        assert params == {"source": "fresh", "dataset": "xor", "hidden_nodes": "4", "seed": "9", "sample": "2",
                          "stage": "2"}, link

        learner.goto(link)  # a new session: its own live network is the default 3-3-3
        wait_for_app(learner)
        learner.get_by_text("Stage 2 of 10").first.wait_for()
        expect(learner.locator(".st-key-step_seed input")).to_have_value("9", timeout=60_000)
        expect(learner.locator(".st-key-step_hidden_nodes input")).to_have_value("4", timeout=60_000)
        learner.get_by_text("Sample (1 to 4) from XOR").first.wait_for()
        wait_for_app(learner)

        xor = TEACHING_SETS["XOR"]
        expected = expected_numbers(2, NeuralNetwork(2, 4, 1, 0.3, seed=9), xor.inputs[1], xor.targets[1])
        for tab in (teacher, learner):
            assert_shown(stage_numbers(tab), expected)
            assert tab.locator('[data-testid="stException"]').count() == 0
        learner.mouse.move(5, 5)
        wait_for_picture(learner)
        learner.screenshot(path=str(artifacts / "step_fresh_link.png"), full_page=False)
    finally:
        teacher.context.close()
        learner.context.close()


@pytest.mark.parametrize("width, height", [(1400, 1000), (390, 844)], ids=["desktop", "phone"])
def test_in_russian_every_stage_is_typeset_with_decimal_commas_and_russian_words(browser, streamlit_url, artifacts,
                                                                                 width, height):
    """A fresh network's link in Russian: the formulas typeset (KaTeX draws the Cyrillic subscripts and
    0{,}7311 as 0,7311), the numbers those of trace, and on a phone nothing makes the page scroll sideways."""
    from nn import NeuralNetwork
    from nn.teaching_sets import TEACHING_SETS
    from tests.pages.test_step_page import assert_shown, expected_numbers

    data = TEACHING_SETS["3-3-3: the book's first network"]
    network = NeuralNetwork(3, 3, 3, 0.3, seed=5)
    name = "desktop" if width > 1000 else "phone"
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    try:
        page.set_default_timeout(60_000)
        for stage in (2, 7, 10):
            page.goto(f"{streamlit_url}/Step_through?lang=ru&source=fresh&seed=5&sample=2&stage={stage}")
            wait_for_app(page)
            heading = page.get_by_text(f"Этап {stage} из 10").first
            heading.wait_for()
            wait_for_app(page)
            page.locator('[data-testid="stMain"] .katex-display').nth(2).wait_for()  # the formulas are typeset
            assert_shown(stage_numbers(page, "ru"), expected_numbers(stage, network, data.inputs[1], data.targets[1]))
            drawn = " ".join(page.locator('[data-testid="stMain"] .katex-display .katex-html').all_inner_texts())
            assert re.search(r"\d,\d", drawn) and not re.search(r"\d\.\d", drawn), "decimal commas, drawn"
            assert "{,}" not in drawn and "скрытый" in drawn, "KaTeX typeset the comma and the Cyrillic subscript"
            assert page.locator(".katex-error").count() == 0, "no formula failed to typeset"
            overflow = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
            cut = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')]
                .filter(k => k.scrollWidth > k.clientWidth + 2 && getComputedStyle(k).overflowX !== 'auto').length""")
            assert cut == 0, "a formula wider than the screen scrolls in its own box, never cut"
            heading.evaluate("element => element.scrollIntoView({block: 'start'})")  # the stage at the top
            page.mouse.move(5, 5)
            wait_for_picture(page)
            page.screenshot(path=str(artifacts / f"step_ru_{name}_stage_{stage}.png"), full_page=name == "phone")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()


def _predict_cases(seed: int, sample: int):
    """(stage, question, its right answer as the page words it, a wrong one) for a fresh 3-3-3 network's link."""
    from nn import NeuralNetwork
    from nn.teaching_sets import TEACHING_SETS
    from tests.question_oracle import expected_answer
    from ui.question_words import choice_name, fmt
    from ui.step.predict import question_for
    from ui.step.record import record_step

    data = next(iter(TEACHING_SETS.values()))
    network = NeuralNetwork(data.input_nodes, 3, data.output_nodes, 0.3, seed=seed)
    inputs, targets = data.inputs[sample - 1], data.targets[sample - 1]
    record = record_step(network, inputs, targets)
    for stage in range(1, 11):
        question = question_for(record, stage)
        if question is None:
            continue
        truth = expected_answer(network, inputs, targets, record.trace, question)
        if question.kind == "compute":
            yield stage, question, repr(float(truth)), fmt(truth * 1.5)
        else:
            wrong = next(c for c in question.choices if c != truth)
            yield stage, question, choice_name(network, question, truth), choice_name(network, question, wrong)


def _answer(page, question, answer: str) -> None:
    if question.kind == "compute":
        page.get_by_role("textbox", name="Your number").fill(answer)
        page.keyboard.press("Tab")  # the value is sent when the box loses focus
    else:
        page.get_by_role("radio", name=answer, exact=True).check(force=True)
    page.get_by_role("button", name="Commit my answer").click()


def test_in_russian_predict_first_takes_a_number_typed_with_a_decimal_comma(page, streamlit_url, artifacts):
    from ui.i18n import speaking

    page.set_default_timeout(60_000)
    with speaking("ru"):
        stage, question, right, _wrong = next(c for c in _predict_cases(seed=5, sample=2) if c[1].kind == "compute")
    page.goto(f"{streamlit_url}/Step_through?lang=ru&source=fresh&seed=5&sample=2&predict=true&stage={stage}")
    wait_for_app(page)
    page.get_by_text("Сначала прогноз.").first.wait_for()
    page.get_by_role("button", name="Зафиксировать ответ").scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / f"step_ru_predict_question_{stage}.png"), full_page=False)
    page.get_by_role("textbox", name="Ваше число").fill(right.replace(".", ","))
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Зафиксировать ответ").click()
    verdict = page.get_by_text("Верно: ваш ответ —").first
    verdict.wait_for()
    wait_for_app(page)
    page.get_by_text("Ваш прогноз:").first.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    wait_for_picture(page)
    page.screenshot(path=str(artifacts / f"step_ru_predict_verdict_{stage}.png"), full_page=False)
    assert re.search(r"правильный ответ — -?\d+,\d+", verdict.inner_text()), verdict.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_predict_first_marks_a_wrong_and_a_right_answer(page, streamlit_url, artifacts):
    page.set_default_timeout(60_000)
    cases = list(_predict_cases(seed=5, sample=2))
    choice_case = next(c for c in cases if c[1].kind != "compute")
    compute_case = next(c for c in cases if c[1].kind == "compute")
    for (stage, question, right, wrong), answer_right in ((choice_case, False), (compute_case, True)):
        page.goto(f"{streamlit_url}/Step_through?source=fresh&seed=5&sample=2&predict=true&stage={stage}")
        wait_for_app(page)
        page.get_by_text("Predict first.").first.wait_for()
        page.get_by_role("button", name="Commit my answer").scroll_into_view_if_needed()
        page.mouse.move(5, 5)
        wait_for_picture(page)
        page.screenshot(path=str(artifacts / f"step_predict_question_{stage}.png"), full_page=False)
        _answer(page, question, right if answer_right else wrong)
        verdict = page.get_by_text("Right: you said" if answer_right else "Not this time: you said").first
        verdict.wait_for()
        wait_for_app(page)
        page.locator('[data-testid="stMain"] .katex').nth(1).wait_for()  # the stage's numbers, typeset once answered
        page.get_by_text("You predicted:").first.scroll_into_view_if_needed()
        page.mouse.move(5, 5)
        wait_for_picture(page)
        page.screenshot(path=str(artifacts / f"step_predict_verdict_{stage}.png"), full_page=False)
        if not answer_right:
            assert f"the answer is {right}." in verdict.inner_text()
        assert page.locator(".katex").count() >= 2, "the stage's numbers are shown once answered"
    assert page.locator('[data-testid="stException"]').count() == 0
