"""Every transcript format, read from real files in tests/data/transcripts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorer.errors import TranscriptFormatError
from scorer.readers import WORDS_PER_MINUTE, read_transcript
from scorer.roles import RoleOptions, resolve_roles, roles_problem
from scorer.types import Transcript

DATA = Path(__file__).parent / "data" / "transcripts"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_vtt_voice_tags_entities_and_markup():
    t = read_transcript(DATA / "zoom.vtt")
    assert t.call_id == "zoom" and t.source_format == "vtt" and t.timing == "measured"
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep"]
    assert t.utterances[1].text == "Happy to. We're looking at tools for our & support team."
    assert t.utterances[2].text == "Great. What made you start looking now?"
    assert (t.utterances[0].start_s, t.utterances[0].end_s) == (0.5, 4.2)
    assert t.duration_s == 13.1


def test_vtt_name_prefix_keeps_names_and_leaves_roles_to_the_roles_step():
    t = read_transcript(DATA / "teams.vtt")
    assert {u.speaker for u in t.utterances} == {"unknown"} and t.roles == "unknown"
    assert [u.speaker_name for u in t.utterances] == ["Maria Lopez", "Tom Becker", "Maria Lopez"]
    named = resolve_roles(t, RoleOptions(rep_names=("maria lopez",)))
    assert [u.speaker for u in named.utterances] == ["rep", "customer", "rep"]
    assert named.roles == "named" and roles_problem(named) is None
    assert named.utterances[0].start_s == 1.0 and named.utterances[1].end_s == 6.25


def test_role_labels_mark_the_transcript_labelled():
    t = read_transcript(DATA / "zoom.vtt")
    assert t.roles == "labelled" and t.roles_detail == "the transcript's role labels"


def test_srt_multiline_cue_joined():
    t = read_transcript(DATA / "call.srt")
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep"]
    assert t.utterances[1].text == "Sure. We have about twenty people on the team."
    assert (t.utterances[1].start_s, t.utterances[1].end_s) == (4.0, 7.25)


def test_text_with_timestamps_never_merges_lines():
    t = read_transcript(DATA / "timed.txt")
    assert t.timing == "starts"  # start times only: the pauses between turns are unknown
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep", "customer"]
    assert [u.start_s for u in t.utterances] == [2.0, 5.0, 9.0, 62.0]
    assert t.utterances[0].end_s == 5.0          # runs to the next start
    last = t.utterances[3]                        # the last line: timed from its words
    assert last.end_s == pytest.approx(62.0 + 4 * 60 / WORDS_PER_MINUTE)


def test_text_without_timestamps_is_estimated_from_word_counts():
    t = read_transcript(DATA / "untimed.txt")
    assert t.timing == "estimated"
    first, second = t.utterances[:2]
    assert first.start_s == 0.0 and first.end_s == pytest.approx(9 * 60 / WORDS_PER_MINUTE)
    assert second.start_s == first.end_s
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep"]


def test_whisperx_json_keeps_words_and_maps_named_speakers():
    t = read_transcript(DATA / "whisperx.json")
    assert t.source_format == "whisper-json"
    assert t.roles == "unknown"
    t = resolve_roles(t, RoleOptions(rep_names=("SPEAKER_00",)))
    assert [u.speaker for u in t.utterances] == ["rep", "customer", "rep"]
    assert len(t.utterances[0].words) == 6 and t.utterances[0].words[3].text == "Sam"
    assert t.utterances[0].words[0].probability == 0.91
    assert t.utterances[0].text == "Hello, this is Sam from Acme."


def test_openai_whisper_json_without_speakers():
    t = read_transcript(DATA / "openai-whisper.json")
    assert [u.speaker for u in t.utterances] == ["unknown", "unknown"]
    assert t.roles == "unknown" and t.speaker_names == ()   # no names at all: nothing to resolve
    assert t.utterances[1].text == "How are you?"


def test_own_json_round_trips_exactly(tmp_path):
    original = resolve_roles(read_transcript(DATA / "whisperx.json"), RoleOptions(rep_names=("SPEAKER_00",)))
    path = tmp_path / "call-7.transcript.json"
    path.write_text(json.dumps(original.to_dict()))
    again = read_transcript(path)
    assert again == original
    assert Transcript.from_dict(json.loads(json.dumps(again.to_dict()))) == original


@pytest.mark.parametrize("name, message", [
    ("malformed.json", r"malformed JSON at line 1"),
    ("empty.txt", r"file is empty"),
    ("no-utterances.json", r"no utterances"),
    ("no-cues.vtt", r"no cues with text"),
    ("no-speaker.txt", r"line 1: expected 'Name: text'"),
    ("missing.srt", r"file not found"),
])
def test_bad_transcripts_give_one_line_naming_the_file(name, message):
    with pytest.raises(TranscriptFormatError, match=message) as info:
        read_transcript(DATA / name)
    assert str(info.value).startswith(str(DATA / name))
    assert "\n" not in str(info.value)


def test_schema_version_mismatch_says_what_to_do(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": 99, "utterances": [], "call_id": "x", "duration_s": 1}))
    with pytest.raises(TranscriptFormatError, match="schema_version 99.*callscore transcribe"):
        read_transcript(path)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent: shared corpora not available")
@pytest.mark.parametrize("corpus, timing", [("annomi", "starts"), ("craigslist", "estimated"),
                                            ("p4g", "estimated")])
def test_shared_corpora_read_line_for_line(corpus, timing):
    files = sorted((SHARED / corpus / "transcripts").glob("*.txt"))
    assert files
    for path in files[:200]:
        t = read_transcript(path)
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(t.utterances) == len(lines), path
        assert t.timing == timing
        assert {u.speaker for u in t.utterances} <= {"rep", "customer"}
        assert all(u.end_s >= u.start_s for u in t.utterances)
        for u, line in zip(t.utterances, lines):
            assert line.rstrip().endswith(u.text), path
