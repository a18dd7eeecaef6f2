"""What a redacted value is replaced with: a tag, a mask, or a keyed hash.

``tag``: ``[CARD]``. ``mask``: ``[CARD:************1111]`` for cards, bank accounts and
IBANs of at least eight digits (the last four digits kept, in written form even when they
were spoken), the tag otherwise. ``hash``: ``[NAME:3f9a1c2e]``, the first 8 hex digits of
HMAC-SHA256(key, type and canonical value); the canonical value of a number is its digits,
so "4111 1111 ..." and "four one one one ..." hash alike, and an e-mail address is
compared in its written, lower-case form.
"""
from __future__ import annotations

import hashlib
import hmac
import re

from scorer.redact.options import RedactOptions
from scorer.redact.spoken import normalise

HASH_HEX_CHARS = 8
MASKED_TYPES = ("CARD", "BANK_ACCOUNT", "IBAN")
_DIGIT_TYPES = ("PHONE", "CARD", "CARD_EXPIRY", "CVV", "BANK_ACCOUNT", "ROUTING_NUMBER", "SSN",
                "POSTCODE", "IP_ADDRESS")


def canonical(entity_type: str, value: str) -> str:
    """The form of ``value`` two mentions of the same thing share."""
    written = normalise(value).text
    if entity_type in _DIGIT_TYPES:
        digits = re.sub(r"\D", "", written)
        if digits:
            return digits
    if entity_type in ("IBAN", "PASSPORT", "DRIVER_LICENSE"):
        return re.sub(r"[^0-9A-Za-z]", "", written).upper()
    if entity_type == "EMAIL":
        return re.sub(r"\s+", "", written).lower()
    return " ".join(re.findall(r"[\w']+", written.lower()))


def replacement(entity_type: str, value: str, options: RedactOptions) -> str:
    """The text that stands in for ``value`` (an entity of ``entity_type``)."""
    if options.mode == "hash":
        assert options.key is not None  # RedactOptions.validate guarantees it
        message = f"{entity_type}\x00{canonical(entity_type, value)}".encode("utf-8")
        digest = hmac.new(options.key, message, hashlib.sha256).hexdigest()
        return f"[{entity_type}:{digest[:HASH_HEX_CHARS]}]"
    if options.mode == "mask" and entity_type in MASKED_TYPES:
        digits = re.sub(r"\D", "", normalise(value).text)
        if len(digits) >= 8:
            return f"[{entity_type}:{'*' * (len(digits) - 4)}{digits[-4:]}]"
    return f"[{entity_type}]"


def pseudonym_hash(name: str, options: RedactOptions) -> str:
    """A speaker name in hash mode: the hash of the name as a NAME."""
    return replacement("NAME", name, options)
