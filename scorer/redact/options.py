"""What to redact and how: :class:`RedactOptions`, the entity types, and the hash key.

The key for ``mode="hash"`` never comes from the command line (it would sit in shell
history and ``ps``): :func:`load_key` reads it from the environment variable
``CALLSCORE_REDACT_KEY`` or from a key file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping

from scorer.errors import RedactionError

#: Every entity type, in the order the docs list them; the tag of each is ``[TYPE]``.
ALL_TYPES: tuple[str, ...] = (
    "NAME", "PHONE", "EMAIL", "CARD", "CARD_EXPIRY", "CVV", "BANK_ACCOUNT", "ROUTING_NUMBER",
    "IBAN", "SSN", "DATE_OF_BIRTH", "ADDRESS", "POSTCODE", "PASSPORT", "DRIVER_LICENSE",
    "IP_ADDRESS",
)
MODES: tuple[str, ...] = ("tag", "mask", "hash")
RedactMode = Literal["tag", "mask", "hash"]

KEY_ENV = "CALLSCORE_REDACT_KEY"
"""Environment variable holding the key of ``mode="hash"`` (at least 16 bytes)."""
MIN_KEY_BYTES = 16


@dataclass(frozen=True, slots=True)
class RedactOptions:
    """What to redact and how.

    ``types``: entity types to redact (default: all of :data:`ALL_TYPES`).
    ``mode``: ``tag`` writes ``[CARD]``; ``mask`` keeps the last four digits of a card,
    bank account or IBAN of at least eight digits (``[CARD:************1111]``) and tags
    everything else; ``hash`` writes a keyed HMAC-SHA256 prefix (``[NAME:3f9a1c2e]``), the
    same for the same value in every call redacted with the same ``key``.
    ``key``: the HMAC key, required by ``hash`` (see :func:`load_key`).
    """

    types: tuple[str, ...] = ALL_TYPES
    mode: RedactMode = "tag"
    key: bytes | None = field(default=None, repr=False)  # never in logs or tracebacks

    def validate(self) -> RedactOptions:
        """Raise :class:`RedactionError` naming the valid values; return ``self``."""
        unknown = [t for t in self.types if t not in ALL_TYPES]
        if unknown:
            raise RedactionError(f"unknown redaction type(s) {', '.join(map(repr, unknown))}; "
                                 f"expected any of: {', '.join(ALL_TYPES)}")
        if not self.types:
            raise RedactionError(f"no redaction types selected; pass any of: {', '.join(ALL_TYPES)}")
        if self.mode not in MODES:
            raise RedactionError(f"unknown redaction mode {self.mode!r}; expected one of: "
                                 f"{', '.join(MODES)}")
        if self.mode == "hash" and not self.key:
            raise RedactionError(f"redaction mode 'hash' needs a key: set {KEY_ENV} or pass "
                                 f"--redact-key-file FILE (never the key itself on the command line)")
        if self.key is not None and len(self.key) < MIN_KEY_BYTES:
            raise RedactionError(f"the redaction key is {len(self.key)} bytes; use at least "
                                 f"{MIN_KEY_BYTES} (e.g. `openssl rand -hex 32 > redact.key`)")
        return self


def parse_types(spec: str) -> tuple[str, ...]:
    """``"card,ssn,PHONE"`` -> ``("CARD", "SSN", "PHONE")``; ``"all"`` -> :data:`ALL_TYPES`.

    Raises :class:`RedactionError` listing the valid names for an unknown one.
    """
    names = [s.strip().upper().replace("-", "_") for s in spec.split(",") if s.strip()]
    if names == ["ALL"]:
        return ALL_TYPES
    RedactOptions(types=tuple(names)).validate()
    return tuple(dict.fromkeys(names))


def load_key(env: Mapping[str, str] | None = None, path: str | os.PathLike[str] | None = None,
             required: bool = True) -> bytes | None:
    """The hash key: the contents of ``path`` when given, else ``env[KEY_ENV]``.

    ``env`` defaults to ``os.environ``. Surrounding whitespace is stripped (a key file
    written by ``echo`` ends in a newline). With ``required`` and no key found, raises
    :class:`RedactionError` saying how to provide one.
    """
    env = os.environ if env is None else env
    if path is not None:
        p = Path(path)
        try:
            key = p.read_bytes().strip()
        except OSError as exc:
            raise RedactionError(f"cannot read the redaction key file {p} ({exc.strerror or exc}); "
                                 f"check the path and its permissions") from exc
        if not key:
            raise RedactionError(f"the redaction key file {p} is empty; write a random key into it "
                                 f"(e.g. `openssl rand -hex 32 > {p}`)")
        return key
    value = env.get(KEY_ENV, "").strip()
    if value:
        return value.encode("utf-8")
    if required:
        raise RedactionError(f"redaction mode 'hash' needs a key and none was found: set the "
                             f"environment variable {KEY_ENV} or pass --redact-key-file FILE")
    return None
