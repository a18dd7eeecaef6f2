"""The words question detection reads (``scorer.features.questions``): wh-words, inverting
auxiliaries, discourse markers, open prompts, repairs and conventional phrases."""
from __future__ import annotations

WH_WORDS = frozenset({"what", "who", "whom", "whose", "which", "where", "when", "why", "how"})
# Auxiliaries and modals that invert with their subject in a yes/no question ("ca" and
# "wo" are spaCy's tokens for "can't" and "won't").
INVERTING_AUX = frozenset({"do", "does", "did", "is", "are", "am", "was", "were", "'s", "'re",
                           "can", "ca", "could", "would", "will", "wo", "should", "shall",
                           "have", "has", "had", "may", "might", "must", "'ve", "'ll", "'d"})
# Words that open a clause without changing its form: fillers, discourse markers and
# conjunctions ("uh, so, do you ..." is still an inverted question).
DISCOURSE = frozenset({"uh", "um", "uhm", "er", "erm", "ah", "oh", "well", "so", "and", "but",
                       "or", "okay", "ok", "now", "yeah", "yes", "no", "then", "hey", "anyway",
                       "alright", "right", "see", "listen", "also", "like", "because",
                       "'cause", "cause", "actually", "just", "first", "second", "and/or",
                       "mm", "hmm", "huh", "wow", "sure", "great", "good", "cool"})
SUBJECT_PRONOUNS = frozenset({"you", "i", "we", "they", "he", "she", "it", "there", "that",
                              "this", "these", "those", "y'all", "ya", "u", "anyone", "anybody",
                              "someone", "somebody", "everyone", "everybody", "anything",
                              "something", "everything", "one", "people", "ye"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# "So do I", "neither did we", "nor can they": inversion that is not a question.
NON_QUESTION_INVERTERS = frozenset({"so", "neither", "nor", "than", "as", "only", "never"})
NEGATIONS = frozenset({"n't", "not", "nt"})
# Tokens that may sit inside a wh-phrase before its verb: "how many people", "what kind of".
WH_PHRASE_POS = frozenset({"ADJ", "ADV", "NOUN", "PROPN", "DET", "NUM"})
# Bare repairs ("huh?", "pardon?", "what?"): a request to repeat, not a question a coach counts.
REPAIRS = frozenset({"huh", "what", "pardon", "pardon me", "sorry", "i'm sorry", "excuse me",
                     "hmm", "um", "uh", "eh", "hello", "say again", "come again", "sorry what",
                     "i 'm sorry", "what 's that", "what was that", "i beg your pardon",
                     "beg your pardon", "a what", "the what", "say what", "hm", "oh",
                     "i 'm sorry what", "sorry what", "i could n't hear you", "i ca n't hear you",
                     "i did n't hear you", "i did n't catch that", "excuse me what"})
# Verbs that introduce reported or embedded speech: "he goes, do you want to dance".
REPORTING = frozenset({"said", "say", "says", "saying", "asked", "ask", "asks", "asking", "go",
                       "goes", "went", "like", "wonder", "wondered", "wondering", "question",
                       "is", "was", "think", "thought", "know", "tell", "told", "mean"})
# Open prompts: imperative or declarative requests for an open answer.
OPEN_PROMPTS: tuple[tuple[str, ...], ...] = (
    ("tell", "me", "about"), ("tell", "me", "more"), ("tell", "me", "how"),
    ("tell", "me", "what"), ("tell", "me", "why"), ("tell", "me", "a", "little"),
    ("tell", "us", "about"), ("tell", "us", "more"), ("walk", "me", "through"),
    ("walk", "us", "through"), ("talk", "me", "through"), ("take", "me", "through"),
    ("help", "me", "understand"), ("describe",), ("explain",), ("i", "'m", "curious"),
    ("i", "am", "curious"), ("i", "m", "curious"), ("im", "curious"),
    ("i", "'d", "love", "to", "hear"), ("i", "'d", "like", "to", "hear"),
    ("i", "'d", "love", "to", "know"), ("i", "'d", "like", "to", "know"),
    ("i", "'d", "love", "to", "understand"), ("i", "'d", "like", "to", "understand"),
    ("share", "with", "me"), ("elaborate",),
)
PROMPT_STARTS = frozenset(p[0] for p in OPEN_PROMPTS)
# "Can you tell me / describe / walk me through ..." is an open prompt, not a yes/no question.
OPEN_REQUEST_VERBS = frozenset({"tell", "describe", "explain", "walk", "talk", "share",
                                "elaborate", "expand", "help"})
TAG_WORDS = frozenset({"right", "correct"})
# Words after which a new clause may start even without punctuation (raw ASR text).
CLAUSE_OPENERS = frozenset({"uh", "um", "so", "okay", "ok", "well", "now"})
TAG_PRONOUNS = frozenset({"you", "i", "we", "they", "he", "she", "it", "there", "y'all"})
# Rules that make a question even of a sentence the text ends with "." "!" "," or ";": open
# requests ("can you walk me through"), "how about ...", indirect yes/no, open prompts and
# tags ("..., isn't it." / "..., right.").
STATEMENT_SAFE_RULES = frozenset({"request", "wh-about", "indirect", "prompt", "tag"})
# A question form at the very start of a sentence survives a closing "," or "." (speakers
# trail off, transcribers put "." after questions); inside a sentence it does not.
SENTENCE_START_RULES = frozenset({"inversion"})
# Conventional phrases in question form that ask nothing a coach counts: greetings ("how are
# you doing?"), line checks ("can you hear me?"), asking the other to wait.
NOT_ASKING = (("how", "are", "you"), ("how", "are", "you", "doing"), ("how", "are", "you", "today"),
              ("how", "'re", "you", "doing"), ("how", "are", "ya"), ("how", "you", "doing"),
              ("can", "you", "hear", "me"), ("could", "you", "hear", "me"),
              ("can", "you", "hold", "on"), ("could", "you", "hold", "on"),
              ("can", "you", "hang", "on"), ("could", "you", "hang", "on"),
              ("would", "you", "hold", "on"), ("can", "you", "excuse", "me"))
TAILS = frozenset({"today", "doing", "there", "guys", "all", "okay", "ok", "now", "alright",
                    "for", "a", "just", "second", "sec", "minute", "moment", "me", "this", "morning",
                    "evening", "afternoon", "one"})
LISTENER = frozenset({"you", "ya", "y'all", "u", "ye"})
