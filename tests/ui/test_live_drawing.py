"""The live page's cheaper drawing draws what the plain computation would (ui/live/curve.py, ui/charts.py, ui/live/view.py)."""

from __future__ import annotations

import base64
import re

import numpy as np
import pytest

from nn import NeuralNetwork
from nn.training import TrainingRun
from ui import charts
from ui.live import view
from ui.live.curve import ErrorHistory, spread_out


def trained_run(samples: int, seed: int = 1) -> TrainingRun:
    rng = np.random.default_rng(seed)
    inputs = rng.uniform(0.01, 0.99, size=(7, 3))
    run = TrainingRun(NeuralNetwork(3, 3, 3, 0.3, seed=seed), inputs, inputs)
    run.train(samples)
    return run


def test_the_curve_points_are_the_runs_own_errors_and_running_means_at_the_samples_drawn():
    run = trained_run(50)
    history = ErrorHistory()
    for more in (0, 1, 13, 700, 2000):  # followed a few samples at a time, as live updates do
        run.train(more)
        history.follow(run.errors)
        points = history.points(window=14, most=400)
        assert points.samples_seen == run.samples_seen
        assert len(points.samples) == min(400, run.samples_seen)
        assert points.samples[0] == 1 and points.samples[-1] == run.samples_seen
        assert len(set(points.samples.tolist())) == len(points.samples)
        kept = points.samples - 1
        # the same floats, not merely close: the sums are added in running_mean's order
        assert points.errors.tolist() == np.asarray(run.errors)[kept].tolist()
        assert points.means.tolist() == run.running_mean(14)[kept].tolist()
        assert points.largest_error == max(run.errors)


def test_the_curve_starts_again_for_a_new_run_or_a_history_cut_short():
    history = ErrorHistory()
    first = trained_run(30, seed=1)
    history.follow(first.errors)
    second = trained_run(10, seed=2)
    history.follow(second.errors)  # another run (Reset, a loaded network)
    assert history.points(5, 400).errors.tolist() == list(second.errors)
    del second.errors[6:]  # a run that diverged drops the slice it could not train
    history.follow(second.errors)
    assert history.points(5, 400).samples_seen == 6
    second.errors[5] = 99.0  # a changed last error is noticed too
    history.follow(second.errors)
    assert history.points(5, 400).errors.tolist() == list(second.errors)
    assert ErrorHistory().points(5, 400).samples_seen == 0


def test_the_error_curve_svg_draws_the_points_it_is_given_and_no_more():
    run = trained_run(5000)
    history = ErrorHistory()
    history.follow(run.errors)
    points = history.points(window=14, most=view.CURVE_POINTS)
    frame, svg = charts.error_curve_svg_of_points(points.samples, points.errors, points.means, points.samples_seen,
                                                  points.largest_error, range(7, run.samples_seen + 1, 7))
    assert svg.count("h0") == view.CURVE_POINTS  # one dot a point
    line = re.search(r'class="running-mean" points="([^"]*)"', svg).group(1).split()
    assert len(line) == view.CURVE_POINTS
    # the last point sits at the right end of the x axis for 5,000 samples (ticks up to 5,000)
    scale = float(re.search(r'<g transform="scale\(([\d.]+)\)">', svg).group(1))  # the points' unit
    assert float(line[-1].split(",")[0]) * scale == pytest.approx(64 + (900 - 64 - 20), abs=0.06)
    assert "the start of every 20 epochs" in frame  # 714 epochs, at most 40 dotted lines, a round step


def test_the_weight_scale_grows_exactly_as_the_percentile_rule_says_without_sorting_every_time():
    rng = np.random.default_rng(4)

    class FakeLab:
        colour_scales: dict

    for size in (1, 2, 9, 200, 78_400):
        for spread in (0.01, 0.3, 5.0):
            weights = rng.normal(scale=spread, size=size)
            for scale in (0.0, 0.02, 0.5, 1.0, 8.0):
                lab = FakeLab()
                lab.colour_scales = {"wih": scale} if scale else {}
                _, shown_scale, _ = view._shown_values(lab, "wih", weights, show_change=False)
                by_the_rule = max(scale, charts.nice_scale(float(np.percentile(np.abs(weights), 99.5))))
                assert shown_scale == by_the_rule, (size, spread, scale)


def test_hidden_node_tiles_sit_in_their_places_with_grey_gaps_between():
    rng = np.random.default_rng(5)
    wih = rng.normal(size=(13, 5 * 4 + 1))  # 13 nodes of a 5x4 picture, and a bias column
    for zoom, gap in ((1, 1), (3, 2)):
        sheet = np.asarray(charts.hidden_node_images(wih, (5, 4), 1.0, columns=6, zoom=zoom, gap=gap))
        tile_h, tile_w = 5 * zoom, 4 * zoom
        assert sheet.shape == (3 * (tile_h + gap) + gap, 6 * (tile_w + gap) + gap)
        for node in range(13):
            top, left = gap + (node // 6) * (tile_h + gap), gap + (node % 6) * (tile_w + gap)
            expected = np.kron(charts.colour_indices(wih[node, :20].reshape(5, 4), 1.0), np.ones((zoom, zoom), np.uint8))
            np.testing.assert_array_equal(sheet[top:top + tile_h, left:left + tile_w], expected)
        grey = np.ones(sheet.shape, bool)
        for node in range(13):
            top, left = gap + (node // 6) * (tile_h + gap), gap + (node % 6) * (tile_w + gap)
            grey[top:top + tile_h, left:left + tile_w] = False
        assert (sheet[grey] == 255).all()  # gaps, and the places of the missing nodes 14 to 18


def test_colour_indices_put_zero_in_the_middle_and_the_scale_at_the_ends():
    values = np.array([0.0, 1.0, -1.0, 2.0, -2.0, np.nan, np.inf, -np.inf, 0.5, -0.5])
    assert charts.colour_indices(values, 1.0).tolist() == [127, 254, 0, 254, 0, 127, 254, 0, 190, 64]


def test_the_accuracy_line_is_drawn_at_most_at_the_curves_budget_of_points_first_and_last_kept():
    measured = [(1000 * (n + 1), n / 2000) for n in range(1000)]  # a long MNIST run's test accuracy
    kept = spread_out(measured, 400)
    assert len(kept) == 400 and len(set(kept)) == 400
    assert kept[0] == measured[0] and kept[-1] == measured[-1]
    assert kept == sorted(kept) and set(kept) <= set(measured)  # measured points, in order, none made up
    gaps = np.diff([samples for samples, _ in kept])
    assert gaps.max() - gaps.min() <= 1000  # evenly spread
    assert spread_out(measured[:10], 400) == measured[:10]


def test_each_samples_error_is_worked_out_again_once_the_weights_or_the_lab_change():
    from nn.gradient_check import sample_error
    from ui.live.samples import sample_errors
    from ui.session import Lab

    def fresh(lab):
        return tuple(sample_error(lab.network, i, t) for i, t in zip(lab.run.inputs, lab.run.targets))

    lab = Lab("3-3-3", trained_run(30))
    assert sample_errors(lab) == fresh(lab)
    lab.run.train(1)  # the weights change in place: the same network, other bytes
    assert sample_errors(lab) == fresh(lab)
    lab.network.wih[0, 0] += 0.5
    assert sample_errors(lab) == fresh(lab)
    other = Lab("3-3-3", trained_run(30, seed=2))  # another session's lab
    assert sample_errors(other) == fresh(other) != fresh(lab)
    assert sample_errors(lab) == fresh(lab)


class GatheredBlock:
    """What a live update adds to its element (ui/live/block.py's HtmlBlock, without sending it)."""

    def __init__(self):
        self.parts = []

    def add(self, html: str) -> None:
        self.parts.append(html)


def curve_images(lab) -> dict[str, str]:
    """The live error curve's <img> tags, by class, as the next live update draws them."""
    block = GatheredBlock()
    view.error_curve_ui(lab, block)
    [part] = block.parts
    return dict((css_class, tag) for tag, css_class in re.findall(r'(<img class="([^"]+)"[^>]*>)', part))


def test_while_the_axes_stay_the_live_curves_frame_is_sent_as_the_very_same_picture_and_only_its_data_changes(
        monkeypatch):
    """The browser builds a new SVG document, words and all, for every picture with a new data: URL; one it
    has drawn already comes from its memory cache. Two updates on the same axes send the frame byte for byte."""
    from types import SimpleNamespace

    from ui.live.settings import LIVE_SETTINGS
    from ui.session import build_lab

    monkeypatch.setattr(view, "st", SimpleNamespace(session_state={}))
    lab = build_lab(LIVE_SETTINGS.defaults())  # 3-3-3
    lab.run.train(1_100)  # samples seen along 0 .. 1,500 until 1,500
    first = curve_images(lab)
    lab.run.train(20)  # one live update's worth at the default speed
    second = curve_images(lab)
    assert set(first) == set(second) == {"error-curve-frame", "error-curve"}
    assert second["error-curve-frame"] == first["error-curve-frame"], "the same frame, the same data: URL"
    assert second["error-curve"] != first["error-curve"], "the dots and the running mean moved on"
    lab.run.train(1_500 - lab.run.samples_seen + 1)  # past 1,500: the axis now runs to 2,000
    third = curve_images(lab)
    assert third["error-curve-frame"] != second["error-curve-frame"], "new numbers along the bottom"
    assert ">2,000<" in base64.b64decode(re.search(r'base64,([^"]+)', third["error-curve-frame"]).group(1)).decode()
