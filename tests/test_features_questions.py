"""Question detection from the parse as well as punctuation: open vs closed, with and
without "?", and statements that look like questions."""
from __future__ import annotations

import re

import pytest

from scorer.features import classify_doc, classify_question, explain_question, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def kind_of(nlp, text):
    found = classify_doc(nlp(text))
    return found[0][1] if found else None


def strip(text):
    """What raw ASR without punctuation or case looks like."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


QUESTIONS = [
    ("How are you handling onboarding right now?", "open"),
    ("What kind of tools do you use today?", "open"),
    ("Who handles billing on your side?", "open"),
    ("Uh, so, um, where do you see the biggest gap?", "open"),
    ("Tell me about your current process.", "open"),
    ("Walk me through how a new hire gets set up.", "open"),
    ("I'm curious how you picked your current vendor.", "open"),
    ("Can you tell me more about the rollout?", "open"),
    ("How about a quick call on Monday?", "open"),
    ("Do you have a budget for this?", "closed"),
    ("Are you the one who signs off on this?", "closed"),
    ("Is it mostly the sales team using it?", "closed"),
    ("Would you prefer a monthly or an annual plan?", "closed"),
    ("Would it help if we set up a demo?", "closed"),
]


@pytest.mark.parametrize("text,kind", QUESTIONS)
def test_questions_with_punctuation(nlp, text, kind):
    assert kind_of(nlp, text) == kind


@pytest.mark.parametrize("text,kind", QUESTIONS)
def test_questions_without_punctuation_or_case(nlp, text, kind):
    assert kind_of(nlp, strip(text)) == kind


@pytest.mark.parametrize("text,kind", [
    ("You're using Salesforce today, right?", "closed"),     # tag
    ("That's the main blocker, isn't it", "closed"),         # tag without "?"
    ("That's the main blocker, isn't it.", "closed"),        # a tag is asked whatever the "."
    ("there's a setup fee isn't there", "closed"),           # a tag with "there", unpunctuated
    ("There's a setup fee, isn't there.", "closed"),
    ("You're the one who decides, aren't you.", "closed"),   # "." but asked of "you"
    ("You have kids?", "closed"),                             # declarative, only "?" tells
    ("So you went where?", "open"),
    ("that makes sense so what would change for your team if onboarding took half the time", "open"),
    ("when you have kids will you keep working", "closed"),  # inversion after a clause
    # Tags the tagger reads as a main verb, tags after a verbless phrase, a trailing filler:
    ("that explains the churn doesn't it.", "closed"),
    ("pretty pricey, isn't it.", "closed"),
    ("kind of a pain for the dispatchers, isn't it", "closed"),
    ("your reps all hate the old tool don't they, you know.", "closed"),
])
def test_harder_questions(nlp, text, kind):
    assert kind_of(nlp, text) == kind


@pytest.mark.parametrize("text", [
    "I know what you mean.",
    "So do I.",
    "When I was at my last company we used spreadsheets.",
    "That's what I told my boss.",
    "we looked at it last year",
    "The team, which is small, handles it.",
    "I don't know what they charge.",
    "what I like about it is the reporting",
    "He said, do you want to dance, and we laughed.",
    "What do I know.",           # a "." after a wh-question: rhetorical
    "we expected savings but the savings weren't there.",  # a place, not a tag ("isn't there")
    "Huh?",                       # a repair, not a question
    "Really?",                    # a backchannel
    "Do you?",                    # an elliptical backchannel
    "It was fun, you know?",      # a filler tag
    "Is it, uh,",                 # abandoned before it asks anything
    "Oh, isn't it.",              # nothing before the tag
])
def test_statements_and_backchannels_are_not_questions(nlp, text):
    assert kind_of(nlp, text) is None


def test_explain_names_the_rule(nlp):
    sent = next(nlp("do you have a budget").sents)
    assert explain_question(sent) == ("closed", "inversion")
    assert explain_question(next(nlp("Huh?").sents)) == (None, "repair")
    assert classify_question(next(nlp("You have kids?").sents)) == "closed"


def test_each_sentence_of_an_utterance_is_judged(nlp):
    found = classify_doc(nlp("Great. How many people are on the team? And do they all use it?"))
    assert [(s.text, k) for s, k in found] == [("How many people are on the team?", "open"),
                                              ("And do they all use it?", "closed")]
