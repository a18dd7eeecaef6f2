"""Question features: counts per role, rates, open vs closed, and one ``question``
moment per question sentence. The classifier itself is in ``questions.py``."""
from __future__ import annotations

from scorer.features.common import Collector, clip, span_times
from scorer.features.options import FeatureOptions
from scorer.features.questions import Judged
from scorer.features.talk import EMPTY, ESTIMATED, NO_ROLES, call_duration_s
from scorer.types import Moment, Transcript


def compute_questions(t: Transcript, judged: list[Judged], opts: FeatureOptions,
                      out: Collector) -> None:
    """Fill the ``questions`` group: counts per role, rates, open vs closed, and one
    ``question`` moment per question sentence (carrying its utterance index)."""
    if not t.utterances:
        out.null_group("questions", EMPTY)
        return
    counts = {("rep", "open"): 0, ("rep", "closed"): 0, ("customer", "open"): 0,
              ("customer", "closed"): 0}
    for i, (u, sents) in enumerate(zip(t.utterances, judged)):
        for sent, kind in sents:
            if kind is None:
                continue
            start_s, end_s = span_times(u, sent.start_char, sent.end_char)
            out.add(Moment(kind="question", subtype=kind, speaker=u.speaker, utterance_index=i,
                           start_s=start_s, end_s=end_s,
                           text=clip(sent.text, opts.moment_text_max_chars)))
            if u.speaker != "unknown":
                counts[(u.speaker, kind)] += 1
    if not any(u.speaker != "unknown" for u in t.utterances):
        out.null_group("questions", NO_ROLES)
        return
    rep = counts[("rep", "open")] + counts[("rep", "closed")]
    cust = counts[("customer", "open")] + counts[("customer", "closed")]
    out.set("questions_rep", rep)
    out.set("open_questions_rep", counts[("rep", "open")])
    out.set("closed_questions_rep", counts[("rep", "closed")])
    out.set("questions_customer", cust)
    if rep:
        out.set("open_question_share_rep", counts[("rep", "open")] / rep)
    else:
        out.set("open_question_share_rep", None, "the rep asked no questions")
    duration = call_duration_s(t)
    for name, n in (("questions_rep_per_min", rep), ("questions_customer_per_min", cust)):
        if t.timing == "estimated":
            out.set(name, None, ESTIMATED)
        elif duration <= 0:
            out.set(name, None, "the call has no duration")
        else:
            out.set(name, n / (duration / 60.0))
