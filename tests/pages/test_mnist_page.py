"""The MNIST workshop page under AppTest: it trains, tests, reads handwriting, and shows what nn computed.

Small networks on a few hundred images keep each test to seconds. ``run_every``
fragments never fire under AppTest, so each ``run()`` is one training tick, and each
tick trains one slice of samples on any machine (its time budget is decided by
tests/conftest.py's clock).
"""

import base64
import io
import zipfile
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from conftest import message_text, url
from nn import NeuralNetwork
from nn.data import load_mnist
from nn.experiments import Config, compare_rotations, sweep
from nn.handwriting import prepare
from nn.scoring import accuracy, score
from nn.training import SAMPLES_PER_CLOCK_CHECK
from ui.mnist.state import PEEK_TEST_IMAGES

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "3_MNIST_workshop.py")

#: The tests that read a number back against nn/ run in both languages the page speaks.
BOTH_LANGUAGES = pytest.mark.parametrize("lang", ["en", "ru"])


def fresh_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    if lang != "en":
        at.query_params["lang"] = lang  # as a lesson link carries it
    at.run()
    assert not at.exception
    return at


def percent(fraction: float, lang: str) -> str:
    """An accuracy as the page should write it, worked out here without ui.i18n: 97.30% / 97,30 %
    (Russian: a decimal comma, and a no-break space before the sign)."""
    if lang == "en":
        return f"{fraction:.2%}"
    return f"{100 * fraction:.2f}".replace(".", ",") + "\u00a0%"


def decimal(value: float, lang: str, digits: int = 3) -> str:
    """An output value as the page should write it: 0.731 / 0,731."""
    return f"{value:.{digits}f}".replace(".", "," if lang == "ru" else ".")


def integer(value: int, lang: str) -> str:
    """A count as the page should write it: 60,000 / 60 000 (a no-break space between the groups)."""
    return f"{value:,}".replace(",", "\u00a0" if lang == "ru" else ",")


def train_small(at: AppTest, images: int = 200, hidden_nodes: int = 12, epochs: int = 1) -> None:
    """Start a small network from the form and run ticks until it has finished."""
    at.number_input(key="mnist_train_count").set_value(images)
    at.number_input(key="mnist_hidden_nodes").set_value(hidden_nodes)
    at.number_input(key="mnist_epochs").set_value(epochs)
    at.button(key="mnist_train").click().run()
    for _ in range(100):
        assert not at.exception
        if not lab(at).running:
            break
        at.run()
    assert lab(at).finished


def lab(at: AppTest):
    return at.session_state["mnist_lab"]


def open_tab(at: AppTest, name: str) -> None:
    at.session_state["mnist_tab"] = name
    at.run()
    assert not at.exception


def plotly_figure(at: AppTest, key: str) -> dict:
    for element in at.get("plotly_chart"):
        if element.proto.id and key in element.proto.id:
            return json.loads(element.proto.spec)
    raise AssertionError(f"no plotly chart with key {key}")


def plotly_array(value) -> np.ndarray:
    """A figure's data array, decoding plotly's base64 typed-array form."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape([int(n) for n in value["shape"].split(",")]) if "shape" in value else array
    return np.asarray(value)


def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_page_opens_with_an_untrained_network_and_no_error():
    at = fresh_page()
    assert at.title[0].value == "The MNIST workshop"
    assert lab(at).run.samples_seen == 0


#: What the header starts with, says before training, and says of the samples trained, in each language.
HEADER_WORDS = {
    "en": ("This session's network", "Not trained here yet", "Trained here", "Trained here on {n} samples so far"),
    "ru": ("Сеть этого сеанса", "Здесь ещё не обучалась", "Обучалась здесь", "пройдено образцов: {n}."),
}


@BOTH_LANGUAGES
def test_the_header_says_not_trained_before_training_and_the_samples_trained_after(lang):
    start, untrained, trained, samples = HEADER_WORDS[lang]
    at = fresh_page(lang)
    header = next(message_text(caption) for caption in at.caption if message_text(caption).startswith(start))
    assert untrained in header and trained not in header
    assert integer(1_000, lang) in header, "the first 1,000 training images, the fresh session's"
    train_small(at, images=1_000)
    header = next(message_text(caption) for caption in at.caption if message_text(caption).startswith(start))
    assert samples.format(n=integer(lab(at).run.samples_seen, lang)) in header and lab(at).run.samples_seen == 1_000


@BOTH_LANGUAGES
def test_training_runs_to_the_end_and_the_accuracy_shown_is_what_nn_computed(lang):
    at = fresh_page(lang)
    train_small(at)
    network = lab(at).network
    assert lab(at).run.samples_seen == 200 and network.hidden_nodes == 12
    images, labels = load_mnist("test", PEEK_TEST_IMAGES)
    assert at.metric[0].value == percent(accuracy(network, images, labels), lang)


def test_pause_stops_before_any_more_training_and_resume_carries_on():
    at = fresh_page()
    at.number_input(key="mnist_train_count").set_value(1_000)
    at.number_input(key="mnist_hidden_nodes").set_value(5)
    at.button(key="mnist_train").click().run()
    # each tick's time budget runs out at its first clock check (tests/conftest.py): one slice a tick
    assert lab(at).running and lab(at).run.samples_seen == SAMPLES_PER_CLOCK_CHECK
    wih = lab(at).network.wih.copy()
    at.button(key="mnist_pause").click().run()
    assert not at.exception and not lab(at).running
    assert lab(at).run.samples_seen == SAMPLES_PER_CLOCK_CHECK, "the click's own run trained nothing more"
    np.testing.assert_array_equal(lab(at).network.wih, wih)
    at.run()
    assert not lab(at).running and lab(at).run.samples_seen == SAMPLES_PER_CLOCK_CHECK
    at.button(key="mnist_resume").click().run()
    assert not at.exception and lab(at).running
    assert lab(at).run.samples_seen == 2 * SAMPLES_PER_CLOCK_CHECK


@BOTH_LANGUAGES
def test_the_test_tab_shows_nn_accuracy_on_10000_images_and_the_confusion_matrix(lang):
    at = fresh_page(lang)
    train_small(at)
    open_tab(at, "Test")
    network = lab(at).network
    images, labels = load_mnist("test")
    card = score(network, images, labels)
    assert at.metric[0].value == percent(accuracy(network, images, labels), lang)
    right, wrong = integer(10_000 - len(card.mistakes), lang), integer(len(card.mistakes), lang)
    counts = {"en": f"{right} right, {wrong} wrong", "ru": f"Верно: {right}, неверно: {wrong}"}[lang]
    assert any(counts in message_text(caption) for caption in at.caption)
    figure = plotly_figure(at, "mnist_confusion")
    shown = plotly_array(figure["data"][0]["text"])
    np.testing.assert_array_equal(shown, card.confusion)
    assert shown.sum() == 10_000
    said = {"en": "said", "ru": "ответ"}[lang]
    mistakes = [image for image in at.image if any(said in caption for caption in image.captions)]
    assert len(mistakes) == 8  # the first page of the gallery
    first = card.mistakes[0]
    assert mistakes[0].captions[0] == {"en": f"#{first}: true {labels[first]}, said {card.answers[first]}",
                                       "ru": f"№{first}: на самом деле {labels[first]}, ответ {card.answers[first]}"}[lang]


def test_backquery_images_for_every_digit_are_shown_on_the_train_and_inside_tabs():
    at = fresh_page()
    train_small(at, images=100)
    for tab in ("Train", "What it learned"):
        open_tab(at, tab)
        strips = [image for image in at.image if image.captions[0].startswith("What the network imagines")]
        assert len(strips) == 1, tab


@BOTH_LANGUAGES
def test_an_uploaded_digit_is_read_and_the_answer_is_what_the_network_says(lang):
    at = fresh_page(lang)
    train_small(at, images=300, hidden_nodes=30)
    open_tab(at, "Your handwriting")
    at.radio(key="mnist_source").set_value("upload a picture").run()
    digit = load_mnist("test", 1)[0][0]
    picture = 255 - np.kron(digit, np.ones((6, 6), dtype=np.uint8))  # dark ink on white, 168 x 168
    at.file_uploader(key="mnist_picture").set_value(("seven.png", png_bytes(picture), "image/png")).run()
    assert not at.exception and not at.error
    outputs = lab(at).network.query(prepare(np.asarray(Image.open(io.BytesIO(png_bytes(picture))).convert("RGBA"))).inputs)
    expected = np.argmax(outputs)
    assert at.metric[0].value == str(expected)
    digit_word = {"en": "digit", "ru": "цифра"}[lang]
    assert any(caption.value == f"{digit_word} {expected}: {decimal(outputs[expected], lang)}" for caption in at.caption)
    figure = plotly_figure(at, "mnist_handwriting_outputs")
    np.testing.assert_allclose(plotly_array(figure["data"][0]["y"]), lab(at).network.query(prepare(picture).inputs), rtol=1e-12)


@pytest.mark.parametrize("name, content, complaint", [
    ("notes.png", b"this is not a picture", "could not be used"),
    ("blank.png", png_bytes(np.full((50, 50), 255, dtype=np.uint8)), "blank"),
])
def test_a_picture_that_cannot_be_read_gets_a_clear_message(name, content, complaint):
    at = fresh_page()
    open_tab(at, "Your handwriting")
    at.radio(key="mnist_source").set_value("upload a picture").run()
    at.file_uploader(key="mnist_picture").set_value((name, content, "image/png")).run()
    assert not at.exception
    messages = [message_text(m) for m in (*at.error, *at.warning)]
    assert any(complaint in message for message in messages), messages


def test_a_saved_network_loads_back_and_a_bad_file_changes_nothing():
    at = fresh_page()
    saved = NeuralNetwork(784, 7, 10, 0.2, seed=3)
    buffer = io.BytesIO()
    saved.save(buffer)
    at.file_uploader(key="mnist_load").set_value(("mine.npz", buffer.getvalue(), "application/octet-stream")).run()
    assert not at.exception
    np.testing.assert_array_equal(lab(at).network.who, saved.who)
    at.file_uploader(key="mnist_load").set_value(("broken.npz", b"PK\x03\x04 rubbish", "application/octet-stream")).run()
    assert not at.exception and at.error and "unchanged" in message_text(at.error[0])
    np.testing.assert_array_equal(lab(at).network.who, saved.who)
    members = io.BytesIO()
    with zipfile.ZipFile(members, "w") as archive:
        archive.writestr("wih.npy", b"not an array at all")  # np.load would hand back these bytes
    at.file_uploader(key="mnist_load").set_value(("crafted.npz", members.getvalue(), "application/octet-stream")).run()
    assert not at.exception and "not a saved network" in message_text(at.error[0]) and "unchanged" in message_text(at.error[0])
    np.testing.assert_array_equal(lab(at).network.who, saved.who)


@BOTH_LANGUAGES
def test_a_refused_network_file_points_to_this_pages_own_save_button_and_to_where_another_data_set_loads(lang):
    """The messages said a network file is what 'Download the network' gives (the live page's button; this
    page's is 'Save this network') and told the learner to choose the data set a 3-3-3 network was
    trained on: this page has none to choose."""
    at = fresh_page(lang)
    before = lab(at)
    button = {"en": "'Save this network'", "ru": "«Сохранить сеть»"}[lang]
    at.file_uploader(key="mnist_load").set_value(("broken.npz", b"PK\x03\x04 rubbish", "application/octet-stream")).run()
    assert button in message_text(at.error[0]), message_text(at.error[0])
    pickled = pickle.dumps({"wih": 1})
    at.file_uploader(key="mnist_load").set_value(("pickled.npz", pickled, "application/octet-stream")).run()
    assert "pickle" in message_text(at.error[0]) and button in message_text(at.error[0]), message_text(at.error[0])
    small = io.BytesIO()
    NeuralNetwork(3, 3, 3, 0.3, seed=1).save(small)
    at.file_uploader(key="mnist_load").set_value(("small.npz", small.getvalue(), "application/octet-stream")).run()
    message = message_text(at.error[0])
    assert {"en": "Watch it learn", "ru": "«Смотреть, как она учится»"}[lang] in message, message
    assert {"en": "Choose the data set", "ru": "Выберите набор данных"}[lang] not in message, message
    assert lab(at) is before


@BOTH_LANGUAGES
def test_too_many_images_with_rotations_is_refused_and_the_network_kept(lang):
    at = fresh_page(lang)
    before = lab(at)
    at.checkbox(key="mnist_rotations").check()
    at.button(key="mnist_train").click().run()
    field = {"en": "training images", "ru": "обучающие изображения"}[lang]
    assert not at.exception and message_text(at.error[0]).startswith(field)  # the form's field, as it is labelled
    assert integer(20_000, lang) in message_text(at.error[0]), "what is allowed"
    assert lab(at) is before


@BOTH_LANGUAGES
def test_the_experiment_shows_the_accuracies_nn_experiments_computes_and_the_books_figures(lang):
    at = fresh_page(lang)
    open_tab(at, "Experiments")
    at.text_input(key="mnist_sweep_values_learning_rate").set_value("0.1, 0.3").run()
    at.number_input(key="mnist_sweep_hidden_nodes").set_value(10)
    at.number_input(key="mnist_sweep_train_count").set_value(200)
    assert {"en": "about", "ru": "около"}[lang] in message_text(at.info[0])  # the time it will take, said first
    at.button(key="mnist_sweep_run").click().run()
    assert not at.exception
    figure = plotly_figure(at, "mnist_sweep_chart")
    images, labels = load_mnist("train", 200)
    test_images, test_labels = load_mnist("test")
    expected = sweep("learning_rate", [0.1, 0.3], Config(hidden_nodes=10), images, labels, test_images, test_labels)
    np.testing.assert_array_equal(plotly_array(figure["data"][0]["y"]), [point.accuracy for point in expected])
    assert figure["data"][0]["text"] == [percent(point.accuracy, lang) for point in expected]
    assert len(figure["data"]) == 1  # 10 hidden nodes: the book published nothing to draw alongside


#: The rotation comparison's two metrics, by their labels in each language.
ROTATION_RUNS = {"en": ("trained on originals", "trained on originals + rotations"),
                 "ru": ("обучение: оригиналы", "обучение: оригиналы + повёрнутые")}


@BOTH_LANGUAGES
def test_the_rotation_comparison_shows_the_accuracies_nn_experiments_computes_under_their_names(lang):
    at = fresh_page(lang)
    open_tab(at, "Experiments")
    at.number_input(key="mnist_rotation_train_count").set_value(100).run()
    at.button(key="mnist_rotation_run").click().run()
    assert not at.exception
    images, labels = load_mnist("train", 100)
    plain, rotated = compare_rotations(Config(), images, labels, *load_mnist("test"))
    shown = {metric.label: metric.value for metric in at.metric}
    originals, with_rotations = ROTATION_RUNS[lang]
    assert shown[originals] == percent(plain.accuracy, lang)
    assert shown[with_rotations] == percent(rotated.accuracy, lang)


@BOTH_LANGUAGES
def test_bad_sweep_values_get_a_message_naming_the_field(lang):
    at = fresh_page(lang)
    open_tab(at, "Experiments")
    at.text_input(key="mnist_sweep_values_learning_rate").set_value("0.1, -2").run()
    field = {"en": "values to try", "ru": "значения"}[lang]
    assert not at.exception and message_text(at.error[0]).startswith(field) and "learning_rate" in message_text(at.error[0])


@BOTH_LANGUAGES
def test_the_pretrained_network_is_offered_and_scores_what_nn_says(lang):
    from ui.mnist.state import PRETRAINED
    at = fresh_page(lang)
    at.button(key="mnist_pretrained").click().run()
    assert not at.exception
    bundled = NeuralNetwork.load(PRETRAINED)
    np.testing.assert_array_equal(lab(at).network.wih, bundled.wih)
    assert {"en": "pre-trained", "ru": "предобученная"}[lang] in message_text(at.caption[0])
    open_tab(at, "Test")
    images, labels = load_mnist("test")
    shown = accuracy(bundled, images, labels)
    assert at.metric[0].value == percent(shown, lang) and shown > 0.95
    # it learned before it came: never "after 0 training samples"
    assert {"en": "its earlier training, plus 0 training samples here",
            "ru": "её прежнее обучение и ещё 0 обучающих образцов здесь"}[lang] in " ".join(
        message_text(caption) for caption in at.caption)


# -- the page's settings live in the URL -------------------------------------------------


def open_link(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params.update(query)
    at.run()
    assert not at.exception
    return at


def test_a_link_fills_the_form_and_makes_its_network_the_same_on_every_screen():
    at = open_link(hidden_nodes="12", learning_rate="0.2", init="uniform", seed="3", train_count="200", epochs="2")
    assert not at.error
    shown = {key: at.number_input(key=f"mnist_{key}").value for key in ("hidden_nodes", "seed", "train_count", "epochs")}
    assert shown == {"hidden_nodes": 12, "seed": 3, "train_count": 200, "epochs": 2}
    assert at.text_input(key="mnist_learning_rate").value == "0.2"  # a fraction is typed as text
    assert at.selectbox(key="mnist_init").value == "uniform"
    network = lab(at).network
    expected = NeuralNetwork(784, 12, 10, 0.2, init="uniform", seed=3)
    np.testing.assert_array_equal(network.wih, expected.wih)
    np.testing.assert_array_equal(network.who, expected.who)
    assert lab(at).run.samples_seen == 0 and not lab(at).running, "made, not yet trained"
    images, labels = load_mnist("test", PEEK_TEST_IMAGES)
    assert at.metric[0].value == f"{accuracy(expected, images, labels):.2%}"
    at.button(key="mnist_resume").click().run()  # labelled Start: nothing trained yet
    for _ in range(100):
        if not lab(at).running:
            break
        at.run()
    assert lab(at).finished and lab(at).run.samples_seen == 400
    assert at.metric[0].value == f"{accuracy(lab(at).network, images, labels):.2%}"


def test_submitting_the_form_puts_its_settings_in_the_url():
    at = fresh_page()
    assert url(at) == {}, "a fresh page at its defaults has a bare address"
    train_small(at, images=100, hidden_nodes=6, epochs=2)
    assert url(at) == {"hidden_nodes": "6", "epochs": "2", "train_count": "100"}
    at.text_input(key="mnist_learning_rate").set_value("0.3")
    at.run()  # not submitted: the form's settings, and so the link, are still the 0.1 ones
    assert "learning_rate" not in url(at)
    at.text_input(key="mnist_learning_rate").set_value("0.3")
    at.button(key="mnist_train").click().run()
    assert url(at)["learning_rate"] == "0.3" and lab(at).network.learning_rate == 0.3


def test_the_open_tab_is_in_the_url_both_ways():
    at = open_link(tab="what-it-learned")
    assert any(image.captions[0].startswith("What the network imagines") for image in at.image)
    assert url(at) == {"tab": "what-it-learned"}
    open_tab(at, "Test")
    assert url(at) == {"tab": "test"}
    open_tab(at, "Train")
    assert url(at) == {}


def test_the_experiments_settings_are_in_the_url_both_ways():
    at = open_link(tab="experiments", sweep_setting="hidden_nodes", sweep_train_count="500", sweep_learning_rate="0.3")
    assert at.selectbox(key="mnist_sweep_setting").value == "hidden_nodes"
    assert at.text_input(key="mnist_sweep_learning_rate").value == "0.3"
    assert "on 500 images" in message_text(at.info[0])
    at.number_input(key="mnist_sweep_epochs").set_value(2).run()
    at.number_input(key="mnist_rotation_train_count").set_value(1000).run()
    assert url(at) == {"tab": "experiments", "sweep_setting": "hidden_nodes", "sweep_train_count": "500",
                       "sweep_learning_rate": "0.3", "sweep_epochs": "2", "rotation_train_count": "1000"}


@BOTH_LANGUAGES
@pytest.mark.parametrize("setting", ["hidden_nodes", "learning_rate", "epochs"])
def test_the_values_boxs_help_is_true_for_every_setting_and_any_number_of_training_images(setting, lang):
    """It said every network was "trained and tested on 10,000 images" whatever the training images below
    said, and in Russian gave learning rates («0,01; 0,1; 0,3») as the example for hidden nodes and epochs."""
    at = open_link(tab="experiments", sweep_setting=setting, sweep_train_count="500", lang=lang)
    help_text = at.text_input(key=f"mnist_sweep_values_{setting}").help
    assert {"en": "on 500 images", "ru": "на 500 изображений"}[lang] in message_text(at.info[0]), "500 are trained on"
    trains = {"en": "trained on the training images set below", "ru": "обученная на обучающих изображениях, заданных ниже"}
    tests = {"en": "tested on the 10,000 test images", "ru": "проверенная на 10 000 тестовых изображений"}
    assert trains[lang] in help_text and tests[lang] in help_text, help_text
    assert "0,01" not in help_text and "0.01" not in help_text, "no example of another setting's values"


@pytest.mark.parametrize("name, text, allowed", [
    ("hidden_nodes", "0", "a whole number from 1 to 200"),
    ("learning_rate", "fast", "a number from 0.001 to 100"),
    ("init", "zeros", "one of normal, uniform, positive"),
    ("rotations", "maybe", "on or off"),
    ("tab", "settings", "one of train, test, predict-it, your-handwriting, what-it-learned, experiments"),
    ("sweep_train_count", "5", "a whole number from 100 to 60000"),
])
def test_a_bad_value_in_a_link_is_named_with_what_is_allowed_and_nothing_changes(name, text, allowed):
    at = open_link(**{name: text})
    [message] = [message_text(e) for e in at.error]
    assert f"{name} must be {allowed}" in message and repr(text) in message
    assert lab(at).run.samples_seen == 0 and lab(at).network.hidden_nodes == 100, "the session's network is kept"
    assert url(at) == {}
    train_small(at, images=100, hidden_nodes=4)  # and the page still works


def test_a_link_asking_for_too_many_rotated_images_is_named_and_trains_without_them():
    at = open_link(rotations="true", train_count="30000")
    assert any("rotations=true" in message_text(e) and "20,000" in message_text(e) for e in at.error)
    assert at.checkbox(key="mnist_rotations").value is False and not lab(at).rotations


def test_a_second_link_in_the_same_tab_makes_its_own_network():
    at = open_link(hidden_nodes="12", seed="3", train_count="200")
    at.query_params.clear()
    at.query_params.update({"hidden_nodes": "7", "seed": "4", "train_count": "100", "tab": "test"})
    at.run()
    assert not at.exception
    np.testing.assert_array_equal(lab(at).network.wih, NeuralNetwork(784, 7, 10, 0.1, seed=4).wih)
    assert lab(at).train_count == 100 and at.session_state["mnist_tab"] == "Test"
    open_tab(at, "Train")  # the page's own writing is not a link: the network is not made again
    assert at.number_input(key="mnist_hidden_nodes").value == 7 and lab(at).train_count == 100


def test_a_bad_number_typed_in_the_form_is_named_and_the_network_kept():
    at = fresh_page()
    before = lab(at)
    at.number_input(key="mnist_hidden_nodes").set_value(0)
    at.button(key="mnist_train").click().run()
    assert not at.exception
    assert any("hidden_nodes must be a whole number from 1 to 200" in message_text(e) for e in at.error)
    assert lab(at) is before and url(at) == {}


@pytest.fixture
def every_run_heavy(monkeypatch):
    """Every MNIST run counts as heavy, and the server's slots are empty to begin with and after."""
    from ui import heavy_jobs
    import ui.mnist.state

    monkeypatch.setattr(ui.mnist.state, "HEAVY_TRAINING_WORK", 0)
    heavy_jobs.SLOTS._expires.clear()
    yield heavy_jobs.SLOTS
    heavy_jobs.SLOTS._expires.clear()


def start_training(at: AppTest, images: int = 1_000, hidden_nodes: int = 5) -> None:
    at.number_input(key="mnist_train_count").set_value(images)
    at.number_input(key="mnist_hidden_nodes").set_value(hidden_nodes)
    at.button(key="mnist_train").click().run()
    assert not at.exception


def test_a_heavy_run_waits_while_the_servers_slots_are_taken_and_trains_when_one_frees(every_run_heavy):
    slots = every_run_heavy
    for other in range(slots.size):
        assert slots.claim(f"another session {other}", lease=None)
    at = fresh_page()
    start_training(at)
    assert lab(at).running and lab(at).run.samples_seen == 0, "it waits: nothing trained"
    assert any("busy" in message_text(info) and "waits" in message_text(info) for info in at.info)
    for other in range(slots.size):
        slots.release(f"another session {other}")
    at.run()
    assert lab(at).run.samples_seen == SAMPLES_PER_CLOCK_CHECK and not any("busy" in message_text(i) for i in at.info)


def test_two_heavy_runs_at_once_take_turns_not_both_train(every_run_heavy, monkeypatch):
    monkeypatch.setattr(every_run_heavy, "size", 1)  # the 2-core classroom server's one slot
    first, second = fresh_page(), fresh_page()
    start_training(first)
    start_training(second)
    assert lab(first).run.samples_seen == SAMPLES_PER_CLOCK_CHECK and lab(second).run.samples_seen == 0
    first.button(key="mnist_pause").click().run()  # pausing frees the slot at once
    second.run()
    assert lab(second).run.samples_seen == SAMPLES_PER_CLOCK_CHECK


def test_a_small_run_never_waits_for_a_slot(every_run_heavy, monkeypatch):
    import ui.mnist.state

    monkeypatch.setattr(ui.mnist.state, "HEAVY_TRAINING_WORK", 10**12)
    for other in range(every_run_heavy.size):
        every_run_heavy.claim(f"another session {other}", lease=None)
    at = fresh_page()
    start_training(at)
    assert lab(at).run.samples_seen == SAMPLES_PER_CLOCK_CHECK


def open_experiments(speed: float) -> AppTest:
    """The Experiments tab with the measured training speed replaced by ``speed`` samples a second."""
    at = fresh_page()
    at.session_state["mnist_speeds"] = {hidden: speed for hidden in (10, 50, 100, 200)}
    open_tab(at, "Experiments")
    return at


def test_an_experiment_estimated_past_the_limit_is_refused_before_it_starts():
    from ui.heavy_jobs import MAX_EXPERIMENT_SECONDS

    at = open_experiments(speed=100.0)  # 4 networks x 10,000 images at 100 samples/s: 400 s
    assert 4 * 10_000 / 100.0 > MAX_EXPERIMENT_SECONDS
    assert any("at most" in message_text(w) and "Try fewer" in message_text(w) for w in at.warning)
    assert not [button for button in at.button if button.key == "mnist_sweep_run"]


def test_an_experiment_on_a_busy_server_does_not_start_and_says_so(every_run_heavy):
    for other in range(every_run_heavy.size):
        every_run_heavy.claim(f"another session {other}", lease=None)
    at = open_experiments(speed=1e9)
    at.button(key="mnist_sweep_run").click().run()
    assert not at.exception and "mnist_sweep_result" not in at.session_state
    assert any("busy" in message_text(w) and "did not start" in message_text(w) for w in at.warning)
