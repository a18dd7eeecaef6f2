"""What every transcript reader shares: role names, timestamps and estimated timing."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from scorer.errors import TranscriptFormatError
from scorer.types import Speaker, Transcript, Utterance

#: Conversational speaking rate used to estimate timing when a transcript has no
#: timestamps: 150 words per minute (0.4 s a word), the usual figure for conversational
#: English. Turns follow each other without pauses, so pause-based features are not
#: computed for estimated timing.
WORDS_PER_MINUTE = 150.0

REP_NAMES = frozenset({"rep", "agent", "seller", "sales", "salesperson", "sales rep", "sales agent",
                       "account executive", "ae", "sdr", "bdr", "representative", "host"})
CUSTOMER_NAMES = frozenset({"customer", "prospect", "buyer", "client", "lead", "caller", "guest",
                            "contact"})

# Seconds may carry a stray leading zero ("00:09:025", seen in real exports).
_TIMESTAMP = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,3}(?:[.,]\d+)?)$")


@dataclass(frozen=True, slots=True)
class RawTurn:
    """A turn as a reader found it, before roles and timing are settled."""

    name: str | None
    text: str
    start_s: float | None = None
    end_s: float | None = None
    words: tuple = ()


def parse_timestamp(value: str, path: Path, where: str) -> float:
    """``HH:MM:SS(.mmm)``, ``MM:SS(.mmm)`` (comma or dot decimals) -> seconds."""
    m = _TIMESTAMP.match(value.strip())
    if not m:
        raise TranscriptFormatError(f"{path}: {where}: cannot read timestamp {value!r}; "
                                    "expected HH:MM:SS or HH:MM:SS.mmm")
    hours, minutes, seconds = m.groups()
    if int(minutes) >= 60 or float(seconds.replace(",", ".")) >= 60:
        raise TranscriptFormatError(f"{path}: {where}: timestamp {value!r} is out of range; "
                                    "minutes and seconds run from 0 to 59")
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))


def estimated_duration_s(text: str) -> float:
    """Seconds it takes to say ``text`` at :data:`WORDS_PER_MINUTE` (at least one word)."""
    return max(1, len(text.split())) * 60.0 / WORDS_PER_MINUTE


def _normalise(name: str) -> str:
    return " ".join(name.lower().replace("_", " ").split())


def _role_of_keyword(name: str) -> Speaker | None:
    n = _normalise(name)
    if n in REP_NAMES:
        return "rep"
    if n in CUSTOMER_NAMES:
        return "customer"
    return None


def assign_roles(names: Sequence[str]) -> dict[str, Speaker]:
    """Map each speaker name that is a role label (Rep, Agent, Customer, ...) to its role,
    and every other name to ``unknown``; in a two-party call one role label settles the
    other party, and where every label is the rep's the others are customers. People's
    names are left to ``scorer.roles``."""
    unique = list(dict.fromkeys(names))
    roles: dict[str, Speaker] = {n: (_role_of_keyword(n) or "unknown") for n in unique}
    known = {r for r in roles.values() if r != "unknown"}
    unknown = [n for n, r in roles.items() if r == "unknown"]
    if len(known) == 1 and len(unknown) == 1 and len(unique) == 2:
        roles[unknown[0]] = "customer" if known == {"rep"} else "rep"
    elif known == {"rep"} and unknown:
        roles.update({n: "customer" for n in unknown})
    return roles


def build_transcript(turns: Iterable[RawTurn], *, path: Path, call_id: str, source_format: str,
                     language: str = "en") -> Transcript:
    """Settle roles and timing of the turns a reader found and make the ``Transcript``.

    Turns with timestamps keep them (a missing end runs to the next start, or for the
    estimated duration of its words); when no turn has a timestamp the whole transcript
    is timed from word counts and marked ``timing="estimated"``, and when turns have start
    times but none has an end it is marked ``timing="starts"`` (pauses are unknown).
    """
    turns = list(turns)
    if not turns:
        raise TranscriptFormatError(f"{path}: no utterances found; expected one utterance per "
                                    "line or cue, such as 'Rep: text'")
    roles = assign_roles([t.name for t in turns if t.name])
    labelled = bool(roles) and "unknown" not in roles.values()
    timed = any(t.start_s is not None for t in turns)
    utterances: list[Utterance] = []
    clock = 0.0
    for i, turn in enumerate(turns):
        start = turn.start_s if turn.start_s is not None else clock
        end = turn.end_s
        if end is None:
            nxt = next((t.start_s for t in turns[i + 1:] if t.start_s is not None), None)
            end = nxt if (timed and nxt is not None and nxt > start) else start + estimated_duration_s(turn.text)
        end = max(end, start)
        clock = max(clock, end)
        speaker: Speaker = roles[turn.name] if turn.name else "unknown"
        utterances.append(Utterance(speaker=speaker, start_s=round(start, 3), end_s=round(end, 3),
                                    text=turn.text, words=tuple(turn.words), speaker_name=turn.name))
    return Transcript(call_id=call_id, utterances=tuple(utterances),
                      duration_s=round(max(u.end_s for u in utterances), 3), language=language,
                      source=str(path), source_format=source_format,
                      timing=("estimated" if not timed else
                              "measured" if any(t.end_s is not None for t in turns) else "starts"),
                      roles="labelled" if labelled else "unknown",
                      roles_detail="the transcript's role labels" if labelled else None)


def call_id_for(path: Path) -> str:
    """The call id of a file: its name without extension (and without ``.transcript``)."""
    name = path.name
    for suffix in (".transcript.json", ".features.json", ".score.json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def read_text(path: Path) -> str:
    """The file's text (UTF-8, BOM tolerated), or an error line naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptFormatError(f"{path}: file not found") from None
    except OSError as exc:
        raise TranscriptFormatError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise TranscriptFormatError(f"{path}: file is empty; expected a transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TranscriptFormatError(f"{path}: not UTF-8 text; save the transcript as UTF-8") from None
