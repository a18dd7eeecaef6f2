"""Output files, written atomically: a temporary file in the same folder, then a rename.

A crash or a kill at any moment leaves either the old file or the complete new one, never
a half-written file.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path | str, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` (creating parent folders) so that readers never see a partial file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); outputs get the usual permissions.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(path: Path | str, obj: Any) -> Path:
    """Write ``obj`` as indented UTF-8 JSON, atomically."""
    return write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
