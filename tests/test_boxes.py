"""Box overlap (auditor/boxes.py): the one measure the pixel scanners, `eval` and the benchmarks share."""

from __future__ import annotations

import pytest

from auditor import boxes


def test_boxes_that_only_touch_share_no_area_and_do_not_overlap():
    assert boxes.intersection((0, 0, 10, 10), (10, 0, 10, 10)) == 0
    assert not boxes.overlaps((0, 0, 10, 10), (10, 0, 10, 10))
    assert boxes.iou((0, 0, 10, 10), (10, 0, 10, 10)) == 0.0


def test_a_box_is_its_own_perfect_match():
    assert boxes.iou((3, 4, 20, 8), (3, 4, 20, 8)) == 1.0


def test_half_shifted_boxes_share_a_third_of_their_union():
    assert boxes.intersection((0, 0, 10, 10), (5, 0, 10, 10)) == 50
    assert boxes.iou((0, 0, 10, 10), (5, 0, 10, 10)) == pytest.approx(50 / 150)


def test_share_of_measures_the_first_box_only():
    small, large = (2, 2, 4, 4), (0, 0, 10, 10)
    assert boxes.share_of(small, large) == 1.0
    assert boxes.share_of(large, small) == pytest.approx(16 / 100)


def test_an_empty_box_overlaps_nothing_and_divides_by_nothing():
    assert boxes.iou((5, 5, 0, 0), (0, 0, 10, 10)) == 0.0
    assert boxes.share_of((5, 5, 0, 0), (0, 0, 10, 10)) == 0.0
