"""Write the learned readers' examples from the labelled sets of eval/data/judgments.

* ``scorer/features/reply_examples.toml``: verdict -> replies, from ``replies.jsonl``;
* ``scorer/features/objection_examples_sets.toml``: type (or "none") -> customer lines, from
  ``objections.jsonl`` (the lines of ``dev`` to ``dev3`` are already in the hand-kept
  ``objection_examples.toml``, so the default is the sets not in it);
* the saved counts of both readers (``*.counts.json``, ``scorer.features.bayes``), which
  also need writing again after a hand edit of ``objection_examples.toml`` (run this).

``proposal_groups`` gathers the examples of a proposal reader that was tried and not shipped
(``eval/proposal_reader.py``).

Only sets written for this project, never a held-out set still being kept back (``test5``
is not a default). ``--replies`` and ``--objections`` choose others, e.g. to leave a set out::

    .venv/bin/python dev/build_examples.py                      # the shipped files
    .venv/bin/python dev/build_examples.py --replies dev dev2 dev3 test --objections test
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "eval" / "data" / "judgments"
FEATURES = ROOT / "scorer" / "features"
REPLY_SETS = ("dev", "dev2", "dev3", "dev4", "test", "test2", "test3", "test4")
OBJECTION_SETS = ("dev4", "dev5", "dev6", "test", "test2", "test3")
PROPOSAL_SETS = ("dev", "dev2", "dev3", "test", "test2", "test3", "test4")
VERDICTS = ("accepted", "declined", "deferred", "none")
TYPES = ("price", "timing", "authority", "need", "competitor", "none")


def labelled_rows(sets: list[str], name: str) -> list[dict]:
    """The rows of ``name`` in each of ``sets`` that has the file."""
    rows = []
    for s in sets:
        if not (DATA / s / name).exists():
            continue
        with (DATA / s / name).open(encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def toml_file(header: str, groups: dict[str, list[str]]) -> str:
    """label = [ lines ] blocks, JSON-quoted (valid TOML basic strings)."""
    out = [f"# {line}".rstrip() for line in header.splitlines()] + [""]
    for label, lines in groups.items():
        out.append(f"{label} = [")
        out.extend(f"    {json.dumps(line, ensure_ascii=False)}," for line in dict.fromkeys(lines))
        out.append("]\n")
    return "\n".join(out)


# The synthetic generator's phrase banks that propose no step (dev/synth_phrases.py): a
# sales call's ordinary lines, which the labelled sets have few of.
ORDINARY_BANKS = ("GREETINGS", "CUSTOMER_GREETINGS", "AGENDAS", "OPEN_QUESTIONS", "CLOSED_QUESTIONS",
                  "REFLECTIONS", "STORY_PROMPTS", "PITCH_SENTENCES", "TAILORED_PITCH", "OBJECTION_GOOD",
                  "OBJECTION_BAD", "CLOSINGS", "STORY_OPENERS", "STORY_SENTENCES", "CUSTOMER_QUESTIONS",
                  "CUSTOMER_ANSWERS_TO_QUESTIONS", "OBJECTIONS", "CUSTOMER_CLOSINGS", "NO_NEXT_STEP")


def ordinary_lines() -> list[str]:
    """The lines of ``ORDINARY_BANKS``, their slots ("{company}") filled with a plain word."""
    sys.path.insert(0, str(ROOT / "dev"))
    import synth_phrases

    return [re.sub(r"\{\w+\}", "them", line) for bank in ORDINARY_BANKS
            for line in getattr(synth_phrases, bank) if isinstance(line, str)]


def reply_groups(sets: list[str]) -> dict[str, list[str]]:
    """verdict -> replies, for the reply reader."""
    rows = labelled_rows(sets, "replies.jsonl")
    return {v: [r["reply"] for r in rows if r["verdict"] == v] for v in VERDICTS}


def objection_groups(sets: list[str]) -> dict[str, list[str]]:
    """type (or "none") -> customer lines, for the objection reader."""
    rows = labelled_rows(sets, "objections.jsonl")
    return {t: [r["text"] for r in rows if (r["type"] or "none") == t] for t in TYPES}


def proposal_groups(sets: list[str]) -> dict[str, list[str]]:
    """"proposal" / "none" -> lines, for the proposal reader (module docstring)."""
    props, replies = labelled_rows(sets, "proposals.jsonl"), labelled_rows(sets, "replies.jsonl")
    return {"proposal": [r["text"] for r in props if r["proposal"]] + [r["proposal"] for r in replies],
            "none": [r["text"] for r in props if not r["proposal"]]
            + [r["text"] for r in labelled_rows(sets, "objections.jsonl")]
            + [r["reply"] for r in replies if r["verdict"] in ("accepted", "declined")]
            + ordinary_lines()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replies", nargs="*", default=list(REPLY_SETS))
    ap.add_argument("--objections", nargs="*", default=list(OBJECTION_SETS))
    args = ap.parse_args()
    replies, objections = reply_groups(args.replies), objection_groups(args.objections)
    note = ("Written by dev/build_examples.py from eval/data/judgments ({}): do not edit by hand.\n"
            "Lines written for this project only (never Switchboard, AnnoMI or CraigslistBargain).")
    (FEATURES / "reply_examples.toml").write_text(
        toml_file("Replies to a proposed next step, by verdict, for scorer.features.reply_model.\n"
                  + note.format(", ".join(args.replies)), replies), encoding="utf-8")
    (FEATURES / "objection_examples_sets.toml").write_text(
        toml_file("Customer lines by the objection they raise, for scorer.features.objection_model.\n"
                  + note.format(", ".join(args.objections)), objections), encoding="utf-8")
    print(f"replies: {sum(map(len, replies.values()))} from {args.replies}; "
          f"objection lines: {sum(map(len, objections.values()))} from {args.objections}")
    sys.path.insert(0, str(ROOT))
    from scorer.features import bayes, objection_model, reply_model

    for paths in ((reply_model.EXAMPLES,), (objection_model.EXAMPLES, objection_model.EXAMPLES_SETS)):
        print(f"counts: {bayes.save_counts(*paths).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
