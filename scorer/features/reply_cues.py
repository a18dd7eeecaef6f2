"""The phrase cues a reply verdict is read from (``scorer.features.replies`` applies them).

Each cue is a regular expression over one clause of a reply, lower-cased, fillers ("uh",
"um") and stutters ("we're we're") removed (``replies.clean``). They were written from the
classes of docs/FEATURES.md (what accepting, declining and putting off a next step sound
like in spoken English) and checked on the development sets; docs/FEATURES.md lists what
they still miss.
"""
from __future__ import annotations

import re

from scorer.features.common import phrases
from scorer.features.timex import TIME


_any = phrases


_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
           r"thirty|forty-five|noon|\d{1,2}(?::\d\d)?)")
# A bare "no" / "nope" as an answer word, not "no problem", "no idea", "no one".
NO_WORD = re.compile(
    r"(?<![\w'-])(?:no|nope|nah|naw|huh-uh|uh-uh|nuh-uh|nuh uh|negative)(?![\w'-])"
    r"(?!\s*(?:problem|prob|worries|worry|doubt|question|rush|pressure|big deal|sweat|matter|"
    r"idea|clue|one|later|earlier|more than|less than|sooner|time like|good\b|charge|cost|"
    r"strings|obligation|commitment|harm|reason not|objection|complaints))")

# "I wouldn't say no", "I don't see why not", "not a bad idea": a negated refusal accepts.
NEGATED_NO = _any(
    r"(?:wouldn't|would not|won't|can't|cannot|couldn't|could not|not going to|not gonna) (?:say|turn (?:that|it) down|"
    r"refuse|pass (?:that|it) up|argue)(?: no)?", r"(?:don't|do not|can't) see why not",
    r"why not\W*$", r"not (?:a )?bad(?: idea)?", r"no reason not to", r"no objections?",
    r"can't complain", r"not opposed", r"(?:wouldn't|couldn't|can't|won't|doesn't) hurt",
    r"no harm in", r"not against (?:it|that|the idea)", r"(?:wouldn't|don't|do not|would not) mind")
# After "mind if I ...?" / "would you mind ...?" a "no" grants the request.
MIND_YES = re.compile(r"^\W*(?:no|nope|not at all|of course not|not in the least|go ahead|"
                      r"go for it|no problem|please do|sure|feel free)\b")
NOT_A_NO = _any(r"not (?:saying|a) no", r"(?:it's|that's|this is) not a no", r"not a hard no")
# "Probably not", "I guess not": hedged, but a refusal (Switchboard labels them "no").
HEDGED_NOT = _any(r"(?:probably|maybe|perhaps|i guess|i think|guess|i suppose|i'd say|"
                  r"i would say|hopefully|absolutely|definitely|certainly|of course|surely|"
                  r"really|sadly|unfortunately|honestly|frankly|basically|most likely) (?:not|no)\b"
                  r"(?! (?:sure|yet|until|before|now|right now|this|today|at the moment))")

# Putting the step off: hedges, checks with someone else, a request for material instead,
# a later time, a condition that postpones it.
DEFER = _any(
    r"maybe(?! not)", r"perhaps(?! not)", r"possibly(?! not)", r"(?<!as soon as )(?:it's |that's )?possible",
    r"probably(?! not)", r"potentially", r"might", r"may be", r"could be", r"we'll see",
    r"we will see", r"let's see", r"i'll see", r"no promises", r"(?:i'm |we're )?not (?:too |so |"
    r"really |entirely |a hundred percent )?sure", r"unsure", r"(?:don't|do not|didn't) (?:really )?"
    r"know", r"dunno", r"no idea", r"not certain", r"hard to say", r"it depends", r"depends on",
    r"let me (?:\w+ )?(?:check|think|talk|see|look|ask|run|confirm|discuss|get back|sit|sleep|"
    r"mull|circle|chat|loop|review|figure|find out|consult|touch base|sync|speak|clear|digest|"
    r"double-check|noodle|pull|run it|take it|bring it|float|kick it|get with|see what)",
    r"(?:i|we|he|she|they)?(?:'ll| will|'d| would| still)? ?(?:need|have|has|got|gotta|needs)"
    r" to (?:\w+ ){0,2}(?:check|talk|ask|run|think|discuss|consult|see (?:how|what|who|if|whether|"
    r"where|which)|clear|loop|confirm|look|"
    r"review|speak|sync|sleep|sit|mull|wait|figure|find out|read|bring|pass it|get (?:approval|"
    r"sign-?off|buy-?in|the ok|the okay|permission|a sense|input|feedback|back)|hear|sort|"
    r"finish|wrap|get through|run it|go over|take a look|involve|include|touch base)",
    r"(?:i|we)(?:'ll| will| can| could) (?:check|think|ask|see|talk|discuss|run|look into|consult|"
    r"bring it up|bring it to|get back|circle|let you know|mention it|pass it|float it|raise it|"
    r"take it to|put it in front|show it to)",
    r"get back to (?:you|u|ya)", r"let you know", r"circle back", r"loop back",
    r"touch base (?:later|again|after|in|next|closer|then)",
    r"(?:reach|call|get|be|ping|contact|email) (?:out|in touch|back|you|u)?\s?(?:later|again|"
    r"next|when|if|once|after|in a|down the)", r"ping me", r"try me", r"ask me (?:again|later|in|"
    r"after|next|when)", r"talk (?:to me |again |about (?:it|this|that) )?(?:after|later|closer|"
    r"next (?:month|quarter|year|season)|in (?:a|the|q\d)|when|once)", r"revisit",
    r"come back to (?:this|it|me|that)", r"pick (?:this|it) (?:back )?up", r"down the (?:line|road)",
    r"some other time", r"another time", r"at a later (?:date|point|time)", r"later on",
    r"later(?! (?:this|today|that|in the day|on today|tonight|tomorrow|next week|this week))",
    r"check with", r"run (?:it|this|that|that one) (?:by|past)", r"talk to (?:my|our|the|her|him|"
    r"them)", r"speak (?:to|with) (?:my|our|the|her|him|them)", r"ask (?:my|our|the|her|him|them)",
    r"clear (?:it|this|that|anything)(?: like that)? with", r"(?:i'll|i will|we'll|i'd|i want to|i wanna|gotta) loop (?:in|them in|him in|her in)",
    r"bring (?:it|this|that) (?:up )?(?:to|with)", r"(?:is|'s|it's) (?:really |all )?up to",
    r"(?:his|her|their|the \w+'s|my boss's|the owner's) (?:call|decision)",
    r"not (?:my|our) (?:call|decision)",
    r"not (?:right )?now", r"not yet", r"not today", r"not (?:this|that) (?:week|month|quarter|"
    r"year|time|season|semester|spring|summer|fall|winter|round|cycle|go-round)",
    r"not (?:at the moment|for now|for a while|anytime soon|any time soon|so soon|just yet)",
    r"not (?:until|till|before|while)", r"(?:until|till) after",
    r"let's (?:talk|chat|speak|reconnect|touch base|regroup) (?:again )?(?:in|after|next|later|closer)",
    r"(?:n't|not)\b[^.?!]{0,40}\byet\b", r"let's (?:wait|hold|hold off|pause|table|park)",
    r"wait (?:on|with) (?:that|it|this)", r"(?:i'll|i will|we'll|let me) (?:send|get|give) you "
    r"(?:a time|some times|a date|some dates|a couple of (?:times|dates))", r"hold off", r"on hold",
    r"(?:hold|holding) (?:on|off) (?:for now|until|till)", r"back burner", r"put (?:it|this|that) on ice",
    r"closer to (?:then|the date|that|the time)", r"(?:conversation|discussion|topic|talk|question|"
    r"something) for (?:when|after|later|next|another|the)", r"(?:when|once) (?:things|it|we|our|"
    r"the|they|he|she|i)\b.{0,30}\b(?:calm|settle|slow|quiet|over|done|back|wrap|finish|renew|"
    r"hired|through|sorted|ready|live|approved|closes|lands|starts|ends)",
    r"next (?:quarter|year|month|season|semester|fiscal|budget cycle|spring|summer|fall|winter)",
    r"in (?:a |an )?(?:few|couple(?: of)?|month|several) ?(?:weeks|months|quarters|of months|"
    r"or two|or so)?(?! (?:minutes|hours|days))", r"in q[1-4]", r"in (?:the )?(?:spring|summer|"
    r"fall|autumn|winter|new year)", r"(?<!right )after (?:the )?(?:holidays|new year|first of the year|"
    r"summer|winter|spring|fall|quarter|season|tax season|audit|budget|merger|launch|migration|"
    r"move|renovation|busy season|rush|conference|trade show|review|hire|that|then|this|it|"
    r"\w+ season|the \w+ (?:is|wraps|closes|ends|settles)|we(?:'ve| have)?)",
    r"once (?:we|i|they|he|she|the|our|things|it|that|this)\b", r"wait (?:until|till|for|and see)",
    r"(?:can't|cannot|won't|nothing|not|no|don't)\b[^.?!]{0,40}\b(?:until|till)\b",
    r"(?:can't|cannot|won't|couldn't) (?:commit|say yes|promise|plan|decide|give you an answer|"
    r"make that call|make a decision|agree)", r"(?:no|can't make a) decision (?:yet|today|now)",
    r"needs? (?:another|more|a few more|a couple more|an extra) (?:week|weeks|days|time|month)",
    r"(?:i|we) doubt", r"doubtful", r"haven't decided", r"still (?:figuring|deciding|thinking|working|evaluating|looking|weighing|"
    r"sorting|in the middle|waiting)", r"need (?:some |more )?time", r"give me (?:some |a )?(?:time|"
    r"a few|a week|a couple)", r"sleep on it", r"sit on it", r"mull", r"think (?:about it|it over|"
    r"on it|about that)", r"decided to (?:wait|hold|revisit|pause|hold off|push)",
    r"first\W*$", r"first (?:and|then|before|so)", r"before (?:we|i) (?:commit|agree|decide|sign|"
    r"go any further|get on|do anything|move forward|say yes)",
    r"(?:don't|do not) know (?:my|our|the|his|her) (?:schedule|calendar|availability)",
    r"(?:have|has|need|needs|would need) to go through (?:the|our|my|his|her|their|legal|procurement|"
    r"finance|corporate|[\w-]+'s)", r"(?:i'll|i will|let me|i can|we'll) (?:forward|pass|send) (?:him|her|them) "
    r"(?:your|the) (?:info|information|details|number|email|contact)",
    r"(?:reach out|call you|contact you|let you know|get in touch|be in touch|ping you|give you a "
    r"(?:shout|call|ring|holler))\b.{0,20}\bif\b", r"if (?:we|anything|things|the budget|it) "
    r"(?:ever|change|decide|need|frees|opens|comes)")
# A condition that puts the step off, opening the clause or after a comma ("sure, as soon as
# the budget gets approved"): "once legal's done with the MSA",
# "when the new principal starts in January", "as soon as the budget gets approved", "not
# until we've moved in" ("as soon as possible" and "when works for you?" are not).
CONDITION_LATER = re.compile(
    r"(?:^|,)\W*(?:not until|until|till|once|as soon as|when|after)\s+(?!possible\b|you(?:'re)? (?:can|like|want)|"
    r"(?:we|i) can\b|works?\b|would|could|is good|suits)(?:(?:the|our|my|his|her|their|we|we've|we're|they|"
    r"they're|he|he's|she|she's|it|it's|i|i've|i'm|legal|finance|procurement|corporate|management|"
    r"things|everything|[a-z]+'s)\b)")
# A vague later time: "probably at some point, just not sure when".
VAGUE_LATER = _any(r"at some point", r"some ?day", r"one of these days", r"eventually",
                   r"not sure when", r"(?:sometime|some time) (?:down the|later|next|in the)")
# Asking for material instead of the step ("just send me an email"): a deferral, unless the
# proposal was to send something ("Can I send you some dates?" "Email me a couple.").
MATERIAL = _any(
    r"(?:in|put (?:it|that|this|something|everything) in) writing", r"(?:in|via|by|over) "
    r"(?:an |)e-?mail", r"e-?mail (?:me|us|it|that|something|the|over|details|info)",
    r"(?:send|shoot|mail|drop|forward|get) (?:me|us) (?:\w+ ){0,3}(?:info|information|details|"
    r"deck|one-pager|one pager|brochure|overview|material|materials|literature|summary|"
    r"case stud(?:y|ies)|pdf|slides|specs|spec sheet|something|note|line|email|e-mail|write-up|"
    r"writeup|pricing|numbers|questionnaire|answers|document|docs|options|dates)",
    r"(?:get|have|see|watch) (?:the|a) (?:recording|replay|deck|slides|one-pager|video)",
    r"(?:send|shoot) (?:it|that|something|some|all that|that stuff|everything) (?:over|my way|"
    r"to me|along)(?! (?:and|then|today|tonight|now|right away))")
# A meeting to go through a document is a meeting, not an offer to send it ("Shall we say
# Tuesday at 4 to go through a proposal together?" "Just email me something.": a put-off).
REVIEW_MEETING = re.compile(r"\b(?:go|going|walk|run|talk|step)(?: \w+){0,3} through (?:a|the|our|your|my)"
                            r"(?: \w+)? (?:proposal|quote|pricing|contract|agreement|numbers|order form)\b")
SEND_OFFER = re.compile(r"\b(?:send|email|e-mail|shoot|forward|mail|drop off|put together|draft|"
                        r"contract|quote|proposal|agreement|paperwork|order form|pricing|sow|msa|"
                        r"write up|get you|prepare)\b")
# Refusing the step: refusal words, "not interested", "we don't need", a vendor already
# chosen, a decision made against it.
DECLINE = _any(
    r"not (?:really|particularly|especially|so much|at all|for (?:me|us|now)|interested|a (?:good |"
    r"great |real )?fit|something (?:we|i)|what (?:we|i)(?:'re| are) looking for|in the market|"
    r"(?:going|gonna)(?: to)? \w+|happening|"
    r"necessary|needed|worth it|buying|signing|changing|switching|moving forward|looking to|"
    r"looking for|doing (?:a|an|any|that|this|it|the)|something we|for our|an option|a priority)",
    r"(?:i|we)(?:'re| are) not (?:doing|going|interested|buying|switching|changing|signing)",
    r"(?:i|we|they|she|he)(?: really| just)? (?:don't|do not|won't|will not|wouldn't|would not|"
    r"can't|cannot|couldn't|doesn't|does not)(?: really| even)? (?:need|want|think so|think (?:we|"
    r"i|that|it|this|she|he|they)|see (?:the|a|any) (?:need|point|value|use|reason)|have (?:the |a |any )?(?:budget|"
    r"time|need|money|use)|do (?:it|that|this|any|those|demos|trials|calls)|make (?:it|time)|"
    r"afford|justify|go for|take|bother|use|sell|let)", r"(?:i|we) (?:can't|cannot|couldn't)\W*$",
    r"(?:i|we) (?:can't|cannot|couldn't) (?:do (?:it|that|this|any)|make (?:it|that) work|"
    r"take (?:it|that|this) on|add|sign|buy|switch|change|justify|afford)",
    r"(?:i|we)(?:'d| would)? rather (?:not|you (?:didn't|not|wouldn't)|pass|skip)",
    r"(?:i'll|we'll|i will|we will|going to|gonna|have to|i'm going to|we're going to) pass",
    r"(?:pass|passing|passed) on", r"take a pass", r"hard pass", r"seen enough",
    r"(?:doesn't|don't|won't|never|do not|does not) (?:meet|take (?:meetings|calls)|talk|work) "
    r"with (?:vendors|salespeople|sales reps|reps)", r"(?:it's|that's|is) a (?:hard |firm |definite )?no",
    r"say no", r"the answer is no", r"no thanks", r"no thank you", r"thanks,? but no",
    r"don't bother", r"wouldn't bother", r"no point", r"please don't", r"don't (?:send|call|email|"
    r"schedule|book|set|bother|waste)", r"stop (?:calling|emailing|contacting|texting|sending)",
    r"take (?:me|us) off", r"remove (?:me|us)", r"unsubscribe", r"lose my number",
    r"no need", r"no way", r"not a chance", r"no chance", r"forget (?:it|about it)",
    r"let's not", r"better not", r"^\W*pass\W*$",
    r"(?:don't|do not|didn't) (?:really )?think (?:it's|that's|that is|it is|we|i|this is|"
    r"this|that)\b[^.?!]{0,30}\b(?:necessary|needed|worth|a fit|for us|makes? sense|need)",
    r"(?:not|never) (?:going to|gonna) happen", r"(?:won't|will never|would never) happen", r"(?:we|i|they|she|he)(?:'d| would|'ll| will)? never",
    r"(?:would|will|'d|'ll) never",
    r"i wish i could", r"good luck", r"(?:already|just|recently) (?:have|got|use|using|bought|"
    r"purchased|signed|renewed|picked|chose|chosen|selected|went|rolled out|standardized|"
    r"committed|contracted|locked|implemented|installed|switched|moved|partnered|hired|"
    r"invested|said no|decided|made|settled|found|went live)", r"(?:went|go|going|gone|sticking|"
    r"stick|stay|staying|stayed|stuck|signed|renewed|partnered|contracted|happy) with (?:another|"
    r"a different|the other|someone|them|our (?:current|existing)|what we have|the \w+ we)",
    r"(?:went|signed|renewed|partnered|contracted) with", r"(?:stay|stick|staying|sticking|"
    r"stayed) with", r"locked (?:in|into)", r"under contract", r"(?:picked|chose|selected|"
    r"hired|went for) (?:another|a different|the other|someone|\w+)",
    r"decided (?:to (?:go|build|stay|stick|keep|pass|do|use)|not to|against|on)",
    r"(?:our|the|a|my) decision(?:'s| is| has been| was)? (?:made|final)", r"made (?:our|a|the|my|"
    r"up our) (?:decision|mind|minds|choice)", r"(?:build|building|built|do|doing|handle|"
    r"handling|keep|keeping) (?:it|this|that|everything|our own|things)(?: all)? (?:in-house|"
    r"in house|ourselves|internally)", r"in-house", r"do our own", r"(?:another|a different|the "
    r"other|other) (?:vendor|provider|supplier|company|solution|tool|platform|partner|option|firm)",
    r"someone (?:else )?for that", r"(?:got|have|found) (?:someone|somebody|a guy|a vendor|"
    r"a provider|one)(?: for that| already)?", r"(?:shot|turned) (?:it|us|this|that|you) down",
    r"it's dead", r"(?:it's|that's) (?:off the table|a dead end)", r"said no", r"banned",
    r"won't (?:let|allow)", r"not allowed", r"(?:cancelled|canceled|scrapped|killed|dropped) "
    r"(?:the|it|that|this|our)", r"not (?:in|on) the (?:cards|table)", r"(?:i'm|we're) afraid not",
    r"(?:we're|we are|i'm|i am) covered(?! (?:for|with|on) (?:the|that|\w+day))",
    r"not at this (?:time|point|stage|juncture)",
    r"(?:that|it)(?:'s| is) not (?:for|going to|gonna|something)", r"^\W*not\W*$",
    r"(?:happy|fine|good|satisfied|content) with (?:what we(?:'ve| have)?(?: got| have| use)?|our "
    r"(?:current|existing)|the way things are|how things are)",
    # Said outright, or carried by what happened: another vendor won, the need is gone, a
    # contract runs for years.
    r"(?:have to|need to|must|going to|'ll|will|'d|would) (?:have to )?(?:respectfully |politely )?decline",
    r"(?:don't|do not) think (?:that's|that is|it's|it is|that|it|this)(?: \w+)? (?:going to|gonna|will) "
    r"(?:happen|work|fly)", r"won't be needing", r"(?:going|go|went|heading|gone) (?:in )?(?:a|another) "
    r"different direction", r"(?:built|build|have|has|got|made|wrote) (?:our|my|their) own",
    r"awarded (?:the |it |that |this )?(?:\w+ )?(?:contract |job |bid |work |business )?to",
    r"signed (?:a|an|up for a|up for an) (?:[\w-]+ ){0,3}(?:deal|contract|agreement|term) with",
    r"(?:contract|agreement|deal|term|lease) (?:with [\w-]+ )?(?:doesn't|does not|won't|will not|isn't|"
    r"is not) (?:end|expire|run out|be up|up)", r"locked (?:us |me |them )(?:in|into)",
    r"(?:wouldn't|doesn't|does not|would not|won't|don't) (?:really |much |even )?make (?:much |any |a "
    r"lot of )?sense", r"(?:winding|shutting|closing|wrapping) (?:[\w'-]+ ){0,2}down\b",
    r"(?:dissolved|disbanded|eliminated|shut down|sold off|closed) (?:the|that|our|my|it|this)\b",
    r"so,? no\W*$", r"(?:don't|do not|can't|cannot) see (?:it|that|this) (?:happening|working|flying)", r"ended up (?:going|renewing|signing|sticking|staying|partnering|contracting) with",
    r"renewing with (?:our|the|them|my)\b",
    r"(?:i|we) (?:can't|cannot|couldn't|don't|won't) (?:do|offer|give|provide|allow) (?:free|discounts?|"
    r"refunds?|exceptions?|weekend|those|that kind)", r"(?:that's|it's|that is|it is) (?:against )?"
    r"(?:company|our|the) policy")
# An acceptance cue under a negation ("I can't set that up", "we won't go ahead"): a refusal.
NEGATED_ACCEPT = re.compile(r"\b(?:can't|cannot|won't|will not|couldn't|doesn't|does not|don't|do not|"
                            r"wouldn't|would not|isn't|is not|not going to|not gonna|"
                            r"never)\b(?:\s+[\w']+){0,2}\s*$")
# "We're good (for now)": a polite no, unless the reply accepts elsewhere.
SOFT_DECLINE = re.compile(
    r"\b(?:we're|we are|i'm|i am|we'll be|i'll be|we're pretty|i think we're) (?:good|fine|all good|"
    r"okay|ok|set|all set)(?:[\s,]+(?:for now|thanks|thank you|as is|here|on that|on our end|honestly|"
    r"really|to be honest|i think|i guess|though|anyway|anyways|actually))*"
    r"(?!\s+(?:with|to|for|on|at|if|as long))\W*$")
# Accepting: answer words, "sounds good", "that works", "let's do it", "go ahead", "I'm free",
# "that'd help", a conditional yes ("only if", "as long as").
ACCEPT_LEAD = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|yip|ya|yah|yea|yess?|ok|okay|k|sure|absolutely|definitely|"
    r"certainly|of course|totally|for sure|perfect|great|excellent|awesome|fantastic|wonderful|"
    r"lovely|brilliant|cool|alright|all right|right on|deal|done|fine|good|mm-?hmm|mhm|uh-?huh|"
    r"uh huh|mm hmm|you bet|you got it|please|by all means|gladly|happily|agreed|i agree|"
    r"why not|right(?! now| at the moment| this (?:week|month|minute))|indeed|correct|exactly|yes please|love (?:it|that|to)|okie|works|"
    r"go ahead|let's|sounds)\b")
ELLIPTIC_YES = re.compile(r"^\W*(?:i|we|it|that|they|he|she|you|this) (?:do|would|will|can|have|"
                          r"does|did|am|is|are|could|sure do|sure can|sure would|sure will|"
                          r"certainly do|certainly would|definitely do|definitely would)\W*$")
ACCEPT = _any(
    r"sounds? (?:good|great|perfect|fine|like a plan|lovely|about right|fair|reasonable|"
    r"interesting|awesome|amazing|excellent|doable|ok|okay|right)", r"that works", r"it works",
    r"works (?:for|great|fine|perfect|well|nicely|on my end|out)", r"(?:work|works) for (?:me|us|"
    r"him|her|them|everyone|both|all)", r"(?:is|'s|are|'re|be) (?:good|fine|great|perfect|open|"
    r"free|better|ideal|best|doable|okay|ok|wide open|clear|available)(?! (?:to|about|at|news))",
    r"(?:that|it|this)(?:'s| is|'d be| would be| sounds) (?:fine|great|perfect|good|fair|helpful|"
    r"ideal|useful|smart|a good idea|a great idea|wonderful|awesome|lovely|excellent|"
    r"reasonable|doable|what (?:i|we)|exactly)", r"perfect", r"let's (?:do|go|book|get|start|"
    r"set|pencil|say|make|plan|lock|try|schedule|kick|run|put|grab|hop|jump|aim|find|have|"
    r"see it|line|pick)", r"go ahead", r"go for it", r"please do", r"do it", r"do that",
    r"set (?:it|that|something|one) up", r"book (?:it|that|me|us|the)", r"send (?:it|that|them|"
    r"the invite|an invite|the contract|the quote|it over|me the invite|over the)",
    r"sign (?:me|us) up", r"count (?:me|us) in", r"put (?:me|us|it|that) (?:down|in|on)",
    r"pencil (?:it|me|us|that) in", r"lock (?:it|that) in", r"(?:i'm|we're|i am|we are|"
    r"he's|she's|they're|both|everyone's) (?:in\W*$|in (?:for|on)|game|down for|free|available|"
    r"around|open|there)\b(?! (?:the middle|a meeting|meetings|the office|office))",
    r"wide open", r"(?:i|we|he|she|they)(?:'ll| will) (?:be there|make (?:it|the time|time)|"
    r"take it|see you|do (?:it|that)|join|clear|block|grab|bring|have it|get it|put it on)",
    r"see you (?:then|there|soon|on|next|\w+day)", r"looking forward", r"can't wait",
    r"(?:i|we)(?:'d| would) (?:love|like|enjoy|appreciate) (?:that|it|this|to see|the|to\W*$)",
    r"(?:love|like|appreciate) (?:that|it|the idea|this)(?! (?:but))", r"(?:would|'d|will|could) "
    r"(?:help|be (?:great|good|helpful|useful|perfect|nice|awesome|fine|wonderful|ideal|smart))",
    r"(?:that|it|this)(?:'d| would| will| could| should| might) (?:help|work)", r"makes sense",
    r"fair enough", r"(?:that's|that is) fair", r"(?:i|we) can live with", r"fine by (?:me|us)",
    r"(?:ok|okay|good|alright) (?:by|with) (?:me|us)", r"no problem", r"no prob", r"no worries",
    r"of course", r"absolutely", r"definitely", r"certainly", r"(?<!not )(?<!i'm )(?<!i am )"
    r"(?<!make )(?<!to be )sure(?! (?:it|is|does|that|we|you|they|he|she|if|what|how|why|about|"
    r"enough))", r"(?<![\w'-])yes(?![\w'-])", r"yeah", r"yep", r"yup", r"happy to", r"glad to",
    r"(?:i|we) can (?:do|make|manage|swing|fit|handle|squeeze) (?:that|it|this|the|\w+day|"
    r"one|an|a|some)", r"make (?:the )?time", r"come (?:by|over|on over|on in|out|in|on by)",
    r"bring (?:it|them|him|her|coffee|the)", r"call me", r"mm-?hmm", r"uh-?huh", r"will do",
    r"only if", r"as long as", r"so long as", r"provided (?:that|we|you|it)", r"works",
    r"i'm all for", r"all for it", r"on board", r"game for", r"up for (?:it|that|this)",
    r"deal", r"done", r"(?:good|great) idea", r"(?:worth|worthwhile) (?:a|it|doing|trying)",
    r"that's exactly(?! (?:the|my|our) (?:problem|issue|concern|worry))",
    r"that's (?:exactly )?what (?:i|we)\b", r"(?:was|been) (?:hoping|waiting|asking) (?:for|you|someone)",
    r"give it a (?:shot|try|go|whirl)", r"try it", r"worth a (?:shot|try|look)",
    r"(?:^|, )go\W*$", r"(?:that|this|which) (?:i|we) can do", r"you'll have (?:it|that|them|one)", r"(?:send|shoot|give) (?:me|us) (?:the|a) (?:link|invite|calendar invite|"
    r"zoom|teams link|meeting link)",
    r"(?:it|that) is\W*$", r"it (?:would|does|will|could)\W*$", r"(?:i|we) do\W*$",
    r"as soon as (?:possible|you can|you're able)", r"asap", r"the sooner the better",
    r"(?:it's |its |that's |they're )?on (?:its|it's|their|the) way")
# Checking right now ("let me check my calendar", "let me look"): a pause, a deferral only
# when nothing follows it.
CHECK_NOW = re.compile(r"^\W*(?:let me|lemme|i'll|i will|i'm gonna|hold on,? let me) (?:just )?"
                       r"(?:check|look|see|pull up|grab|open)(?: (?:at )?(?:my|her|his|their|our|the) "
                       r"(?:calendar|schedule|diary|availability))?\W*$")
# Busy or away, read as "not now" when nothing else says yes.
BUSY = _any(r"slammed", r"swamped", r"busy", r"frozen", r"(?:on a|hiring|spending|budget) freeze", r"packed", r"crazy", r"buried", r"drowning",
            r"(?:a |total |complete )?disaster", r"out sick", r"short[- ]?(?:staffed|handed)",
            r"understaffed", r"underwater", r"booked", r"tied up",
            r"in the middle of", r"heads-down", r"all hands", r"closing the books", r"traveling",
            r"out of (?:the )?office", r"on leave", r"on vacation", r"away (?:until|till|for)",
            r"(?:hectic|chaos|chaotic|nuts|insane|brutal|rough) (?:right now|at the moment|"
            r"these days|this (?:month|quarter|season))", r"can't plan", r"too (?:soon|early)")
# A day or time put off ("Thursday is tough"): no verdict on the step.
SLOT_NO = _any(r"tough", r"bad", r"difficult", r"hard", r"busy", r"booked", r"packed", r"swamped",
               r"away", r"(?:i'm|we're|i am|we are|he's|she's|they're|is|are|'s) (?:out|off)",
               r"out of (?:the )?office", r"can't", r"cannot", r"won't", r"not", r"no good",
               r"tricky", r"a holiday", r"all day", r"conflict", r"clash(?:es)?", r"doesn't work", r"won't work",
               r"taken", r"rough", r"not great", r"impossible", r"no go")
# Another day offered after one is ruled out ("Friday I'm off, but Monday I'm around"):
# the thread stays open, unlike "Can't do Tuesday, but Wednesday works."
OFFERED_DAY = re.compile(r"\b(?:i'm|i am|we're|we are|he's|she's|they're|i'll be|we'll be)(?: \w+)? "
                         r"(?:free|available|around|open)\b|\bif (?:that|it)(?:'s| is)? (?:any good|works|"
                         r"helps|okay|ok|better)\b")
# No day will do ("not Tuesday, not any day"): a refusal, not a day ruled out.
NO_DAY_AT_ALL = _any(r"not (?:any ?day|ever|any ?time)", r"no day", r"none of (?:those|them|these|the) (?:days|times|dates)")
SLOT_YES = re.compile(r"(?<!no )\b(?:works?|fine|good|great|perfect|open|free|better)\b")
# Asking for another day or time ("how about Friday?", "could we push to the 16th"): the
# thread stays open.
COUNTER = re.compile(
    r"\bwhen\W*$|^\W*when\b|\bhow(?:'s| is) (?:next |this |the )?(?:\w+day|tomorrow|\d)|"
    r"\b(?:(?:how|what) about|instead|any chance of|(?:push|move|bump|shift) (?:it|this|that|us|"
    r"to|back)|(?:what|which) (?:time|day|date)s?|when (?:works|would|are|is|could|can|do|does)|"
    r"what time|make it (?:later|earlier)|(?:later|earlier) in the (?:day|week|afternoon|morning)|"
    r"(?:would|could|can|does|do|is|will|might)(?:n't)? (?:we|you|i|it|that|this|early|late|"
    r"next|\w+day|the|sometime|any|one)\b.{0,40}\b(?:work|better|suit|do|possible|okay|ok|"
    r"be easier|be free|make)\b)")
# "Should I bring our owner?": a question back answers nothing, unless it asks for
# material or a later time (a deferral).
QUESTION_START = re.compile(
    r"^\W*(?:(?:do|does|did|is|are|was|were|can|could|would|will|should|shall|have|has|am|"
    r"won't|can't|isn't|aren't|don't|doesn't)(?:n't| not)? (?:you|we|i|it|that|this|there|they|"
    r"he|she|my|our|your|the|a|an|someone|anyone|anybody|everyone|these|those|his|her)|(?:how|"
    r"what|when|where|which|who|whom|whose|why)\b(?! not\W*$)|wait is|quick question|real quick)")
POSTPONE_Q = re.compile(r"\b(?:next (?:quarter|year|month|season|spring|summer|fall|winter)|"
                        r"in (?:the )?(?:spring|summer|fall|autumn|winter|new year)|revisit|"
                        r"later (?:this|in the) (?:year|quarter)|after the (?:holidays|new year|"
                        r"first of the year|summer|quarter|audit)|in (?:a )?(?:few|couple(?: of)?) "
                        r"(?:months|quarters)|down the (?:road|line))\b")
ACK_ONLY = re.compile(r"^(?:\W*(?:okay|ok|alright|all right|thanks|thank you|mm-?hmm|mhm|"
                       r"uh-?huh|uh huh|got it|right|cool|bye)\b)+\W*$")  # "Okay. Thanks."
PAST = re.compile(r"\b(?:was|were|did|had|last|ago|yesterday|already|used to)\b")
MIND_Q = re.compile(r"\b(?:mind if|would you mind|do you mind|you mind|any objection)\b")
# A choice of times offered ("she has eleven or two", "Tuesday or Wednesday?").
TIME_CHOICE = re.compile(
    rf"\b(?:{_NUMBER}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \d+\w*) or (?:{_NUMBER}|"
    rf"(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \d+\w*)(?=\W*$|\s+(?:o'clock|am|pm|a\.m|"
    rf"p\.m|tomorrow|today|works|then|is|that|on|next|this|your|my|ideally|if))")
SPOKEN_CLOCK = re.compile(rf"\b(?:at|around|by|say|about|before|after|from) {_NUMBER}\b|"
                          rf"\b{_NUMBER} (?:o'clock|thirty|fifteen|forty-five|sharp|your time|"
                          r"my time|our time|works|is good|is fine|it is)\b|"
                          rf"\b{_NUMBER}(?:'s| is) (?:good|fine|great|perfect|ok|okay|best|bad|"
                          r"tight|tough|out|no good|hard|tricky)\b|"
                          rf"^\W*(?:at )?{_NUMBER}(?: (?:thirty|fifteen|forty-five|o'clock|am|pm))?\W*$")


def names_time(text: str) -> bool:
    """Does the clause name a day, date or clock time ("Tuesday", "the 14th", "at ten")?"""
    return bool(TIME.search(text) or SPOKEN_CLOCK.search(text))
