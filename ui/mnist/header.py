"""The MNIST workshop's one-line summary of the session's network: what it is and how much it has trained."""

from __future__ import annotations

from ui.i18n import _, ngettext, numbers
from ui.mnist.state import PRETRAINED_SETTINGS, MnistLab, Origin


def origin_words(origin: Origin) -> str:
    """Where the network came from, as a phrase for the header's list ("a fresh network, seed 0")."""
    if origin.kind == "pre-trained":
        # Translators: an item of the header's list describing the network; {settings} says how it was trained
        return _("the pre-trained network ({settings})").format(settings=_(PRETRAINED_SETTINGS))
    if origin.kind == "loaded":
        # Translators: an item of the header's list describing the network; {file} is the learner's file name
        return _("loaded from {file}").format(file=origin.file_name)
    # Translators: an item of the header's list describing the network
    return _("a fresh network, seed {seed}").format(seed=origin.seed)


def _trained_words(lab: MnistLab) -> str:
    """The header's second sentence: untrained (what Start will train on) or how far it has trained.

    The count of training images is at least 10, but Russian still needs its three forms (21, 22, 25).
    """
    count, seen = lab.train_count, lab.run.samples_seen
    if seen == 0:
        template = ngettext(
            "Not trained here yet: the Train tab trains it on the first {count} training images and their "
            "rotated copies.",
            "Not trained here yet: the Train tab trains it on the first {count} training images and their "
            "rotated copies.", count,
        ) if lab.rotations else ngettext(
            "Not trained here yet: the Train tab trains it on the first {count} training images.",
            "Not trained here yet: the Train tab trains it on the first {count} training images.", count,
        )
    else:
        template = ngettext(
            "Trained here on {seen} samples so far, from the first {count} training images and their "
            "rotated copies.",
            "Trained here on {seen} samples so far, from the first {count} training images and their "
            "rotated copies.", count,
        ) if lab.rotations else ngettext(
            "Trained here on {seen} samples so far, from the first {count} training images.",
            "Trained here on {seen} samples so far, from the first {count} training images.", count,
        )
    return template.format(count=numbers.integer(count), seen=numbers.integer(seen))


def network_header(lab: MnistLab) -> str:
    """What the header says about the session's network: nothing it has not done."""
    network = lab.network
    # Translators: {init} is the starting weights' name, translated in the shared catalogue ("normal": "нормальные")
    described = _("This session's network: 784-{hidden}-10, learning rate {rate}, {init} starting weights, "
                  "{origin}.").format(hidden=network.hidden_nodes, rate=numbers.general(network.learning_rate),
                                      init=_(network.init), origin=origin_words(lab.origin))
    return described + " " + _trained_words(lab)
