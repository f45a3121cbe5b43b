"""The MNIST workshop's own network and its training run, kept in this session.

Separate from the small live network of :func:`ui.session.get_lab`: the
workshop's network is 784-hidden-10 and trains on MNIST, under its own
session_state entry. The page's settings are rows of
:data:`ui.mnist.settings.MNIST_SETTINGS`; their values this session are kept here
(:func:`chosen_settings`), so they outlive the widgets of a closed tab.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import weakref
from typing import Optional

import numpy as np
import streamlit as st

from nn import NeuralNetwork
from nn.augment import augment
from nn.data import ASSETS, load_mnist, make_targets, scale_inputs
from nn.experiments import Config
from nn.scoring import Scorecard, accuracy, score
from nn.training import TrainingRun
from ui.heavy_jobs import HEAVY_TRAINING_WORK, yield_to_pages
from ui.i18n import N_, _
from ui.mnist.settings import MNIST_SETTINGS

SESSION_KEY = "mnist_lab"

#: Test images scored after every training chunk (the full 10,000 are scored on the Test tab).
PEEK_TEST_IMAGES = 2_000
#: Seconds of training per screen update while training runs.
TICK_SECONDS = 0.4


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where the session's network came from: ``kind`` is "fresh" (made from ``seed``), "pre-trained"
    (the bundled network) or "loaded" (from the learner's file ``file_name``). Kept as facts, not words,
    so the header words it in whichever language the session speaks when it is drawn."""

    kind: str
    seed: int = 0
    file_name: str = ""


@dataclasses.dataclass
class MnistLab:
    """The workshop's network, what it is being trained on, and how it has gone."""

    config: Config
    train_count: int            # how many of the 60,000 training images
    rotations: bool             # also train on +/-10 degree copies (the book's last chapter)
    run: TrainingRun
    origin: Origin              # where the network came from
    running: bool = False
    training_seconds: float = 0.0
    #: (samples seen, accuracy on the first PEEK_TEST_IMAGES test images)
    test_accuracy: list = dataclasses.field(default_factory=list)
    _scorecard: Optional[tuple[int, Scorecard]] = None

    @property
    def network(self) -> NeuralNetwork:
        return self.run.network

    @property
    def target_samples(self) -> int:
        return self.config.epochs * self.run.epoch_size

    @property
    def work(self) -> int:
        """The whole run's cost: samples to train x weights (what the heavy-job limit judges)."""
        return self.target_samples * (self.network.wih.size + self.network.who.size)

    @property
    def heavy(self) -> bool:
        """Whether training this run needs one of the server's heavy-job slots."""
        return self.work > HEAVY_TRAINING_WORK

    @property
    def finished(self) -> bool:
        return self.run.samples_seen >= self.target_samples or bool(self.run.diverged)

    @property
    def samples_per_second(self) -> Optional[float]:
        return self.run.samples_seen / self.training_seconds if self.training_seconds > 0 else None

    def seconds_left(self) -> Optional[float]:
        speed = self.samples_per_second
        return None if speed is None else (self.target_samples - self.run.samples_seen) / speed

    def train_tick(self, seconds: float = TICK_SECONDS) -> None:
        """Train for about ``seconds`` (never past the last epoch), then peek at test accuracy."""
        yield_to_pages()
        started = time.perf_counter()
        self.run.train(self.target_samples - self.run.samples_seen, time_budget=seconds)
        self.training_seconds += time.perf_counter() - started
        self.peek()
        if self.finished:
            self.running = False

    def peek(self) -> None:
        images, labels = load_mnist("test", PEEK_TEST_IMAGES)
        if not self.test_accuracy or self.test_accuracy[-1][0] != self.run.samples_seen:
            self.test_accuracy.append((self.run.samples_seen, accuracy(self.network, images, labels)))

    def scorecard(self) -> Scorecard:
        """All 10,000 test images scored, recomputed only when the network has changed."""
        if self._scorecard is None or self._scorecard[0] != self.run.samples_seen:
            images, labels = load_mnist("test")
            self._scorecard = (self.run.samples_seen, score(self.network, images, labels))
        return self._scorecard[1]


#: Rotated copies already made, shared by every session training on the same images while any of them
#: still holds them (weakly kept: the last session to go frees them). 20,000 images with their copies are
#: 45 MB; a class following one lesson link would otherwise hold one copy per learner.
_ROTATED: "weakref.WeakValueDictionary[int, np.ndarray]" = weakref.WeakValueDictionary()
_ROTATED_LOCK = threading.Lock()


def training_data(train_count: int, rotations: bool) -> tuple[np.ndarray, np.ndarray]:
    """The first ``train_count`` training images (with their rotated copies) as uint8 pixels and labels.

    They stay uint8: the training run scales each chunk as the book does just before training on it.
    The rotated set is made once for every session training on it at the same time (read-only).
    """
    images, labels = load_mnist("train", train_count)
    if not rotations:
        return images, labels
    with _ROTATED_LOCK:  # a second session asking meanwhile waits for this copy rather than make its own
        rotated = _ROTATED.get(train_count)
        if rotated is None:
            rotated, _labels = augment(images, labels)
            rotated.flags.writeable = False
            _ROTATED[train_count] = rotated
    return rotated, np.repeat(labels, 3)  # augment's order: each image, then its two turned copies


def new_lab(config: Config, train_count: int, rotations: bool, network: Optional[NeuralNetwork] = None,
            origin: Optional[Origin] = None) -> MnistLab:
    """A lab that will train ``network`` (a fresh one from ``config`` if None) from sample 0."""
    network = network if network is not None else config.network()
    inputs, targets = training_data(train_count, rotations)
    origin = origin or Origin("fresh", seed=config.seed)
    lab = MnistLab(config, train_count, rotations, TrainingRun(network, inputs, targets, prepare_inputs=scale_inputs, prepare_targets=make_targets), origin)
    lab.peek()
    return lab


def get_mnist_lab() -> MnistLab:
    """This session's workshop lab; a fresh, untrained 784-100-10 on 1,000 images until the learner chooses."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = new_lab(Config(), 1_000, rotations=False)
    return st.session_state[SESSION_KEY]


def set_mnist_lab(lab: MnistLab) -> None:
    st.session_state[SESSION_KEY] = lab


CHOICES_KEY = "mnist_choices"


def chosen_settings() -> dict:
    """Every setting of the workshop this session (the Train form as last submitted or linked, the
    open tab, the experiments' values), by name: what the address bar shares.

    Streamlit drops a widget's state when its tab is closed; these values outlive it,
    and each widget starts from them.
    """
    return st.session_state.setdefault(CHOICES_KEY, MNIST_SETTINGS.defaults())


#: A network trained by the project's own command, so a learner can try their handwriting at once.
PRETRAINED = ASSETS / "mnist_pretrained.npz"
PRETRAINED_COMMAND = "python -m nn.mnist --hidden 100 --lr 0.1 --epochs 5 --seed 0 --save assets/mnist_pretrained.npz"
#: What the bundled network is, for the header and the button's help (marked here, translated where shown).
PRETRAINED_SETTINGS = N_("784-100-10, learning rate 0.1, 5 epochs over all 60,000 training images, normal starting "
                         "weights, seed 0")


def pretrained_lab(train_count: int) -> MnistLab:
    """A lab holding the bundled pre-trained network (ValueError if the file is missing or damaged)."""
    if not PRETRAINED.exists():
        raise ValueError(_("{file} is missing from assets/; make it with: {command}").format(
            file=PRETRAINED.name, command=PRETRAINED_COMMAND))
    network = NeuralNetwork.load(PRETRAINED)
    config = Config(network.hidden_nodes, network.learning_rate, 1, network.init, network.seed or 0)
    return new_lab(config, train_count, False, network, origin=Origin("pre-trained"))
