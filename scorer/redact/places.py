"""Street addresses and postcodes.

An address is a house number and a street that ends in a street word ("1420 Maple
Avenue", "221B Baker Street", "one twenty three Elm St" once normalised), optionally a
unit ("Suite 300") and, after a comma, a city and a state. A street name is made of
ordinary name words, never "on the" or "trucks on": "35 trucks on the road" is not an
address. Postcodes: a US ZIP after a state or right after an address, UK and Canadian
postcodes by their shape. A ZIP after "zip code" is typed by the context recognizer.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import is_lookalike, result

STREET_SUFFIX = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
    r"parkway|pkwy|circle|cir|highway|hwy|terrace|ter|trail|trl|square|sq|loop|crescent|close|"
    r"plaza|pike|alley|path|walk|grove|ridge|heights|hts|row|expressway|freeway|turnpike|"
    r"route|rte|broadway|commons|crossing|point|pt|mews|gardens|esplanade")
US_STATES = (
    r"alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    r"hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    r"massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    r"new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    r"oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
    r"vermont|virginia|washington|west virginia|wisconsin|wyoming|ontario|quebec|alberta|"
    r"british columbia|manitoba|nova scotia|saskatchewan")
STATE_CODES = (r"AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|"
               r"MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|"
               r"ON|QC|BC|AB|MB|NS")
# Words that cannot be part of a street name (so "35 trucks on the road" is no address).
_NOT_STREET = (r"the|a|an|on|in|of|to|at|for|and|or|our|your|my|their|his|her|its|we|you|they|"
               r"i|it|is|are|was|be|per|with|from|by|that|this|those|these|every|each|all|some|"
               r"about|over|under|into|out|up|down|off|just|also|more|less|than|then|so|but|"
               r"if|when|what|which|who|how|other|same|next")
_NAME_WORD = rf"(?!(?i:{_NOT_STREET})\b)[A-Za-z0-9][A-Za-z0-9'.-]*"
_UNIT = r"(?:,?\s+(?:suite|ste|apt|apartment|unit|floor|fl|building|bldg|room|no)\.?\s*#?\s*[\w-]+|,?\s*#\s*\d+\w?)"
_CITY = rf"(?:,\s*(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,2}})"
_STATE = rf"(?:,?\s*(?:(?i:{US_STATES})|(?:{STATE_CODES}))\b)"
# A city and a state without commas, as Whisper writes them: "road dayton ohio".
_CITY_STATE = rf"(?:\s+(?:{_NAME_WORD}\s+){{1,2}}?(?i:{US_STATES})\b)"
# A unit said before the house number ("Flat 3, 27 Aldwych Road", "Apartment 4B, 1188 ...").
_UNIT_BEFORE = r"(?:(?i:flat|apartment|apt|unit|suite|ste)\.?\s*#?\s*[\w-]{1,5},?\s+)"
# A numbered road instead of a named street: "4820 Highway 61", "12 Route 9".
_ROUTE = r"(?i:highway|hwy|route|rte|interstate|state route|county road)\s+\d{1,4}\b"
STREET = re.compile(
    rf"(?<![\w$£€#.,])(?:{_UNIT_BEFORE})?(?P<num>\d{{1,6}})[A-Za-z]?(?:-\d{{1,4}})?\s+"
    rf"(?:(?:(?:{_NAME_WORD})\s+){{0,4}}?(?i:(?:north|south|east|west|n|s|e|w)\.?\s+)?(?:{_NAME_WORD}\s+)"
    rf"(?i:{STREET_SUFFIX})\b\.?(?:\s+\d{{1,4}}\b)?|{_ROUTE})"
    rf"(?:\s+(?i:north|south|east|west|nw|ne|sw|se)\b)?"
    rf"(?i:{_UNIT})?(?:{_CITY}(?:{_STATE})?|{_CITY_STATE}|(?:\s+in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?",
)
# Street first, number after ("Lagerstraße 12", "Via Roma 5", "Calle Mayor 10"), or a French
# "12 rue de la Paix"; then an optional ", City".
EU_STREET = re.compile(
    r"(?:\b[^\W\d_]+(?i:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|laan|straat|gracht|"
    r"plein|vej|gade|gatan|vägen|katu|tie)|\b(?i:via|viale|calle|avenida|rua|carrer|piazza|"
    r"plaza|paseo)\s+(?:(?i:de|del|della|di|da|do|la)\s+)*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"\s+\d{1,4}[a-z]?\b(?:,\s*[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?(?=\s*[,.]|\s+and\b|$))?"
    r"|(?<![\w$€£.,])\d{1,4}(?:\s*(?:bis|ter))?,?\s+(?i:rue|avenue|boulevard|allée|chemin|impasse|quai)"
    r"\s+(?:(?i:de|du|des|la|le|l'|d')\s*)*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}"
    r"(?:,\s*[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?(?=\s*[,.]|\s+and\b|$))?",
    re.MULTILINE)
PO_BOX = re.compile(rf"(?i:\bp\.?\s?o\.?\s?box)\s+\d+\b(?:{_CITY}(?:{_STATE})?|{_CITY_STATE})?")
US_ZIP = re.compile(r"(?<![\w$.,-])\d{5}(?:-\d{4})?(?![\w-])")
STATE_BEFORE = re.compile(rf"(?:\b(?i:{US_STATES})|\b(?:{STATE_CODES}))\s*,?\s*$")
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b")
CA_POSTCODE = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")


class AddressRecognizer(EntityRecognizer):
    """Street addresses and PO boxes (score 0.75; a suffix word alone proves little)."""

    SCORE = 0.75

    def __init__(self) -> None:
        super().__init__(supported_entities=["ADDRESS"], name="AddressRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out = []
        for pattern in (STREET, PO_BOX, EU_STREET):
            for m in pattern.finditer(text):
                if pattern is STREET and is_lookalike(text, m.start(), m.end("num")):
                    continue  # "a 10 minute drive", "80k highway miles"
                end = m.end()
                while end > m.start() and text[end - 1] in ",. ":
                    end -= 1
                out.append(result(self, "ADDRESS", m.start(), end, self.SCORE, "street"))
        return out


class PostcodeRecognizer(EntityRecognizer):
    """A ZIP after a state name or an address; UK and Canadian postcodes (score 0.75)."""

    SCORE = 0.75

    def __init__(self) -> None:
        super().__init__(supported_entities=["POSTCODE"], name="PostcodeRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        out = []
        streets = [(m.start(), m.end()) for p in (STREET, EU_STREET) for m in p.finditer(text)]
        for m in US_ZIP.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            after_street = any(0 <= m.start() - e <= 40 and "\n" not in text[e:m.start()]
                               for _s, e in streets)
            if STATE_BEFORE.search(before) or after_street:
                out.append(result(self, "POSTCODE", m.start(), m.end(), self.SCORE, "zip"))
        for pattern in (UK_POSTCODE, CA_POSTCODE):
            for m in pattern.finditer(text):
                out.append(result(self, "POSTCODE", m.start(), m.end(), self.SCORE, "postcode shape"))
        return out
