"""Who is the rep: labels, forced channels, names (--rep, roster, manifest) and inference."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from scorer.errors import InputError
from scorer.readers import read_transcript
from scorer.roles import (DEFAULT_MIN_CONFIDENCE, Person, RoleOptions, infer_roles, matching_speakers,
                          normalise_name, read_roster, resolve_roles, roles_problem)
from scorer.types import Transcript, Utterance

DATA = Path(__file__).parent / "data"
FOUR = DATA / "roles" / "zoom-four-people.vtt"
ROSTER = DATA / "roles" / "roster.csv"
SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "transcripts"


def _call(*lines: tuple[str, str]) -> Transcript:
    utts = tuple(Utterance("unknown", float(i), i + 0.9, text, speaker_name=name)
                 for i, (name, text) in enumerate(lines))
    return Transcript("t", utts, float(len(lines)))


def _anonymised(t: Transcript, order: tuple[str, str]) -> Transcript:
    names = dict(zip(order, ("Speaker 1", "Speaker 2")))
    return replace(t, roles="unknown", utterances=tuple(
        replace(u, speaker="unknown", speaker_name=names[u.speaker]) for u in t.utterances))


def test_names_match_forgivingly():
    assert normalise_name("  José O'Neil ") == "jose o neil"
    speakers = ("María López", "Tom Becker")
    assert matching_speakers("maria lopez", speakers) == ["María López"]
    assert matching_speakers("MARIA", speakers) == ["María López"]          # first name, unique
    assert matching_speakers("Maria Lopez", ("Maria", "Tom")) == ["Maria"]   # a first-name speaker
    assert matching_speakers("Maria", ("Maria Lopez", "Maria Chen")) == []   # ambiguous: no guess
    assert matching_speakers("Mario Lopez", speakers) == []


def test_roster_puts_the_solutions_engineer_on_the_rep_side():
    t = resolve_roles(read_transcript(FOUR), RoleOptions(roster=read_roster(ROSTER)))
    assert t.roles == "named"
    sides = {u.speaker_name: u.speaker for u in t.utterances}
    assert sides == {"Priya Raman": "rep", "Marco Bianchi": "rep", "Dana Whitfield": "customer",
                     "Luis Ortega": "customer"}
    assert "team roster" in t.roles_detail


def test_one_rep_name_alone_counts_the_engineer_as_customer_but_a_second_rep_fixes_it():
    t = resolve_roles(read_transcript(FOUR), RoleOptions(rep_names=("Priya",)))
    assert {u.speaker_name for u in t.utterances if u.speaker == "rep"} == {"Priya Raman"}
    t = resolve_roles(read_transcript(FOUR), RoleOptions(rep_names=("Priya", "marco bianchi")))
    assert {u.speaker_name for u in t.utterances if u.speaker == "rep"} == {"Priya Raman", "Marco Bianchi"}


def test_roster_email_local_part_names_a_speaker():
    t = _call(("marco bianchi", "our platform does that"), ("Dana", "how much is it"))
    people = (Person("M. Bianchi", email="marco.bianchi@beacon.example"),)
    assert resolve_roles(t, RoleOptions(roster=people)).utterances[0].speaker == "rep"


def test_the_manifest_rep_is_looked_for_among_the_speakers():
    t = resolve_roles(read_transcript(DATA / "transcripts" / "teams.vtt"), manifest_rep="Maria Lopez")
    assert t.roles == "named" and "manifest" in t.roles_detail
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep"]


def test_labels_and_forced_channels_are_kept():
    labelled = read_transcript(DATA / "transcripts" / "zoom.vtt")
    assert resolve_roles(labelled, RoleOptions(rep_names=("Prospect",))) == labelled
    channel = replace(_call(("Left channel", "hi"), ("Right channel", "hello")), roles="channel")
    assert resolve_roles(channel) == channel


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_inference_finds_the_rep_of_every_sample_call_in_either_name_order(path):
    t = read_transcript(path)
    for order in (("rep", "customer"), ("customer", "rep")):
        anon = _anonymised(t, order)
        resolved = resolve_roles(anon)
        assert resolved.roles == "inferred", resolved.roles_detail
        assert resolved.roles_confidence >= DEFAULT_MIN_CONFIDENCE
        assert [u.speaker for u in resolved.utterances] == [u.speaker for u in t.utterances]


def test_inference_on_varied_lower_case_lines():
    t = _call(("Speaker 1", "hey uh this is sam calling from ledgerly do you have a couple minutes"),
              ("Speaker 2", "um i guess what's this about"),
              ("Speaker 1", "so what does your team use for month end close right now"),
              ("Speaker 2", "we already use netsuite and honestly we're fine with it"),
              ("Speaker 1", "totally fair would you be open to a quick call next week to compare"))
    resolved = resolve_roles(t)
    assert resolved.roles == "inferred"
    assert [u.speaker for u in resolved.utterances][:2] == ["rep", "customer"]


def test_a_call_without_cues_stays_unknown_with_the_reason_and_the_fix():
    t = _call(("Speaker 1", "Hello?"), ("Speaker 2", "Hi, yes."), ("Speaker 1", "Okay, bye."))
    resolved = resolve_roles(t)
    assert resolved.roles == "unknown" and {u.speaker for u in resolved.utterances} == {"unknown"}
    problem = roles_problem(resolved)
    assert "roles unknown" in problem and "--rep NAME" in problem
    stereo = resolve_roles(_call(("Left channel", "Hello?"), ("Right channel", "Hi.")))
    assert "--rep-channel" in roles_problem(stereo)
    mono = resolve_roles(replace(t, utterances=tuple(replace(u, speaker_name=None) for u in t.utterances)))
    assert mono.roles == "unknown" and "no speaker is named" in mono.roles_detail


def test_a_missing_rep_name_falls_back_to_inference_not_to_a_wrong_split():
    t = read_transcript(FOUR)
    resolved = resolve_roles(t, RoleOptions(rep_names=("Jordan Ellis",)))
    assert resolved.roles in ("inferred", "unknown")
    if resolved.roles == "inferred":
        assert "Priya Raman" in {u.speaker_name for u in resolved.utterances if u.speaker == "rep"}


def test_inference_confidence_grows_with_evidence():
    weak = infer_roles(_call(("A", "this is sam from ledgerly"), ("B", "ok")))
    strong = infer_roles(_call(("A", "this is sam from ledgerly. would you be open to a demo? our platform "
                                      "integrates with your current setup."),
                               ("B", "how much is it? we already use netsuite.")))
    assert weak.rep_side == strong.rep_side == {"A"}
    assert strong.confidence > weak.confidence


def test_the_company_name_is_a_strong_cue():
    t = _call(("A", "good morning, yes, Priya at Beacon Dispatch here, I'm returning your call"),
              ("B", "oh thanks for getting back to me"))
    assert infer_roles(t, company="Beacon Dispatch").scores["A"] > infer_roles(t).scores["A"]


def test_roster_errors_are_one_line(tmp_path):
    bad = tmp_path / "team.csv"
    bad.write_text("email\nx@y.z\n")
    with pytest.raises(InputError, match=r"team.csv: the team roster needs a 'name' column"):
        read_roster(bad)
    with pytest.raises(InputError, match="not found"):
        read_roster(tmp_path / "missing.csv")


def test_version_1_transcripts_are_read_with_their_roles_derived(tmp_path):
    doc = read_transcript(DATA / "transcripts" / "zoom.vtt").to_dict()
    for key in ("roles", "roles_confidence", "roles_detail"):
        del doc[key]
    doc["schema_version"] = 1
    assert Transcript.from_dict(doc).roles == "labelled"
    doc["source_format"] = "audio"
    assert Transcript.from_dict(doc).roles == "channel"
    doc["utterances"] = [dict(u, speaker="unknown") for u in doc["utterances"]]
    assert Transcript.from_dict(json.loads(json.dumps(doc))).roles == "unknown"
