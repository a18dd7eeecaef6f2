"""Feature extraction: transcripts in, ``CallFeatures`` out. Pure: ``nlp`` is passed in.

The utterances of many calls are parsed together in ``nlp.pipe`` batches (the fast path
for thousands of calls), with only the components the selected groups need; NER runs
afterwards on just the utterances around proposed next steps.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from scorer.features.catalogue import FEATURE_GROUP, FEATURE_NAMES
from scorer.features.common import Collector
from scorer.features.fillers import compute_fillers
from scorer.features.next_steps import Proposal, compute_next_steps, find_proposals, ner_targets
from scorer.features.nlp import (GROUP_NEEDS, add_entities, check_pipeline, parse_texts,
                                 pipeline_label)
from scorer.features.objections import compute_objections
from scorer.features.options import FeatureOptions
from scorer.features.question_features import compute_questions
from scorer.features.questions import Judged, judge_sentences
from scorer.features.requests import find_requests
from scorer.features.result import CallFeatures
from scorer.features.talk import compute_talk
from scorer.features.trackers import TrackerMatcher, build_tracker_matcher, compute_trackers, \
    load_trackers
from scorer.types import Moment, Transcript

log = logging.getLogger("scorer")


def extract_features(transcript: Transcript, nlp: Language,
                     options: FeatureOptions = FeatureOptions()) -> CallFeatures:
    """Features of one call. See :func:`extract_many` to process many calls quickly."""
    return extract_many([transcript], nlp, options)[0]


def extract_many(transcripts: Iterable[Transcript], nlp: Language,
                 options: FeatureOptions = FeatureOptions()) -> list[CallFeatures]:
    """Features of many calls, in input order.

    Utterances of consecutive calls are piped through spaCy together, in chunks of at
    least ``4 * options.batch_size`` utterances so memory stays bounded for any number of
    calls. Raises ``ValueError`` for invalid options, :class:`scorer.errors.EngineError`
    for a pipeline that lacks a needed component, :class:`scorer.errors.InputError` for a
    bad trackers file.
    """
    options.validate()
    check_pipeline(nlp, options.groups)
    matcher = build_tracker_matcher(nlp, load_trackers(options.trackers)) \
        if options.wants("trackers") else None
    results: list[CallFeatures] = []
    for chunk in _chunks(transcripts, 4 * options.batch_size):
        results.extend(_extract_chunk(chunk, nlp, options, matcher))
    return results


def _chunks(transcripts: Iterable[Transcript], min_utterances: int) -> Iterator[list[Transcript]]:
    chunk: list[Transcript] = []
    size = 0
    for t in transcripts:
        chunk.append(t)
        size += len(t.utterances)
        if size >= min_utterances:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _extract_chunk(chunk: list[Transcript], nlp: Language, options: FeatureOptions,
                   matcher: TrackerMatcher | None) -> list[CallFeatures]:
    nlp_groups = [g for g in options.groups if GROUP_NEEDS[g]]
    texts = [u.text for t in chunk for u in t.utterances]
    docs_all = parse_texts(nlp, texts, nlp_groups, options.batch_size) if texts else []
    per_call: list[list[Doc]] = []
    pos = 0
    for t in chunk:
        per_call.append(docs_all[pos: pos + len(t.utterances)])
        pos += len(t.utterances)
    for doc in docs_all:
        doc.tensor = doc.tensor[:0]  # the encoder output is not read again: free it
    needs_judging = any(options.wants(g) for g in ("questions", "next_steps", "objections"))
    judged = [[judge_sentences(d) for d in docs] if needs_judging else [] for docs in per_call]
    proposals = [find_proposals(t, j, options) if options.wants("next_steps") else []
                 for t, j in zip(chunk, judged)]
    add_entities(nlp, [docs[i] for docs, props in zip(per_call, proposals)
                       for i in ner_targets(props)], options.batch_size)
    label = pipeline_label(nlp)
    return [_features(t, docs, j, props, nlp, options, matcher, label)
            for t, docs, j, props in zip(chunk, per_call, judged, proposals)]


def features_from_docs(t: Transcript, docs: list[Doc], nlp: Language,
                       options: FeatureOptions = FeatureOptions(),
                       matcher: TrackerMatcher | None = None) -> CallFeatures:
    """Features of one call from Docs parsed elsewhere (one per utterance, with every
    annotation the selected groups need, NER included). For benchmarks and callers that
    already hold parses; :func:`extract_many` is the fast path."""
    options.validate()
    if len(docs) != len(t.utterances):
        raise ValueError(f"{t.call_id}: {len(docs)} docs for {len(t.utterances)} utterances")
    if matcher is None and options.wants("trackers"):
        matcher = build_tracker_matcher(nlp, load_trackers(options.trackers))
    judged = [judge_sentences(d) for d in docs]
    proposals = find_proposals(t, judged, options) if options.wants("next_steps") else []
    return _features(t, docs, judged, proposals, nlp, options, matcher, pipeline_label(nlp))


def _named(m: Moment, t: Transcript) -> Moment:
    """A moment with the name of the person who said it, where the transcript names them."""
    if m.speaker_name is not None or not 0 <= m.utterance_index < len(t.utterances):
        return m
    u = t.utterances[m.utterance_index]
    return replace(m, speaker_name=u.speaker_name) if u.speaker_name and u.speaker == m.speaker else m


def _features(t: Transcript, docs: list[Doc], judged: list[Judged], proposals: list[Proposal],
              nlp: Language,
              options: FeatureOptions, matcher: TrackerMatcher | None,
              label: str) -> CallFeatures:
    out = Collector()
    for group in dict.fromkeys(FEATURE_GROUP.values()):
        if not options.wants(group):
            out.null_group(group, f"feature group {group!r} was not selected "
                                  "(FeatureOptions.groups)")
    if options.wants("talk"):
        compute_talk(t, options, out)
    if options.wants("questions"):
        compute_questions(t, judged, options, out)
    next_steps = compute_next_steps(t, docs, proposals, "ner" in nlp.pipe_names, options, out) \
        if options.wants("next_steps") else ()
    requests = find_requests(t, judged, proposals, options, out) \
        if options.wants("next_steps") else ()
    objections = compute_objections(t, judged, options, out) \
        if options.wants("objections") else ()
    if options.wants("fillers"):
        compute_fillers(t, docs, out)
    trackers = compute_trackers(t, docs, matcher, options, out) \
        if matcher is not None else {}
    missing = [n for n in FEATURE_NAMES if n not in out.values]
    if missing:  # a bug in a feature module, never the input's fault
        raise RuntimeError(f"features not computed: {missing}")
    moments = sorted((_named(m, t) for m in out.moments), key=lambda m: (m.utterance_index, m.start_s, m.kind))
    return CallFeatures(call_id=t.call_id, timing=t.timing,
                        values={n: out.values[n] for n in FEATURE_NAMES},
                        null_reasons={n: out.reasons[n] for n in FEATURE_NAMES
                                      if out.values[n] is None},
                        moments=tuple(moments), trackers=trackers,
                        next_steps=tuple(next_steps), objections=tuple(objections),
                        requests=requests,
                        nlp_model=label)
