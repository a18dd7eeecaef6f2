"""Does the synthetic corpus's outcome label leak through the customer's closing line?

The default models learn from ``dev/synth_calls.py``. Its first version drew the outcome
``advanced`` first and then picked the customer's closing line from a phrase bank chosen by
that label, so the closing line (and the ``next_step_accepted`` feature read from it) all but
gave the label away. Now the customer's answer is drawn from the state the call built and the
outcome after it. This script generates the default corpus (1200 calls, the default seed) with
the generator as it was when the leak was found (``git show BEFORE_REV:dev/...``: "before") and as it is in the working
tree ("after"), and prints

* per kind of customer answer: calls, advanced rate, and the advanced rate among the less and
  the more receptive half of those customers (a label that follows the bank has the same rate
  in both halves);
* how well each predicts the label, as 5-fold cross-validated ROC AUC of a logistic regression:
  the answer alone, the call's realised behaviours alone (talk share, questions, monologue,
  stories, back-and-forth, objection handling, reflections, fillers, what the rep proposed),
  and both.

The answer is read from the generator's own record (``traits["answer"]`` now; for "before",
the bank its ``_ending`` picked from), so no spaCy is needed. Before and after share the call
bodies (the draws up to the close are the same), which the script checks. Run::

    .venv/bin/python -m eval.synth_leak             # about 10 s
"""
from __future__ import annotations

import argparse
import math
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from dev import synth_calls as S

REPO = Path(__file__).resolve().parents[1]
#: The bank the first generator drew the closing line from, as the answer it stands for.
OLD_BANKS = {"ACCEPT_DATED": "accepted_dated", "ACCEPT_OPEN": "accepted_open", "SOFT_MAYBE": "deferred",
             "DECLINE": "declined", "CUSTOMER_CLOSINGS": "none"}
#: The realised behaviours of a call (``SynthCall.traits``) the behaviour predictor sees.
BEHAVIOURS = ("talk_share", "questions", "open_questions", "longest_monologue_s", "longest_story_s",
              "switches_per_min", "c_objections", "c_reflect", "filler_rate")
#: The last commit whose generator drew the closing line by the label (the one issue 11 measured).
BEFORE_REV = "a2d6cb42a3dc7cd612669691843b67d069bfdd45"
#: As quoted in issue 11 (the closing line read by the feature extractor on the old corpus).
QUOTED_BEFORE = "accept line: 555 of 585 advanced; decline line: 10 of 225"


def old_generator(rev: str = BEFORE_REV) -> types.ModuleType:
    """The generator and phrase banks of commit ``rev`` as modules, recording the closing line's
    bank in ``traits["answer"]``. Raises ``RuntimeError`` when git cannot show them."""
    def show(path: str) -> str:
        done = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"git show {rev}:{path} failed: {done.stderr.strip()}")
        return done.stdout

    # The old source runs as written (only its phrase-bank import is pointed at the old banks).
    phrases = types.ModuleType("_synth_phrases_head")
    exec(compile(show("dev/synth_phrases.py"), f"{rev[:12]}:dev/synth_phrases.py", "exec"), phrases.__dict__)
    calls = types.ModuleType("_synth_calls_head")
    source = show("dev/synth_calls.py").replace("from dev import synth_phrases as P", "P = _PHRASES")
    calls.__dict__.update(__name__="_synth_calls_head", _PHRASES=phrases)
    sys.modules[calls.__name__] = calls  # dataclasses look their module up there
    exec(compile(source, f"{rev[:12]}:dev/synth_calls.py", "exec"), calls.__dict__)
    if hasattr(calls, "draw_answer") or not hasattr(calls, "_ending"):
        raise RuntimeError(f"the generator of {rev[:12]} does not pick the close by the label")
    banks = {id(getattr(phrases, name)): name for name in OLD_BANKS}
    record: dict[str, str] = {}
    ending, generate = calls._ending, calls.generate_call

    def recording_ending(call, next_step, advanced):
        pick = call.pick

        def spy(bank):  # the first answer bank the close picks from is the customer's line
            record.setdefault("bank", banks.get(id(bank)))
            if record["bank"] is None:
                del record["bank"]
            return pick(bank)
        call.pick = spy
        ending(call, next_step, advanced)

    def recording_generate(index, options):
        record.clear()
        c = generate(index, options)
        c.traits["answer"] = OLD_BANKS[record["bank"]]
        return c
    calls._ending, calls.generate_call = recording_ending, recording_generate
    return calls


def per_answer(calls: list) -> list[tuple[str, int, float, float, float]]:
    """``(answer, calls, advanced rate, rate in the less receptive half, in the more)`` per kind."""
    rows = []
    for kind in S.ANSWERS:
        group = [c for c in calls if c.traits["answer"] == kind]
        if not group:
            rows.append((kind, 0, float("nan"), float("nan"), float("nan")))
            continue
        state = [S.receptivity(c.traits, c.traits["fit"]) for c in group]
        median = float(np.median(state))
        low = [c.advanced for c, s in zip(group, state) if s <= median]
        high = [c.advanced for c, s in zip(group, state) if s > median]
        rows.append((kind, len(group), float(np.mean([c.advanced for c in group])),
                     float(np.mean(low)) if low else float("nan"), float(np.mean(high)) if high else float("nan")))
    return rows


def _columns(calls: list, which: str) -> np.ndarray:
    answer = [[c.traits["answer"] == k for k in S.ANSWERS[:-1]] for c in calls]
    behaviour = [[c.traits[k] for k in BEHAVIOURS] + [c.traits["next_step"] == s for s in ("dated", "vague")]
                 for c in calls]
    cols = {"answer": answer, "behaviours": behaviour, "both": [a + b for a, b in zip(answer, behaviour)]}[which]
    return np.asarray(cols, dtype=float)


def predictive_auc(calls: list, which: str, seed: int = 0) -> float:
    """5-fold cross-validated ROC AUC of a logistic regression on ``which`` columns
    (``answer``, ``behaviours`` or ``both``) predicting ``advanced``."""
    y = np.array([c.advanced for c in calls])
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    p = cross_val_predict(model, _columns(calls, which), y, cv=folds, method="predict_proba")[:, 1]
    return float(roc_auc_score(y, p))


def same_bodies(before: list, after: list) -> int:
    """How many calls have the same realised behaviours (the draws before the close) in both."""
    return sum(all(b.traits[k] == a.traits[k] for k in BEHAVIOURS + ("next_step", "fit"))
               for b, a in zip(before, after))


def _fmt(x: float) -> str:
    return "  –  " if math.isnan(x) else f"{x:.2f}"


def report(before: list | None, after: list) -> str:
    """The before/after tables as text (``before`` None: only the quoted numbers)."""
    out = [f"{len(after)} calls, seed {after[0].call_id.split('-')[1]}; advanced overall: "
           + (f"before {np.mean([c.advanced for c in before]):.2f}, " if before else "")
           + f"after {np.mean([c.advanced for c in after]):.2f}", "",
           "customer answer  | before: calls  advanced  low/high half | after: calls  advanced  low/high half",
           "-----------------+--------------------------------------+-------------------------------------"]
    old = {r[0]: r for r in per_answer(before)} if before else {}
    for kind, n, rate, low, high in per_answer(after):
        b = old.get(kind, (kind, 0, float("nan"), float("nan"), float("nan")))
        out.append(f"{kind:<16} | {b[1]:>12}  {_fmt(b[2]):>8}  {_fmt(b[3]):>5}/{_fmt(b[4]):<5}  "
                   f"| {n:>11}  {_fmt(rate):>8}  {_fmt(low):>5}/{_fmt(high):<5}")
    if not before:
        out.append(f"(before, as quoted in issue 11: {QUOTED_BEFORE})")
    out += ["", "ROC AUC for advanced (5-fold CV)   before   after",
            *(f"  {name:<32} {_fmt(predictive_auc(before, which)) if before else '  –  ':>6}   "
              f"{_fmt(predictive_auc(after, which)):>5}"
              for name, which in (("answer alone", "answer"), ("behaviours alone", "behaviours"),
                                  ("answer + behaviours", "both")))]
    if before:
        out.append(f"\ncall bodies (behaviours before the close) the same as before: {same_bodies(before, after)}"
                   f" of {len(after)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Label leak through the synthetic close, before and after.")
    ap.add_argument("--n", type=int, default=S.SynthOptions.n_calls, help="calls (default 1200)")
    ap.add_argument("--seed", type=int, default=S.SynthOptions.seed, help="seed (default 20240611)")
    ap.add_argument("--before", default=BEFORE_REV, help="commit of the 'before' generator")
    args = ap.parse_args(argv)
    options = S.SynthOptions(n_calls=args.n, seed=args.seed)
    try:
        old = old_generator(args.before)
        before = [old.generate_call(i, old.SynthOptions(n_calls=args.n, seed=args.seed)) for i in range(args.n)]
    except RuntimeError as exc:
        print(f"before: {exc}")
        before = None
    print(report(before, S.generate_corpus(options)))


if __name__ == "__main__":
    main()
