"""Predict it, on the MNIST workshop: the network's answer is hidden until the learner commits, then it is
what the network computes; spot the mistakes marks the ticks against the network's answers."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from streamlit.testing.v1 import AppTest

from nn import NeuralNetwork
from nn.data import load_mnist, scale_inputs
from nn.handwriting import prepare
from nn.spotting import grade_flags, pick_images
from test_mnist_page import BOTH_LANGUAGES, PAGE, decimal, lab, open_tab, plotly_figure, plotly_array, png_bytes


def pretrained_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    if lang != "en":
        at.query_params["lang"] = lang
    at.run()
    at.button(key="mnist_pretrained").click().run()
    assert not at.exception
    return at


def verdicts(at: AppTest) -> list[str]:
    return [e.value for e in at.success] + [e.value for e in at.error] + [e.value for e in at.info]


def commit_digit(at: AppTest, kind: str, digit: int) -> None:
    at.radio(key=f"mnist_predict_digit_{kind}").set_value(digit)
    at.button(key=f"mnist_predict_commit_{kind}").click().run()
    assert not at.exception


#: A verdict's words in each language: "you said", wrong, the network's answer, its output for the guess, the true digit, right.
VERDICT_WORDS = {
    "en": ("you said", "Not this time", "the network answers {answer}", "for {said}, {output}",
           "The true digit is {digit}.", "Right: you said"),
    "ru": ("вы сказали", "На этот раз нет", "сеть отвечает {answer}", "а для {said} — {output}",
           "На самом деле это {digit}.", "Верно: вы сказали"),
}


@BOTH_LANGUAGES
def test_a_test_images_answer_waits_for_the_prediction_then_is_what_the_network_computes(lang):
    you_said, not_this_time, answers, for_said, true_digit, right = VERDICT_WORDS[lang]
    at = pretrained_page(lang)
    open_tab(at, "Predict it")
    at.number_input(key="mnist_predict_image").set_value(9).run()
    assert not [c for c in at.get("plotly_chart") if "mnist_predict_outputs" in (c.proto.id or "")]
    images, labels = load_mnist("test")
    outputs = lab(at).network.query(scale_inputs(images[8:9])[0])
    answer = int(np.argmax(outputs))
    wrong = (answer + 1) % 10
    commit_digit(at, "test", wrong)
    [verdict] = [v for v in verdicts(at) if you_said in v]
    assert verdict.startswith(not_this_time) and answers.format(answer=answer) in verdict
    assert decimal(outputs[answer], lang) in verdict
    assert for_said.format(said=wrong, output=decimal(outputs[wrong], lang)) in verdict
    figure = plotly_figure(at, "mnist_predict_outputs")
    np.testing.assert_allclose(plotly_array(figure["data"][0]["y"]), outputs, rtol=1e-12)
    assert any(true_digit.format(digit=labels[8]) in c.value for c in at.caption)

    at.number_input(key="mnist_predict_image").set_value(10).run()  # another image asks again
    outputs = lab(at).network.query(scale_inputs(images[9:10])[0])
    commit_digit(at, "test", int(np.argmax(outputs)))
    assert any(v.startswith(right) for v in verdicts(at))


def test_your_handwriting_with_predict_first_hides_the_answer_until_committed():
    at = pretrained_page()
    open_tab(at, "Your handwriting")
    at.toggle(key="mnist_predict_handwriting").set_value(True).run()
    at.radio(key="mnist_source").set_value("upload a picture").run()
    digit = load_mnist("test", 1)[0][0]
    picture = 255 - np.kron(digit, np.ones((6, 6), dtype=np.uint8))
    at.file_uploader(key="mnist_picture").set_value(("seven.png", png_bytes(picture), "image/png")).run()
    assert not at.exception and not at.metric, "no answer before the prediction"
    inputs = prepare(np.asarray(Image.open(io.BytesIO(png_bytes(picture))).convert("RGBA"))).inputs
    expected = int(np.argmax(lab(at).network.query(inputs)))
    commit_digit(at, "handwriting", expected)
    assert any(v.startswith(f"Right: you said {expected}") for v in verdicts(at))
    assert at.metric[0].value == str(expected)


def test_spot_the_mistakes_marks_the_ticks_against_the_networks_answers():
    at = pretrained_page()
    open_tab(at, "Predict it")
    network: NeuralNetwork = lab(at).network
    card = lab(at).scorecard()
    indices = pick_images(card.answers, card.labels, np.random.default_rng([1, lab(at).run.samples_seen]))
    images, labels = load_mnist("test")
    answers = np.argmax(network.query(scale_inputs(images[indices])), axis=1)
    wrong = [int(i) for i, a in zip(indices, answers) if a != labels[i]]
    right = [int(i) for i, a in zip(indices, answers) if a == labels[i]]
    assert wrong and right, "a round mixes images it gets wrong with ones it gets right"
    ticks = wrong[:1] + right[:1]  # one found, one false alarm, the rest missed
    for index in ticks:
        at.checkbox(key=f"mnist_spot_{index}").check()
    at.button(key="mnist_spot_commit").click().run()
    assert not at.exception
    expected = grade_flags(indices, ticks, dict(zip(indices.tolist(), answers.tolist())), labels)
    [summary] = [v for v in verdicts(at) if v.startswith("The network got")]
    assert summary == (f"The network got {len(wrong)} of these {len(indices)} wrong; you found 1 of them, "
                       f"missed {len(wrong) - 1}, and ticked 1 it gets right.")
    assert len(expected.found) == 1 and len(expected.false_alarms) == 1
    captions = [caption for image in at.image for caption in image.captions]
    for index, answer in zip(indices, answers):
        mark = "wrong" if answer != labels[index] else "right"
        assert any(c.startswith(f"test image {index + 1}: true {labels[index]}, answers {answer} ({mark}")
                   for c in captions), captions
