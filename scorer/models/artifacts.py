"""Model folders on disk: skops files, ``meta.json`` and ``MODEL_CARD.md``, checked on load.

A model folder holds ``quality.skops`` and/or ``advanced.skops`` (a team may train only
one), ``meta.json`` and ``MODEL_CARD.md``. Pipelines are written with ``skops.io`` and read
back with an explicit trusted-types list: pickle and joblib run arbitrary code on load and
are never used. A pipeline without text columns is also written as plain numbers,
``<score>.linear.json`` (``scorer.models.linear``), and scoring reads that instead: no
scikit-learn, SciPy or skops to import. Before anything is read, every file's sha256 is
checked against ``meta.json`` and the feature names against this callscore's features;
before a skops file is unpickled, the scikit-learn version against the installed one.
"""
from __future__ import annotations

import json
import logging
import platform
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from scorer.errors import ModelError
from scorer.models.linear import LinearModel
from scorer.models.pipeline import SCORE_NAMES, ScoreModel, ScoringModels
from scorer.files import sha256_file, write_atomic, write_json

log = logging.getLogger("scorer")

META_FILE = "meta.json"
CARD_FILE = "MODEL_CARD.md"
META_KIND = "callscore-model"
META_SCHEMA_VERSION = 1
#: The only types outside skops' own safe list that our pipelines contain: the ``dtype``
#: parameter of ``TfidfVectorizer`` (``numpy.float64``) is stored as a ``numpy.dtype``.
#: Anything else in a file is refused.
TRUSTED_TYPES: tuple[str, ...] = ("numpy.dtype",)


def _default_model_dir() -> Path:
    """``scorer/default_models`` in an installed wheel; ``models/`` beside the package in a
    checkout (and an editable install)."""
    package = Path(__file__).resolve().parents[1]  # scorer/
    wheel = package / "default_models"
    return wheel if (wheel / META_FILE).is_file() else package.parent / "models"


#: The shipped default models.
DEFAULT_MODEL_DIR = _default_model_dir()


def model_file(name: str) -> str:
    return f"{name}.skops"


def linear_file(name: str) -> str:
    """The same model as plain numbers (``scorer.models.linear``), for models without text."""
    return f"{name}.linear.json"


def library_versions() -> dict[str, str]:
    """Versions that decide whether a saved model can be used as it was trained."""
    import sklearn
    import skops

    versions = {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                "skops": skops.__version__, "numpy": __import__("numpy").__version__}
    try:
        from importlib.metadata import version
        versions["callscore"] = version("callscore")
    except Exception:  # running from a checkout that is not installed
        versions["callscore"] = "unknown"
    try:
        import spacy
        versions["spacy"] = spacy.__version__
    except ImportError:
        pass
    return versions


def save_models(models: ScoringModels, folder: Path | str, *, card: str | None = None,
                meta_extra: Mapping[str, Any] | None = None) -> Path:
    """Write ``models`` to ``folder``: one ``.skops`` file per score, ``meta.json``, the card.

    ``meta_extra`` is merged into ``meta.json`` (training data, metrics, ...). Returns the folder.
    """
    from scorer.startup import import_torchless

    sio = import_torchless("skops.io")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    entries: dict[str, Any] = {}
    for name in SCORE_NAMES:
        stale = folder / model_file(name)
        m = models.get(name)
        if m is None:
            stale.unlink(missing_ok=True)  # a folder retrained with one label keeps no old model
            (folder / linear_file(name)).unlink(missing_ok=True)
            continue
        if m.pipeline is None:
            raise ModelError(f"{stale}: model {name!r} was read without its scikit-learn pipeline; "
                             "load the folder with load_models(..., pipelines=True) to save it again")
        write_atomic(stale, sio.dumps(m.pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=9))
        untrusted = sio.get_untrusted_types(file=stale)
        extra = sorted(set(untrusted) - set(TRUSTED_TYPES))
        if extra:
            raise ModelError(f"{stale}: the pipeline holds types callscore does not trust "
                             f"({', '.join(extra)}); build it with scorer.models.pipeline.build_pipeline")
        files[model_file(name)] = sha256_file(stale)
        linear = folder / linear_file(name)
        if m.linear is not None:
            write_atomic(linear, m.linear.dumps())
            files[linear_file(name)] = sha256_file(linear)
        else:
            linear.unlink(missing_ok=True)
        prior = dict((models.meta.get("models") or {}).get(name, {}))
        prior.update(file=model_file(name), threshold=m.threshold, text_baseline=dict(m.text_baseline),
                     linear=linear_file(name) if m.linear is not None else None)
        entries[name] = prior
    if not entries:
        raise ModelError(f"{folder}: nothing to save; train at least one of: {', '.join(SCORE_NAMES)}")
    meta = dict(models.meta)
    meta.update(meta_extra or {})
    meta.update(schema_version=META_SCHEMA_VERSION, kind=META_KIND, model_version=models.model_version,
                feature_names=list(models.feature_names), text=models.text, models=entries,
                threshold=entries.get("advanced", {}).get("threshold"),
                versions={**library_versions(), **dict(meta.get("versions") or {})},
                trusted_types=list(TRUSTED_TYPES))
    meta.setdefault("created", datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    if card is not None:
        write_atomic(folder / CARD_FILE, card)
    if (folder / CARD_FILE).exists():
        files[CARD_FILE] = sha256_file(folder / CARD_FILE)
    meta["files"] = files
    write_json(folder / META_FILE, meta)
    return folder


def write_card(folder: Path | str, card: str) -> Path:
    """Replace a model folder's ``MODEL_CARD.md`` and record its new sha256 in ``meta.json``."""
    folder = Path(folder)
    meta = read_meta(folder)
    write_atomic(folder / CARD_FILE, card)
    meta.setdefault("files", {})[CARD_FILE] = sha256_file(folder / CARD_FILE)
    write_json(folder / META_FILE, meta)
    return folder / CARD_FILE


def read_meta(folder: Path | str) -> dict[str, Any]:
    """``meta.json`` of a model folder, checked for shape (not for integrity)."""
    folder = Path(folder)
    path = folder / META_FILE
    if not folder.is_dir():
        raise ModelError(f"{folder}: model folder not found; pass --model a folder made by "
                         "`callscore train`, or leave it out to use the default models")
    if not path.is_file():
        raise ModelError(f"{path}: missing; this is not a callscore model folder "
                         "(re-create it with `callscore train`)")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable ({exc}); re-create the folder with `callscore train`") from None
    if not isinstance(meta, dict) or meta.get("kind") != META_KIND:
        raise ModelError(f"{path}: not a callscore model description; re-create the folder "
                         "with `callscore train`")
    if meta.get("schema_version") != META_SCHEMA_VERSION:
        raise ModelError(f"{path}: model folder format {meta.get('schema_version')!r}, this callscore "
                         f"reads {META_SCHEMA_VERSION}; retrain with `callscore train`")
    return meta


def verify_files(folder: Path, meta: Mapping[str, Any]) -> None:
    """Every file listed in ``meta.json`` exists and has its recorded sha256."""
    files = meta.get("files") or {}
    for name in [model_file(n) for n in (meta.get("models") or {})]:
        if name not in files:
            raise ModelError(f"{folder / name}: has no checksum in {META_FILE}; "
                             "the folder was edited by hand: retrain it with `callscore train`")
    for name, digest in files.items():
        path = folder / name
        if not path.is_file():
            raise ModelError(f"{path}: missing from the model folder; restore it or retrain "
                             "with `callscore train`")
        if sha256_file(path) != digest:
            raise ModelError(f"{path}: checksum does not match {META_FILE} (the file was changed "
                             "after training); restore the original or retrain with `callscore train`")


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def check_compatible(folder: Path, meta: Mapping[str, Any], feature_names: tuple[str, ...], *,
                     sklearn_version: bool = True) -> None:
    """Feature set and (with ``sklearn_version``, for skops files) scikit-learn version match
    what the model was built with."""
    saved = tuple(meta.get("feature_names") or ())
    if saved != tuple(feature_names):
        missing = [n for n in saved if n not in feature_names]
        extra = [n for n in feature_names if n not in saved]
        detail = "; ".join(p for p in (
            f"features this callscore lacks: {', '.join(missing)}" if missing else "",
            f"features the model lacks: {', '.join(extra)}" if extra else "",
            "same features in another order" if not missing and not extra else "") if p)
        raise ModelError(f"{folder}: model was built for a different feature set ({detail}); "
                         "retrain it with `callscore train` on this version")
    if not sklearn_version:
        return
    import sklearn

    built = str((meta.get("versions") or {}).get("scikit-learn", "unknown"))
    if _minor(built) != _minor(sklearn.__version__):
        raise ModelError(f"{folder}: model was saved with scikit-learn {built} but {sklearn.__version__} "
                         f"is installed; install scikit-learn=={built} or retrain with `callscore train`")
    if built != sklearn.__version__:
        log.info("%s: saved with scikit-learn %s, running %s", folder, built, sklearn.__version__)


def load_models(folder: Path | str | None = None, feature_names: tuple[str, ...] | None = None, *,
                pipelines: bool = False) -> ScoringModels:
    """Load and check a model folder (default: the shipped models in ``models/``).

    ``feature_names`` defaults to ``scorer.features.FEATURE_NAMES``. A score that has a
    linear file is read from it alone (no scikit-learn, no skops), unless ``pipelines``
    asks for the scikit-learn pipelines too. Raises ``ModelError`` naming the file and the
    fix for a missing or tampered file, another feature set, an incompatible scikit-learn,
    or a file holding types we do not trust.
    """
    folder = Path(folder) if folder is not None else DEFAULT_MODEL_DIR
    if feature_names is None:
        from scorer.features import FEATURE_NAMES
        feature_names = tuple(FEATURE_NAMES)
    meta = read_meta(folder)
    verify_files(folder, meta)
    entries = meta.get("models") or {}
    unknown = [name for name in entries if name not in SCORE_NAMES]
    if unknown:
        raise ModelError(f"{folder / META_FILE}: unknown model {unknown[0]!r}; expected any of: "
                         f"{', '.join(SCORE_NAMES)}")
    linear = {name: _read_linear(folder, entry) for name, entry in entries.items()}
    skops_needed = pipelines or any(v is None for v in linear.values())
    check_compatible(folder, meta, feature_names, sklearn_version=skops_needed)
    models: dict[str, ScoreModel] = {}
    for name, entry in entries.items():
        pipeline = _read_pipeline(folder / model_file(name)) if pipelines or linear[name] is None else None
        models[name] = ScoreModel(name=name, pipeline=pipeline, threshold=float(entry.get("threshold", 0.5)),
                                  text_baseline=dict(entry.get("text_baseline") or {}), linear=linear[name])
    if not models:
        raise ModelError(f"{folder / META_FILE}: lists no models; retrain with `callscore train`")
    return ScoringModels(feature_names=tuple(feature_names), text=bool(meta.get("text")),
                         model_version=str(meta.get("model_version", "unknown")), models=models,
                         meta=meta)


def _read_linear(folder: Path, entry: Mapping[str, Any]) -> LinearModel | None:
    """The linear file an entry of ``meta.json`` names (its checksum already verified)."""
    name = entry.get("linear")
    if not name:
        return None
    path = folder / str(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable ({exc}); restore it or retrain with `callscore train`") from None
    return LinearModel.from_dict(data, str(path))


def _read_pipeline(path: Path) -> Any:
    """A skops file, refused unless every type in it is trusted."""
    from scorer.startup import import_torchless

    sio = import_torchless("skops.io")
    from sklearn.pipeline import Pipeline

    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:
        raise ModelError(f"{path}: not a readable skops file ({exc}); retrain with `callscore train`") from None
    refused = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if refused:
        raise ModelError(f"{path}: holds types callscore does not trust ({', '.join(refused)}); "
                         "only load models made by `callscore train`")
    try:
        pipeline = sio.load(path, trusted=sorted(untrusted))
    except Exception as exc:
        raise ModelError(f"{path}: cannot be loaded ({type(exc).__name__}: {exc}); "
                         "retrain with `callscore train`") from None
    if not isinstance(pipeline, Pipeline):
        raise ModelError(f"{path}: holds a {type(pipeline).__name__}, not a scikit-learn "
                         "Pipeline; retrain with `callscore train`")
    return pipeline
