"""Marking an event's words in its sentence: roles, overlaps, phrases not found."""

from __future__ import annotations

from dateline.web.highlight import Segment, phrases, segments


def test_each_role_marks_its_first_occurrence_case_insensitively():
    marks = {"trigger": "met", "source": "kenya's minister", "place": "Nairobi"}
    result = segments("Kenya's minister met officials in Nairobi.", marks)
    assert result == [
        Segment("Kenya's minister", "source"),
        Segment(" "),
        Segment("met", "trigger"),
        Segment(" officials in "),
        Segment("Nairobi", "place"),
        Segment("."),
    ]


def test_the_trigger_wins_where_marks_overlap_and_missing_phrases_mark_nothing():
    marks = {"trigger": "attack", "target": "the attack on Mandera", "date": "on Sunday"}
    result = segments("Police condemned the attack on Mandera.", marks)
    assert [s.role for s in result] == [None, "target", "trigger", "target", None]
    assert "".join(s.text for s in result) == "Police condemned the attack on Mandera."


def test_phrases_of_a_record_with_missing_parts():
    record = {"trigger": "met", "source": None, "target": {"text": "Somalia"}, "place": None}
    assert phrases(record) == {
        "trigger": "met",
        "source": None,
        "target": "Somalia",
        "date": None,
        "place": None,
    }


def test_marks_stay_on_their_words_after_letters_that_lower_to_two():
    marks = {"trigger": "arrested", "place": "Ankara"}
    result = segments("İzmir police arrested Ali in Ankara.", marks)
    marked = {s.role: s.text for s in result if s.role}
    assert marked == {"trigger": "arrested", "place": "Ankara"}
