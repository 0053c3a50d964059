"""Series and networks checked against counts worked out by hand; charts written to files."""

from __future__ import annotations

import math
from datetime import date

import pytest

from dateline.errors import MissingExtraError, UsageError
from dateline.store import open_db
from dateline.use.analysis import network, places, series
from dateline.use.plots import plot_network, plot_series
from stored_events import make_doc, make_event

QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]


@pytest.fixture(scope="module")
def store():
    with open_db(":memory:") as db:
        db.save_batch(
            [
                make_doc(
                    "a",
                    [
                        make_event(0, "CONSULT", when="2007-04-29"),  # q1 +1.9
                        make_event(1, "ACCUSE", when="2007-04-05", place=None),  # q3 -2.0
                        make_event(2, "ASSAULT", when="2007-06-10"),  # q4 -10.0
                    ],
                ),
                make_doc(
                    "b",
                    [
                        make_event(0, "CONSULT", when="2007-04-29"),  # same meeting as doc a
                        make_event(1, "AID", when="2007-06-11"),  # q2 +7.0
                        make_event(2, "CONSULT", when="2007-06-12", modality="alleged"),
                    ],
                ),
                make_doc("c", [make_event(0, "AID", "ETH", "KEN", when="2007-04-10")]),
            ],
            [],
        )
        yield db


def test_monthly_series_of_a_dyad(store):
    frame = series(store, source="KEN", target="ETH", by="month")
    assert [d.date() for d in frame["period"]] == [
        date(2007, 4, 1),
        date(2007, 5, 1),
        date(2007, 6, 1),
    ]
    assert frame[QUADS].values.tolist() == [[1, 0, 1, 0], [0, 0, 0, 0], [0, 1, 0, 1]]
    assert frame["events"].tolist() == [2, 0, 2]
    assert frame["goldstein"].tolist() == pytest.approx([-0.1, 0.0, -3.0])
    assert frame["goldstein_mean"][0] == pytest.approx(-0.05)
    assert math.isnan(frame["goldstein_mean"][1])


def test_unmerged_series_counts_every_report(store):
    frame = series(store, source="KEN", target="ETH", by="month", merged=False)
    assert frame["verbal_cooperation"].tolist() == [2, 0, 0]
    assert frame["goldstein"][0] == pytest.approx(1.8)


def test_series_by_year_week_and_day(store):
    yearly = series(store, source="KEN", by="year")
    assert yearly["events"].tolist() == [4]
    assert yearly["goldstein"][0] == pytest.approx(-3.1)
    weekly = series(store, source="KEN", by="week")
    assert weekly["period"].iloc[0].date() == date(2007, 4, 2)  # weeks start on Monday
    assert len(weekly) == 11 and weekly["events"].sum() == 4
    daily = series(store, by="day", since="2007-06-10")
    assert daily["events"].tolist() == [1, 1]


def test_series_of_other_modalities_when_asked(store):
    frame = series(store, source="KEN", modality="alleged", by="month")
    assert frame["verbal_cooperation"].tolist() == [1]


def test_series_refuses_unknown_period(store):
    with pytest.raises(UsageError, match="unknown period"):
        series(store, by="fortnight")


def test_network_edges(store):
    frame = network(store)
    edges = {(r.source, r.target): r for r in frame.itertuples()}
    assert set(edges) == {("KEN", "ETH"), ("ETH", "KEN")}
    assert edges["KEN", "ETH"].events == 4
    assert edges["KEN", "ETH"].goldstein_mean == pytest.approx((1.9 - 2.0 - 10.0 + 7.0) / 4)
    assert edges["ETH", "KEN"].goldstein_sum == pytest.approx(7.0)
    assert frame["source"].tolist()[0] == "KEN"  # heaviest first
    by_actor = network(store, by="actor", merged=False, type="CONSULT")
    assert by_actor.values.tolist()[0][:3] == ["Wanjiru Otieno", "Ethiopia", 2]


def test_polars_frames(store):
    try:
        import polars  # noqa: F401
    except ImportError:
        with pytest.raises(MissingExtraError, match="polars"):
            series(store, source="KEN", frame="polars")
    else:
        assert series(store, source="KEN", frame="polars")["events"].to_list() == [2, 0, 2]


def test_unknown_frame_kind(store):
    with pytest.raises(UsageError, match="unknown frame kind"):
        network(store, frame="arrow")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_series_chart_is_written(store, tmp_path, suffix):
    path = plot_series(series(store, source="KEN", target="ETH"), tmp_path / f"s{suffix}")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data
    assert len(data) > 5000


def test_network_chart_is_written(store, tmp_path):
    path = plot_network(network(store), tmp_path / "n.png")
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 5000


def test_charts_refuse_other_formats_and_empty_frames(store, tmp_path):
    with pytest.raises(UsageError, match=".png or .svg"):
        plot_network(network(store), tmp_path / "n.gif")
    with pytest.raises(UsageError, match="nothing to draw"):
        plot_series(series(store, source="XXX"), tmp_path / "empty.png")


def test_coarse_dates_count_only_in_periods_they_fit():
    with open_db(":memory:") as db:
        db.save_batch(
            [
                make_doc(
                    "coarse",
                    [
                        make_event(0, "ASSAULT", when="2012-03-05"),
                        make_event(1, "ASSAULT", when="2012-06"),
                        make_event(2, "ASSAULT", when="2012"),
                    ],
                )
            ],
            [],
        )
        assert series(db, source="KEN", by="month", merged=False)["events"].sum() == 2
        assert series(db, source="KEN", by="day", merged=False)["events"].sum() == 1
        assert series(db, source="KEN", by="year", merged=False)["events"].tolist() == [3]


def test_places_count_events_per_place_with_their_quad_classes(store):
    frame = places(store)
    rows = {row["name"]: row for row in frame.to_dict("records")}
    nairobi = rows["Nairobi"]  # every event above but the placeless accusation
    assert nairobi["events"] == 6
    assert [nairobi[q] for q in QUADS] == [3, 2, 0, 1]
    assert nairobi["top_type"] == "CONSULT"
    merged = places(store, merged=True).set_index("name")["events"]
    assert merged["Nairobi"] == 5  # the meeting reported twice counts once
    assert places(store, type="ASSAULT")["events"].tolist() == [1]


def test_series_without_its_empty_periods(store):
    frame = series(store, source="KEN", target="ETH", by="month", skip_empty=True)
    assert [d.date() for d in frame["period"]] == [date(2007, 4, 1), date(2007, 6, 1)]
    assert frame["events"].tolist() == [2, 2]
