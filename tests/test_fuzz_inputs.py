"""Bad input never stops a batch: random and mutated bytes give a valid transcript or one
``ScorerError`` naming the file, never another exception (property-based, Hypothesis)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="the test extra (hypothesis) is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scorer.asr.decode import decode_audio  # noqa: E402
from scorer.errors import AudioError, ScorerError  # noqa: E402
from scorer.inputs import TranscriptLoader  # noqa: E402
from scorer.readers import read_transcript  # noqa: E402
from scorer.types import Transcript  # noqa: E402

DATA = Path(__file__).parent / "data"
SEEDS = {".vtt": DATA / "transcripts" / "zoom.vtt", ".srt": DATA / "transcripts" / "call.srt",
         ".txt": DATA / "transcripts" / "timed.txt", ".json": DATA / "transcripts" / "whisperx.json"}
AUDIO = DATA / "audio" / "speech_16k.flac"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_read(path: Path) -> None:
    """A transcript that round-trips, or one ScorerError line that names the file."""
    try:
        t = read_transcript(path)
    except ScorerError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message, message
        return
    assert t.utterances
    assert Transcript.from_dict(json.loads(json.dumps(t.to_dict()))) == t


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Cut, insert and overwrite at the given places (positions wrap around the data)."""
    out = bytearray(data)
    for kind, pos, chunk in edits:
        at = pos % (len(out) + 1)
        if kind == 0:
            del out[at:at + len(chunk)]
        elif kind == 1:
            out[at:at] = chunk
        else:
            out[at:at + len(chunk)] = chunk
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.binary(min_size=1, max_size=12)),
                 min_size=1, max_size=8)
TEXTY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_read_or_fail_in_one_line(tmp_path, suffix, data):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    check_read(path)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@FUZZ
@given(edits=EDITS)
def test_mutated_real_transcripts_read_or_fail_in_one_line(tmp_path, suffix, edits):
    path = tmp_path / f"mutated{suffix}"
    path.write_bytes(mutate(SEEDS[suffix].read_bytes(), edits))
    check_read(path)


@pytest.mark.parametrize("suffix", [".vtt", ".srt", ".txt"])
@FUZZ
@given(text=TEXTY)
def test_random_text_reads_or_fails_in_one_line(tmp_path, suffix, text):
    path = tmp_path / f"text{suffix}"
    path.write_text(("WEBVTT\n\n" if suffix == ".vtt" else "") + text, encoding="utf-8")
    check_read(path)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                        max_size=4),
                           max_leaves=12)
SEGMENT = st.fixed_dictionaries({}, optional={"text": JSON_VALUES | st.text(max_size=20), "start": JSON_VALUES,
                                              "end": JSON_VALUES, "speaker": JSON_VALUES, "words": JSON_VALUES})


@FUZZ
@given(doc=st.one_of(JSON_VALUES, st.fixed_dictionaries({"segments": st.lists(SEGMENT, max_size=4)}),
                     st.fixed_dictionaries({"schema_version": st.sampled_from([1, 2, 3, "2", None]),
                                            "utterances": JSON_VALUES})))
def test_json_with_wrong_types_reads_or_fails_in_one_line(tmp_path, doc):
    path = tmp_path / "wrong-types.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    check_read(path)


def test_the_string_start_that_stopped_a_batch(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"segments": [{"start": "x", "end": 1.0, "text": "hi"}]}))
    with pytest.raises(ScorerError, match=r"bad.json: segments\[0\].start is 'x', not a number"):
        read_transcript(path)


@FUZZ
@given(cut=st.floats(0.0, 1.0), edits=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 200_000),
                                                         st.binary(min_size=1, max_size=64)), max_size=4))
def test_truncated_and_mutated_audio_decodes_or_fails_in_one_line(tmp_path, cut, edits):
    data = AUDIO.read_bytes()
    path = tmp_path / "mutated.flac"
    path.write_bytes(mutate(data[: int(len(data) * cut)], edits) if edits else data[: int(len(data) * cut)])
    try:
        audio = decode_audio(path)
    except AudioError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return
    assert audio.num_samples > 0 and audio.duration_s > 0


def test_a_dangling_link_and_an_unreadable_file_are_one_error_each(tmp_path):
    link = tmp_path / "gone.vtt"
    link.symlink_to(tmp_path / "nowhere.vtt")
    loader = TranscriptLoader()
    with pytest.raises(ScorerError, match=r"gone.vtt: dangling symbolic link"):
        loader.load(link)
    locked = tmp_path / "locked.txt"
    locked.write_text("Rep: hi\n")
    locked.chmod(0)
    try:
        if locked.open("rb"):  # root reads anything: nothing to test then
            pytest.skip("running as root: a file without permissions is still readable")
    except PermissionError:
        with pytest.raises(ScorerError, match=r"locked.txt: cannot read"):
            loader.load(locked)
    finally:
        locked.chmod(0o644)
