"""A role word whose adjective is another word names no role as an adjective (issue 10:
"a general strike" was an army general, so a military actor)."""

from __future__ import annotations

import dateline


def test_a_general_strike_has_no_army_general_in_it():
    doc = dateline.code_text("Dock workers joined the general strike in Chittagong.")
    assert all(a.sector != "MIL" for a in doc.actors)


def test_a_general_is_still_one():
    doc = dateline.code_text("The general said the army had retaken the town in Mali.")
    assert any(a.sector == "MIL" for a in doc.actors)
