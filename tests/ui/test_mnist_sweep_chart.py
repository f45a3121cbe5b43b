"""The Experiments chart puts each point's number where the line through the points is not."""

from ui.mnist.charts import label_positions, sweep_chart


def test_a_number_goes_over_a_peak_under_a_dip_and_beside_a_climb_on_the_side_the_line_leaves_free():
    #            rises to a peak, falls through, to a dip, rises through, to the end (a peak by its one neighbour)
    scores = [0.40, 0.70, 0.60, 0.20, 0.30, 0.50]
    assert label_positions(scores) == ["bottom center", "top center", "top right", "bottom center", "top left",
                                       "top center"]
    assert label_positions([0.9]) == ["top center"]
    assert label_positions([0.5, 0.5]) == ["top center", "top center"], "a flat line: over it"


def test_the_accuracy_axis_leaves_room_above_the_highest_score_and_below_the_lowest_for_their_numbers():
    figure = sweep_chart("learning rate", [(0.1, 0.40), (0.3, 0.70)], [(0.1, 0.95)])
    low, high = figure.layout.yaxis.range
    assert low < 0.40 - 0.05 and high > 0.95 + 0.05
    assert [trace.name for trace in figure.data] == ["this run (blue line)",
                                                     "the book, all 60,000 images (orange diamonds)"]
