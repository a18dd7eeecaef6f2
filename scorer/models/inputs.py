"""The input rows of the scoring pipelines: numeric features, then the words of each party."""
from __future__ import annotations

import contextlib
import warnings
from typing import Any, Sequence

import numpy as np

from scorer.types import Transcript

#: Text columns appended after the numeric features when ``ModelOptions.text`` is on.
TEXT_COLUMNS: tuple[str, ...] = ("rep_text", "customer_text")


@contextlib.contextmanager
def quiet_imputer():
    """Silence the imputer's note on features with no value in any training call (timing
    features of typed chats): they are dropped from the model, as intended."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipping features without any observed values")
        yield


def text_of(transcript: Transcript, speaker: str) -> str:
    """All words one party said, in order (one line per utterance)."""
    return "\n".join(u.text for u in transcript.utterances if u.speaker == speaker)


def model_inputs(features: Sequence[Any], transcripts: Sequence[Transcript] | None,
                 feature_names: Sequence[str], text: bool) -> np.ndarray:
    """The pipeline input: one row per call, the features in ``feature_names`` order
    (``None`` -> NaN) then, with ``text``, the rep's and the customer's words.

    ``features`` are ``CallFeatures`` (anything with a ``values`` mapping).
    """
    if text and (transcripts is None or len(transcripts) != len(features)):
        raise ValueError("a model that reads the words needs one transcript per call")
    n_cols = len(feature_names) + (len(TEXT_COLUMNS) if text else 0)
    X = np.empty((len(features), n_cols), dtype=object)
    for i, f in enumerate(features):
        for j, name in enumerate(feature_names):
            v = f.values.get(name)
            X[i, j] = np.nan if v is None else float(v)
        if text:
            X[i, len(feature_names)] = text_of(transcripts[i], "rep")
            X[i, len(feature_names) + 1] = text_of(transcripts[i], "customer")
    return X
