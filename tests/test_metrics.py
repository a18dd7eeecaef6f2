"""Team metrics on tests/data/metrics/scores.csv, whose answers are worked out by hand below.

The table (see tests/data/metrics/make_scores.py for each row's purpose):

    id  rep          team  local date (UTC date if different)   quality adv  talk  qs  mono story pat
    a1  Ana Ruiz     EMEA  Mon 2026-11-16                          80    1  .40  12   60   90  .8
    a2  Ana Ruiz     EMEA  Sun 2026-11-22 18:00+01                 60    0  .60   6  120   30  .3
    a3  Ana Ruiz     EMEA  Mon 2026-11-23                          90    1  .44  13   50  120  .9
    a4  Ana Ruiz     EMEA  Sun 2026-11-29 23:30-05 (UTC Mon 30)    70    1  .46  11   70  100 1.0
    a5  Ana Ruiz     EMEA  Wed 2026-11-25              FAILED
    n1  Ana Ruiz     EMEA  (no date)                               72    1  .50  10   70   80  .7
    b1  Ben Osei     EMEA  Tue 2026-11-24                          50    0  .72   4  200   20  .2
    b2  Ben Osei     EMEA  Mon 2026-11-30 00:10+01 (UTC Sun 29)    75    -  .50   9   80   40  .5
    b3  Ben Osei     EMEA  Tue 2026-12-01                           -    1  .55  10   90   45   -
    x1  Ben Osei     EMEA  "next tuesday" (unreadable)             40    0  .70   3  180   10  .2
    c1  Cho Park     AMER  Wed 2026-11-18                          85    1  .43  12   40  150  .7
    u1  (no rep)     AMER  Tue 2026-11-17                          65    0  .65   5  100   30  .4
    d1  Dee Nkemelu  -     Mon 2026-11-30 20:00-05 (UTC Dec 1)     90    1  .42  14   30  200  .8
    d2  Dee Nkemelu  -     Tue 2026-12-01 03:00+09 (UTC Nov 30)    30    0  .80   2  240   10  .1

ISO weeks: W47 = 16-22 Nov, W48 = 23-29 Nov, W49 = 30 Nov - 6 Dec (all start on Monday).
"""
from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from scorer.errors import InputError, ScorerError
from scorer.metrics.compute import (BANDS, CHANGE_METRICS, MetricsOptions, ScoresTable, compute_metrics, describe,
                            parse_bool, parse_local_date, parse_number, period_end, period_label,
                            period_start, previous_start)
from scorer.batch.tables import read_scores

DATA = Path(__file__).parent / "data" / "metrics"
D = dt.date


def _make_scores():
    spec = importlib.util.spec_from_file_location("make_scores", DATA / "make_scores.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def table() -> ScoresTable:
    return read_scores(DATA / "scores.csv")


@pytest.fixture(scope="module")
def weekly(table):
    return compute_metrics(table, MetricsOptions(by="rep", period="week"))


def test_fixture_csv_is_what_the_generator_writes(tmp_path):
    ms = _make_scores()
    assert ms.write_csv(tmp_path / "s.csv").read_text() == (DATA / "scores.csv").read_text()


def test_every_metric_of_one_group_week(weekly):
    r = weekly.row("Ana Ruiz", "2026-W47")             # a1, a2
    assert (r.level, r.period_start, r.period_end) == ("group-period", D(2026, 11, 16), D(2026, 11, 22))
    assert (r.calls, r.failed, r.quality_scored, r.quality_conversations) == (2, 0, 2, 1)
    assert r.quality_conversation_rate == 0.5
    assert (r.advanced_known, r.advanced, r.advancement_rate) == (2, 1, 0.5)
    assert (r.quality_mean, r.quality_median) == (70, 70)
    assert r.medians == pytest.approx({"talk_ratio_rep": 0.5, "questions_rep": 9, "longest_monologue_rep_s": 90,
                                       "patience_rep_s": 0.55, "longest_customer_story_s": 60})
    assert [r.band_status(b.feature) for b in BANDS] == ["above", "below", "above", "below", None]
    assert r.previous_period is None and r.changes == {}


def test_failed_calls_are_counted_apart_and_threshold_is_inclusive(weekly):
    r = weekly.row("Ana Ruiz", "2026-W48")             # a3 (90), a4 (70: at the threshold), a5 failed
    assert (r.calls, r.failed, r.quality_conversations, r.advancement_rate) == (2, 1, 2, 1.0)
    assert r.medians == pytest.approx({"talk_ratio_rep": 0.45, "questions_rep": 12, "longest_monologue_rep_s": 60,
                                       "patience_rep_s": 0.95, "longest_customer_story_s": 110})
    assert [r.band_status(b.feature) for b in BANDS] == ["within"] * 4 + [None]


def test_change_from_previous_week(weekly):
    r = weekly.row("Ana Ruiz", "2026-W48")
    assert r.previous_period == "2026-W47"
    assert set(r.changes) == set(CHANGE_METRICS)
    assert r.changes == pytest.approx({
        "calls": 0, "quality_conversations": 1, "quality_conversation_rate": 0.5, "advanced": 1,
        "advancement_rate": 0.5, "quality_mean": 10, "quality_median": 10, "talk_ratio_rep_median": -0.05,
        "questions_rep_median": 3, "longest_monologue_rep_s_median": -30, "patience_rep_s_median": 0.4,
        "longest_customer_story_s_median": 50})
    ben = weekly.row("Ben Osei", "2026-W49")            # b2 (75, outcome unknown), b3 (no quality, advanced)
    assert (ben.calls, ben.quality_scored, ben.quality_conversations, ben.advanced_known) == (2, 1, 1, 1)
    assert ben.previous_period == "2026-W48"
    assert ben.changes["calls"] == 1 and ben.changes["quality_mean"] == 25
    assert ben.changes["advancement_rate"] == 1.0       # 1/1 now, 0/1 in W48
    assert ben.changes["patience_rep_s_median"] == pytest.approx(0.3)   # 0.5 (b3 has none) - 0.2


def test_group_with_one_call_shows_numbers_without_trend(weekly):
    cho = weekly.row("Cho Park", "2026-W47")
    assert (cho.calls, cho.quality_conversations, cho.quality_mean, cho.advancement_rate) == (1, 1, 85, 1.0)
    assert cho.medians["talk_ratio_rep"] == 0.43 and cho.band_status("talk_ratio_rep") == "within"
    assert cho.previous_period is None and cho.changes == {}
    # Dee's two calls share week 49 and she has no week 48: numbers, no trend either.
    assert weekly.row("Dee Nkemelu", "2026-W49").changes == {}


def test_calls_without_rep_or_date_are_unassigned(weekly):
    assert weekly.groups == ("Ana Ruiz", "Ben Osei", "Cho Park", "Dee Nkemelu", "unassigned")
    assert weekly.periods == ("2026-W47", "2026-W48", "2026-W49", "unassigned")
    assert weekly.row("unassigned", "2026-W47").calls == 1                       # u1
    undated = weekly.row("Ana Ruiz", "unassigned")                               # n1
    assert (undated.calls, undated.quality_mean, undated.period_start, undated.changes) == (1, 72, None, {})
    assert weekly.row("Ben Osei", "unassigned").quality_mean == 40               # x1: unreadable date
    assert (weekly.undated, weekly.bad_dates) == (2, 1)
    assert weekly.row("all", "unassigned").calls == 2


def test_group_and_period_totals(weekly):
    ana = weekly.row("Ana Ruiz", "all")                  # a1-a4, n1 scored; a5 failed
    assert (ana.level, ana.calls, ana.failed, ana.quality_conversations) == ("group", 5, 1, 4)
    assert (ana.quality_mean, ana.quality_median, ana.advancement_rate) == (pytest.approx(74.4), 72, 0.8)
    assert (ana.period_start, ana.period_end) == (D(2026, 11, 16), D(2026, 12, 6))
    w47, w48, w49 = (weekly.row("all", p) for p in ("2026-W47", "2026-W48", "2026-W49"))
    assert (w47.calls, w48.calls, w49.calls) == (4, 3, 4)
    assert w47.quality_mean == 72.5                      # a1 80, a2 60, c1 85, u1 65
    assert w48.changes["calls"] == -1 and w48.previous_period == "2026-W47"
    o = weekly.overall
    assert (o.calls, o.failed, o.quality_scored, o.quality_conversations) == (13, 1, 12, 7)
    assert (o.advanced_known, o.advanced) == (12, 7)
    assert (weekly.rows_read, weekly.calls, weekly.failed) == (14, 13, 1)
    assert (weekly.first_date, weekly.last_date) == (D(2026, 11, 16), D(2026, 12, 1))
    # Rows come ordered: group-period, group, period, all.
    levels = [r.level for r in weekly.rows]
    assert levels == sorted(levels, key=["group-period", "group", "period", "all"].index)


def test_quality_threshold_option(table):
    assert compute_metrics(table, MetricsOptions(quality_threshold=80)).overall.quality_conversations == 4
    assert compute_metrics(table, MetricsOptions(quality_threshold=90)).overall.quality_conversations == 2
    assert compute_metrics(table, MetricsOptions(quality_threshold=0)).overall.quality_conversations == 12


def test_weeks_start_on_monday_in_the_calls_time_zone(weekly):
    # a2 (Sunday evening) closes W47; a4 (Sunday 23:30 -05:00, already Monday in UTC) closes W48;
    # b2 (Monday 00:10 +01:00, still Sunday in UTC) opens W49.
    assert weekly.row("Ana Ruiz", "2026-W47").calls == 2
    assert weekly.row("Ana Ruiz", "2026-W48").quality_conversations == 2
    ben49 = weekly.row("Ben Osei", "2026-W49")
    assert (ben49.period_start, ben49.period_end, ben49.calls) == (D(2026, 11, 30), D(2026, 12, 6), 2)
    assert weekly.row("Ana Ruiz", "2026-W49") is None


def test_day_periods(table):
    m = compute_metrics(table, MetricsOptions(period="day"))
    assert m.row("Ana Ruiz", "2026-11-29").quality_mean == 70          # a4, not the 30th
    assert m.row("Ana Ruiz", "2026-11-30") is None
    assert m.row("Ben Osei", "2026-11-30").quality_mean == 75          # b2, not the 29th
    a23 = m.row("Ana Ruiz", "2026-11-23")                              # a3 after a2 on the 22nd
    assert (a23.previous_period, a23.changes["quality_mean"]) == ("2026-11-22", 30)
    assert m.row("Ana Ruiz", "2026-11-16").changes == {}               # nothing on the 15th
    dee = m.row("Dee Nkemelu", "2026-12-01")
    assert (dee.previous_period, dee.changes["quality_mean"], dee.changes["quality_conversations"]) == \
        ("2026-11-30", -60, -1)


def test_month_periods(table):
    m = compute_metrics(table, MetricsOptions(period="month"))
    assert m.periods == ("2026-11", "2026-12", "unassigned")
    nov, dec = m.row("Dee Nkemelu", "2026-11"), m.row("Dee Nkemelu", "2026-12")
    assert (nov.quality_conversations, nov.quality_mean) == (1, 90)    # d1: 30 Nov where it was made
    assert (dec.quality_conversations, dec.quality_mean) == (0, 30)    # d2: 1 Dec where it was made
    assert dec.changes["quality_conversations"] == -1 and dec.previous_period == "2026-11"
    assert (dec.period_start, dec.period_end) == (D(2026, 12, 1), D(2026, 12, 31))
    assert (m.row("all", "2026-11").calls, m.row("all", "2026-11").failed) == (9, 1)
    assert m.row("all", "2026-12").calls == 2                          # b3, d2


def test_group_by_team_and_by_any_column(table):
    by_team = compute_metrics(table, MetricsOptions(by="team"))
    assert by_team.groups == ("AMER", "EMEA", "unassigned")
    emea = by_team.row("EMEA", "all")
    assert (emea.calls, emea.failed, emea.quality_conversations) == (9, 1, 5)   # 80 90 70 72 75
    assert by_team.row("unassigned", "2026-W49").calls == 2                     # Dee has no team
    amer47 = by_team.row("AMER", "2026-W47")                                     # c1 and u1
    assert (amer47.calls, amer47.quality_median) == (2, 75)
    by_segment = compute_metrics(table, MetricsOptions(by="segment"))
    assert by_segment.groups == ("Enterprise", "SMB")
    assert (by_segment.row("SMB", "all").calls, by_segment.row("Enterprise", "all").calls) == (8, 5)
    both = compute_metrics(table, MetricsOptions(by=("team", "rep")))
    assert both.groups == ("AMER / Cho Park", "AMER / unassigned", "EMEA / Ana Ruiz", "EMEA / Ben Osei",
                           "unassigned / Dee Nkemelu")
    assert both.row("EMEA / Ana Ruiz", "all").calls == 5


def test_typed_cells_give_the_same_metrics_as_csv_text(table, weekly):
    ms = _make_scores()
    typed = ScoresTable(columns=ms.COLUMNS, rows=tuple(ms.rows()), sources=("memory",))
    assert compute_metrics(typed, MetricsOptions()).rows == weekly.rows


def test_empty_and_all_failed_input_say_so():
    with pytest.raises(InputError, match="no calls to measure") as exc:
        compute_metrics(ScoresTable(columns=("call_id",), rows=(), sources=("s.csv",)))
    assert str(exc.value).startswith("s.csv:") and "\n" not in str(exc.value)
    assert isinstance(exc.value, ScorerError)
    failed = ScoresTable(columns=("call_id", "error", "rep"),
                         rows=({"call_id": "a", "error": "boom", "rep": "Ana"},), sources=("s.csv",))
    with pytest.raises(InputError, match="all 1 call"):
        compute_metrics(failed)


def test_calls_with_unknown_roles_are_counted_apart_and_left_out_of_quality():
    cols = ("call_id", "quality", "advanced", "rep", "date", "roles", "talk_ratio_rep")
    rows = ({"call_id": "a", "quality": "80", "advanced": "1", "rep": "Ana", "date": "2026-11-02",
             "roles": "labelled", "talk_ratio_rep": "0.45"},
            {"call_id": "b", "quality": None, "advanced": None, "rep": "Ana", "date": "2026-11-03",
             "roles": "unknown", "talk_ratio_rep": None},
            {"call_id": "c", "quality": "40", "advanced": "0", "rep": "Ana", "date": "2026-11-04",
             "roles": "inferred", "talk_ratio_rep": "0.7"})
    result = compute_metrics(ScoresTable(columns=cols, rows=rows, sources=("s.csv",)))
    ana = result.row("Ana", "all")
    assert (ana.calls, ana.roles_unknown, ana.quality_scored, ana.advanced_known) == (3, 1, 2, 2)
    assert ana.quality_mean == 60.0 and ana.quality_conversations == 1
    assert "1 not scored: roles unknown" in describe(result)


def test_unknown_group_column_lists_the_columns(table):
    with pytest.raises(InputError, match=r"no column 'region'.*columns are: call_id, source, quality"):
        compute_metrics(table, MetricsOptions(by="region"))


def test_unreadable_number_names_the_call():
    bad = ScoresTable(columns=("call_id", "quality", "rep", "date"),
                      rows=({"call_id": "k9", "quality": "high", "rep": "A", "date": "2026-11-02"},),
                      sources=("s.csv",))
    with pytest.raises(InputError, match=r"s.csv: call k9: column 'quality' holds 'high'"):
        compute_metrics(bad)


@pytest.mark.parametrize("kwargs, message", [
    ({"period": "year"}, "expected one of: day, week, month"),
    ({"by": ()}, "by must name at least one column"),
    ({"by": ("rep", "rep")}, "names a column twice"),
    ({"quality_threshold": 101}, "from 0 to 100"),
    ({"quality_threshold": -1}, "from 0 to 100"),
])
def test_options_validate(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MetricsOptions(**kwargs).validate()


def test_cell_parsers():
    assert parse_local_date("2026-11-29T23:30:00-05:00") == D(2026, 11, 29)
    assert parse_local_date("2026-11-30T00:10:00+01:00") == D(2026, 11, 30)
    assert parse_local_date("2026-11-29T23:30:00Z") == D(2026, 11, 29)
    assert parse_local_date("2026-11-29 08:00") == D(2026, 11, 29)
    tz = dt.timezone(dt.timedelta(hours=-5))
    assert parse_local_date(dt.datetime(2026, 11, 29, 23, 30, tzinfo=tz)) == D(2026, 11, 29)
    assert parse_local_date(D(2026, 1, 2)) == D(2026, 1, 2) and parse_local_date(" ") is None
    with pytest.raises(ValueError):
        parse_local_date("29/11/2026")
    assert [parse_bool(v) for v in ("1", "0", "true", "False", 1, 0.0, True, "", None)] == \
        [True, False, True, False, True, False, True, None, None]
    with pytest.raises(ValueError):
        parse_bool("maybe")
    assert (parse_number("0.43"), parse_number(12), parse_number(""), parse_number(float("nan"))) == \
        (0.43, 12.0, None, None)


def test_period_helpers():
    assert period_start(D(2026, 11, 29), "week") == D(2026, 11, 23)        # Sunday -> its Monday
    assert period_start(D(2026, 11, 30), "week") == D(2026, 11, 30)        # Monday is its own start
    assert period_end(D(2028, 2, 1), "month") == D(2028, 2, 29)            # leap year
    assert period_end(D(2026, 12, 1), "month") == D(2026, 12, 31)
    assert previous_start(D(2027, 1, 1), "month") == D(2026, 12, 1)
    assert previous_start(D(2027, 1, 4), "week") == D(2026, 12, 28)
    # ISO week labels: 1 Jan 2027 is in week 53 of 2026; 29 Dec 2025 starts week 1 of 2026.
    assert period_label(period_start(D(2027, 1, 1), "week"), "week") == "2026-W53"
    assert period_label(D(2025, 12, 29), "week") == "2026-W01"
    assert (period_label(D(2026, 3, 1), "month"), period_label(D(2026, 3, 1), "day")) == ("2026-03", "2026-03-01")


def test_describe_is_one_line(weekly):
    line = describe(weekly)
    assert line.startswith("13 calls (1 failed) by rep per week, 2026-11-16 to 2026-12-01: "
                           "7 quality conversations (quality >= 70), advancement rate 58%")
    assert "\n" not in line
