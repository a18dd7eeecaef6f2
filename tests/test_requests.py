"""Requests that are not next steps (scorer.features.requests): terms and other asks, and
the verdict the other party's answer gives them; never a step's proposal or reply, never
talk that only looks like a request."""
from __future__ import annotations

import pytest

from scorer.features import CallFeatures, FeatureOptions, extract_features, load_nlp
from scorer.features.requests import answer, is_request
from scorer.types import Transcript, Utterance

OPTS = FeatureOptions(groups=("questions", "next_steps"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*lines: tuple[str, str]) -> Transcript:
    utts = tuple(Utterance(s, i * 6.0, i * 6.0 + 5.0, text)  # type: ignore[arg-type]
                 for i, (s, text) in enumerate(lines))
    return Transcript("req", utts, duration_s=len(lines) * 6.0)


# (request, answer, verdict): terms and other asks, spoken, lower-case, indirect.
ANSWERED = [
    ("Would you consider a three-year term if we hold the price flat?",
     "no we only do annual contracts it's policy", "declined"),
    ("can you do ten percent off the annual price", "i can do ten yeah", "accepted"),
    ("Could we go net-60 instead of net-30?", "Let me check with our finance team and I'll get back to you.",
     "deferred"),
    ("If we moved you to quarterly billing, would that help?", "honestly yes, quarterly would get it past our controller",
     "accepted"),
    ("Would you be OK with us invoicing in dollars rather than rand?", "Dollars is fine, treasury prefers it anyway.",
     "accepted"),
    ("Okay, and, uh, is it OK if I record this so I don't miss anything?",
     "I'd prefer you didn't, to be honest.", "declined"),
    ("so um could i get your mobile number in case the link drops", "yeah sure it's oh four one two three three four",
     "accepted"),
    ("How about $80 for the pair?", "nah, that's not gonna work for me", "declined"),
]
# Talk that is no request with an answer: questions to be told something, "how about you?",
# answers that are only a backchannel.
UNANSWERED = [
    ("Can you tell me a bit about how your dispatch works?", "Sure, we run two shifts out of the depot."),
    ("How about yourself?", "Oh, we go once a summer, maybe twice."),
    ("Can you think of anything else that's happened recently?", "No, not really, that's about it."),
    ("Would you consider a three-year term?", "Mm."),
    ("we looked at the pricing last week", "yeah we did"),
]


@pytest.mark.parametrize("request_line,reply,verdict", ANSWERED)
def test_a_request_takes_the_verdict_of_its_answer(nlp, request_line, reply, verdict):
    f = extract_features(call(("rep", request_line), ("customer", reply)), nlp, OPTS)
    assert f.next_steps == ()
    (r,) = f.requests
    assert (r.utterance_index, r.asked_by, r.response, r.response_utterance_index) == (0, "rep", verdict, 1)
    assert r.response_text == reply
    assert [(m.kind, m.subtype, m.utterance_index) for m in f.moments_of("request")] == \
        [("request", "asked", 0), ("request", verdict, 1)]


@pytest.mark.parametrize("line,reply", UNANSWERED)
def test_no_request_without_a_request_and_an_answer(nlp, line, reply):
    f = extract_features(call(("rep", line), ("customer", reply)), nlp, OPTS)
    assert f.requests == () and f.moments_of("request") == ()


def test_a_next_step_and_its_reply_are_not_requests(nlp):
    f = extract_features(call(("rep", "Could we get a demo in for Thursday with your ops lead?"),
                              ("customer", "Thursday works, I'll bring her along.")), nlp, OPTS)
    assert [s.response for s in f.next_steps] == ["accepted"] and f.requests == ()


def test_the_customer_asks_too_and_the_last_sentence_is_the_request(nlp):
    f = extract_features(call(("customer", "The numbers look fine. Can you waive the setup fee?"),
                              ("rep", "yeah no problem, consider it waived")), nlp, OPTS)
    (r,) = f.requests
    assert (r.asked_by, r.text, r.response) == ("customer", "Can you waive the setup fee?", "accepted")


def test_the_same_speaker_going_on_is_no_answer(nlp):
    f = extract_features(call(("rep", "Can you do net sixty on this?"), ("rep", "Yes, let's say net sixty.")),
                         nlp, OPTS)
    assert f.requests == ()


def test_requests_need_the_next_steps_group_and_round_trip(nlp):
    t = call(("rep", "Would you be willing to waive the setup fee?"), ("customer", "no sorry we can't do that"))
    assert extract_features(t, nlp, FeatureOptions(groups=("questions",))).requests == ()
    f = extract_features(t, nlp, OPTS)
    assert [r.response for r in f.requests] == ["declined"]
    assert CallFeatures.from_dict(f.to_dict()) == f


def test_version_2_features_files_still_read(nlp):
    d = extract_features(call(("rep", "hi there"), ("customer", "hello")), nlp, OPTS).to_dict()
    d["schema_version"] = 2
    del d["requests"]
    assert CallFeatures.from_dict(d).requests == ()


def test_the_forms_alone():
    assert is_request("would you be open to auto-renewal on the contract")
    assert is_request("Is it OK if I record this call for my notes?")
    assert not is_request("How about you?") and not is_request("let's see")
    assert answer("Mm.", "Would you consider a three-year term?") is None
    assert answer("Not at all, go ahead.", "Would you mind if I record this?") == "accepted"


def test_scheduling_moves_belong_to_the_step_not_to_requests(nlp):
    f = extract_features(call(("rep", "Would you like a demo on Thursday morning?"),
                              ("customer", "Could we do the afternoon instead?"),
                              ("rep", "Sure. How about Thursday at 2 p.m.?"),
                              ("customer", "perfect, 2 works")), nlp, OPTS)
    assert [s.response for s in f.next_steps] == ["accepted"] and f.requests == ()
    assert not is_request("could we push it to friday at ten")


@pytest.mark.parametrize("reply,asked,verdict", [
    # The first outright clause answers; what follows says why or what next.
    ("No, my back's bad, you have to lift it yourself. Please have cash when you get here.",
     "Will you be available to help load?", "declined"),
    ("No, by all means. I know we have to discuss it.", "Do you mind if we explore this a bit further?",
     "accepted"),
    # A check first, then the answer; a contrast leaves the last word to the reply reader.
    ("Let me check with finance. Yes, we can do net 60.", "Can you do net sixty?", "accepted"),
    ("Yes, but let me check with my boss first.", "Can you do net sixty?", "deferred"),
    ("let me check with hr whether i can share names so give me a few days", "could you send me the list of users",
     "deferred"),
])
def test_the_answer_is_its_first_outright_clause(reply, asked, verdict):
    assert answer(reply, asked) == verdict
