"""The learned proposal reader (scorer.features.proposal_model): the plain-Python reader
gives scikit-learn's probability, the shipped weights are the ones the builder writes, and
in a call it finds steps the rules miss without opening threads where it should not."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from scorer.errors import OptionsError
from scorer.features import FeatureOptions, extract_features, load_nlp
from scorer.features import proposal_model as pm
from scorer.types import Transcript, Utterance

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "dev"))
import build_proposal_model as build  # noqa: E402

OPTS = FeatureOptions(groups=("questions", "next_steps"))
RULES = FeatureOptions(groups=("questions", "next_steps"), proposal_reader_at=None)
YES = "yeah go on then, sounds good"
# Steps the rules find no step word or frame for, in varied spoken phrasing.
LEARNED = ["what if i came out to the brewery and we walked the line together",
           "could we get the two of you together with our integration lead sometime next month?",
           "would you want us to come back once the new site is open",
           "I'd love to get you and Priya in front of it before the renewal."]
# In-the-moment requests, terms, plans of one's own, past talk: the reader says no.
NOT_STEPS = ["Could you hold on a sec?", "Would you like some water?", "Can you hear me okay?",
             "I can do 45 if you pick it up tonight.", "we went out to see them last spring",
             "I could get up on the roof and do that myself.", "could you tell me a bit about how your dispatch works?",
             "would you do 80 bucks if I throw in the stand?"]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*turns):
    utts = tuple(Utterance(s, float(i * 10), float(i * 10 + 9), t) for i, (s, t) in enumerate(turns))
    return Transcript("t", utts, duration_s=float(len(turns) * 10))


def test_the_plain_reader_gives_scikit_learns_probability():
    X, y = build.examples(p4g=0)
    pipeline = build.fit(X[::3], y[::3])
    table = build.weights(pipeline, len(X[::3]), sum(y[::3]))
    texts = X[1::50] + ["  Shall we   pencil something in?", "we\u2019ll swing by", "a", "", "!!"]
    for text, p in zip(texts, pipeline.predict_proba(texts)[:, 1]):
        assert pm.score(table, text) == pytest.approx(p, abs=1e-4), text


def test_the_analyzers_match_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = pm.prepare("Could we   do Tue? i'd say a-ok, ya")
    words = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()(text)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()(text)
    assert sorted(pm.word_grams(text)) == sorted(words)
    assert sorted(pm.char_grams(text)) == sorted(chars)


@pytest.mark.skipif(not build.P4G.exists(), reason=f"{build.P4G} not found (the fit reads PersuasionForGood)")
def test_the_shipped_weights_are_current():
    X, y = build.examples()
    table = build.weights(build.fit(X, y), len(X), sum(y))
    shipped = json.loads(pm.WEIGHTS.read_text(encoding="utf-8"))
    assert {k: shipped[k] for k in ("sets", "lines", "proposals", "C")} == \
        {k: table[k] for k in ("sets", "lines", "proposals", "C")}
    for text in X[::40]:
        assert pm.score(shipped, text) == pytest.approx(pm.score(table, text), abs=1e-3)


def test_the_held_out_sets_never_train_it():
    assert not [s for s in build.TRAIN_SETS if s in ("test5", "test6", "test7", "test8")]


@pytest.mark.parametrize("text", LEARNED)
def test_the_reader_finds_steps_the_rules_miss(nlp, text):
    assert extract_features(call(("rep", text), ("customer", YES)), nlp, RULES).next_steps == ()
    steps = extract_features(call(("rep", text), ("customer", YES)), nlp, OPTS).next_steps
    assert [(s.utterance_index, s.what, s.response) for s in steps] == [(0, "follow-up", "accepted")]


@pytest.mark.parametrize("text", NOT_STEPS)
def test_the_reader_leaves_requests_terms_and_talk_alone(nlp, text):
    assert extract_features(call(("rep", text), ("customer", YES)), nlp, OPTS).next_steps == ()


# Lines neither the rules nor the reader alone take for a step, which an outright answer makes
# one (the reply backs the proposal), in varied spoken phrasing.
BACKED = ["So, demo on the 11th, then pilot in March?",
          "It might be easiest if I came out to the plant before we quote."]
ANSWERS = [("yeah that'd be great, come whenever", "accepted"),
           ("no thanks, we really don't need anyone out here", "declined"),
           ("let me check with the owner first and get back to you", "deferred")]


@pytest.mark.parametrize("text", BACKED)
@pytest.mark.parametrize("answer,verdict", ANSWERS)
def test_an_outright_answer_backs_a_proposal_the_reader_doubts(nlp, text, answer, verdict):
    assert extract_features(call(("rep", text), ("customer", "mm.")), nlp, OPTS).next_steps == ()
    assert extract_features(call(("rep", text), ("customer", answer)), nlp, RULES).next_steps == ()
    steps = extract_features(call(("rep", text), ("customer", answer)), nlp, OPTS).next_steps
    assert [(s.utterance_index, s.what, s.response, s.response_utterance_index) for s in steps] == \
        [(0, "follow-up", verdict, 1)]


@pytest.mark.parametrize("answer", ["Yeah.", "sure sure", "No."])
def test_a_bare_yes_or_no_backs_nothing(nlp, answer):
    assert extract_features(call(("rep", BACKED[1]), ("customer", answer)), nlp, OPTS).next_steps == ()


def test_a_reply_in_a_thread_is_not_backed_as_a_new_proposal(nlp):
    """The customer's put-off ("just send me an email with the pricing") answers the rep's
    step; the rep's "Sure, I can do that." does not make it a step of the customer's."""
    f = extract_features(call(("rep", "could we at least pencil something in for january"),
                              ("customer", "you know what just email me the pricing and i'll look it over"),
                              ("rep", "Sure, I can do that.")), nlp, OPTS)
    assert [(s.utterance_index, s.response) for s in f.next_steps] == [(0, "deferred")]


def test_money_and_short_lines_are_not_asked():
    assert not pm.framed("I can step down to $80 for you")
    assert not pm.framed("how about we do 45 for the pair")
    assert not pm.framed("Can we?")
    assert pm.framed("could we meet at 3 on friday")
    assert pm.framed("can you give me 20 minutes thursday")


def test_a_learned_step_opens_no_thread_while_another_waits(nlp):
    f = extract_features(call(("rep", "Would you be open to a quick demo on Thursday?"),
                              ("rep", LEARNED[2]), ("customer", "Sure, Thursday works.")), nlp, OPTS)
    assert [(s.utterance_index, s.what, s.response) for s in f.next_steps] == [(0, "demo", "accepted")]


@pytest.mark.parametrize("at", [0.3, 1.5, True, "high"])
def test_the_threshold_is_checked(at):
    with pytest.raises(OptionsError, match="proposal_reader_at"):
        FeatureOptions(proposal_reader_at=at).validate()
