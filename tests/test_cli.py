"""The command line as a user meets it: help, examples, bad input, exit statuses."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from scorer.asr import TranscribeOptions

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _commands():
    return sorted(cli.main.commands)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    top = runner.invoke(cli.main, ["--help"])
    assert top.exit_code == 0 and "Example" in top.output
    assert set(_commands()) >= {"transcribe", "features", "score", "train", "evaluate", "metrics", "report"}
    for name in _commands():
        result = runner.invoke(cli.main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help shows no example"


def test_transcribe_flags_map_to_option_fields():
    fields = {f.name for f in dataclasses.fields(TranscribeOptions)}
    params = {p.name for p in cli.transcribe.params}
    # each Whisper flag is one TranscribeOptions field (whisper_model -> model)
    for param, field in [("engine", "engine"), ("whisper_model", "model"), ("rep_channel", "rep_channel"),
                         ("language", "language")]:
        assert param in params and field in fields


def test_bad_inputs_each_give_one_line_and_the_rest_is_processed(tmp_path):
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    (empty_dir / "notes.md").write_text("not a call")
    inputs = [DATA / "transcripts" / "zoom.vtt",                 # good
              DATA / "transcripts" / "malformed.json",           # malformed JSON
              DATA / "transcripts" / "no-utterances.json",       # no utterances
              DATA / "audio" / "empty.wav",                      # zero bytes
              DATA / "audio" / "corrupt.flac",                   # corrupt audio
              DATA / "audio" / "not_audio.mp3",                  # not audio
              DATA / "audio" / "truncated.wav",                  # truncated
              tmp_path / "missing.ogg",                          # missing
              empty_dir]                                         # folder without usable files
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["transcribe", *map(str, inputs), "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(inputs) - 1
    for bad in inputs[1:]:
        assert sum(str(bad) in line for line in errors) == 1, bad
    assert "Traceback" not in result.output
    assert "1 transcribed, 8 failed" in result.output
    written = json.loads((out / "zoom.transcript.json").read_text())
    assert written["schema_version"] == 1 and len(written["utterances"]) == 3
    assert sorted(p.name for p in out.iterdir()) == ["zoom.transcript.json"]


def test_unknown_engine_and_model_are_usage_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli.main, ["transcribe", str(SAMPLES / "audio"), "--engine", "whisperx"])
    assert result.exit_code == 2 and "faster-whisper" in result.output
    result = runner.invoke(cli.main, ["transcribe", str(DATA / "audio" / "speech_8k.wav"),
                                      "--model", "tiny.xx", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "tiny.xx" in result.output and "Traceback" not in result.output


def test_transcript_roles_warning_and_rep_flag(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli.main, ["transcribe", str(DATA / "transcripts" / "teams.vtt"), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "cannot tell the rep from the customer" in result.output and "--rep NAME" in result.output
    result = runner.invoke(cli.main, ["transcribe", str(DATA / "transcripts" / "teams.vtt"), "--rep", "Maria Lopez",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 0 and "cannot tell" not in result.output
    doc = json.loads((tmp_path / "teams.transcript.json").read_text())
    assert [u["speaker"] for u in doc["utterances"]] == ["rep", "customer", "rep"]


@pytest.mark.skipif(not (SAMPLES / "transcripts").is_dir(), reason="samples/ is absent")
def test_every_sample_transcript_format_reads_the_same_call(tmp_path):
    """The same sample call as txt, vtt and srt gives the same speakers and words."""
    out = tmp_path / "out"
    for ext in ("txt", "vtt", "srt"):
        result = CliRunner().invoke(cli.main, ["transcribe", str(SAMPLES / "transcripts" / f"call04_flat_rejection.{ext}"),
                                               "-o", str(out / ext)])
        assert result.exit_code == 0, result.output
    docs = [json.loads((out / ext / "call04_flat_rejection.transcript.json").read_text()) for ext in ("txt", "vtt", "srt")]
    turns = [[(u["speaker"], u["text"]) for u in d["utterances"]] for d in docs]
    assert turns[0] == turns[1] == turns[2]
    assert {s for s, _ in turns[0]} == {"rep", "customer"}
