"""Start-up of the command line: heavy libraries imported without torch where none needs it.

Two libraries import torch whenever it is installed (the ``openai`` extra installs it):
thinc (under spaCy) and scikit-learn's array-API shim, which skops walks when it is
imported; 2-4 s of start-up that no CPU spaCy pipeline and no linear model uses
(BENCHMARKS.md, "One call while the rep waits"). For the commands that load them they are
imported with torch hidden, then torch is unhidden for anything that wants it later
(openai-whisper imports it itself). Transformer spaCy pipelines (``*_trf``) need torch in
thinc, so a command line naming one is left alone.
"""
from __future__ import annotations

import importlib
import sys
from typing import Sequence

#: What each command imports with torch hidden.
TORCHLESS_IMPORTS: dict[str, tuple[str, ...]] = {
    "score": ("thinc.compat", "skops.io"), "features": ("thinc.compat",),
    "train": ("thinc.compat", "skops.io"), "evaluate": ("thinc.compat", "skops.io"),
    "redact": ("thinc.compat",), "report": ("skops.io",)}


def import_without_torch(args: Sequence[str]) -> list[str]:
    """Import the modules the command in ``args`` (``sys.argv[1:]``) will need, torch hidden;
    returns the ones imported here."""
    modules = TORCHLESS_IMPORTS.get(args[0] if args else "", ())
    if not modules or any("_trf" in a for a in args) or "torch" in sys.modules:
        return []
    import scipy.stats  # noqa: F401  (it looks torch up in sys.modules while importing)

    done = []
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails at once
    try:
        for name in modules:
            try:
                importlib.import_module(name)
                done.append(name)
            except ImportError:
                pass  # not installed: the command says so where it needs it
    finally:
        if sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
    return done
