"""Trackers (TOML phrase lists matched on lemmas) and filler words."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.features import (FeatureOptions, build_tracker_matcher, extract_features, load_nlp,
                             load_trackers)
from scorer.features.fillers import count_fillers
from scorer.types import Transcript, Utterance

DATA = Path(__file__).parent / "data" / "features"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*turns):
    utts = tuple(Utterance(s, float(i * 10), float(i * 10 + 9), text)
                 for i, (s, text) in enumerate(turns))
    return Transcript("t", utts, duration_s=float(len(turns) * 10))


def test_load_trackers_file_both_forms():
    trackers = load_trackers(DATA / "trackers.toml")
    assert trackers == {"competitors": ("Salesforce", "HubSpot", "another vendor"),
                        "pricing": ("price", "discount"), "security": ("SOC 2", "encryption")}


def test_default_trackers_ship_with_the_package():
    trackers = load_trackers()
    assert {"competitors", "pricing", "budget", "contract", "security"} <= set(trackers)
    assert all(trackers.values())


@pytest.mark.parametrize("name,message", [
    ("bad_syntax.toml", "not valid TOML"),
    ("bad_shape.toml", "must be a non-empty list of phrases"),
    ("missing.toml", "trackers file not found"),
])
def test_bad_trackers_files_name_the_file(name, message):
    with pytest.raises(InputError, match=rf"{name}: .*{message}"):
        load_trackers(DATA / name)


def test_tracker_mapping_is_checked():
    with pytest.raises(InputError, match="tracker name 'Bad Name' is not valid"):
        load_trackers({"Bad Name": ["x"]})


def test_trackers_match_lemmas_and_any_case(nlp):
    t = call(("customer", "We're on salesforce today and the prices went up again."),
             ("rep", "Did Salesforce offer you any discounts?"),
             ("customer", "No. Our SOC 2 audit also flagged their encryption."),
             ("rep", "We price per seat, with discounting for annual plans."))
    f = extract_features(t, nlp, FeatureOptions(trackers=DATA / "trackers.toml"))
    # competitors: salesforce, Salesforce; pricing: prices, discounts, price (verb), discounting?
    assert f.trackers["competitors"] == 2.0
    assert f.trackers["security"] == 2.0
    pricing = [m for m in f.moments_of("tracker") if m.subtype == "pricing"]
    assert [m.utterance_index for m in pricing][:3] == [0, 1, 3]
    assert f.trackers["pricing"] == float(len(pricing)) >= 3.0
    assert f.values["tracker_hits"] == sum(f.trackers.values())
    by_index = {(m.subtype, m.utterance_index) for m in f.moments_of("tracker")}
    assert ("competitors", 0) in by_index and ("competitors", 1) in by_index
    assert ("security", 2) in by_index


def test_longest_phrase_wins_within_a_tracker(nlp):
    tm = build_tracker_matcher(nlp, {"vendors": ("vendor", "another vendor")})
    doc = nlp("We signed with another vendor.")
    assert tm.find(doc) == [("vendors", 3, 5)]  # "another vendor", not also "vendor"


@pytest.mark.parametrize("text,n", [
    ("Um, so, uh, we, I mean, it's, like, you know, fine.", 5),
    ("Do you know what I mean?", 0),
    ("Mm-hmm. Uh-huh.", 0),
    ("I mean the price, not the plan.", 0),
])
def test_filler_counts(nlp, text, n):
    assert count_fillers(nlp(text)) == n


def test_filler_rate_per_100_words(nlp):
    t = call(("rep", "Um, so, uh, we can do that."), ("customer", "Great, thanks."))
    f = extract_features(t, nlp, FeatureOptions(groups=("fillers",)))
    assert f.values["filler_rate_rep"] == pytest.approx(100 * 2 / 7)
    assert f.values["filler_rate_customer"] == 0.0


@pytest.mark.parametrize("text", [
    "We help companies route technicians, so drivers spend less time on the road.",
    "Kim spends the first two hours on the phone moving jobs around.",
    "Sure, no problem.",
    "I think we're in agreement there.",
    "Technicians collect signatures right from the job.",
    "It feels cool compared to yesterday.",
    "My office manager matches the photos to invoices by hand.",
])
def test_default_trackers_ignore_ordinary_talk(nlp, text):
    f = extract_features(call(("customer", text)), nlp, FeatureOptions(groups=("trackers",)))
    assert f.values["tracker_hits"] == 0.0, f.moments_of("tracker")


@pytest.mark.parametrize("text,tracker", [
    ("What budget have you set aside for this?", "budget"),
    ("She'll want to see the return on investment.", "budget"),
    ("The quote came in higher than we expected.", "pricing"),
    ("We were thinking around $30 per user.", "pricing"),
    ("Our biggest problem is scheduling.", "pain"),
    ("We signed a master agreement with them last year.", "contract"),
    ("We looked at one of your competitors.", "competitors"),
])
def test_default_trackers_catch_sales_talk(nlp, text, tracker):
    f = extract_features(call(("customer", text)), nlp, FeatureOptions(groups=("trackers",)))
    assert f.trackers[tracker] == 1.0
