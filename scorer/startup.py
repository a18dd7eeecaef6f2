"""Start-up of the command line: heavy libraries imported without torch where none needs it.

Two libraries import torch whenever it is installed (the ``openai`` extra installs it):
thinc (under spaCy) and scikit-learn's array-API shim, which skops walks when it is
imported; 2-4 s of start-up that no CPU spaCy pipeline and no linear model uses
(BENCHMARKS.md, "One call while the rep waits"). They are imported with torch hidden, then
torch is unhidden for anything that wants it later (openai-whisper imports it itself):
thinc by the console script for the commands that run spaCy, skops where a model folder
is read (:func:`import_torchless`; the default models are read without it). Transformer
spaCy pipelines (``*_trf``) need torch in thinc, so a command line naming one is left alone.
"""
from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Sequence

#: What each command imports with torch hidden before it runs.
TORCHLESS_IMPORTS: dict[str, tuple[str, ...]] = {
    "score": ("thinc.compat",), "features": ("thinc.compat",),
    "train": ("thinc.compat", "skops.io"), "evaluate": ("thinc.compat", "skops.io"),
    "redact": ("thinc.compat",)}
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
        return importlib.import_module(name)
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
