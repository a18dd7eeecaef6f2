"""Reasons: which features pushed a call's score up or down, in plain words, with moments.

The score pipelines are linear (see ``scorer.models.pipeline``), so a feature's push is exact: its
coefficient times its scaled value (plus its missing-value indicator), in log-odds,
relative to an average training call. The words a party used are one push per party,
relative to the average wording of the training calls, shown with the terms that pushed
hardest and linked to the utterances that hold them.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np

from scorer.features.catalogue import FEATURE_INFO, FeatureInfo, feature_moments
from scorer.models.inputs import TEXT_COLUMNS
from scorer.types import Moment, Reason, Transcript

#: Pushes smaller than this (log-odds) are not worth a coach's time.
MIN_IMPACT = 0.05
#: Moments listed per reason, at most (the first ones in the call).
MAX_MOMENTS = 5
#: Utterance text kept in a wording moment, as feature moments do.
MOMENT_TEXT_MAX_CHARS = 300

_SCORE_WORDS = {"quality": "quality", "advanced": "the chance of a next step"}
_TEXT_LABELS = {"rep_text": "The rep's wording", "customer_text": "The customer's wording"}
_TEXT_SPEAKER = {"rep_text": "rep", "customer_text": "customer"}
_NUM = re.compile(r"^num__(?:missingindicator_)?x(\d+)$")


def _groups(names: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """For each model column (named as ``ScoreModel.column_names``), the index of its group;
    and the group keys.

    Group keys are ``"f<j>"`` for numeric feature *j* (its value and its missing
    indicator together) and the text column names.
    """
    # Without input names, the ColumnTransformer names numeric column j of the whole input
    # "x<j>", whichever subset of columns the numeric block uses.
    keys: list[str] = []
    index: dict[str, int] = {}
    out = np.empty(len(names), dtype=np.int64)
    for k, name in enumerate(names):
        m = _NUM.match(name)
        key = f"f{m.group(1)}" if m else name.split("__", 1)[0]
        if key not in index:
            index[key] = len(keys)
            keys.append(key)
        out[k] = index[key]
    return out, keys


def _onehot(model: Any) -> tuple[np.ndarray, list[str]]:
    coef = model.coef
    group, keys = _groups(model.column_names)
    onehot = np.zeros((len(coef), len(keys)))
    onehot[np.arange(len(coef)), group] = coef
    return onehot, keys


def feature_weights(model: Any, feature_names: Sequence[str]) -> dict[str, float]:
    """Each numeric feature's coefficient in a linear score model (standardised log-odds per
    unit; its value and missing-value indicator together)."""
    onehot, keys = _onehot(model)
    total = onehot.sum(axis=0)
    return {feature_names[int(k[1:])]: float(total[g]) for g, k in enumerate(keys) if k.startswith("f")}


def column_contributions(model: Any, X: np.ndarray, Z: Any = None) -> dict[str, np.ndarray]:
    """Log-odds push of each input group of a ``ScoreModel`` for each row of ``X`` (keys as
    in ``_groups``).

    ``Z``: ``X`` already put through ``model.transform``, if at hand.
    """
    if Z is None:
        Z = model.transform(X)
    onehot, keys = _onehot(model)
    per_group = np.asarray(Z @ onehot)
    return {key: per_group[:, g] for g, key in enumerate(keys)}


def top_terms(z_row: np.ndarray, coef: np.ndarray, names: Sequence[str], column: str, sign: int,
              n: int = 3) -> list[str]:
    """The ``n`` terms of ``column`` in one transformed row that pushed hardest toward ``sign``."""
    push = z_row * coef * sign
    prefix = f"{column}__"
    candidates = [(push[k], names[k][len(prefix):]) for k in np.flatnonzero(push > 0)
                  if names[k].startswith(prefix)]
    candidates.sort(reverse=True)
    return [term for _, term in candidates[:n]]


def _info(name: str) -> FeatureInfo:
    info = FEATURE_INFO.get(name)
    return FeatureInfo(name.replace("_", " "), "", None, None) if info is None else info


def format_value(value: float, unit: str) -> str:
    """A feature value in words, by its catalogue unit: shares as percentages, 0/1 as
    yes/no, seconds, counts and rates."""
    unit = (unit or "").strip()
    if unit.startswith("share"):
        return f"{100 * value:.0f}%"
    if unit == "0/1":
        return "yes" if value >= 0.5 else "no"
    if unit == "seconds":
        return f"{value:.0f} s" if value >= 10 else f"{value:.1f} s"
    if unit == "count":
        return f"{value:.0f}"
    number = f"{value:.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.1f}"
    return f"{number} {unit}" if unit else number


def describe(feature: str, value: float, score: str, impact: float) -> str:
    """``"Rep share of talk time: 78% pushed quality down (Gong Labs: top reps talk about 43%...)"``."""
    label, unit, band = _info(feature)[:3]
    text = f"{label}: {format_value(value, unit)} pushed {_SCORE_WORDS.get(score, score)} " \
           f"{'up' if impact > 0 else 'down'}"
    return f"{text} ({band})" if band else text


def _term_moments(transcript: Transcript | None, speaker: str, terms: Sequence[str]) -> tuple[Moment, ...]:
    if transcript is None or not terms:
        return ()
    out = []
    for i, u in enumerate(transcript.utterances):
        low = u.text.lower()
        hit = next((t for t in terms if re.search(r"\b" + re.escape(t) + r"\b", low)), None)
        if u.speaker == speaker and hit:
            out.append(Moment(kind="wording", subtype=hit, speaker=u.speaker, utterance_index=i,
                              start_s=u.start_s, end_s=u.end_s, text=u.text[:MOMENT_TEXT_MAX_CHARS]))
            if len(out) >= MAX_MOMENTS:
                break
    return tuple(out)


def explain_rows(model: Any, Z: Any, features: Sequence[Any], feature_names: Sequence[str],
                 per_direction: int = 3, transcripts: Sequence[Transcript] | None = None) -> list[list]:
    """The strongest pushes up and down on one score, for each call.

    ``Z`` is the calls' inputs transformed by the pipeline's ``columns`` step (one row per
    call, in the order of ``features``). Features without a value (``None``) are left out:
    there is nothing to coach on.
    """
    contrib = column_contributions(model, None, Z)
    coef = model.coef
    names = model.column_names
    out = []
    for i, f in enumerate(features):
        z_row = (np.asarray(Z[i].toarray()).ravel() if hasattr(Z, "toarray") else np.asarray(Z[i]).ravel())
        out.append(_explain_one(model, {k: float(v[i]) for k, v in contrib.items()}, z_row, coef, names, f,
                                feature_names, per_direction, transcripts[i] if transcripts is not None else None))
    return out


_UNIT_SUFFIX = re.compile(r"_(?:per_min|s|words)$")


def _distinct(ranked: list[tuple[float, str]], n: int) -> list[tuple[float, str]]:
    """The first ``n`` of ``ranked`` (strongest first), leaving out a feature that measures
    the same thing as a stronger one already kept in another unit: the longest story in
    words and in seconds, or questions counted and per minute, are one thing to coach."""
    kept: list[tuple[float, str]] = []
    for impact, name in ranked:
        if any(_UNIT_SUFFIX.sub("", name) == _UNIT_SUFFIX.sub("", k) for _, k in kept):
            continue
        kept.append((impact, name))
        if len(kept) == n:
            break
    return kept


def _explain_one(model: Any, contrib: dict[str, float], z_row: np.ndarray, coef: np.ndarray,
                 names: Sequence[str], features: Any, feature_names: Sequence[str], per_direction: int,
                 transcript: Transcript | None) -> list:
    candidates: list[tuple[float, str]] = []
    for key, impact in contrib.items():
        if key.startswith("f"):
            name = feature_names[int(key[1:])]
            if features.values.get(name) is None or not _info(name).coachable:
                continue
        else:
            name = key
            impact -= float(model.text_baseline.get(key, 0.0))
        if abs(impact) >= MIN_IMPACT:
            candidates.append((impact, name))
    ups = _distinct(sorted((c for c in candidates if c[0] > 0), reverse=True), per_direction)
    downs = _distinct(sorted(c for c in candidates if c[0] < 0), per_direction)
    reasons = []
    for impact, name in ups + downs:
        direction = "up" if impact > 0 else "down"
        if name in TEXT_COLUMNS:
            terms = top_terms(z_row, coef, names, name, 1 if impact > 0 else -1)
            shown = ", ".join(f'"{t}"' for t in terms)
            text = (f"{_TEXT_LABELS[name]}{f' ({shown})' if shown else ''} pushed "
                    f"{_SCORE_WORDS.get(model.name, model.name)} {direction}")
            moments = _term_moments(transcript, _TEXT_SPEAKER[name], terms)
        else:
            text = describe(name, float(features.values[name]), model.name, impact)
            moments = feature_moments(name, features.moments)[:MAX_MOMENTS]
        reasons.append(Reason(score=model.name, feature=name, direction=direction,
                              impact=round(impact, 4), text=text, moments=moments))
    return reasons
