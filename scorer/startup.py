"""Start-up of the command line: heavy libraries imported without torch where none needs it,
and spaCy without its own command line.

Two libraries import torch whenever it is installed (the ``openai`` extra installs it):
thinc (under spaCy) and scikit-learn's array-API shim, which skops walks when it is
imported; 2-4 s of start-up that no CPU spaCy pipeline and no linear model uses
(BENCHMARKS.md, "One call while the rep waits"). They are imported with torch hidden, then
torch is unhidden for anything that wants it later (openai-whisper imports it itself):
thinc by the console script for the commands that run spaCy, skops where a model folder
is read (:func:`import_torchless`; the default models are read without it). Transformer
spaCy pipelines (``*_trf``) need torch in thinc, so a command line naming one is left alone.

spaCy's ``__init__`` also imports its command-line tools (``from .cli.info import info``),
and with them requests, typer, jinja2 and weasel (BENCHMARKS.md, round 6),
that loading and running a pipeline never uses. :func:`import_torchless` imports ``spacy``
with stand-ins for ``spacy.cli`` and ``spacy.cli.info``, then removes them: ``spacy.cli``
imports the real tools the first time it is asked for, and ``spacy.info`` calls the real
``info``.
"""
from __future__ import annotations

import importlib
import sys
from contextlib import contextmanager
from types import ModuleType
from typing import Any, Iterator, Sequence

#: What each command imports with torch hidden before it runs.
TORCHLESS_IMPORTS: dict[str, tuple[str, ...]] = {
    "score": ("spacy",), "features": ("spacy",),
    "train": ("spacy", "skops.io"), "evaluate": ("spacy", "skops.io"),
    "redact": ("spacy",)}
#: Imported (torch visible) before skops: SciPy looks torch up in ``sys.modules`` while it
#: imports, and a hidden torch there breaks it. Only skops' walk of scikit-learn needs SciPy.
_NEEDS_SCIPY_FIRST = ("skops.io",)


def import_without_torch(args: Sequence[str]) -> list[str]:
    """Import the modules the command in ``args`` (``sys.argv[1:]``) will need, torch hidden;
    returns the ones imported here."""
    modules = TORCHLESS_IMPORTS.get(args[0] if args else "", ())
    if not modules or any("_trf" in a for a in args):
        return []
    done = []
    for name in modules:
        try:
            import_torchless(name)
            done.append(name)
        except ImportError:
            pass  # not installed: the command says so where it needs it
    return done


def import_torchless(name: str) -> ModuleType:
    """``importlib.import_module(name)`` with torch hidden, unless torch is already imported
    (then nothing is saved by hiding it) or ``name`` is."""
    if name in sys.modules or "torch" in sys.modules:
        return importlib.import_module(name)
    if name in _NEEDS_SCIPY_FIRST:
        import scipy.stats  # noqa: F401
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails at once
    try:
        if name == "spacy":
            with _spacy_cli_deferred():
                return importlib.import_module(name)
        return importlib.import_module(name)
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]


@contextmanager
def _spacy_cli_deferred() -> Iterator[None]:
    """While spaCy is first imported, ``spacy.cli`` and ``spacy.cli.info`` are stand-ins;
    afterwards they are gone from ``sys.modules`` and ``spacy.cli`` is looked up lazily."""
    cli = ModuleType("spacy.cli")
    cli.__path__ = []  # a package: `from .cli.info import info` looks for the submodule
    info = ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        yield
    finally:
        for name, stand_in in (("spacy.cli.info", info), ("spacy.cli", cli)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None:
            if spacy.__dict__.get("cli") is cli:
                del spacy.__dict__["cli"]
            spacy.__dict__.setdefault("__getattr__", _spacy_cli_on_demand)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _spacy_cli_on_demand(name: str) -> ModuleType:
    """The module ``__getattr__`` of ``spacy``: ``spacy.cli`` imports the real package (which
    then becomes an ordinary attribute)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")
