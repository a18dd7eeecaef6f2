"""Loading labelled corpora for building and evaluating models, with a feature cache.

Development tooling (not part of the installed package). The spaCy pass over the larger
corpora takes minutes on a small machine, so extracted features are cached on disk, keyed
by the transcripts' content, the labels and the source code of ``scorer/features``: any
change to one of them makes a new cache entry.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from scorer.batch.labelled import locate_calls
from scorer.models.labels import Labels, LabelledCalls, data_hash, read_labels

log = logging.getLogger("scorer")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
DEFAULT_CACHE = Path("/tmp/callscore-features")


def _features_code_hash() -> str:
    h = hashlib.sha256()
    # Everything between a transcript file and its features: the readers and the extractors.
    files = [*(REPO / "scorer" / "features").rglob("*"), *(REPO / "scorer" / "readers").rglob("*"),
             REPO / "scorer" / "types.py"]
    for p in sorted(files):
        if p.is_file() and p.suffix in (".py", ".toml", ".json", ".txt"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_corpus(folder: Path | str, nlp: Any, *, cache_dir: Path | None = DEFAULT_CACHE,
                description: str | None = None) -> LabelledCalls:
    """``folder/labels.csv`` + ``folder/transcripts/``, featurised (through the cache)."""
    from scorer.features import CallFeatures, FeatureOptions, extract_many
    from scorer.readers import read_transcript

    folder = Path(folder)
    labels = read_labels(folder / "labels.csv")
    paths = locate_calls(labels.call_ids, folder / "transcripts", labels.path)
    transcripts = tuple(read_transcript(paths[c]) for c in labels.call_ids)
    digest = data_hash(labels, transcripts)
    desc = description or f"{len(transcripts)} calls of {folder.name}"
    cache = None
    if cache_dir is not None:
        cache = Path(cache_dir) / f"{folder.name}-{digest[:16]}-{_features_code_hash()}.jsonl"
        if cache.exists():
            rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
            features = tuple(CallFeatures.from_dict(r) for r in rows)
            log.info("features of %s from cache %s", folder, cache)
            return LabelledCalls(labels, transcripts, features, desc, digest)
    features = tuple(extract_many(list(transcripts), nlp, FeatureOptions()))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(f.to_dict()) + "\n" for f in features), encoding="utf-8")
        tmp.replace(cache)
    return LabelledCalls(labels, transcripts, features, desc, digest)


def subset(data: LabelledCalls, call_ids: list[str] | tuple[str, ...]) -> LabelledCalls:
    """The calls among ``call_ids`` (in that order), labels and all."""
    keep = set(call_ids)
    index = {t.call_id: i for i, t in enumerate(data.transcripts)}
    order = [c for c in call_ids if c in index]
    labels = Labels(path=data.labels.path, call_ids=tuple(order),
                    advanced={c: v for c, v in data.labels.advanced.items() if c in keep},
                    quality={c: v for c, v in data.labels.quality.items() if c in keep},
                    quality_scale=data.labels.quality_scale)
    transcripts = tuple(data.transcripts[index[c]] for c in order)
    return LabelledCalls(labels, transcripts, tuple(data.features[index[c]] for c in order),
                         f"{len(order)} of {data.description}", data_hash(labels, transcripts))


def merge(*parts: LabelledCalls, path: Path | None = None) -> LabelledCalls:
    """One labelled set from several (call ids must not repeat)."""
    ids: list[str] = []
    advanced: dict[str, int] = {}
    quality: dict[str, float] = {}
    scales = {p.labels.quality_scale for p in parts if p.labels.quality}
    for p in parts:
        dup = set(ids) & set(p.labels.call_ids)
        if dup:
            raise ValueError(f"call ids repeat across corpora: {sorted(dup)[:3]}")
        ids += p.labels.call_ids
        advanced.update(p.labels.advanced)
        quality.update(p.labels.quality)
    labels = Labels(path=path or parts[0].labels.path, call_ids=tuple(ids), advanced=advanced,
                    quality=quality, quality_scale="/".join(sorted(s for s in scales if s)) or None)
    transcripts = tuple(t for p in parts for t in p.transcripts)
    return LabelledCalls(labels, transcripts, tuple(f for p in parts for f in p.features),
                         " + ".join(p.description for p in parts), data_hash(labels, transcripts))
