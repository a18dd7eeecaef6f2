"""Write scores.csv: a small scores table whose metrics are worked out by hand in tests/test_metrics.py.

Run from the repo root: ``.venv/bin/python tests/data/metrics/make_scores.py``. The columns follow
the scores-table contract of ``callscore score`` (docs: scores.csv), with ``segment`` as an
extra manifest column. Each row's comment says which edge it exercises.
"""
from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ("call_id", "source", "quality", "advanced", "advanced_probability", "model_version", "error",
           "rep", "team", "date", "direction", "segment", "duration_s", "timing", "roles", "talk_ratio_rep",
           "questions_rep", "open_questions_rep", "longest_monologue_rep_s", "longest_customer_story_s",
           "patience_rep_s", "interactivity_switches_per_min", "next_step_accepted", "content_key")

# call_id, quality, advanced, rep, team, date, segment, talk, questions, monologue, story, patience, error
ROWS = [
    # Ana Ruiz (EMEA): two calls in ISO week 47, two scored + one failed in week 48, one undated.
    ("a1", 80, 1, "Ana Ruiz", "EMEA", "2026-11-16", "SMB", 0.40, 12, 60, 90, 0.8, ""),              # Monday W47
    ("a2", 60, 0, "Ana Ruiz", "EMEA", "2026-11-22T18:00:00+01:00", "SMB", 0.60, 6, 120, 30, 0.3, ""),  # Sunday W47
    ("a3", 90, 1, "Ana Ruiz", "EMEA", "2026-11-23", "SMB", 0.44, 13, 50, 120, 0.9, ""),             # Monday W48
    # Sunday the 29th where the call was made (Monday the 30th in UTC): week 48, not 49.
    # Quality exactly at the threshold counts as a quality conversation.
    ("a4", 70, 1, "Ana Ruiz", "EMEA", "2026-11-29T23:30:00-05:00", "SMB", 0.46, 11, 70, 100, 1.0, ""),
    ("a5", None, None, "Ana Ruiz", "EMEA", "2026-11-25", "SMB", None, None, None, None, None,
     "samples/audio/a5.ogg: cannot decode audio"),                                                # failed W48
    ("n1", 72, 1, "Ana Ruiz", "EMEA", "", "SMB", 0.50, 10, 70, 80, 0.7, ""),                       # no date
    # Ben Osei (EMEA): one call in W48, two in W49 (one without quality, one without outcome).
    ("b1", 50, 0, "Ben Osei", "EMEA", "2026-11-24", "Enterprise", 0.72, 4, 200, 20, 0.2, ""),
    # Monday the 30th where the call was made (Sunday the 29th in UTC): week 49.
    ("b2", 75, None, "Ben Osei", "EMEA", "2026-11-30T00:10:00+01:00", "Enterprise", 0.50, 9, 80, 40, 0.5, ""),
    ("b3", None, 1, "Ben Osei", "EMEA", "2026-12-01", "Enterprise", 0.55, 10, 90, 45, None, ""),  # no quality model
    ("x1", 40, 0, "Ben Osei", "EMEA", "next tuesday", "Enterprise", 0.70, 3, 180, 10, 0.2, ""),  # unreadable date
    # Cho Park: a group with one call (numbers, no trend).
    ("c1", 85, 1, "Cho Park", "AMER", "2026-11-18", "Enterprise", 0.43, 12, 40, 150, 0.7, ""),
    # No rep: counted under "unassigned" when grouping by rep.
    ("u1", 65, 0, "", "AMER", "2026-11-17", "SMB", 0.65, 5, 100, 30, 0.4, ""),
    # Dee Nkemelu, no team. d1 is 30 Nov where made (1 Dec in UTC); d2 is 1 Dec where made (30 Nov in
    # UTC): by month the good call (90) is November's and the poor one (30) December's.
    ("d1", 90, 1, "Dee Nkemelu", "", "2026-11-30T20:00:00-05:00", "SMB", 0.42, 14, 30, 200, 0.8, ""),
    ("d2", 30, 0, "Dee Nkemelu", "", "2026-12-01T03:00:00+09:00", "SMB", 0.80, 2, 240, 10, 0.1, ""),
]


def rows() -> list[dict[str, object]]:
    out = []
    for (cid, q, adv, rep, team, date, seg, talk, qs, mono, story, pat, err) in ROWS:
        failed = bool(err)
        out.append({
            "call_id": cid, "source": f"samples/audio/{cid}.ogg", "quality": q, "advanced": adv,
            "advanced_probability": None if adv is None else (0.8 if adv else 0.2),
            "model_version": None if failed else "callscore-default-2026.11.1", "error": err or None,
            "rep": rep or None, "team": team or None, "date": date or None, "direction": "outbound",
            "segment": seg, "duration_s": None if failed else 1800.0, "timing": None if failed else "measured",
            "roles": None if failed else "labelled",
            "talk_ratio_rep": talk, "questions_rep": qs,
            "open_questions_rep": None if qs is None else qs // 2,
            "longest_monologue_rep_s": mono, "longest_customer_story_s": story, "patience_rep_s": pat,
            "interactivity_switches_per_min": None if failed else 3.5,
            "next_step_accepted": None if failed else adv, "content_key": f"{cid:0>64}",
        })
    return out


def write_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows():
            w.writerow({k: "" if v is None else v for k, v in r.items()})
    return path


if __name__ == "__main__":
    print(write_csv(Path(__file__).with_name("scores.csv")))
