"""The conversational judgments on real phrasing (issue 11): every failure the issue lists,
as written, and varied phrasings of our own (tests/data/judgments/*_mine*.jsonl: spoken
style, lower-case ASR text, disfluencies, negation, contrast, counter-proposals, conditional
yes, deferrals, polite refusals, indirect answers). The labelled sets the eval measures are
eval/data/judgments/ (eval/judgments.py); these tests pin behaviour."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.features import FeatureOptions, classify_reply, extract_features, extract_many, load_nlp
from scorer.features.objections import objection_type
from scorer.features.timex import DATE_WORDS, TIME
from scorer.types import Transcript, Utterance

OPTS = FeatureOptions(groups=("questions", "next_steps", "objections"))
MINE = Path(__file__).parent / "data" / "judgments"
DEMO = "Would you be open to a quick demo on Thursday?"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*turns):
    utts = tuple(Utterance(s, float(i * 10), float(i * 10 + 9), text)
                 for i, (s, text) in enumerate(turns))
    return Transcript("t", utts, duration_s=float(len(turns) * 10))


def rows(name: str) -> list[dict]:
    with (MINE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# --- the failures of the issue, as written ------------------------------------------------

@pytest.mark.parametrize("reply", ["Definitely not.", "Absolutely not.",
                                   "I'd love to but we can't.", "Let's not."])
def test_refusals_the_issue_lists_decline(nlp, reply):
    assert classify_reply(reply) == "declined"
    f = extract_features(call(("rep", DEMO), ("customer", reply)), nlp, OPTS)
    assert [(s.response, s.response_utterance_index) for s in f.next_steps] == [("declined", 1)]
    assert f.values["next_step_accepted"] == 0.0 and f.values["next_step_declined"] == 1.0
    assert [m.subtype for m in f.moments_of("next_step")] == ["proposed", "declined"]


def test_thinking_it_over_is_a_deferral_and_no_new_proposal(nlp):
    text = "I'll have to think about it and circle back."
    assert classify_reply(text) == "deferred"
    alone = extract_features(call(("customer", text)), nlp, OPTS)
    assert alone.next_steps == () and alone.values["next_steps_proposed"] == 0.0
    f = extract_features(call(("rep", "I think a pilot at one of your clinics is the natural "
                                      "next step."), ("customer", text)), nlp, OPTS)
    assert [(s.utterance_index, s.response) for s in f.next_steps] == [(0, "deferred")]
    assert f.values["next_step_deferred"] == 1.0 and f.values["next_steps_proposed"] == 1.0


@pytest.mark.parametrize("text,kind", [
    ("Could we find twenty minutes next week to go over the numbers with your boss?", "meeting"),
    ("Any chance you're free Thursday to see it live?", "demo"),
    ("Would it be worth getting your ops lead on a call next week?", "call"),
])
def test_ordinary_proposals_the_issue_lists(nlp, text, kind):
    f = extract_features(call(("rep", text)), nlp, OPTS)
    assert [s.what for s in f.next_steps] == [kind]
    (moment,) = f.moments_of("next_step")
    assert (moment.subtype, moment.utterance_index) == ("proposed", 0)


@pytest.mark.parametrize("text,subtype", [
    ("Not expensive at all", None),
    ("Our CFO will never approve this", "authority"),
    ("We signed with HubSpot last month.", "competitor"),
])
def test_objections_the_issue_lists(nlp, text, subtype):
    assert objection_type(text) == subtype
    f = extract_features(call(("customer", text)), nlp, OPTS)
    assert [o.subtype for o in f.objections] == ([subtype] if subtype else [])
    assert [m.subtype for m in f.moments_of("objection")] == ([subtype] if subtype else [])


@pytest.mark.parametrize("text,found", [
    ("My calendar is a disaster until May.", "may"), ("in may we move offices", "may"),
    ("see you May 3rd", "may"), ("mid-May works", "may"), ("early may", "may"),
    ("We may need more time.", None), ("May I send you a quote?", None),
    ("It may be Tuesday.", "tuesday"), ("you may want to loop in legal", None),
])
def test_timex_finds_may_the_month_not_the_modal(text, found):
    hits = [m.group(0) for m in TIME.finditer(text.lower())]
    assert (hits[0] if hits else None) == found
    assert bool(DATE_WORDS.search(text.lower())) == (found is not None)


def test_a_may_date_dates_the_step(nlp):
    f = extract_features(call(("rep", "Could we do the onsite in May?"),
                              ("customer", "Sure, the second week of May works.")), nlp, OPTS)
    (step,) = f.next_steps
    assert step.response == "accepted" and any("May" in d for d in step.dates)
    assert f.values["next_step_accepted_with_date"] == 1.0


# --- replies: our own phrasings ----------------------------------------------------------

# Replies the learned reader (reply_model) gets wrong, sure of it, where the cues were right:
# kept as strict expected failures, so that a reader that mends them says so. eval/loso.py
# scores these phrasings with a reader that did not learn from them: 0.986 macro-F1, the
# cues alone 1.000 (they were written for the cues).
LEARNED_READER_ERRORS = {
    "You'd have to go through the official RFP, I can't set that up.": "read as a put-off",
    "Once procurement signs off we can book it.": "read as a yes; the condition puts it off",
}


def _mark(row: dict):
    why = LEARNED_READER_ERRORS.get(row["reply"])
    return pytest.param(row, marks=pytest.mark.xfail(strict=True, reason=why)) if why else row


@pytest.mark.parametrize("row", [_mark(r) for r in rows("replies_mine.jsonl") + rows("replies_mine2.jsonl") +
                                 rows("replies_mine3.jsonl") + rows("replies_mine4.jsonl")],
                         ids=lambda r: r["reply"][:40])
def test_reply_verdicts_on_our_phrasings(row):
    assert (classify_reply(row["reply"], proposal=row["proposal"]) or "none") == row["verdict"]


@pytest.mark.parametrize("reply,verdict", [
    ("uh, no", "declined"), ("um no we're we're good thanks", "declined"),
    ("yeah no that sounds good actually", "accepted"), ("I wouldn't say no to that.", "accepted"),
    ("Sure, but not this month.", "deferred"), ("only if legal can join", "accepted"),
    ("we went with another vendor", "declined"), ("I need to talk to my partner first", "deferred"),
    ("Wednesday's bad, how's Friday?", None), ("mm-hmm thursday's fine", "accepted"),
    ("thanks but no thanks", "declined"), ("let me check my calendar and get back to you", "deferred"),
    ("Uh-huh.", "accepted"), ("Huh-uh.", "declined"), ("Probably not.", "declined"),
    ("What would we cover?", None), ("I can't set that up, you'd have to go through IT.", "declined"),
    ("thursday's bad they've got the audit how's next tuesday at ten", None),
])
def test_reply_verdicts_spoken_style(reply, verdict):
    assert classify_reply(reply) == verdict


def test_mind_if_is_granted_by_a_no():
    assert classify_reply("Not at all.", proposal="Mind if I call you next week?") == "accepted"
    assert classify_reply("Not at all.", proposal="Would you like a demo?") == "declined"


def test_an_offer_to_send_is_taken_by_asking_for_it():
    assert classify_reply("Yeah, email me a couple of options.",
                          proposal="Can I send you some dates for a workshop?") == "accepted"
    assert classify_reply("Just email me something.",
                          proposal="Could we book a workshop?") == "deferred"


# --- threads -----------------------------------------------------------------------------

def test_a_counter_proposal_keeps_the_thread_open(nlp):
    f = extract_features(call(("rep", "Can we do the follow-up on Wednesday?"),
                              ("customer", "Wednesday's bad, how's Friday?"),
                              ("rep", "Friday at ten works on my end."),
                              ("customer", "Okay, Friday at ten.")), nlp, OPTS)
    (step,) = f.next_steps  # the rep takes the customer's Friday, the customer confirms
    assert step.response == "accepted" and step.response_utterance_index in (2, 3)
    assert f.values["next_step_accepted_with_date"] == 1.0
    assert f.values["next_step_declined"] == 0.0


def test_a_counter_in_lower_case_asr_text_is_taken_by_the_proposer(nlp):
    f = extract_features(call(("rep", "it might be worth a short session with your dispatchers maybe thursday afternoon"),
                              ("customer", "thursday's bad, they've got the audit, how's next tuesday at ten"),
                              ("rep", "Tuesday at ten works. I'll send the invite to you and Priya."),
                              ("customer", "perfect, cheers")), nlp, OPTS)
    assert (f.next_steps[0].response, f.next_steps[0].response_utterance_index) == ("accepted", 2)
    assert f.values["next_step_accepted_with_date"] == 1.0


def test_taking_a_yes_back_in_the_next_breath(nlp):
    f = extract_features(call(("rep", "Shall I book the onsite for the 14th?"),
                              ("customer", "Yes, the 14th is good."),
                              ("customer", "Oh wait, no. We've frozen all vendor visits. Let's not.")),
                         nlp, OPTS)
    (step,) = f.next_steps
    assert (step.response, step.response_utterance_index) == ("declined", 2)
    assert f.values["next_step_accepted"] == 0.0


def test_asking_for_material_puts_the_step_off_and_proposes_nothing(nlp):
    f = extract_features(call(("rep", "Could we at least pencil something in for January?"),
                              ("customer", "You know what, just send me an email with the pricing."),
                              ("rep", "Sure, I can do that.")), nlp, OPTS)
    assert [(s.utterance_index, s.response) for s in f.next_steps] == [(0, "deferred")]
    assert f.values["next_step_accepted"] == 0.0


def test_a_choice_of_times_is_a_move_not_a_deferral(nlp):
    f = extract_features(call(("customer", "Can your implementation person call me tomorrow?"),
                              ("rep", "Let me check her calendar. She has eleven or two."),
                              ("customer", "Two."),
                              ("rep", "Two it is, she'll call your direct line.")), nlp, OPTS)
    (step,) = f.next_steps
    assert (step.proposed_by, step.response) == ("customer", "accepted")
    assert f.values["next_step_deferred"] == 0.0


@pytest.mark.parametrize("proposal,reply", [
    ("thursday?", "yeah thursday's good"), ("demo next week?", "sure why not"),
    ("same time next week?", "works for me"), ("Want me to send it over?", "Go for it."),
])
def test_elliptical_proposals_open_a_thread(nlp, proposal, reply):
    f = extract_features(call(("rep", proposal), ("customer", reply)), nlp, OPTS)
    assert [(s.utterance_index, s.response, s.response_utterance_index)
            for s in f.next_steps] == [(0, "accepted", 1)]


def test_a_reply_two_turns_later_decides(nlp):
    f = extract_features(call(("rep", "Want me to send the proposal over tonight?"),
                              ("customer", "Hang on, someone's at the door."),
                              ("customer", "Sorry. Yes, send it tonight.")), nlp, OPTS)
    (step,) = f.next_steps
    assert (step.response, step.response_utterance_index) == ("accepted", 2)
    assert f.values["next_step_accepted_with_date"] == 1.0


def test_the_proposer_answers_a_put_off_with_a_new_step(nlp):
    f = extract_features(call(("rep", "Demo next week?"),
                              ("customer", "next week's bad, after the fifteenth maybe"),
                              ("rep", "I'll check back after the fifteenth then."),
                              ("customer", "sounds good")), nlp, OPTS)
    assert [(s.utterance_index, s.what) for s in f.next_steps][-1] == (2, "follow-up")
    assert f.next_steps[-1].response == "accepted"
    assert f.values["next_step_accepted"] == 1.0


# --- proposals: our own phrasings --------------------------------------------------------

PROPOSALS = rows("proposals_mine.jsonl") + rows("proposals_mine2.jsonl") + \
    rows("proposals_mine3.jsonl") + rows("proposals_mine4.jsonl")  # 3: elliptical proposals
# ("demo next week?") and look-alikes; 4: requests framed as wants, offers of a colleague, getting set up


def test_proposals_on_our_phrasings(nlp):
    feats = extract_many([call((r["speaker"], r["text"])) for r in PROPOSALS], nlp, OPTS)
    got = [f.next_steps[0].what if f.next_steps else None for f in feats]
    wrong = [(r["text"], r["kind"], g) for r, g in zip(PROPOSALS, got) if g != r["kind"]]
    assert wrong == []
    for f, r in zip(feats, PROPOSALS):  # every proposal carries its moment
        assert len(f.moments_of("next_step")) == (1 if r["proposal"] else 0)


# --- objections: our own phrasings -------------------------------------------------------

# 5: reasons of fit, look-alikes; 6: indirect ones, ASR spelling; 7: the status quo ("always
# done it this way"), a role with a modifier ("my business partner signs off on").
OBJECTIONS = rows("objections_mine.jsonl") + rows("objections_mine2.jsonl") + \
    rows("objections_mine3.jsonl") + rows("objections_mine5.jsonl") + \
    rows("objections_mine6.jsonl") + rows("objections_mine7.jsonl")


@pytest.mark.parametrize("row", OBJECTIONS, ids=lambda r: r["text"][:40])
def test_objection_types_on_our_phrasings(row):
    assert objection_type(row["text"]) == row["type"]


@pytest.mark.parametrize("text", [
    "honestly it's not expensive at all compared to what we pay now", "Budget isn't a problem.",
    "i wouldn't say we're too busy for this actually", "Expensive? No, not really.",
    "It's not that we can't afford it.", "No, that's it.", "Mostly with spreadsheets and email.",
    "I don't need anyone else's sign-off on this, it's my budget.",
])
def test_negated_and_positive_mentions_are_not_objections(text):
    assert objection_type(text) is None


def test_customer_questions_are_not_objections_unless_they_push_back():
    assert objection_type("How much is it?", is_question=True) is None
    assert objection_type("Isn't that a bit pricey for what it does?", is_question=True) == "price"
    assert objection_type("Can we revisit in the fall?", is_question=True) == "timing"


def test_the_learned_objection_reader_fits_and_reads():
    from scorer.features.bayes import fit

    model = fit({"price": ["that costs too much money", "the money is tight"],
                 "none": ["we have forty drivers", "hello this is dana"]})
    probs = dict(zip(model.labels, model.probabilities("money is too tight")))
    assert probs["price"] > 0.9 > probs["none"]
    assert fit({"a": ["x y"], "b": ["z w"]}) == fit({"a": ["x y"], "b": ["z w"]})  # deterministic


def test_the_learned_reader_is_asked_only_when_no_cue_decides(monkeypatch):
    import scorer.features.objections as objections

    asked = []
    monkeypatch.setattr(objections, "predict_type",
                        lambda text: (asked.append(text), ("competitor", 0.99))[1])
    assert objections.objection_type("That's way too expensive for us.") == "price"
    assert objections.objection_type("Budget isn't a problem for us at all.") is None
    assert objections.objection_type("No, that's it.") is None  # too short: never asked
    assert asked == []
    assert objections.objection_type("the folks at Acme already handle it with our team") == \
        "competitor"
    assert len(asked) <= 1


# --- the learned readers (round 4) ---------------------------------------------------------

def test_examples_are_read_cleaned_and_merged(tmp_path):
    from scorer.features.bayes import model_of, read_examples

    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('yes = ["Uh, sure, sure."]\nno = ["We dont need it"]\n', encoding="utf-8")
    b.write_text('no = ["nope"]\n', encoding="utf-8")
    assert read_examples(a, b, tmp_path / "missing.toml") == {"yes": ["sure."], "no": ["we don't need it", "nope"]}
    assert model_of(a, b).best("sure thing")[0] == "yes"
    assert model_of(a, b).best("we don't need it")[0] == "no"


def test_the_shipped_readers_counts_are_current():
    """The saved counts (scorer.features.bayes) must be those of the examples as they are:
    after editing the examples or the cleaning, run dev/build_examples.py."""
    from scorer.features import bayes, objection_model, reply_model

    for paths in ((reply_model.EXAMPLES,), (objection_model.EXAMPLES, objection_model.EXAMPLES_SETS)):
        saved = bayes.saved_counts(*paths)
        assert saved is not None, f"{bayes.counts_file(*paths)} is stale: run dev/build_examples.py"
        assert saved == bayes.count(bayes.read_examples(*paths))
        assert bayes.model_of(*paths) == bayes.fit(bayes.read_examples(*paths))


def test_counts_saved_for_other_examples_are_not_used(tmp_path):
    from scorer.features import bayes

    a = tmp_path / "a.toml"
    a.write_text('yes = ["sure, lets do it"]\nno = ["no thanks"]\n', encoding="utf-8")
    bayes.save_counts(a)
    assert bayes.saved_counts(a) == bayes.count(bayes.read_examples(a))
    a.write_text('yes = ["sure"]\nno = ["we went with someone else"]\n', encoding="utf-8")
    assert bayes.saved_counts(a) is None
    assert bayes.model_of(a) == bayes.fit(bayes.read_examples(a))  # counted again
    bayes.counts_file(a).write_text("{not json", encoding="utf-8")
    assert bayes.saved_counts(a) is None


def test_the_reply_reader_decides_only_when_sure_and_not_for_offers(monkeypatch):
    import scorer.features.replies as replies

    monkeypatch.setattr(replies, "read_verdict", lambda text: ("declined", 0.999))
    verdict, judged = replies.explain_reply("yeah thursday works", proposal="Demo Thursday?")
    assert verdict == "declined" and judged[0][2].startswith("learned reader")
    # without a proposal, or when the proposal offers to send something, the cues decide
    assert replies.classify_reply("yeah thursday works") == "accepted"
    assert replies.classify_reply("sure, just send me the link",
                                  proposal="I can send you the deck tonight.") == "accepted"
    monkeypatch.setattr(replies, "read_verdict", lambda text: None)  # not sure: the cues
    assert replies.classify_reply("Definitely not.", proposal="Demo Thursday?") == "declined"


def test_the_reply_reader_threshold_is_its_probability():
    from scorer.features import reply_model

    label_p = reply_model.read_verdict("absolutely, let's do it", min_probability=0.0)
    assert label_p is not None and label_p[0] == "accepted"
    assert reply_model.read_verdict("absolutely, let's do it", min_probability=1.01) is None


def test_a_sure_none_of_the_objection_reader_never_overrules_a_cue(monkeypatch):
    import scorer.features.objections as objections
    from scorer.features import objection_model

    monkeypatch.setattr(objection_model, "_model", lambda: type("M", (), {"best": lambda self, t: ("none", 1.0)})())
    assert objection_model.first_reading("anything") is None
    assert objections.objection_type("Honestly it sounds too expensive for us.") == "price"
    monkeypatch.setattr(objection_model, "_model", lambda: type("M", (), {"best": lambda self, t: ("need", 0.99)})())
    assert objections.objection_type("we have forty trucks") == "need"  # a sure type comes first
    assert objections.objection_type("how much is it?", is_question=True) is None  # not for questions
