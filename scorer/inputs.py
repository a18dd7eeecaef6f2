"""Finding input files and turning any of them (recording or transcript) into a ``Transcript``."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from scorer.asr.decode import AUDIO_EXTENSIONS
from scorer.errors import InputError
from scorer.readers import TRANSCRIPT_EXTENSIONS, call_id_for, read_transcript
from scorer.roles import RoleOptions, resolve_roles
from scorer.types import Transcript

INPUT_EXTENSIONS: frozenset[str] = frozenset(AUDIO_EXTENSIONS) | frozenset(TRANSCRIPT_EXTENSIONS)


def is_audio(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_EXTENSIONS


def _is_output(path: Path) -> bool:
    # Our own feature and score files are outputs, not inputs, when a folder is re-scanned.
    return path.name.endswith((".features.json", ".score.json")) or path.name.startswith(".")


@dataclass(frozen=True, slots=True)
class FoundInputs:
    """Files to process, in a stable order, and one line for each path that gave none."""

    files: tuple[Path, ...]
    problems: tuple[str, ...] = ()


def find_inputs(paths: Iterable[Path | str]) -> FoundInputs:
    """Expand files and folders (searched recursively) into recording and transcript files.

    A missing path, a file of an unsupported kind and a folder without usable files each
    give a problem line; the other paths are still returned.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # A dangling link is kept: it fails on its own, as one error naming it.
            found = sorted(p for p in path.rglob("*")
                           if (p.is_file() or p.is_symlink() and not p.exists())
                           and p.suffix.lower() in INPUT_EXTENSIONS and not _is_output(p)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(f"{path}: no recordings or transcripts found in this folder "
                                f"(looked for {', '.join(sorted(INPUT_EXTENSIONS))})")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in INPUT_EXTENSIONS:
                files.append(path)
            else:
                problems.append(f"{path}: unsupported file type {path.suffix or '(none)'!r}; expected "
                                f"a recording or a transcript ({', '.join(sorted(INPUT_EXTENSIONS))})")
        else:
            problems.append(f"{path}: no such file or folder")
    return FoundInputs(tuple(dict.fromkeys(files)), tuple(problems))


@dataclass
class TranscriptLoader:
    """Loads any input as a ``Transcript``; the Whisper engine is loaded on first use, once.

    ``transcribe_options`` is a ``scorer.asr.TranscribeOptions`` (``None``: the
    defaults); ``role_options`` say how roles are decided where the input does not label
    them. Keep one loader per worker process so the model loads once.
    """

    transcribe_options: object | None = None
    role_options: RoleOptions = field(default_factory=RoleOptions)
    _engine: object | None = field(default=None, init=False, repr=False)

    def load(self, path: Path, manifest_rep: str | None = None) -> Transcript:
        """The call in ``path`` with its roles settled (``scorer.roles.resolve_roles``);
        ``manifest_rep`` is the manifest's ``rep`` for this call, a name to look for among
        the speakers."""
        if path.is_symlink() and not path.exists():
            raise InputError(f"{path}: dangling symbolic link (to {os.readlink(path)}); "
                             "fix or remove the link")
        if not path.exists():
            raise InputError(f"{path}: no such file")
        transcript = self._transcribe(path) if is_audio(path) else read_transcript(path)
        return resolve_roles(transcript, self.role_options, manifest_rep)

    def _transcribe(self, path: Path) -> Transcript:
        from scorer import asr

        options = self.transcribe_options or asr.TranscribeOptions()
        if self._engine is None:
            self._engine = asr.load_engine(options)
        return asr.transcribe_file(path, options, engine=self._engine, call_id=call_id_for(path))
