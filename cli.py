"""callscore command line: thin click commands, one library call each.

Heavy libraries (Whisper, spaCy, scikit-learn) are imported inside the commands so that
``callscore --help`` answers at once.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from scorer.flags import (build as _build, feature_options, input_options, labels_arguments, redact_from,
                          redact_options)



class _OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _setup_logging(verbose: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter())
    log = logging.getLogger("scorer")
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    log.propagate = False


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _loader(params: dict):
    """The transcript loader for the input flags in ``params`` (usage errors raised here)."""
    from scorer.asr import TranscribeOptions
    from scorer.inputs import TranscriptLoader
    from scorer.roles import RoleOptions

    transcribe = _build(TranscribeOptions, params)
    transcribe.validate()
    return TranscriptLoader(transcribe_options=transcribe, role_options=_build(RoleOptions, params).validate())


def _redactor(params: dict, nlp=None):
    """The redactor ``--redact`` asks for (``None`` without it); shares ``nlp`` if given."""
    options = redact_from(params)
    if options is None:
        return None
    from scorer.redact import Redactor

    return Redactor(options, nlp=nlp)


def _load(loader, redactor, path: Path):
    """The call in ``path``, roles settled, personal data removed when asked."""
    transcript = loader.load(path)
    if redactor is not None:
        from scorer.batch.redaction import redact_call

        transcript, _ = redact_call(transcript, redactor)
    return transcript


def _find(paths: tuple[str, ...]):
    from scorer.inputs import find_inputs

    found = find_inputs(paths)
    for problem in found.problems:
        _fail(problem)
    return found


def _warn_roles(transcript) -> bool:
    """Warn once for a call whose roles are unknown; True when they are."""
    from scorer.roles import roles_problem

    problem = roles_problem(transcript)
    if problem:
        logging.getLogger("scorer").warning(problem)
    return problem is not None


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Example:\n\n  callscore transcribe samples/audio -o out/")
@click.option("-v", "--verbose", count=True, help="More log lines (-vv for debug).")
@click.version_option(package_name="callscore")
def main(verbose: int) -> None:
    """callscore: offline conversation-quality scoring for sales calls.

    Transcribe recordings (or read existing transcripts), extract conversational
    features and score each call.
    """
    _setup_logging(verbose)


@main.command(epilog="Examples:\n\n  callscore transcribe samples/audio calls/zoom.vtt -o out/\n\n"
                     "  callscore transcribe zoom-export.vtt --team roster.csv -o out/")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for <call_id>.transcript.json files.")
@input_options()
@redact_options
def transcribe(paths, out_dir, **params) -> None:
    """Turn recordings and transcripts into speaker-attributed, word-timed transcripts.

    PATHS are recordings (wav, flac, mp3, m4a, ogg, opus, webm), transcripts (callscore
    JSON, WebVTT, SRT, plain text, Whisper JSON) or folders searched recursively. Writes
    OUTPUT/<call_id>.transcript.json for each, with each speaker's role and how it was
    decided (labels, channel, names, inferred, or unknown).
    """
    from scorer.batch import run_each
    from scorer.errors import ScorerError
    from scorer.files import write_json

    try:
        loader = _loader(params)
        redactor = _redactor(params)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    found = _find(paths)
    unknown = []

    def one(path: Path) -> str:
        transcript = _load(loader, redactor, path)
        if _warn_roles(transcript):
            unknown.append(transcript.call_id)
        out = write_json(Path(out_dir) / f"{transcript.call_id}.transcript.json", transcript.to_dict())
        return (f"{path} -> {out} ({len(transcript.utterances)} utterances, {transcript.duration_s:.0f} s, "
                f"roles {transcript.roles})")

    summary = run_each(found.files, one, on_done=click.echo, on_error=_fail)
    _finish(summary, found, "transcribed", unknown_roles=len(unknown))


def _feature_options(params: dict):
    from scorer.features import FeatureOptions

    options = _build(FeatureOptions, params)
    try:
        options.validate()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    return options


@main.command(epilog="Example:\n\n  callscore features samples/transcripts/call01_demo_booked.vtt -o out/")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for <call_id>.features.json files.")
@input_options()
@feature_options
@redact_options
def features(paths, out_dir, **params) -> None:
    """Conversational features of each call, with the moments behind every number.

    PATHS are recordings (transcribed first), transcripts of any supported format, or
    folders. Writes OUTPUT/<call_id>.features.json: talk ratio, monologues, customer
    stories, interactivity, patience, questions, next steps, objections, fillers, trackers.
    """
    from scorer.errors import ScorerError
    from scorer.features import extract_many, load_nlp
    from scorer.readers import call_id_for
    from scorer.files import write_json

    options = _feature_options(params)
    try:
        loader = _loader(params)
        nlp = load_nlp(params["spacy_model"])
        redactor = _redactor(params, nlp)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    found = _find(paths)
    failed: list[str] = []
    seen: dict[str, Path] = {}
    unknown: list[str] = []

    def transcripts():
        for path in found.files:
            call_id = call_id_for(path)
            if call_id in seen:
                failed.append(f"{path}: call id {call_id!r} already comes from {seen[call_id]}; rename one file")
                _fail(failed[-1])
                continue
            seen[call_id] = path
            try:
                transcript = _load(loader, redactor, path)
            except ScorerError as exc:
                failed.append(str(exc))
                _fail(str(exc))
                continue
            if _warn_roles(transcript):
                unknown.append(call_id)
            yield transcript

    try:
        results = extract_many(transcripts(), nlp, options)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    for result in results:
        out = write_json(Path(out_dir) / f"{result.call_id}.features.json", result.to_dict())
        click.echo(f"{seen[result.call_id]} -> {out} ({len(result.moments)} moments)")
    problems = len(failed) + len(found.problems)
    line = f"{len(results)} featurized, {problems} failed"
    if unknown:
        line += f"; {len(unknown)} with roles unknown (speaker features left empty: name the rep with --rep or --team)"
    click.echo(line, err=bool(problems))
    if problems or not results:
        sys.exit(1)


@main.command(epilog="Examples:\n\n  callscore score samples/audio -o out/\n\n"
                     "  callscore score /calls --manifest calls.csv --jobs 2 --db scores.sqlite -o out/\n\n"
                     "  callscore score /calls --scheduler tcp://10.0.0.5:8786 -o /shared/out")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for <call_id>.score.json, the scores table and errors.jsonl.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Model folder made by `callscore train` [default: the shipped models/].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Local worker processes [default: number of cores].")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on this Dask distributed cluster instead of local processes.")
@click.option("--force", is_flag=True, help="Rescore calls already scored with the same inputs and model.")
@click.option("--format", "table_format", type=click.Choice(("csv", "jsonl", "parquet")), default="csv",
              show_default=True, help="Format of the scores table.")
@click.option("--db", type=click.Path(dir_okay=False), default=None, metavar="PATH.sqlite",
              help="Also upsert scores into this SQLite store (tables scores and runs).")
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True), default=None,
              help="CSV of call metadata: call_id or path, rep, team, date, direction, any extra columns.")
@click.option("--name-pattern", default=None, metavar="PATTERN",
              help="Metadata from file names, e.g. '{date}_{rep}_{call_id}'.")
@input_options("--whisper-model")
@feature_options
@redact_options
def score(paths, **params) -> None:
    """Score calls: a 0-100 quality score and whether the call moved toward a meeting or demo.

    PATHS are recordings, transcripts or folders (or none, with --manifest naming paths).
    Writes OUTPUT/<call_id>.score.json (scores, reasons, features, moments, transcript),
    OUTPUT/scores.csv (one row per call) and OUTPUT/errors.jsonl. A rerun skips calls
    already scored. A call whose rep cannot be told from the customer is listed without a
    score (roles unknown). Exit status: 0 all scored, 1 some failed, 2 usage error.
    """
    from scorer.asr import TranscribeOptions
    from scorer.batch import USAGE_ERRORS, BatchOptions, run_batch
    from scorer.batch.job import ScoreJob
    from scorer.batch.manifest import load_catalog
    from scorer.errors import ScorerError
    from scorer.roles import RoleOptions

    try:
        catalog = load_catalog(params["manifest"], params["name_pattern"])
        found = _find(paths) if paths else None
        files = found.files if found else tuple(catalog.manifest.paths() if catalog.manifest else ())
        options = _build(BatchOptions, params)
        threads = options.threads_per_worker(len(files))
        job = _build(ScoreJob, params, transcribe=_build(TranscribeOptions, params, cpu_threads=threads),
                     roles=_build(RoleOptions, params), features=_feature_options(params),
                     redact=redact_from(params)).validate()
        summary = run_batch(files, job, options, catalog=catalog)
    except USAGE_ERRORS as exc:
        raise click.UsageError(str(exc)) from None
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        sys.exit(130)
    click.echo(_score_table(options.out_dir, files))
    click.echo(summary.describe(), err=True)
    if summary.table:
        click.echo(f"scores table: {summary.table}")
    status = summary.exit_status
    if found and found.problems and status == 0:
        status = 1
    sys.exit(status)


def _labelled_calls(labels_csv, transcripts, params):
    """Read the labels, find every labelled call under TRANSCRIPTS and compute its features."""
    from scorer.batch.labelled import load_labelled_calls
    from scorer.features import load_nlp
    from scorer.models.labels import read_labels

    labels = read_labels(labels_csv)
    loader = _loader(params)
    click.echo(f"reading {len(labels.call_ids)} labelled calls from {transcripts} ...", err=True)
    return load_labelled_calls(labels, transcripts, nlp=load_nlp(params["spacy_model"]), loader=loader,
                               feature_options=_feature_options(params))


@main.command(epilog="Examples:\n\n  callscore train labels.csv --transcripts calls/ -o my-model\n\n"
                     "  callscore train ../shared/data/annomi/labels.csv --transcripts ../shared/data/annomi/transcripts "
                     "-o annomi-model")
@labels_arguments
@click.option("-o", "--output", "model_out", required=True, type=click.Path(file_okay=False),
              help="Model folder to write (quality.skops/advanced.skops, meta.json, MODEL_CARD.md).")
@click.option("--no-text", "text", is_flag=True, flag_value=False, default=True,
              help="Use the conversational features only, not TF-IDF over the words.")
@input_options()
@feature_options
def train(labels_csv, transcripts, model_out, **params) -> None:
    """Fit the scoring models on your own labelled calls.

    LABELS.csv has call_id and any of: advanced (0/1, yes/no) and quality (0-100, 1-5 or
    high/low). Both models are trained (or the one whose label is present), with 5-fold
    cross-validated metrics printed and saved in the model folder.
    """
    from scorer.errors import ScorerError
    from scorer.features import FEATURE_NAMES
    from scorer.models.artifacts import save_models
    from scorer.models.pipeline import ModelOptions
    from scorer.models.training import format_metrics, format_model_card, train_models

    try:
        data = _labelled_calls(labels_csv, transcripts, params)
        result = train_models(data, FEATURE_NAMES, options=_build(ModelOptions, params))
        folder = save_models(result.models, model_out, card=format_model_card(result, data))
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_metrics(result.metrics, title=f"cross-validated on {data.description}:"))
    click.echo(f"model written to {folder} (use it with: callscore score PATHS --model {folder})")


@main.command(epilog="Examples:\n\n  callscore evaluate labels.csv --transcripts calls/ --model my-model\n\n"
                     "  callscore evaluate ../shared/data/craigslist/labels.csv "
                     "--transcripts ../shared/data/craigslist/transcripts")
@labels_arguments
@click.option("--model", "model_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Model folder to evaluate [default: the shipped models/].")
@input_options("--whisper-model")
@feature_options
def evaluate(labels_csv, transcripts, model_dir, **params) -> None:
    """Measure a scoring model against labelled calls.

    Prints ROC AUC, accuracy, F1, Brier score and a confusion matrix for every label the
    file has (advanced and/or quality).
    """
    from scorer.errors import ScorerError
    from scorer.models.artifacts import load_models
    from scorer.models.training import evaluate_models, format_metrics

    try:
        models = load_models(model_dir)
        data = _labelled_calls(labels_csv, transcripts, params)
        metrics = evaluate_models(models, data)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_metrics(metrics, title=f"model {models.model_version} on {data.description}:"))


def _score_table(out_dir: Path, files) -> str:
    """The short results table printed after `score`: quality, flag, strongest reason."""
    import json

    from scorer.models.pipeline import format_scores_table
    from scorer.readers import call_id_for
    from scorer.types import CallScore

    scores = []
    for call_id in dict.fromkeys(call_id_for(Path(f)) for f in files):
        path = out_dir / f"{call_id}.score.json"
        if path.exists():
            scores.append(CallScore.from_dict(json.loads(path.read_text(encoding="utf-8"))))
    return format_scores_table(scores)


def _finish(summary, found, verb: str, unknown_roles: int = 0) -> None:
    failed = summary.failed + len(found.problems)
    line = f"{summary.done} {verb}, {failed} failed"
    if unknown_roles:
        line += (f"; {unknown_roles} with roles unknown (no score will be given for them: "
                 "name the rep with --rep, --team or --rep-channel)")
    click.echo(line, err=bool(failed))
    if failed or not summary.done:
        sys.exit(1)


@main.command(epilog="Example:\n\n  callscore metrics out/scores.csv --by team --period month -o reports/")
@click.argument("scores", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--by", multiple=True, default=("rep",), show_default=True, metavar="COLUMN",
              help="Group by rep, team or any column of the scores table; repeat for combinations.")
@click.option("--period", type=click.Choice(("day", "week", "month")), default="week", show_default=True,
              help="Period of each row; weeks start on Monday.")
@click.option("--quality-threshold", type=click.FloatRange(0, 100), default=70.0, show_default=True,
              metavar="N", help="Quality (0-100) at or above which a call is a quality conversation.")
@click.option("-o", "--output", "metrics_out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: next to the first scores input].")
def metrics(scores, metrics_out, **params) -> None:
    """Quality conversations per rep, team and period from batch-scoring outputs.

    SCORES are scores tables (CSV, JSONL, Parquet), SQLite stores or scored folders.
    Writes metrics.csv, metrics.json and a self-contained metrics.html. Calls without a
    score (roles unknown) are counted apart and left out of the quality numbers.
    """
    from scorer.batch.tables import default_out_dir, read_scores
    from scorer.errors import ScorerError
    from scorer.metrics import MetricsOptions, compute_metrics, describe
    from scorer.metrics.io import write_metrics

    try:
        options = _build(MetricsOptions, params)
        options.validate()
        result = compute_metrics(read_scores(scores), options)
        paths = write_metrics(result, metrics_out or default_out_dir(scores))
    except (ScorerError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(describe(result))
    for path in paths:
        click.echo(f"wrote {path}")


@main.command(epilog="Example:\n\n  callscore report out/ --scores out/scores.csv -o out/report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "report_out", default="report", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for index.html and calls/*.html.")
@click.option("--scores", "team_scores", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Scores table (scores.csv, .jsonl, .parquet, SQLite) to compare each call with its team's medians.")
@click.option("--no-audio", "audio", is_flag=True, flag_value=False, default=True,
              help="No audio player, even when the recording is found.")
@redact_options
def report(paths, report_out, **params) -> None:
    """One coaching page per scored call, and an index.

    PATHS are *.score.json files or folders holding them (the output of `callscore score`).
    """
    from scorer.errors import ScorerError
    from scorer.report import ReportOptions, build_reports

    try:
        result = build_reports(paths, report_out, _build(ReportOptions, params, redact=redact_from(params)))
    except (ScorerError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    for _, message in result.skipped:
        _fail(message)
    with_audio = sum(p.audio is not None for p in result.pages)
    click.echo(f"wrote {len(result.pages)} call page(s) ({with_audio} with audio) to {Path(report_out) / 'calls'}")
    click.echo(f"open {result.index_path.resolve()}")
    if result.skipped:
        sys.exit(1)


@main.command(epilog="Example:\n\n  callscore redact calls/2026-11-03_ana.ogg -o redacted/ --audio-mode silence")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for <call_id>.redacted.<ext> recordings and <call_id>.transcript.json files.")
@click.option("--audio-mode", type=click.Choice(("beep", "silence")), default="beep", show_default=True,
              help="What replaces each redacted word in the recording.")
@input_options()
@redact_options
def redact(paths, out_dir, audio_mode, **params) -> None:
    """Copies of calls without their personal data: the recording and its transcript.

    PATHS are recordings or transcripts (or folders). Every word the transcript redacts is
    overwritten with a tone (or silence) on the channel that spoke it, padded to cover the
    word; the recording keeps its format where an encoder exists, else it becomes FLAC.
    --redact is implied.
    """
    from scorer.batch import run_each
    from scorer.batch.redaction import redact_call, redacted_recording
    from scorer.errors import ScorerError
    from scorer.files import write_json
    from scorer.inputs import is_audio

    try:
        loader = _loader(params)
        redactor = _redactor({**params, "redact": True})
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    found = _find(paths)
    out = Path(out_dir)

    def one(path: Path) -> str:
        original = loader.load(path)
        transcript, red = redact_call(original, redactor)
        written = [write_json(out / f"{transcript.call_id}.transcript.json", transcript.to_dict())]
        if is_audio(path):
            written.insert(0, redacted_recording(path, original, red, out, audio_mode))
        counts = ", ".join(f"{n} {t}" for t, n in sorted(red.counts().items())) or "nothing found"
        return f"{path} -> {', '.join(map(str, written))} ({counts})"

    summary = run_each(found.files, one, on_done=click.echo, on_error=_fail)
    _finish(summary, found, "redacted")


def entry() -> None:
    """The ``callscore`` console script: ``main``, with torch kept out of the start-up
    (``scorer.startup``)."""
    from scorer.startup import import_without_torch

    import_without_torch(sys.argv[1:])
    main()


if __name__ == "__main__":
    entry()
