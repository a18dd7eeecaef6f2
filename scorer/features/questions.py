"""Question detection from the parse as well as punctuation, and open vs closed.

Raw ASR text often has no "?" (or no punctuation at all), so a sentence is a question when
any of these holds (checked at each clause start, after discourse markers like "uh, so,
well" are skipped):

- a wh-word (what, who, where, when, why, how, which, whose) followed by an inverted
  auxiliary and its subject ("how do you feel", "what kind of car do you drive"), or a
  wh-word that is itself the subject ("who handles billing"), or "how/what about ...",
  "how come", "why not";
- subject-auxiliary inversion: an auxiliary or modal before its subject ("do you",
  "are you", "can we", "is it", "is there");
- an open prompt: "tell me about", "walk me through", "help me understand", "I'm curious",
  "I'd love to hear", "can you describe";
- a tag at the end: "..., isn't it", "..., don't you", "..., right";
- it ends with "?" (a declarative question, "you have kids?"), unless it is a bare repair
  or backchannel ("huh?", "what?", "really?"), which a coach does not count.

Punctuation is evidence where there is some: a sentence the text ends with "." "!" or ","
only counts when the question is asked of the listener ("do you ...", "..., aren't you"),
or is a prompt, an indirect question or "how about"; unpunctuated text gets every rule.
docs/FEATURES.md has the full list and the Switchboard measurements.

Open: wh-questions and open prompts. Closed: yes/no, tag and or-questions, and
declarative questions. Only token attributes set by a tagger and a parser are used
(``lower_``, ``pos_``, ``tag_``, ``dep_``, ``head``), never lemmas, so the same function
serves the features and ``eval/swda_questions.py``.
"""
from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from scorer.features.question_words import (
    CLAUSE_OPENERS, DISCOURSE, INVERTING_AUX, LISTENER, NEGATIONS, NON_QUESTION_INVERTERS,
    NOT_ASKING, OPEN_PROMPTS, OPEN_REQUEST_VERBS, PROMPT_STARTS, REPAIRS, REPORTING,
    SENTENCE_START_RULES, STATEMENT_SAFE_RULES, SUBJECT_DEPS, SUBJECT_PRONOUNS, TAG_PRONOUNS,
    TAG_WORDS, TAILS, WH_PHRASE_POS, WH_WORDS,)

QuestionKind = Literal["open", "closed"]

def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _skip_discourse(tokens: list[Token], i: int) -> int:
    """Index of the first token at or after ``i`` that is not a discourse marker."""
    n = len(tokens)
    while i < n:
        t = tokens[i]
        low = t.lower_
        if t.is_punct or t.is_space or low in DISCOURSE or t.tag_ == "UH":
            i += 1
        elif low == "you" and i + 1 < n and tokens[i + 1].lower_ == "know" and not (
                i + 2 < n and tokens[i + 2].lower_ in ("what", "how", "why", "where", "when", "who",
                                                      "if", "whether", "that")):
            i += 2  # "you know, do you ..."
        elif low == "i" and i + 1 < n and tokens[i + 1].lower_ == "mean":
            i += 2
        elif t.pos_ == "PROPN" and i + 1 < n and tokens[i + 1].lower_ == ",":
            i += 2  # a vocative: "Jerry, what did you think"
        elif i + 1 < n and tokens[i + 1].lower_ == low:
            i += 1  # a stutter: "did did you", "what what do you"
        elif i + 3 < n and tokens[i + 2].lower_ == low and tokens[i + 3].lower_ == tokens[i + 1].lower_:
            i += 2  # a restart: "do you do you think"
        else:
            break
    return i


def _clause_starts(tokens: list[Token]) -> list[int]:
    """Positions where a clause may begin: the start, after punctuation, conjunctions, fillers."""
    starts = [0]
    for i, t in enumerate(tokens[:-1]):
        if t.is_punct or t.pos_ in ("CCONJ", "INTJ") or t.tag_ == "UH" or \
                t.lower_ in CLAUSE_OPENERS:
            starts.append(i + 1)
    return starts


def _after_discourse(tokens: list[Token], i: int) -> bool:
    """Does the clause at ``i`` follow a discourse marker or conjunction ("..., so what
    would you change") rather than a noun it could be a relative clause of ("the team,
    which ...")?"""
    k = i - 1
    while k >= 0 and (tokens[k].is_punct or tokens[k].tag_ == "UH" or
                      tokens[k].lower_ in ("uh", "um")):
        k -= 1
    return k >= 0 and tokens[k].lower_ in CLAUSE_OPENERS


def _is_subject(tokens: list[Token], i: int) -> bool:
    """Is the token at ``i`` (after an auxiliary) the start of that auxiliary's subject?"""
    if i >= len(tokens):
        return False
    t = tokens[i]
    if t.lower_ in SUBJECT_PRONOUNS and t.pos_ in ("PRON", "DET", "NOUN", "NUM", "ADV"):
        return True
    if t.dep_ in SUBJECT_DEPS:
        return True
    if t.pos_ in ("DET", "PROPN", "NOUN", "NUM", "ADJ", "PRON"):
        # "does your company ...": the determiner's head is the subject.
        head = t.head
        hops = 0
        while head is not t and hops < 3 and head.i > t.i:
            if head.dep_ in SUBJECT_DEPS:
                return True
            t, head, hops = head, head.head, hops + 1
    return False


def _is_aux(t: Token) -> bool:
    low = t.lower_
    if low not in INVERTING_AUX:
        return False
    if low in ("do", "does", "did", "have", "has", "had"):
        return t.pos_ == "AUX" or t.dep_ in ("aux", "auxpass")
    if low in ("is", "are", "am", "was", "were", "'s", "'re"):
        return t.pos_ in ("AUX", "VERB")
    return t.tag_ == "MD" or t.pos_ == "AUX"


def _inverted_at(tokens: list[Token], i: int) -> bool:
    """Auxiliary at ``i`` followed (after an optional "n't"/"not") by its subject, and
    something after the subject: "do you have," trailing off is abandoned, not asked."""
    if i >= len(tokens) or not _is_aux(tokens[i]):
        return False
    j = i + 1
    if j < len(tokens) and tokens[j].lower_ in NEGATIONS:
        j += 1
    if not _is_subject(tokens, j):
        return False
    rest = [t for t in tokens[j + 1:] if not (t.is_punct or t.tag_ == "UH" or t.lower_ in ("uh", "um"))]
    return bool(rest) or tokens[-1].text.endswith("?")


def _matches(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].lower_ == w for k, w in enumerate(phrase))


def _open_prompt_at(tokens: list[Token], i: int) -> bool:
    if tokens[i].lower_ not in PROMPT_STARTS:
        return False
    if _matches(tokens, i, ("tell", "me", "about", "it")):
        return False  # the idiom of agreement
    for phrase in OPEN_PROMPTS:
        if _matches(tokens, i, phrase):
            # "describe"/"explain" only as an imperative at the clause start.
            if len(phrase) == 1 and tokens[i].tag_ not in ("VB", "VBP"):
                continue
            return True
    return False


def _wh_question_at(tokens: list[Token], i: int, sentence_initial: bool) -> str | None:
    """The form of the wh-question starting at ``i`` (a wh-word at a clause start), or None.

    Forms: ``wh-inv`` (inverted: "how do you feel"), ``wh-about`` ("how about you", "how
    come", "why not"), ``wh-be`` ("what's the plan"), ``wh-subject`` ("who handles it").

    After a comma inside a sentence a wh-word is usually a relative ("..., which is
    wonderful", "..., who owns it"), so there only the inverted form counts; the looser
    forms (subject questions, "what's ...") need the wh-word to open the sentence.
    """
    n = len(tokens)
    t = tokens[i]
    low = t.lower_
    if low not in WH_WORDS:
        return None
    nxt = tokens[i + 1] if i + 1 < n else None
    if nxt is None or nxt.is_punct:
        # "what?" alone is a repair; "where?" "why?" as whole questions are caught by "?".
        return None
    if sentence_initial:
        if (nxt.lower_ == "about" and low in ("how", "what")) or \
                (low == "how" and nxt.lower_ == "come") or (low == "why" and nxt.lower_ == "not"):
            return "wh-about"  # "how about you", "what about pricing", "how come", "why not"
        if low == "how" and nxt.lower_ in ("you", "ya", "y'all") and i + 2 < n and \
                tokens[i + 2].tag_ == "VBG":
            return "wh-about"  # "how you doing"
    # Walk over the wh-phrase ("how many people", "what kind of car") to its verb.
    j = i + 1
    steps = 0
    while j < n and steps < 6 and (tokens[j].pos_ in WH_PHRASE_POS or
                                   tokens[j].lower_ in ("of", "and", "or")) \
            and not _is_aux(tokens[j]) and tokens[j].lower_ not in SUBJECT_PRONOUNS:
        j += 1
        steps += 1
    if j >= n:
        return None
    if not sentence_initial:
        return "wh-inv" if _strong_inversion_at(tokens, j) else None
    if _inverted_at(tokens, j):
        return "wh-inv"
    v = tokens[j]
    if j == i + 1 and low in ("what", "who", "where", "how", "why", "when") and \
            v.lower_ in ("'s", "is", "are", "'re", "was", "were") and j + 1 < n and \
            not tokens[j + 1].is_punct and tokens[j + 1].tag_ not in ("VBN",):
        return "wh-be"  # "what's the plan", "where's that", "how's it going"
    # Subject questions: "who handles billing", "what happened", "how many people use it".
    main = ("ROOT", "ccomp", "conj", "parataxis")  # run-on ASR sentences nest main clauses
    if v.pos_ in ("VERB", "AUX") and v.tag_ in ("VBD", "VBZ", "VBP", "MD") and \
            (v.dep_ in main or (v.tag_ == "MD" and v.head.dep_ in main)):
        if j == i + 1 and low in ("who", "what"):
            return "wh-subject"
        determiner = low in ("which", "whose", "what") or (
            low == "how" and nxt.lower_ in ("many", "much"))
        if determiner and any(tokens[k].dep_ in SUBJECT_DEPS for k in range(i + 1, j)):
            return "wh-subject"
    return None


def _indirect_yes_no_at(tokens: list[Token], i: int) -> bool:
    """"I don't know if you've ..." / "I was wondering if you ...": an indirect yes/no question."""
    words = [t.lower_ for t in tokens[i:i + 7]]
    text = " ".join(words)
    for lead in ("i do n't know if you", "i do n't know whether you", "i wonder if you",
                 "i was wondering if you", "i 'm wondering if you", "i wondered if you",
                 "i wonder whether you", "i was wondering whether you"):
        if text.startswith(lead):
            return True
    return False


def _open_request(tokens: list[Token], i: int) -> bool:
    """"can you tell me / could you walk me through": inverted, but asking for an open answer."""
    j = i + 1
    if j < len(tokens) and tokens[j].lower_ in NEGATIONS:
        j += 1
    if j >= len(tokens) or tokens[j].lower_ not in ("you", "ya", "y'all"):
        return False  # "would it help ..." is a yes/no question
    j += 1
    while j < len(tokens) and tokens[j].pos_ in ("ADV", "PART") and tokens[j].lower_ != "to":
        j += 1
    return j < len(tokens) and tokens[j].lower_ in OPEN_REQUEST_VERBS and \
        tokens[i].lower_ in ("can", "could", "would", "will", "ca", "wo")


def _tag_question(content: list[Token]) -> bool:
    """"..., isn't it" / "..., don't you" at the end of a sentence with a verb of its own."""
    if len(content) > 2 and [t.lower_ for t in content[-2:]] in (["you", "know"], ["i", "mean"]):
        content = content[:-2]  # "..., don't they, you know"
    n = len(content)
    if n < 4 or content[-1].lower_ not in TAG_PRONOUNS:
        return False
    if content[-2].lower_ in NEGATIONS and content[-3].lower_ in INVERTING_AUX and \
            content[-3].lower_ not in ("'s", "'re", "'ve", "'ll", "'d"):
        # "aux + n't + pronoun" closing a sentence is a tag whatever the tagger made of the
        # auxiliary ("that explains it, doesn't it": "does" is often tagged a verb).
        aux = content[-3]
        if content[-1].lower_ == "there" and any(
                t.head == aux and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "PRON")
                for t in content[:-3]):
            return False  # "the savings weren't there": "were" has its own subject; a place
        # "but that wasn't it" has no clause before the tag: not a tag question; "kind of
        # fun, isn't it" has a comma and two words before it instead.
        before = content[:-3]
        comma = aux.i > 0 and aux.doc[aux.i - 1].text == ","
        return any(t.pos_ in ("VERB", "AUX") for t in before) or (comma and len(before) >= 2)
    if _is_aux(content[-2]) and content[-3].lower_ not in NON_QUESTION_INVERTERS | WH_WORDS \
            and content[-1].dep_ in SUBJECT_DEPS:
        # A positive tag after a negative clause: "it doesn't mix well, does it".
        return any(t.lower_ in NEGATIONS for t in content[:-2])
    return False


def _comma_tag(tokens: list[Token]) -> bool:
    """", right" / ", correct" closing a sentence."""
    words = [t for t in tokens if not t.is_space]
    while words and words[-1].is_punct and words[-1].lower_ != ",":
        words.pop()
    if len(words) >= 4 and words[-2].lower_ == "," and words[-1].lower_ in TAG_WORDS:
        return words[-3].lower_ not in ("all", "that", "'s")
    return False


def _reported(tokens: list[Token], i: int) -> bool:
    """Is the clause at ``i`` reported or embedded speech ("he said, do you ...")?"""
    k = i - 1
    while k >= 0 and (tokens[k].is_punct or tokens[k].lower_ in DISCOURSE or tokens[k].tag_ == "UH"
                      or (tokens[k].pos_ == "PROPN" and k > 0 and tokens[k - 1].is_punct)):
        k -= 1  # also over a vocative or an exclamation: "she said, now, do you ..."
    return k >= 0 and tokens[k].lower_ in REPORTING


def _quotes_a_question(tokens: list[Token]) -> bool:
    """A reporting verb and a comma before the rest ("I asked him, Son, where do I go?")."""
    for k, t in enumerate(tokens[:-2]):
        if t.lower_ in ("said", "say", "says", "saying", "asked", "ask", "asks", "asking",
                        "goes", "thought", "question") and tokens[k + 1].text in (",", ":"):
            return True
    return False


def _strong_inversion_at(tokens: list[Token], i: int) -> bool:
    """Inversion inside a sentence: a personal-pronoun subject parsed as the subject."""
    if not _inverted_at(tokens, i):
        return False
    j = i + 1
    if tokens[j].lower_ in NEGATIONS:
        j += 1
    subj = tokens[j]
    return subj.lower_ in ("you", "we", "they", "he", "she", "it", "there", "i", "y'all") and \
        subj.dep_ in SUBJECT_DEPS and j + 1 < len(tokens) and not tokens[j + 1].is_punct


def _root_inversion(tokens: list[Token]) -> QuestionKind | None:
    """Main-clause inversion anywhere in the sentence, as the parse sees it.

    An auxiliary of the sentence's root verb directly before a personal-pronoun subject of
    that same verb ("when you have kids will you work", "if they have new evidence can
    they retry"). Catches questions after an opening clause, where unpunctuated text gives
    no clause start. Reported questions ("he said, do you ...") hang below the reporting
    verb, not at the root, so they do not count. A wh-word before the auxiliary makes it open.
    """
    for k, t in enumerate(tokens[1:], start=1):
        if not _is_aux(t):
            continue
        verb = t if t.dep_ == "ROOT" else t.head
        prev = tokens[k - 1]
        if verb.dep_ != "ROOT" or prev.lower_ in NON_QUESTION_INVERTERS or prev.pos_ == "PRON":
            continue
        if any(w.dep_ in SUBJECT_DEPS and w.head == verb for w in tokens[:k]):
            continue  # a restart ("I don't, I don't want"), not an inversion
        j = k + 1
        if j < len(tokens) and tokens[j].lower_ in NEGATIONS:
            j += 1
        if j + 1 >= len(tokens):
            continue
        subj = tokens[j]
        if subj.lower_ in TAG_PRONOUNS and subj.dep_ in SUBJECT_DEPS and subj.head == verb and \
                not tokens[j + 1].is_punct:
            wh = any(w.lower_ in WH_WORDS and w.head == verb and w.i < t.i for w in tokens[:k])
            return "open" if wh else "closed"
    return None


def _addresses_listener(tokens: list[Token]) -> bool:
    """Does the sentence's first inverted auxiliary, or its closing tag, take "you" as
    its subject ("do you", "what would you", "..., aren't you")?"""
    content = _content(tokens)
    if len(content) >= 2 and content[-1].lower_ in LISTENER and \
            (_is_aux(content[-2]) or content[-2].lower_ in NEGATIONS):
        return True
    for i, t in enumerate(tokens[:-1]):
        if _is_aux(t):
            j = i + 1
            if tokens[j].lower_ in NEGATIONS and j + 1 < len(tokens):
                j += 1
            return tokens[j].lower_ in LISTENER
    return False


def _backchannel(content: list[Token]) -> bool:
    """An echo that only keeps the other party talking: "really?", "is that right?",
    "oh, do you?", "you did?" (Switchboard tags these as backchannel questions)."""
    words = [t.lower_ for t in content if t.lower_ not in ("oh", "uh", "um", "well", "wow")]
    if not words or len(words) > 4:
        return False
    if words in (["really"], ["yeah"], ["is", "that", "right"], ["is", "that", "so"],
                 ["is", "that", "true"], ["oh", "yeah"], ["no"], ["yes"], ["sure"]):
        return True
    # Elliptical aux + pronoun, nothing else: "do you", "you did", "are you really".
    aux = [w for w in words if w in INVERTING_AUX]
    rest = [w for w in words if w not in INVERTING_AUX and w not in NEGATIONS and w != "really"]
    return len(aux) == 1 and len(rest) == 1 and rest[0] in SUBJECT_PRONOUNS - {"there", "one"}


def classify_question(sent: Span | Doc) -> QuestionKind | None:
    """``"open"``, ``"closed"`` or ``None`` (not a question) for one sentence.

    Needs a Doc with ``tag_``, ``pos_`` and ``dep_`` set (tagger, attribute ruler, parser).
    """
    return explain_question(sent)[0]


def explain_question(sent: Span | Doc) -> tuple[QuestionKind | None, str]:
    """Like :func:`classify_question`, plus the name of the rule that decided it."""
    tokens = list(sent)
    content = _content(tokens)
    if not content:
        return None, "empty"
    ends_with_q = "?" in "".join(t.text for t in tokens[-2:])
    last = tokens[-1].text
    terminal = last[-1] if tokens[-1].is_punct and last[-1] in ".!?,;" else ""
    bare = " ".join(t.lower_ for t in content if t.tag_ != "UH" or t.lower_ in REPAIRS) or \
        " ".join(t.lower_ for t in content)
    if bare in REPAIRS:
        return None, "repair"
    if _backchannel(content):
        return None, "backchannel"
    words = tuple(t.lower_ for t in content if t.tag_ != "UH" and t.lower_ not in DISCOURSE)
    if any(words[:len(p)] == p and all(w in TAILS for w in words[len(p):]) for p in NOT_ASKING):
        return None, "conventional"
    kind: QuestionKind | None = None
    rule = "none"
    wh_at_start = False
    tag = _tag_question(content) or _comma_tag(tokens)
    for n_start, start in enumerate(_clause_starts(tokens)):
        i = _skip_discourse(tokens, start)
        if i >= len(tokens):
            continue
        initial = n_start == 0 or i == _skip_discourse(tokens, 0) or _after_discourse(tokens, i)
        if tokens[i].lower_ in WH_WORDS:
            wh_at_start = True
        if not initial and (tag or _reported(tokens, i)):
            continue
        if _open_prompt_at(tokens, i):
            kind, rule = "open", "prompt"
            break
        wh = _wh_question_at(tokens, i, initial)
        if wh:
            kind, rule = "open", wh + ("" if initial else "-inner")
            break
        if _indirect_yes_no_at(tokens, i):
            kind, rule = "closed", "indirect"
            break
        if _inverted_at(tokens, i) if initial else _strong_inversion_at(tokens, i):
            before = tokens[i - 1].lower_ if i > 0 else ""
            rest = _content(tokens[i + 1:])
            if before in NON_QUESTION_INVERTERS and len(rest) <= 2:
                continue  # "so do I", "neither did we"
            kind = "open" if _open_request(tokens, i) else "closed"
            rule = ("request" if kind == "open" else "inversion") + ("" if initial else "-inner")
            break
    if kind is None and tag:
        kind, rule = "closed", "tag"
    if kind is None:
        root = _root_inversion(tokens)
        if root is not None:
            kind, rule = root, "inversion-root"
    if kind is not None and terminal in (".", "!", ",", ";") and rule not in STATEMENT_SAFE_RULES and \
            not (rule in SENTENCE_START_RULES and terminal in (",", ".")) and \
            not _addresses_listener(tokens):
        # Punctuated text that chose "." or "," over "?" is evidence against a question;
        # a question form addressed to the listener ("do you ...", "what do you ...")
        # still outweighs it, others do not ("what do I know.", "is that what it is,").
        kind, rule = None, rule + ":punctuated"
    if kind is None and ends_with_q and _quotes_a_question(tokens):
        return None, "reported"  # "I said, how are you doing?", "we sit around and say, ..."
    if kind is None and ends_with_q:
        # A declarative question ("you have kids?"); open when a wh-word opens a clause or
        # closes the sentence ("what kind of cash?", "and you went where?").
        wh_last = content[-1].lower_ in WH_WORDS
        kind = "open" if wh_at_start or wh_last else "closed"
        rule = "question-mark"
        low = [t.lower_ for t in content[-2:]]
        if low in (["you", "know"], ["i", "mean"], ["you", "see"]) and len(content) > 2:
            kind, rule = None, "filler-tag"  # "..., you know?" is a filler, not a question
    return kind, rule


#: Each sentence of an utterance with its question kind (None: not a question).
Judged = list[tuple[Span, "QuestionKind | None"]]


def judge_sentences(doc: Doc) -> Judged:
    """Every sentence of a parsed ``doc`` with its kind or None, in order. The feature
    modules share this one judgement per utterance."""
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    return [(sent, classify_question(sent)) for sent in sents]


def classify_doc(doc: Doc) -> list[tuple[Span, QuestionKind]]:
    """Every question sentence of a parsed ``doc`` with its kind, in order."""
    return [(s, k) for s, k in judge_sentences(doc) if k is not None]
