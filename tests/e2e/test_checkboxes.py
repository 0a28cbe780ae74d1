"""Aksel's checkboxes look ticked when ticked and empty when not, and work from the keyboard."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_show_in_scorecard_checkbox_is_a_real_box_that_shows_its_state(page, log_in, live_server, seeded):
    log_in("olga")
    page.goto(f"{live_server.url}/indikatorer/kommune/0301/")
    box = page.get_by_role("checkbox", name=re.compile(r"^Vis i målekortet\s*: B\.101$"))
    size = box.bounding_box()
    assert size is not None
    # Unstyled by Aksel 8 the input was a 4×48 px bar; Aksel's box is square and at least 20 px.
    assert size["width"] >= 20 and abs(size["width"] - size["height"]) < 1

    def looks() -> tuple[str, bool]:
        colour = box.evaluate("element => getComputedStyle(element).backgroundColor")
        tick = box.evaluate("element => getComputedStyle(element.nextElementSibling).display !== 'none'")
        return colour, tick

    before = looks()
    box.focus()
    page.keyboard.press("Space")
    after = looks()
    # Ticked: a filled box with a visible tick; unticked: neither.
    assert before[1] is True and after[1] is False
    assert before[0] != after[0]
    assert not box.is_checked()
