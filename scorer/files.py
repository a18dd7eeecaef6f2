"""The file plumbing every stage shares: atomic writes, sha256 of a file, CSV tables read.

Writes are atomic: a temporary file in the same folder, then a rename. A crash or a kill at
any moment leaves either the old file or the complete new one, never a half-written file.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from scorer.errors import InputError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_file(path: Path | str) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through (parent folders created): it appears under
    its name, whole, when the block ends, and not at all if the block raises."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); outputs get the usual permissions.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path | str, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so that readers never see a partial file."""
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def write_json(path: Path | str, obj: Any) -> Path:
    """Write ``obj`` as indented UTF-8 JSON, atomically."""
    return write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def sha256_file(path: Path | str) -> str:
    """sha256 hex of a file's bytes, read in blocks (memory stays flat for long calls)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_csv(path: Path | str, what: str, error: type[InputError] = InputError) -> list[list[str]]:
    """The rows of a UTF-8 CSV file (a BOM from Excel is fine; quoted cells may hold line
    breaks), or ``error`` naming the file and ``what`` it was meant to be."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            return list(csv.reader(fh))
    except FileNotFoundError:
        raise error(f"{path}: {what} not found") from None
    except UnicodeDecodeError:
        raise error(f"{path}: {what} is not UTF-8 text; save it as CSV UTF-8") from None
    except csv.Error as exc:
        raise error(f"{path}: {what} is not a readable CSV file ({exc})") from None
    except OSError as exc:
        raise error(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None
