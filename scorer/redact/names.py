"""Person names: spaCy's PERSON entities plus the names calls introduce.

The small English pipeline misses names in lower-case ASR text and calls some names
places ("Jordan"), so :class:`NameRecognizer` adds names introduced by "this is X",
"my name is X", "I'm X from", "speak to X", "hi X", "thanks X", "X speaking", "X from
<company>". A candidate is dropped when it is an ordinary word (:data:`NOT_NAMES`: "this
is great", "I'm good", "hi there"), a day or month, or a company ("Priya from Ledgerly":
Ledgerly is the company). In cased text a name must be capitalised; in lower-case text
(Whisper without punctuation) a weak introduction ("it's X", "I'm X") needs the tagger's
proper-noun tag or a "from"/"calling" after it. The caller then redacts every other
mention of a found name in the same call (``scorer.redact.detect``).
"""
from __future__ import annotations

import re
import unicodedata

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scorer.redact.context import result
from scorer.redact.given_names import AMBIGUOUS_NAMES, GIVEN_NAMES

_DAYS_MONTHS = ("monday tuesday wednesday thursday friday saturday sunday january february march "
                "april may june july august september october november december today tomorrow "
                "tonight yesterday morning afternoon evening weekend week month year noon")
_COMMON = (
    "a about above absolutely across actually after afternoon again against ahead alive all almost "
    "alone along already alright also always am amazing an and another any anybody anyone anything "
    "anyway are around as asking at available aware away awesome back bad basically be because "
    "been before being best better between big bit both brief bright busy but by calling can "
    "certainly checking clear close coming completely concerned confused considering correct "
    "could curious currently dealing definitely did different do does doing done down each "
    "early either else enough especially even ever every everybody everyone everything exactly "
    "excited except fair familiar far fine following for free from frustrated full fun funny "
    "generally get getting glad go going gone good got great guys had half happy hard has have "
    "having he hear hearing hello help helping her here hers herself hey hi him himself his "
    "honest honestly hope hoping how however i if in including indeed interested into is it "
    "its itself just keen kind kinda late later leaving let like likely little looking lost "
    "lot lots mainly making many maybe me meant mine more most mostly much must my myself "
    "near nearly need needed new next nice no nobody none not nothing now of off often oh ok "
    "okay old on once one only open or other our ours out over own part perfect personally "
    "please pleased possible pretty probably quick quite rather ready real really regarding "
    "right running same says see seeing set she should since so some somebody someone "
    "something sorry speaking still such super supposed sure surprised talking team than "
    "thank thanks that the their them then there these they thing things think this those "
    "though through to too totally trying two um uh unfortunately up us used very wait "
    "waiting want wanted was way we well went were what whatever when where which while who "
    "why will with without wonderful working worried would wrong yeah yes yet you your "
    "yours yourself everyone everybody folks sir madam maam ma'am mister miss mrs mr ms dr "
    "doctor boss guy guys buddy man dude friend friends team all everyone there again "
    "calling reaching following circling following-up welcome back definitely wondering "
    "hoping glad happy sorry afraid not also with from just still already about only "
    "customer customers rep agent support sales billing manager owner director office "
    "company client clients partner partners dispatcher ops operations finance legal "
    "hr admin it tech account accounts speaking here bye goodbye cheers morning great hmm mm "
    "good fine well cool sounds sound perfect lovely brilliant fantastic excellent "
    # departments, roles and the brands people name on calls
    "accounting procurement purchasing marketing engineering finance payroll compliance "
    "security reception receptionist dispatch front desk management leadership board "
    "visa mastercard amex discover paypal venmo zelle stripe square zoom teams slack google "
    "gmail outlook excel salesforce hubspot quickbooks iphone android apple microsoft amazon "
    # chat-style contractions without the apostrophe
    "im ive ill id youre youve youll thats whats dont doesnt doesn didnt didn cant wont isnt "
    "isn wasnt arent nah yah ya yep nope wel gonna wanna gotta kinda sorta lemme iam helo awww "
    "god save children kids idea url website link email phone "
    # what PII is called, and the words of a spoken e-mail address
    "expiry expiration exp cvv cvc zip postcode routing iban ssn social passport license "
    "licence dob birthday address mobile cell card debit credit dot underscore dash hyphen "
    "com net org")
#: Words never taken for a name, whatever their case.
NOT_NAMES = frozenset(_COMMON.split()) | frozenset(_DAYS_MONTHS.split())
COMPANY_WORDS = (r"inc|llc|ltd|corp|co|company|group|solutions|systems|logistics|labs|software|"
                 r"technologies|tech|partners|services|dental|clinic|hvac|heating|cooling|plumbing|"
                 r"electric|electrical|roofing|consulting|health|capital|holdings|payroll|"
                 r"creative|studio|studios|farms?|motors|media|marketing|law|legal|associates|"
                 r"hospital|pharmacy|realty|construction|landscaping|freight|trucking|foods?|"
                 r"bakery|cafe|restaurant|salon|fitness|insurance|bank|financial|accounting|"
                 # product words: "Crew Tracker", "Dispatch Pro", "Route Hub"
                 r"tracker|pro|plus|suite|cloud|hub|apps?|crm|platform|desk|works|flow|pay|books?|"
                 r"sync|stack|force|base|box|dash|track|link|hq|ai|io|"
                 # and the trades in business names: "Harlow Gym", "Tillerman Seeds"
                 r"gym|seeds|auto|automotive|rentals?|florists?|travel|energy|events|supply|"
                 r"supplies|cabinets|relocation|properties|homes|builders|union|university|"
                 r"college|school|academy|institute|foundation|church|industries|enterprises")
_COMPANY_SUFFIX = re.compile(rf"\b(?:{COMPANY_WORDS})\b\.?$", re.I)

# A word of letters, any script ("Tomás", "Nkosi"), with inner apostrophes and hyphens.
_W = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
WORD = re.compile(_W)
# Introductions, strongest first. After a strong one ("my name is", "ask for", "Mr.") a word
# that is not an ordinary word is a name even in lower-case text; after a medium one
# ("this is", "is this") it needs a proper-noun or noun tag, or to end the phrase; after a
# weak one ("hi", "thanks", "it's", "I'm") the proper-noun tag or a "from"/"here" after it.
_STRONG = (r"my name is|my name's|name is|name's|the name is|the name's|call me|you can call me|"
           r"goes by|ask for|asking for|speak (?:to|with)|talk (?:to|with)|speaking (?:to|with)|"
           r"am i speaking (?:to|with)|calling for|put me through to|transfer(?:red)? (?:me |you )?to|"
           r"mr\.?|mrs\.?|ms\.?|miss|dr\.?|mister|dear|i spoke (?:to|with)|spoke (?:to|with)|"
           r"meet with|meeting with|contact is|point of contact is|attention|attn|cc|"
           r"(?:send|forward|email|copy) (?:it|this|that|them) (?:over )?to|"
           r"(?:my|our|your|his|her|their) (?:colleague|coworker|co-worker|boss|manager|partner|"
           r"assistant|wife|husband|son|daughter|cfo|ceo|coo|cto|owner|director|accountant|"
           r"bookkeeper|dispatcher|office manager|controller|admin|rep)")
_MEDIUM = r"this is|is this|is that|this'll be"
_WEAK = (r"it's|it is|i'm|i am|im|hi|hey|hello|thanks|thank you|bye|morning|afternoon|evening|yeah|sorry|"
         r"see you|cheers|talk soon|nice to meet you|good to meet you|pleasure to meet you")
_WEAK_SET = frozenset(_WEAK.split("|"))
_MEDIUM_SET = frozenset(_MEDIUM.split("|"))
_TITLE = r"(?:(?:dr|mr|mrs|ms|miss|mister|doctor|prof|professor)\.?[ \t]+)?"
# Surname particles: "van der Berg", "de la Cruz", "bin Salman".
_PARTICLES = r"(?:(?:van|von|de|der|den|da|di|del|della|du|la|le|st|bin|al|el|ter|ten|dos|das|mc)[ \t]+){0,2}"
_NAME = rf"{_PARTICLES}{_W}"
# Lookaheads, so that overlapping introductions are all tried ("hi this is Priya").
INTRO = re.compile(rf"\b(?=(?P<intro>{_STRONG}|{_MEDIUM}|{_WEAK})[ \t]*,?[ \t]+{_TITLE}"
                   rf"(?P<first>{_NAME})(?:[ \t]+(?P<last>{_NAME}))?)", re.IGNORECASE)
TRAILER = re.compile(rf"(?:^|(?<=[.!?,]\s)|(?<=\n))(?=(?P<first>{_W})(?:[ \t]+(?P<last>{_W}))?"
                     rf"[ \t]*,?[ \t]+(?P<trail>speaking|here|from|with|over at|calling from|calling)\b)",
                     re.IGNORECASE | re.MULTILINE)
_PHRASE_END = re.compile(r"[ \t]*(?:[.?!,;]|$|\n)")
_AFTER_WEAK = re.compile(r"[ \t]*,?[ \t]+(?:from|with|at|here|calling|speaking|over|and i|and i'm)\b",
                         re.IGNORECASE)
# The company in "calling from Beacon Dispatch", "Priya from Ledgerly": the first word after
# "from", and the capitalised words that follow it.
_ORG_AFTER = re.compile(r"(?i:\b(?:calling from|here at|over at|i'm with|i am with|[a-z]+ from))"
                        r"\s+(?P<org>[^\W\d_][\w'&-]*(?:\s+[A-Z][\w'&-]*)*)")
_BEFORE_COMPANY = re.compile(r"\b(?:from|at|with|over at|here at|join(?:ed)?|work for|works for)\s+$",
                             re.IGNORECASE)


def is_name_word(word: str) -> bool:
    """Could ``word`` be (part of) a person's name at all?"""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    return len(w) >= 2 and w.isalpha() and w not in NOT_NAMES


class NameRecognizer(EntityRecognizer):
    """PERSON entities and introduced names (score 0.85; an entity alone 0.7)."""

    SCORE = 0.85

    def __init__(self) -> None:
        super().__init__(supported_entities=["NAME"], name="NameRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        ctx = _Context(text, nlp_artifacts)
        out: list[RecognizerResult] = []
        for m in INTRO.finditer(text):
            span = _introduced(ctx, m)
            if span:
                out.append(result(self, "NAME", span[0], span[1], self.SCORE, "introduced"))
        for m in TRAILER.finditer(text):
            span = _trailed(ctx, m)
            if span:
                out.append(result(self, "NAME", span[0], span[1], self.SCORE, "introduced"))
        for start, end in _person_entities(ctx, nlp_artifacts):
            out.append(result(self, "NAME", start, end, 0.7, "spaCy PERSON"))
        for start, end in _given_names(ctx):
            out.append(result(self, "NAME", start, end, 0.75, "given name"))
        return out


class _Context:
    """What the name rules read about one text: tags and entity labels by character
    offset, and the words of the companies it mentions."""

    def __init__(self, text: str, nlp_artifacts: NlpArtifacts | None) -> None:
        self.text = text
        doc = None if nlp_artifacts is None else nlp_artifacts.tokens
        self.tags: dict[int, str] = {}
        self.ents: dict[int, str] = {}
        self.tokens: list[tuple[int, str, str]] = []  # (offset, text, fine-grained tag)
        for t in doc if doc is not None else ():  # one pass: Token objects are costly
            self.tags[t.idx] = t.tag_
            self.tokens.append((t.idx, t.text, t.tag_))
            if t.ent_type:
                self.ents[t.idx] = t.ent_type_
        self.companies = _companies(text, nlp_artifacts)

    def cased(self, at: int) -> bool:
        return _is_cased(_line_of(self.text, at))

    def proper(self, at: int) -> bool:
        return self.tags.get(at) in ("NNP", "NNPS")


def _introduced(ctx: _Context, m: re.Match[str]) -> tuple[int, int] | None:
    first_at, last = m.start("first"), m.group("last")
    intro = " ".join(m.group("intro").lower().split())
    tier = "weak" if intro in _WEAK_SET else "medium" if intro in _MEDIUM_SET else "strong"
    # "this is Will from ...", "hi Will.": a name that is also a word, capitalised after an
    # introduction that says it is a name.
    ambiguous_ok = tier != "weak" or bool(_PHRASE_END.match(ctx.text, m.end("first"))
                                          or _AFTER_WEAK.match(ctx.text, m.end("first")))
    if not _acceptable(ctx, first_at, m.group("first"), tier == "weak", tier == "strong", ambiguous_ok):
        return None
    if tier == "weak" and _business_greeting(ctx.text, first_at, m.end("first")):
        return None
    core_at = first_at + len(m.group("first")) - len(_core(m.group("first")))
    if not ctx.cased(first_at) and tier != "strong" and _fold(_core(m.group("first")).lower()) not in GIVEN_NAMES:
        # Lower-case text ("it's fine", "this is important"): the word alone is not
        # enough; a proper-noun tag, or "from"/"calling"/"here" after it, is.
        tag = ctx.tags.get(core_at)
        introduced = _AFTER_WEAK.match(ctx.text, m.end("first"))
        # "this is luis" ends the phrase; "this is brand new" does not.
        ends = (intro == "this is" and tag == "NN" and m.group("last") is None
                and _PHRASE_END.match(ctx.text, m.end("first")))
        if not (tag in ("NNP", "NNPS") or introduced or ends):
            return None
    end = m.end("first")
    if last and _acceptable(ctx, m.start("last"), last, tier == "weak", tier == "strong") and (
            ctx.cased(first_at) or tier != "weak" or ctx.proper(m.start("last"))):
        end = m.end("last")
    return first_at, _strip_possessive(ctx.text, first_at, end)


def _core(name: str) -> str:
    """The last word of a name group ("van der Berg" -> "Berg")."""
    return name.split()[-1]


def _trailed(ctx: _Context, m: re.Match[str]) -> tuple[int, int] | None:
    first_at, first, last = m.start("first"), m.group("first"), m.group("last")
    if not _acceptable(ctx, first_at, first, weak=True):
        return None
    if not ctx.proper(first_at) and not (ctx.cased(first_at) and m.group("trail").lower()
                                         in ("speaking", "here", "calling from")):
        return None
    end = m.end("first")
    if last and _acceptable(ctx, m.start("last"), last, weak=True) and ctx.proper(m.start("last")):
        end = m.end("last")
    return first_at, _strip_possessive(ctx.text, first_at, end)


# Tags that are never names: function words and verb forms ("this is going", "hi there").
_NEVER_TAGS = ("VBG", "VBD", "VBN", "VBZ", "VBP", "JJR", "JJS", "RB", "RBR", "IN", "DT", "PRP",
               "PRP$", "CD", "MD", "WP", "WRB", "CC", "EX", "UH")


_FUNCTION_TAGS = ("IN", "DT", "PRP", "PRP$", "CD", "MD", "WP", "WRB", "CC", "EX", "TO", "RP")


def _acceptable(ctx: _Context, start: int, word: str, weak: bool, strong: bool = False,
                ambiguous_ok: bool = False) -> bool:
    """Could ``word`` at ``start`` be a name? Capitalised in cased lines; no function word;
    no nationality or language ("I'm Turkish"); after a weak introduction no place,
    organisation or company word of this call either ("this is" is strong: firms are
    named after people, "this is Howard Chen" of "Chen & Albright"). A known given name
    overrules the small model's entity label ("Lukas" NORP, "Kenji" GPE); with
    ``ambiguous_ok`` a capitalised given name that is also a word ("Will") may be one."""
    start += len(word) - len(_core(word))
    word = _core(word)
    ambiguous = (ambiguous_ok and word.lower() in AMBIGUOUS_NAMES and word[0].isupper()
                 and ctx.cased(start))
    if not (is_name_word(word) or ambiguous) or (weak and word.lower() in ctx.companies):
        return False
    known = _fold(word.lower()) in GIVEN_NAMES
    if ctx.cased(start) and not word[0].isupper():
        return False
    if len(word) > 1 and word.isupper() and not ctx.text[start:start + 40].isupper():
        return False  # "URL", "CFO", "HVAC": acronyms, not names
    ent = ctx.ents.get(start, "")
    if ent in ("MONEY", "DATE", "TIME", "CARDINAL") or (not known and (ent in ("NORP", "LANGUAGE") or (
            weak and ent in ("GPE", "ORG", "PRODUCT", "LOC", "FAC")))):
        return False
    # After "call me", "ask for", "Mr." the tagger's guess is overruled (it tags unfamiliar
    # names as adverbs), but not for function words ("call me back").
    return ctx.tags.get(start) not in (_FUNCTION_TAGS if strong else _NEVER_TAGS)


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return end - len(suffix)
    return end


def _line_of(text: str, at: int) -> str:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return text[lo:hi if hi >= 0 else len(text)]


def _is_cased(line: str) -> bool:
    """Does the line use capitals (so a lower-case word is not a name)? ASR text without
    punctuation often has none at all."""
    words = WORD.findall(line)
    caps = [w for w in words[1:] if w[0].isupper() and w not in ("I", "I'm", "I'll", "I've", "I'd")]
    return bool(caps) or (bool(words) and words[0][0].isupper())


def _companies(text: str, nlp_artifacts: NlpArtifacts | None) -> set[str]:
    """Lower-case words of organisations in the text (spaCy ORG, and "from X" after a name)."""
    out: set[str] = set()
    if nlp_artifacts is not None:
        # spaCy's ORG only where it looks like a firm: the small model calls many people ORG.
        for ent in nlp_artifacts.entities or []:
            if ent.label_ == "ORG" and (_COMPANY_SUFFIX.search(ent.text) or "&" in ent.text):
                # "Naomi with Harbor Credit Union": the firm is what follows "with"
                firm = re.split(r"\b(?:with|from|at|for)\b", ent.text)[-1]
                out.update(w.lower() for w in firm.split())
    for m in _ORG_AFTER.finditer(text):
        out.update(w.lower() for w in m.group("org").split())
    return {w for w in out if w not in NOT_NAMES}


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|my|your|our|their|his|her|its|this|that|these|"
                                r"those|some|any|every|each|no)\s+$", re.IGNORECASE)


def _person_entities(ctx: _Context, nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int]]:
    """spaCy PERSON entities that look like people: proper nouns, capitalised in cased
    text, not after a determiner ("my Blackberry"), "from" ("from Ledgerly") or a company."""
    if nlp_artifacts is None:
        return []
    text, spans = ctx.text, []
    for ent in nlp_artifacts.entities or []:
        if ent.label_ != "PERSON" or _COMPANY_SUFFIX.search(ent.text) or any(c.isdigit() for c in ent.text):
            continue
        words = [(t.idx, t.text) for t in ent if t.text[:1].isalpha()]
        keep = [(at, w) for at, w in words if is_name_word(w) and w.lower() not in ctx.companies
                and ctx.proper(at) and (w[0].isupper() or not ctx.cased(at))
                and not (len(w) > 1 and w.isupper())]
        if not keep or len(keep) < len(words) - 1:
            continue
        before = text[max(0, ent.start_char - 20):ent.start_char]
        if _BEFORE_COMPANY.search(before) or _DETERMINER_BEFORE.search(before):
            continue
        start, end = keep[0][0], keep[-1][0] + len(keep[-1][1])
        first_word = re.escape(keep[0][1])
        if "&" in ent.text or re.match(rf"[ \t]*&|[ \t]+and[ \t]+{first_word}\b", text[end:end + 80]) \
                or re.fullmatch(rf"{first_word}\s+and\s+{first_word}", ent.text) \
                or re.search(rf"\b{first_word}[ \t]+(?:and|&)[ \t]+$", text[max(0, start - 80):start]):
            continue  # "Johnson & Johnson", "Chen & Albright": a firm
        spans.append((start, _strip_possessive(text, start, end)))
    return spans


def _fold(word: str) -> str:
    """``word`` without accents ("tomás" -> "tomas")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


_GREETING_BEFORE = re.compile(r"\b(?:hi|hello|hey|good\s+(?:morning|afternoon|evening)|morning|afternoon|"
                              r"evening|thanks for calling|thank you for calling|welcome to)\s*,\s*$",
                              re.IGNORECASE)
_BUSINESS_AFTER = re.compile(r"(?P<more>(?:[ \t]+[\w&'-]+){1,3}?)[ \t]*,[ \t]*(?:this is|it's|you'?re (?:speaking|"
                             r"through|talking) (?:to|with)|my name is|how (?:can|may) (?:i|we) help|"
                             r"[\w'-]+ speaking)", re.IGNORECASE)


def _business_greeting(text: str, start: int, end: int) -> bool:
    """ "Hi, Cobalt Insurance, this is Reggie", "Hello, Tillerman Seeds, Oscar speaking": the
    words between the greeting's comma and the next are a business answering the phone."""
    return bool(_GREETING_BEFORE.search(text[max(0, start - 40):start])
                and _BUSINESS_AFTER.match(text, end))


# Before a company, not a person: "from Lucas", "at Wendy's" ("with Derek" is a person).
_FIRM_BEFORE = re.compile(r"\b(?:from|at|over at|here at|work for|works for)\s+$", re.IGNORECASE)
# Places named after saints and people: "San Mateo", "Fort Collins", "Lake Louise".
_PLACE_BEFORE = re.compile(r"\b(?:san|santa|santo|sao|saint|st\.?|los|las|fort|ft\.?|port|mount|mt\.?|"
                           r"lake|palo|cape|point)[ \t]+$", re.IGNORECASE)
_PARTICLE_WORDS = frozenset("van von de der den da di del della du la le st bin al el ter ten dos das mc".split())
_FIRM_NEXT = re.compile(rf"[ \t]*(?:&|\band\b[ \t]+[A-Z]\w*[ \t]+(?i:{COMPANY_WORDS})\b|(?i:{COMPANY_WORDS})\b)")


def _given_names(ctx: _Context) -> list[tuple[int, int]]:
    """Known given names (:data:`GIVEN_NAMES`), with the surname after them: capitalised
    in cased lines, any case in lower-case lines; not where a company is named ("Kelly
    Services", "from Lucas", "the Victoria")."""
    text, toks, out = ctx.text, ctx.tokens, []
    for i, (at, word, _tag) in enumerate(toks):
        if _fold(word.lower()) not in GIVEN_NAMES:
            continue
        cased = ctx.cased(at)
        if (cased and not word[0].isupper()) or (len(word) > 1 and word.isupper() and cased) \
                or word.lower() in ctx.companies:
            continue
        before = text[max(0, at - 20):at]
        end = at + len(word)
        if _FIRM_BEFORE.search(before) or _DETERMINER_BEFORE.search(before) or _PLACE_BEFORE.search(before) \
                or _FIRM_NEXT.match(text, end):
            continue
        hyphen = re.match(r"[-‐][^\W\d_]+", text[end:end + 30])  # "Jean-Luc", "Mary-Jane"
        if hyphen:
            end += hyphen.end()
            while i + 1 < len(toks) and toks[i + 1][0] < end:
                i += 1
        end = _surname_end(ctx, i, end, cased)
        if _FIRM_NEXT.match(text, end):
            continue  # "Kelly Blue Book"
        out.append((at, _strip_possessive(text, at, end)))
    return out


def _surname_end(ctx: _Context, i: int, end: int, cased: bool) -> int:
    """Where the name that starts with the given name at token ``i`` ends: after the next
    word when it looks like a surname (particles "van der" included)."""
    toks, j = ctx.tokens, i + 1
    while j < len(toks) - 1 and toks[j][1].lower() in _PARTICLE_WORDS and toks[j][0] == toks[j - 1][0] + len(toks[j - 1][1]) + 1:
        j += 1
    if j >= len(toks):
        return end
    at, word, tag = toks[j]
    prev_at, prev_word, _ = toks[j - 1]
    if at != prev_at + len(prev_word) + 1 or not word[:1].isalpha() or not is_name_word(word) \
            or word.lower() in ctx.companies or _COMPANY_SUFFIX.match(word):
        return end
    if cased:
        ok = word[0].isupper() and not word.isupper()
    else:
        ok = tag in ("NNP", "NNPS") or _fold(word.lower()) in GIVEN_NAMES or (
            tag == "NN" and bool(_PHRASE_END.match(ctx.text, at + len(word))))
    return at + len(word) if ok else end
