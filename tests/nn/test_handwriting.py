"""nn.handwriting: from a picture of one digit to the network's 784 inputs, each step checked."""

import numpy as np
import pytest
from scipy import ndimage

from nn.data import load_mnist
from nn.handwriting import INK_THRESHOLD, UnreadablePicture, prepare


def paper_picture(digit: np.ndarray, enlarge: int = 8) -> np.ndarray:
    """An MNIST digit as a learner's picture: enlarged, dark ink on white paper."""
    return 255.0 - np.clip(ndimage.zoom(digit.astype(float), enlarge, order=1), 0, 255)


def test_an_enlarged_mnist_digit_on_paper_comes_back_close_to_the_original():
    images, _ = load_mnist("test", 20)
    likeness = [np.corrcoef(prepare(paper_picture(image)).resized.ravel(), image.ravel())[0, 1]
                for image in images]
    assert min(likeness) > 0.7, f"worst correlation with the original {min(likeness):.3f}"
    assert np.median(likeness) > 0.88


def test_inputs_are_the_books_scaling_of_the_28_by_28_ink():
    images, _ = load_mnist("test", 1)
    steps = prepare(paper_picture(images[0]))
    assert steps.resized.shape == (28, 28) and steps.inputs.shape == (784,)
    np.testing.assert_allclose(steps.inputs, steps.resized.ravel() / 255 * 0.99 + 0.01)
    assert steps.inputs.min() == pytest.approx(0.01) and steps.inputs.max() == pytest.approx(1.0)


def test_dark_ink_on_paper_is_inverted_so_ink_is_high():
    picture = np.full((100, 80), 250.0)
    picture[20:80, 35:45] = 10.0  # a dark vertical bar: a "1"
    steps = prepare(picture)
    assert steps.inverted
    assert steps.ink[50, 40] == pytest.approx(240.0) and steps.ink[5, 5] == 0.0
    assert steps.resized[14, 14] > 200 and steps.resized[14, 3] == 0  # centred, background 0


def test_light_ink_on_a_dark_background_is_not_inverted():
    picture = np.zeros((100, 100))
    picture[20:80, 45:55] = 255.0
    steps = prepare(picture)
    assert not steps.inverted
    np.testing.assert_array_equal(steps.ink, picture)


def test_the_digit_is_centred_by_its_mass_whatever_corner_it_was_drawn_in():
    picture = np.full((200, 200), 255.0)
    picture[5:60, 140:150] = 0.0  # a small "1" top right
    centre = ndimage.center_of_mass(prepare(picture).resized)
    assert abs(centre[0] - 14) <= 1 and abs(centre[1] - 14) <= 1


def test_rgba_with_a_transparent_background_counts_as_white_paper():
    rgba = np.zeros((60, 60, 4), dtype=np.uint8)  # transparent black everywhere...
    rgba[10:50, 25:35] = (0, 0, 0, 255)           # ...but an opaque black stroke
    steps = prepare(rgba)
    assert steps.grey[0, 0] == 255.0 and steps.grey[30, 30] == 0.0
    assert steps.inverted


def test_rgb_becomes_grey_with_the_luma_weights():
    rgb = np.full((20, 20, 3), 255, dtype=np.uint8)
    rgb[5:15, 8:12] = (255, 0, 0)
    steps = prepare(rgb)
    assert steps.grey[10, 10] == pytest.approx(255 * 0.299)


#: Pictures that hold no digit, and the reason and figures nn gives (ui.messages words them).
UNREADABLE = [
    (np.full((50, 50), 255.0), "blank", {"threshold": INK_THRESHOLD}),
    (np.zeros((4, 50)), "too_small", {"height": 4, "width": 50, "min_side": 8}),
    (np.zeros((20, 20, 2)), "wrong_shape", {"shape": (20, 20, 2)}),
    (np.full((20, 20), 300.0), "out_of_range", {"low": 300.0, "high": 300.0}),
    (np.array([["a"] * 20] * 20), "not_numbers", {"dtype": "<U1"}),
]


@pytest.mark.parametrize("picture, reason, figures", UNREADABLE, ids=[case[1] for case in UNREADABLE])
def test_a_picture_that_holds_no_digit_is_refused_with_the_reason_and_its_figures(picture, reason, figures):
    with pytest.raises(UnreadablePicture) as refused:
        prepare(picture)
    assert isinstance(refused.value, ValueError)
    assert (refused.value.reason, refused.value.figures) == (reason, figures)
