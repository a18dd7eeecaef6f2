"""Next steps (proposed, accepted, declined, deferred, with dates) and objections (with
how the rep answered), on hand-written calls."""
from __future__ import annotations

import pytest

from scorer.features import FeatureOptions, classify_reply, extract_features, load_nlp, objection_type
from scorer.types import Transcript, Utterance

OPTS = FeatureOptions(groups=("questions", "next_steps", "objections"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*turns, timing="measured"):
    utts = tuple(Utterance(s, float(i * 10), float(i * 10 + 9), text)
                 for i, (s, text) in enumerate(turns))
    return Transcript("t", utts, duration_s=float(len(turns) * 10), timing=timing)


def test_accepted_demo_with_date(nlp):
    t = call(("rep", "Thanks for walking me through all that."),
             ("customer", "Sure."),
             ("rep", "Can we set up a demo next Tuesday at 3pm?"),
             ("customer", "Sure, Tuesday works."))
    f = extract_features(t, nlp, OPTS)
    assert f.values["next_steps_proposed"] == 1.0 and f.values["next_steps_proposed_by_rep"] == 1.0
    assert f.values["next_step_accepted"] == 1.0 and f.values["next_step_declined"] == 0.0
    assert f.values["next_step_has_date"] == 1.0
    (step,) = f.next_steps
    assert (step.utterance_index, step.proposed_by, step.what, step.response,
            step.response_utterance_index) == (2, "rep", "demo", "accepted", 3)
    assert "next Tuesday" in step.dates and "3pm" in step.dates
    assert [(m.subtype, m.utterance_index, m.speaker) for m in f.moments_of("next_step")] == [
        ("proposed", 2, "rep"), ("accepted", 3, "customer")]


def test_declined_demo_is_not_an_accepted_next_step(nlp):
    t = call(("rep", "Would you like to see a demo of the reporting module?"),
             ("customer", "No, we don't need a demo."))
    f = extract_features(t, nlp, OPTS)
    assert f.values["next_steps_proposed"] == 1.0  # the customer's "demo" proposes nothing
    assert f.values["next_step_accepted"] == 0.0 and f.values["next_step_declined"] == 1.0
    assert f.next_steps[0].response == "declined"
    assert f.values["next_step_has_date"] == 0.0


@pytest.mark.parametrize("reply", ["Maybe, I'll get back to you.", "Send me an email.",
                                   "Yeah, let me check with my team first."])
def test_deferred_replies_are_not_acceptances(nlp, reply):
    t = call(("rep", "Let's schedule a call for Friday."), ("customer", reply))
    f = extract_features(t, nlp, OPTS)
    assert f.values["next_step_deferred"] == 1.0 and f.values["next_step_accepted"] == 0.0


def test_customer_request_answered_by_the_rep(nlp):
    t = call(("customer", "Could you send me a proposal by Friday?"),
             ("rep", "Absolutely, I'll have it over by Thursday."))
    f = extract_features(t, nlp, OPTS)
    (step,) = f.next_steps
    assert (step.proposed_by, step.what, step.response) == ("customer", "proposal", "accepted")
    assert f.values["next_steps_proposed_by_rep"] == 0.0


def test_mentions_without_a_proposal_are_not_next_steps(nlp):
    t = call(("customer", "We had a demo with another company last week."),
             ("rep", "Did you call them afterwards?"),
             ("customer", "What do you call that feature again?"),
             ("rep", "Nice to meet you, by the way."))
    f = extract_features(t, nlp, OPTS)
    assert f.values["next_steps_proposed"] == 0.0 and f.next_steps == ()


def test_no_reply_leaves_the_response_open(nlp):
    f = extract_features(call(("rep", "I'll send over a quote tomorrow.")), nlp, OPTS)
    assert f.values["next_steps_proposed"] == 1.0
    assert f.next_steps[0].response is None
    assert (f.values["next_step_accepted"], f.values["next_step_declined"],
            f.values["next_step_deferred"]) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("text,verdict", [
    ("Maybe, I'll get back to you.", "deferred"),
    ("No, we don't need a demo.", "declined"),
    ("Send me an email.", "deferred"),
    ("Sounds good!", "accepted"),
    ("No problem, see you then.", "accepted"),
    ("We're good, thanks.", "declined"),
    ("Yes, but let me check with my boss first.", "deferred"),
    ("Hmm.", None),
])
def test_reply_classes(text, verdict):
    assert classify_reply(text) == verdict


@pytest.mark.parametrize("text,subtype", [
    ("That's way too expensive for us.", "price"),
    ("The price is a bit high.", "price"),
    ("Honestly we have no budget this year.", "price"),
    ("We're really busy right now, maybe next quarter.", "timing"),
    ("I need to talk to my boss first.", "authority"),
    ("It's not my decision.", "authority"),
    ("We don't need that.", "need"),
    ("We're happy with what we have.", "need"),
    ("We already use another vendor for that.", "competitor"),
    ("I love the product.", None),
])
def test_objection_types(text, subtype):
    assert objection_type(text) == subtype


def test_customer_question_about_price_is_not_an_objection():
    assert objection_type("Is it expensive?", is_question=True) is None
    assert objection_type("Isn't that too expensive?", is_question=True) == "price"


def test_objections_and_how_the_rep_answered(nlp):
    t = call(("customer", "Honestly it sounds too expensive for us."),
             ("rep", "Mm-hmm."),
             ("rep", "What are you comparing it with?"),                # answered with a question
             ("customer", "And I would need to run it by my manager."),
             ("rep", "That's fine, most teams do."),                     # with a statement
             ("customer", "We already use another vendor anyway."))     # never answered
    f = extract_features(t, nlp, OPTS)
    v = f.values
    assert (v["objections"], v["objections_price"], v["objections_authority"],
            v["objections_competitor"]) == (3.0, 1.0, 1.0, 1.0)
    assert v["objections_answered_with_question"] == 1.0 and v["objections_unanswered"] == 1.0
    assert [(o.utterance_index, o.subtype, o.answered_with, o.answer_utterance_index)
            for o in f.objections] == [(0, "price", "question", 2),
                                       (3, "authority", "statement", 4),
                                       (5, "competitor", None, None)]
    assert [m.utterance_index for m in f.moments_of("objection")] == [0, 3, 5]


def test_rep_words_are_never_objections(nlp):
    f = extract_features(call(("rep", "Some say it is too expensive, but the ROI is clear.")),
                         nlp, OPTS)
    assert f.values["objections"] == 0.0
