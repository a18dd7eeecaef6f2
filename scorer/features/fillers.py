"""Filler words per 100 words (reported for information; it is not a quality signal on
its own). Whisper drops many fillers from its text, so rates from Whisper transcripts
run low; human transcripts keep them.
"""
from __future__ import annotations

from spacy.tokens import Doc

from scorer.features.common import Collector, count_words
from scorer.features.talk import EMPTY, NO_ROLES
from scorer.types import Transcript

#: Hesitation sounds, counted wherever they occur.
HESITATIONS = frozenset({"um", "uh", "uhm", "umm", "uhh", "er", "erm", "ah", "hmm", "hm"})
_COMPLEMENTS = frozenset({"what", "how", "why", "where", "when", "who", "if", "whether", "that",
                          "about", "of", "the", "a", "it", "him", "her", "them", "this"})


def count_fillers(doc: Doc) -> int:
    """Hesitations, "like" used as a filler (tagged UH), and parenthetical "you know" /
    "I mean" (not "do you know ...", "you know what I need", "I mean it")."""
    n = 0
    toks = list(doc)
    for i, t in enumerate(toks):
        low = t.lower_
        if low in HESITATIONS:
            hyphenated = (i > 0 and toks[i - 1].text == "-") or \
                (i + 1 < len(toks) and toks[i + 1].text == "-")
            n += not hyphenated  # "uh-huh", "mm-hmm" are backchannels, not hesitations
        elif low == "like" and t.tag_ == "UH":
            n += 1
        elif low in ("know", "mean") and i > 0 and toks[i - 1].lower_ == ("you" if low == "know"
                                                                          else "i"):
            before = toks[i - 2] if i > 1 else None
            after = toks[i + 1] if i + 1 < len(toks) else None
            # Parenthetical: it opens a clause ("I mean, ...", "and you know, ...") and is
            # not followed by its object ("you know what I need", "I mean the price").
            opens = before is None or before.is_punct or before.pos_ in ("CCONJ", "INTJ") or \
                before.lower_ in ("so", "but", "and", "like", "well")
            takes_object = after is not None and (after.lower_ in _COMPLEMENTS or
                                                  after.pos_ in ("NOUN", "PROPN", "PRON", "DET"))
            n += opens and not takes_object
    return n


def compute_fillers(t: Transcript, docs: list[Doc], out: Collector) -> None:
    """Fill the ``fillers`` group."""
    if not t.utterances:
        out.null_group("fillers", EMPTY)
        return
    if not any(u.speaker != "unknown" for u in t.utterances):
        out.null_group("fillers", NO_ROLES)
        return
    for role in ("rep", "customer"):
        words = fillers = 0
        for u, doc in zip(t.utterances, docs):
            if u.speaker == role:
                words += count_words(u.text)
                fillers += count_fillers(doc)
        name = f"filler_rate_{role}"
        if words == 0:
            out.set(name, None, f"the {role} says nothing")
        else:
            out.set(name, 100.0 * fillers / words)
