"""Labelled calls from a folder: each call id found among the recordings and transcripts,
read (or transcribed) and featurised, for ``callscore train`` and ``callscore evaluate``."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from scorer.errors import LabelError
from scorer.features import FeatureOptions, extract_many
from scorer.inputs import TranscriptLoader, find_inputs
from scorer.models.labels import Labels, LabelledCalls, data_hash
from scorer.readers import call_id_for
from scorer.types import Transcript

#: Preferred file when one call id has several (a transcript needs no transcription).
_FORMAT_ORDER = (".json", ".txt", ".vtt", ".srt")


def locate_calls(call_ids: Sequence[str], folder: Path | str, labels_path: Path | None = None) -> dict[str, Path]:
    """Map each call id to its file under ``folder`` (recursive; a transcript is preferred
    to a recording of the same call). Raises ``LabelError`` listing ids without a file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LabelError(f"{folder}: transcripts folder not found; pass --transcripts the folder "
                         "that holds the labelled calls")
    found = find_inputs([folder])
    by_id: dict[str, Path] = {}
    for path in found.files:
        cid = call_id_for(path)
        rank = _FORMAT_ORDER.index(path.suffix.lower()) if path.suffix.lower() in _FORMAT_ORDER else 99
        old = by_id.get(cid)
        if old is None or rank < (_FORMAT_ORDER.index(old.suffix.lower())
                                  if old.suffix.lower() in _FORMAT_ORDER else 99):
            by_id[cid] = path
    missing = [c for c in call_ids if c not in by_id]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise LabelError(f"{labels_path or 'labels'}: {len(missing)} call_id(s) have no recording or "
                         f"transcript under {folder}: {shown}; fix the ids or add the files "
                         "(a call's id is its file name without extension)")
    return {c: by_id[c] for c in call_ids}


def load_labelled_calls(labels: Labels, folder: Path | str, *, nlp: Any, loader: Any = None,
                        feature_options: Any = None, description: str | None = None) -> LabelledCalls:
    """Find, read (or transcribe) and featurise every labelled call.

    ``loader`` is a ``scorer.inputs.TranscriptLoader`` (default: one with default options).
    """
    paths = locate_calls(labels.call_ids, folder, labels.path)
    loader = loader or TranscriptLoader()
    transcripts = []
    for cid in labels.call_ids:
        t = loader.load(paths[cid])
        transcripts.append(t if t.call_id == cid else _with_call_id(t, cid))
    features = extract_many(transcripts, nlp, feature_options or FeatureOptions())
    desc = description or f"{len(transcripts)} calls from {Path(folder)} labelled in {labels.path.name}"
    return LabelledCalls(labels=labels, transcripts=tuple(transcripts), features=tuple(features),
                         description=desc, data_sha256=data_hash(labels, transcripts))


def _with_call_id(t: Transcript, call_id: str) -> Transcript:
    return replace(t, call_id=call_id)
