"""The phrase cues of customer objections (``scorer.features.objections`` applies them).

Per type: ``RAISE`` cues that raise it ("too expensive", "we signed with HubSpot"),
``BARE`` words that raise it unless negated ("expensive", "busy"; a negation in front of
them or on their head in the parse cancels them: "not expensive at all"), topics with
obstacles, and what the learned reader's types must be about; the cues that say the
opposite of a type are in ``objection_clears``. Patterns run on one clause, cleaned as for
replies (lower case, no fillers, no stutters).
"""
from __future__ import annotations

import re

from scorer.features.common import phrases

TYPES: tuple[str, ...] = ("price", "authority", "competitor", "timing", "need")


_any = phrases


_ROLE = (r"(?:boss|manager|managers|team|partner|partners|wife|husband|cfo|ceo|cto|coo|cio|vp|"
         r"regional vp|director|directors|board|committee|procurement|purchasing|legal|lawyer|"
         r"lawyers|attorney|owner|owners|owners' group|supervisor|finance|it|it department|"
         r"it director|it guy|head office|headquarters|hq|corporate|principal|superintendent|"
         r"district|county|council|franchise|parent company|dean|chair|president|administration|"
         r"compliance|security team|accountant|controller|treasurer|leadership|exec team|"
         r"management|higher-ups|higher ups|home office|head of \w+|dr\.? \w+|\w+'s office)")
_NEG = r"(?:not|never|no|hardly|barely|without|\w+n't)"

RAISE: dict[str, re.Pattern[str]] = {
    "price": _any(
        r"too (?:much(?! (?:going on|on (?:my|our) plate|time|work))|expensive|pricey|costly|steep|high|rich)",
        # Another quote lower than ours: "the quote we got from Fieldline was under thirty".
        r"\b(?:quote|bid|price|number|offer)s?\b[^.?!]{0,40}\b(?:was|is|were|are|came in|come in|"
        r"comes in)(?: \w+)? (?:under|below|lower|cheaper|less than|half)\b",
        r"cut (?:something|somewhere|\w+) (?:else )?to pay", r"more than our (?:whole|entire|total|"
        r"annual|yearly|\w+ budget)", r"sticking point", r"pricier", r"(?:more|pricier|higher) than "
        r"(?:i|we) (?:was|were) (?:hoping|expecting|thinking)", r"(?:faint|have a heart attack|fall "
        r"off (?:her|his|my|their) chair|choke)\b.{0,30}\b(?:number|price|quote|bill|invoice)", r"(?:a lot|a ton|lots) of money",
        r"(?:that's|it's|this is|is) (?:a lot(?=\W*$| for| of money| to (?:pay|spend))|a bit much|"
        r"too much|steep|a stretch)",
        r"more than (?:we|i|our \w+) (?:spend|pay|paid|budgeted|want|wanted|can|expected|planned|"
        r"have)", r"(?:over|above|beyond|outside|out of) (?:our|my|the) (?:price )?(?:budget|range)",
        r"way over", r"over what (?:we|i) (?:budgeted|planned|expected)",
        r"(?:no|don't have (?:the|a|any)|do not have (?:the|a|any)|not in the|no room in the|"
        r"haven't got the|lack the|zero|there's no) budget", r"budget[\w\s']{0,25}?(?:cut|tight|"
        r"slashed|frozen|reduced|halved|gone|spent|used up|maxed|blown|exhausted|already "
        r"(?:spent|allocated|committed))", r"tight budget", r"shoestring",
        r"(?:can't|cannot|couldn't|can not) (?:really |comfortably |possibly |just )?(?:afford|swing|"
        r"stomach|justify (?:the|that|this|it|"
        r"spending|paying|\w+ (?:grand|thousand|dollars|bucks|k|a month|a year|a seat))|"
        r"add another|pay (?:that|this|for))", r"hard to justify", r"(?:tough|hard) sell (?:to|"
        r"on) (?:the )?(?:budget|finance|cfo)", r"cheaper", r"less expensive", r"lower price",
        r"half (?:that|the price|the cost|what you)", r"(?:a third|a quarter|half|\d+ ?%|\w+ "
        r"percent) (?:less|cheaper|lower)", r"for less", r"quoted (?:us|me) (?:\w+ )?(?:less|lower|"
        r"cheaper|a third|half)", r"undercut", r"(?:price|pricing|cost|costs|fee|fees|rate|rates|"
        r"quote|premium|subscription|renewal|increase|setup fee|per-seat|per seat|per-location|"
        r"per location|license fee|monthly|implementation)(?: \w+)?(?:'s| is| are| seems| was| "
        r"looks| feels| alone is)? (?:(?:a bit|a little|way|really|very|pretty|kind of|quite|"
        r"just|too|so|crazy|insanely|awfully) )*(?:high|steep|much|a lot(?! (?:more |)(?:transparent|clearer|simpler|easier|nicer|fairer|"
        r"better|cheaper|lower|less))|crazy|insane|ridiculous|"
        r"brutal|killer|a problem|an issue|a concern|a dealbreaker|a deal breaker|out of reach|"
        r"more than)", r"(?:kills|scares|hurts|worries|concerns) (?:it|me|us|the)",
        r"(?:money|cash|funds|funding|margins)(?:'s| is| are) (?:(?:really|pretty|very|super|so|a bit|"
        r"kind of) )?(?:tight|thin|short|tiny|limited)",
        r"(?:don't|do not|doesn't|does not) have (?:that|this) kind of (?:money|cash|budget)",
        r"(?:about |nearly |almost |like )?(?:double|twice|triple|three times) what",
        r"(?:is|'s) a (?:car|mortgage|rent) payment", r"adds? up (?:fast|quickly|quick)",
        r"(?:never|won't|wouldn't|not going to) see (?:a|any|the|much of a) (?:return|payback|roi)",
        r"(?:there's no|no) (?:more )?pocket", r"out of pocket",
        r"raise (?:our |my )?(?:rates|prices|fees) to (?:cover|pay for)",
        r"margins are (?:like|only|just)", r"(?:that|this) kind of money", r"the math doesn't work",
        r"doesn't pencil out", r"(?:the )?roi (?:isn't|is not|doesn't)", r"not worth the (?:money|"
        r"price|cost|investment)", r"sticker shock", r"(?:at|for) (?:this|that) price",
        r"(?:nickel|penny)[- ]pinch", r"(?:we're|we are) (?:a )?(?:nonprofit|non-profit|small "
        r"(?:shop|business|practice|office))\b.{0,40}\b(?:money|afford|budget|price|cost)",
        r"can't add (?:another|a) (?:monthly |annual )?(?:fee|cost|expense|bill|subscription)",
        r"(?:grand|thousand|bucks|dollars) (?:for|a seat|a month|up front|upfront)\b.{0,20}?\?",
        r"on top of (?:it|that|what we)", r"(?:pay|paying|cost|costs) (?:\w+ )?(?:twice|double|triple|three times|four times)",
        r"(?:months?|weeks?|a year|a year's|a month's)(?: worth)? of (?:payroll|revenue|rent|profit|"
        r"margin|sales)", r"priced (?:it|this|that|you|everything) out\b.{0,40}\b(?:doesn't|don't|not|"
        r"too|can't|isn't)",
        r"(?:every|each) (?:dollar|penny|cent)", r"(?:money|budget|funds)(?:'s| is)? (?:all )?"
        r"(?:spoken for|accounted for|committed|allocated)", r"(?:prices?|costs?|premiums?|rates?|"
        r"fees?|rent|bills?|expenses)(?: \w+)? (?:went|have gone|are going|keep going|just went|"
        r"going) up",
        r"(?:that|it|this|which)(?:'s| is| seems| sounds| feels| looks)(?: (?!not\b|never\b)\w+)? "
        r"(?:high|steep|a lot(?=\W*$| for| of money| to (?:pay|spend))|a bit much|too much|rich|"
        r"hefty|pricey|expensive)"),
    "competitor": _any(
        r"(?:already|currently) (?:use|using|have(?! too many| a lot)|work with|working with|on(?! board)|signed|committed|run|set us up|"
        r"went with|rolled out|bought|standardized|picked|chose|switched|moved|renewed|implemented|"
        r"installed|invested|partnered|contracted)", r"we use (?:another|a different|one of your "
        r"competitors|\w+ for (?:that|this|it|all|everything|the same|our (?:\w+ )?(?:scheduling|"
        r"billing|payroll|dispatch|invoicing|routing|booking|crm)))",
        r"(?:pretty |really |way |so )?deep into (?!the\b|a\b|it\b|our\b|my\b)\w+", r"(?:renew|renewing|re-up|"
        r"re-upping) with", r"moved (?:everyone|everybody|us|the team|the whole \w+|all \w+) "
        r"(?:onto|to|over to)", r"(?:uses?|using|runs?|running) [\w.]+ (?:at|in|across) (?:every|"
        r"all|each)", r"comparing (?:you|your \w+|y'all)", r"preferred (?:vendor|provider|supplier)",
        r"(?:phone|payroll|internet|insurance|bank|accounting|it|software|pos|cable) (?:provider|"
        r"company|vendor|carrier|guys)\b.{0,20}\b(?:gives|does|includes|offers|handles|covers|throws "
        r"in)", r"(?:get|gets|getting) (?:all )?(?:that|this|it)(?: stuff)? (?:through|from|with) "
        r"(?:our|the|a)", r"(?:another|a different|other) vendor (?:doing|running|on)",
        r"(?:inked|closed|struck|cut|did) (?:a |an )?(?:\w+[- ])?(?:deal|contract) with", r"rolled out "
        r"(?!a\b|the\b|an\b|it\b)[\w.]+ (?:to|across|for) (?:everyone|every|all|the whole|company)",
        r"(?:we've got|we have|we use|we're using|we run|we're on) (?!a\b|an\b|the\b|no\b|some\b|"
        r"two\b|three\b|\d|about\b|like\b|only\b|just\b|more\b|too\b)[\w.]+(?: [\w.]+)? and (?:it's|"
        r"it is|it does|it works|they're|we're|everyone|the (?:team|staff|guys))\b.{0,20}\b(?:fine|"
        r"good|great|happy|works|love|like|does)", r"(?:gives|give|includes|include|comes with|came "
        r"with) (?:us )?(?:a |the )?(?:free )?(?:version|copy|flavor) of (?:this|that|it)", r"(?:another|a different|the other|other|our current|our existing|"
        r"current|existing|rival) (?:vendor|provider|supplier|company|partner|firm|outfit|contract|carrier|"
        r"insurer|broker|agency|bank|processor|host|distributor|installer|contractor|servicer|lender)",
        r"(?:use|using|went with|signed with|chose|picked|on) (?:another|a different|the other) "
        r"(?:tool|solution|platform|product|system|option|app)", r"competitors?",
        r"(?:locked|tied) in(?:to)?", r"run (?:everything|it|this|all of (?:that|this)|our \w+) "
        r"(?:through|on|in)", r"(?:handles|covers|takes care of|does) (?:all (?:of )?)?(?:that|this|"
        r"it|everything)(?: stuff)? for us", r"(?:not|\w+n't|no plans to|never) (?:\w+ ){0,2}"
        r"(?:switch|switching|change vendors|changing vendors|moving away|move away)",
        r"under contract", r"signed (?:with|on with|a (?:\w+[- ])?(?:year|month|deal|contract))",
        r"(?:went|going|gone|decided to go|sticking|staying|stay|stick) with", r"renewed (?:with|"
        r"for|our)", r"(?:evaluating|looking at|talking to|talking with|meeting with|comparing|"
        r"trialing|trialling|piloting|demoing|testing) (?:\w+ )?(?:and|against|other(?! (?:partners|"
        r"owners|doctors|members|managers|directors|people|folks|guys|teachers))|two|three|a "
        r"few|some|another|a couple|vendors|options|solutions|alternatives)",
        r"(?:halfway|partway|midway) through (?:a (?:trial|pilot|evaluation)|(?:implementing|rolling out|"
        r"migrating|switching|installing|setting up|onboarding|moving))",
        # an incumbent named by what it does or how long it has been there: "they do our
        # maintenance", "our sister clinic uses Weave", "we've been with them forever"
        r"(?:they|he|she|those guys|that company|that outfit) (?:do|does|handle|handles|run|runs|service|"
        r"services|take care of|takes care of|manage|manages|look after|looks after) (?:all )?(?:of )?our "
        r"(?:[\w-]+ ){0,2}?(?:maintenance|service|servicing|billing|payroll|books|bookkeeping|accounting|it|"
        r"installs?|repairs?|marketing|website|hosting|insurance|cleaning|scheduling|deliveries|inspections?|"
        r"taxes|support|hvac|network|phones|security)",
        r"(?:sister|parent|other|main|partner) (?:clinic|company|office|location|store|school|site|branch|"
        r"practice|hospital|firm|campus|plant|restaurant|shop)s? (?:uses?|runs?|(?:is|are) on|went with|"
        r"switched to|moved to)", r"(?:moving|switching|migrating|changing) (?:over )?to (?:it|them|that "
        r"one|[\w.]+) (?:too|as well|also)",
        r"(?:been|stayed|stuck) with (?:them|him|her|those guys|[\w.]+) (?:forever|for (?:like |about |almost |"
        r"nearly |over |going on )?(?:years|ages|"
        r"decades|a long time|a while|\d+ years|[\w-]+ years)|since)",
        r"(?:a|in a) "
        r"(?:trial|pilot) with", r"standardized on", r"(?:is|are|'s|'re) already in", r"came with our",
        r"(?:that's|it's) our (?:[\w-]+ ){0,2}(?:system|tool|platform|provider|vendor|software|"
        r"solution|crm|pos) now", r"what we use(?:\W*$| for (?:that|this|it|all|everything))", r"(?:we've|we have|we've been|been) on [\w']+", r"(?:set|signed) us up (?:on|with)",
        r"(?:a|an) (?:\w+[- ])?(?:year|month) (?:deal|contract|agreement) with",
        r"the local (?:guy|outfit|company|shop|firm|vendor)", r"in-house (?:tool|system|solution)",
        r"(?:built|building|build) (?:our|it|one|something) (?:own|ourselves|in-house|in house)",
        r"went live with", r"(?:picked|chose|selected) (?:another|a different|the other|\w+) "
        r"(?:vendor|provider|instead|over you)", r"other supplier", r"(?:contract|deal|agreement) "
        r"with (?!you\b|your\b|us\b)[\w' ]{1,30}? (?:runs|isn't up|is not up|goes|lasts|through|"
        r"until|till|for (?:another|two|three|\d))", r"(?:isn't|is not|not) up (?:until|till|for)",
        r"shopping around", r"quotes? from", r"(?:have|got|'ve got) a rep at",
        r"(?:don't|do not|can't|cannot) see (?:us|ourselves|them) (?:ever )?(?:leaving|switching|moving|changing)",
        r"(?:bundles|bundled|includes|included|throws in|threw in) (?:a |an |the |their )?(?:[\w-]+ ){0,2}"
        r"(?:product|tool|service|system|app|platform|package)", r"(?:we're |we are |currently )?evaluating "
        r"(?!(?:whether|if|how|what|our|the need)\b)[a-z][\w.-]+",
        r"(?:we've got|we have|we run|we use) (?!a\b|an\b|the\b|no\b|some\b)[\w.]+ on (?:every|all|each)",
        r"moved (?:everything|everyone|it all|all of it) (?:over )?to", r"other (?:companies|vendors|options|bids|providers|"
        r"suppliers)", r"(?:use|using) \w+ for (?:all of )?(?:that|this|it|everything)"),
    "authority": _any(
        r"(?:need|needs|have|has|got|gotta|would have|will have|'ll have|'d have|'d need|would "
        r"need) to (?:\w+ )?(?:talk|check|run (?:it|this|that) (?:by|past)|speak|discuss|consult|"
        r"ask|clear (?:it|this|that)|get (?:approval|sign-?off|buy-?in|the ok|the okay|permission|"
        r"a yes)|loop in|convince|agree|approve|sign off|bless|go (?:to|through))",
        r"run (?:it|this|that) (?:by|past)", r"check with (?:my|our|the)",
        rf"(?:have|has|need|needs|got|gotta|'ll have|will have|would have|'d have) to (?:explain|"
        rf"defend|justify|pitch|sell) (?:it|this|that|the \w+) to (?:my|our|the) (?:\w+ )?{_ROLE}\b",
        rf"(?:my|our|the) (?:business |managing |senior |co-?)?{_ROLE}\b[^.?!]{{0,30}}\b(?:decides|decide|has to|have to|needs to|need "
        r"to|would have to|will have to|would need|makes the (?:call|decision|decisions)|make the "
        r"(?:call|decision|decisions)|makes all|signs off|sign off|has the final|have the final|"
        r"approves|approve|picks|pick|chooses|choose|controls|calls the shots|holds the|will never|"
        r"won't|would never|wouldn't|hates|has to go|would kill|is the one|are the ones|owns the "
        r"budget|sets the budget|meet[s]? (?:quarterly|monthly)|decide on|gets the final|get the "
        r"final|has final|have final)", r"final (?:say|word)", r"(?:decision|call|say|choice) "
        r"(?:sits|rests|lies|is|stays) with",
        rf"(?:up to|goes to|go to|through|before|past|by) (?:my|our|the) {_ROLE}\b",
        r"(?:not|isn't|is not|wasn't) (?:my|our|up to me|up to us) ?(?:call|decision|choice)?",
        r"not up to (?:me|us)", r"out of my hands", r"above my pay ?grade", r"not the (?:decision "
        r"maker|one who|person who|one that|person that|final say)", r"i'm (?:just|only) the",
        r"(?:don't|do not) have (?:the |any )?(?:spending |signing |purchasing |final )?(?:authority|"
        r"say|power|sign-?off)", r"(?:can't|cannot) (?:sign|approve|make that call|make the call|"
        r"decide|commit|just buy)", r"(?:have|has) to go (?:to|through|before)",
        r"put (?:anything|it|this) out to bid", r"one you'd have to convince",
        r"(?:decision|call) for (?:the|our|my)", r"(?:makes|make) (?:all )?(?:the|our)(?: "
        r"purchasing| buying| final)? (?:decisions|calls|call|decision)", r"\w+'s (?:call|decision)",
        r"needs? (?:approval|sign-?off|buy-?in)", r"sign-?off from", r"(?:all|both) (?:need|have) to "
        r"agree", r"(?:need|get) (?:everyone|the partners|the board|them) on board",
        r"(?:it's|that's) (?:a |an )?(?:board|committee|\w+ level) (?:decision|thing)",
        r"picks our", r"decides? (?:on )?anything", r"(?:can't|cannot|couldn't|hard to|need to|have to|"
        r"got to|gotta|would have to|'d have to|never) get (?:a |the |any |it |this )?(?:\w+ ){0,2}"
        r"approved", r"approved by", r"approval from", r"(?:picks|chooses|selects) "
        r"(?:our|the) (?:software|vendors?|tools?|systems?)",
        r"(?:procurement|purchasing|legal|it|corporate|finance|accounting|the office manager) "
        r"(?:handles|does|runs|owns) (?:all )?(?:the )?(?:vendor|vendors|buying|purchasing|contracts|"
        r"that|software)", r"(?:can't|cannot) (?:actually |really )?buy", r"(?:need|get|have) "
        r"(?:the |our |my )?(?:\w+ ){0,2}(?:director|owner|owners|partners|board|boss|cfo|ceo|"
        r"manager|principal|superintendent|president|chief) on board", r"unless (?:she|he|they|"
        r"the \w+|my \w+|our \w+) (?:personally )?(?:approves?|signs? off|okays?)",
        r"(?:pitch|present|sell|take|bring) (?:it|this|that|the idea) to (?:the|my|our) \w+",
        r"(?:my|our|the) \w+'s (?:department|area|domain|side|thing)", r"(?:vets|reviews|approves|"
        r"signs off on|has to approve|has to see|has to bless) (?:every|all|any|each)",
        r"(?:can't|cannot|couldn't) (?:make|take) (?:that|this|the|a|any) (?:decision|call)",
        r"(?:checkbook|check book|wallet|purse strings|budget|money)(?:'s| is)? (?:isn't|is not|not) mine",
        r"(?:partners|board|owners|members|shareholders|committee|trustees) (?:all )?vote",
        r"(?:procurement|legal|finance|the board|corporate|compliance|it|security|purchasing)(?:'s| is)? "
        r"(?:going to|gonna|will|would) (?:want|need|require|insist on)",
        r"(?:procurement|legal|finance|the board|corporate|compliance|it|security|purchasing|the partners) "
        r"(?:has|have|needs?|would have|will have) to (?:review|approve|see|sign|look at|vet|okay|ok|bless)",
        r"(?:have|need|'d have|would have|got) to get (?:dr\.? |mr\.? |ms\.? |mrs\.? )?[a-z]+ on board",
        r"no way (?:our|my|the) (?:\w+ ){0,2}(?:signs|approves|okays|goes for|agrees|says yes)"),
    "timing": _any(
        r"(?:not|isn't|is not) (?:a good|the right|a great|the best|an ideal) time", r"bad time",
        r"terrible time", r"worst time", r"(?:timing|time)(?:'s| is)? (?:(?:really|just|kind of) )?"
        r"(?:bad|off|(?:not|isn't|is not) (?:great|right|good|ideal)|wrong|terrible|awful|tough|tricky)",
        r"couldn't be worse", r"(?:too|really|very|super|crazy|so|extremely|insanely|pretty) busy",
        r"slammed", r"swamped", r"buried", r"drowning", r"underwater", r"stretched (?:thin|too)",
        r"short-?staffed", r"heads-?down", r"all hands on deck", r"(?:crazy|hectic|chaotic|nuts) "
        r"(?:right now|time|week|month|season|quarter)", r"hectic", r"(?:right )?in the middle of",
        r"not (?:right )?now", r"not yet", r"not-yet", r"not (?:until|till|before)",
        r"not (?:a|really a|much of a) priority(?: for us| for me)? (?:this|right now|at the moment|"
        r"until|for now)", r"not this (?:year|quarter|month|season|"
        r"semester)", r"(?:maybe|probably|possibly) (?:next|later|in|after)", r"(?:until|till|wait|"
        r"revisit|look at (?:this|it)|talk|ask me|call me|come back|circle back|not before) "
        r"(?:\w+ ){0,3}next (?:quarter|year|month|fiscal|season|semester|spring|summer|fall)",
        r"after (?:the )?(?:holidays|new "
        r"year|tax season|harvest|audit|launch|migration|move|summer|busy season|\w+ season|first "
        r"of the year|accreditation|merger|rollout|renovation|conference)", r"in (?:a few|a couple "
        r"of|a couple|six|three|two) (?:months|weeks|quarters)", r"(?:call|ask|try|check|ping|"
        r"come back to|talk to|circle back with|get back to) (?:me|us) (?:in|after|next|later|"
        r"again|once|when)", r"revisit", r"nothing (?:new )?(?:happens|until|till|before|gets decided)",
        r"(?:has|have) to wait", r"let's (?:just )?wait", r"(?:we|i)(?:'d| would)? (?:rather|prefer to|want to|need to|should) wait",
        r"wait (?:on|with) (?:this|it|that)", r"(?:get|getting|got) through (?:the|our|this|my) (?:[\w-]+ ){0,2}?(?:first|before)",
        r"(?:consuming|eating up|taking up|sucking up|eats up|takes up) (?:everything|every \w+|all (?:of )?(?:my|our) time)",
        r"on hold", r"frozen", r"freeze", r"(?:leave|vacation) (?:starting|until|through)",
        r"out on (?:paternity|maternity|medical)? ?leave", r"(?:can't|cannot|couldn't) (?:do|take "
        r"on|handle|roll out|think about|add|start|deal with) (?:another|anything|a new|any|more)",
        r"can't roll anything", r"(?:just|literally just) (?:went live|started|launched|rolled out|"
        r"lost|switched)", r"(?:until|till) (?:after|the end|january|february|march|april|june|"
        r"july|august|september|october|november|december|next|we|our|it|the \w+ (?:is|wraps|"
        r"closes|ends))", r"(?:can't|cannot|won't) (?:think about|look at|deal with) (?:this|"
        r"anything|it) (?:until|till|before|right now)", r"no (?:time|bandwidth|capacity)",
        r"(?:don't|do not) have (?:the )?(?:time|bandwidth|capacity)", r"too soon", r"too early",
        # a season, not its dates ("our busy season is June through August" says when)
        r"(?:busy|peak|flu|tax|harvest|holiday) season(?! (?:is|runs|goes|starts|ends|lasts|kicks off) "
        r"(?:from |in |through |until )?(?:january|february|march|april|may|june|july|august|september|october|november|december|the (?:spring|summer|fall|autumn|winter)))",
        r"(?:eat|eats|eating|taking|takes|take|using|uses|sucking|sucks) up (?:all|every|most)(?: of)? "
        r"(?:my|our|the)? ?(?:time|minute|minutes|hour|hours|day|days|bandwidth|attention|energy)",
        r"holiday rush", r"all hands",
        r"(?:everyone|everybody)(?:'s| is| are) (?:on|focused on|tied up|busy|buried|heads-?down)",
        r"(?:bad|rough|tough|crazy|terrible|hectic|awful) (?:week|month|quarter|stretch|day)",
        r"short (?:a|an|one|two|three|four|\w+) (?:drivers|people|staff|techs|nurses|guys|"
        r"people|employees|hands)", r"short-?handed", r"understaffed", r"(?:talk|speak|connect) "
        r"again (?:once|when|after|in|next|later)", r"(?:once|when) (?:the )?(?:new )?(?:fiscal "
        r"year|budget year|quarter|year) (?:kicks in|starts|begins|turns over)",
        r"(?:no|zero) time to", r"(?:back-to-school|back to school|inventory|exam|finals|"
        r"move-in|tax|launch|opening) week", r"(?:it's|right now(?: it's)?|everything's) (?:total |"
        r"complete |absolute )?(?:chaos|a zoo|a madhouse)", r"too much going on", r"(?:a lot|too much|"
        r"enough|plenty) on (?:my|our) plate", r"give it (?:a few|a couple(?: of)?|some|six|three|"
        r"two) (?:months|weeks)", r"(?:out|away|traveling|travelling|gone|off)\b.{0,30}\b(?:for the "
        r"next|until|till|through)", r"finding (?:the )?time", r"(?:are|is) (?:a |kind of a |basically a )?(?:wash|"
        r"write-?off|lost cause)\b", r"next (?:few|two|three|four|six|couple of|\w+) (?:weeks|months) "
        r"(?:are|is) (?:\w+ )?(?:crazy|insane|packed|booked|gone|full|nuts|impossible)", r"still (?:getting used to|"
        r"onboarding|rolling out|implementing|learning|digesting)",
        r"(?:a few|six|three|two|a couple of|\w+) (?:months|weeks|quarters) from now",
        r"right now (?:isn't|is not|'s not|is) (?:great|good|ideal|the time|a good time)",
        r"let (?:the )?dust settle", r"(?:moving|relocating) (?:offices|locations|buildings|the office)",
        r"(?:can't|cannot) deal with (?:this|it|that|anything)"),
    "need": _any(
        r"not interested", r"not (?:sure|convinced) (?:we|i) (?:really |even )?need",
        r"(?:don't|do not|doesn't|does not|won't|wouldn't) (?:really |even |"
        r"actually )?(?:need(?! (?:anyone|anybody|approval|sign|permission|to (?:check|ask|run|"
        r"talk)))|see the need|have a need|see (?:us|them|anyone) using|use (?:it|"
        r"this|that|half|most)|book online|do (?:outbound|that|this)|have (?:that|this|the) "
        r"problem|have enough)", r"no (?:real )?need (?:for|to)", r"(?:don't|do not) (?:really )?"
        r"want (?:it|this|that|one|any|anything|to (?:buy|change|switch|sign))",
        r"(?:happy|fine|good|okay|ok|satisfied|content|all set) with (?:what|our|the|how|my|the "
        r"way|things)", r"(?:don't|do not|can't|cannot) see (?:the )?(?:value|point|benefit|what "
        r"this|why|how this|us(?! switching))", r"(?:don't|do not) (?:really )?have (?:a|any|much) "
        r"(?:use|need) for", r"(?:don't|do not) think (?:we|i) (?:really )?need", r"use (?:a |the )?"
        r"(?:whiteboard|paper|spreadsheet|spreadsheets|excel|sticky notes|pen and paper|google "
        r"sheets|a notebook)", r"(?:nobody|no one)(?:'s| has| have)? (?:ever )?complained",
        r"no complaints", r"(?:don't|do not) have (?:anyone|anybody|the people|the staff|someone) "
        r"to (?:manage|run|maintain|learn|use)", r"yet another (?:tool|system|app|platform)", r"not (?:a|really a) (?:problem|priority|fit|need|pain) for "
        r"(?:us|me)", r"not (?:really )?relevant", r"doesn't (?:really )?(?:apply|make (?:much )?"
        r"sense) (?:to|for) (?:us|me)", r"overkill", r"nobody (?:here )?(?:has )?"
        r"asked", r"no one (?:here )?(?:has )?asked", r"(?:nobody|no one)(?: [\w']+){1,5} (?:has |have )?ever asked", r"(?:aren't|are not|isn't|is not|won't|will "
        r"not) (?:going to|gonna) use", r"just pick up the phone", r"use paper",
        r"(?:in house|in-house|ourselves) and it's fine", r"(?:we're|we are) (?:too )?small for",
        r"(?:\w+|\d+)-(?:truck|person|man|chair|doctor|seat) (?:operation|shop|office|practice)",
        r"(?:not|n't) (?:\w+ ){0,3}big enough", r"too small (?:for|to)", r"(?:good|fine|happy|ok|"
        r"okay|content) with (?:excel|spreadsheets?|paper|pen and paper|email|google sheets|"
        r"the whiteboard|our (?:\w+ ){0,2}(?:system|process|setup|tool|spreadsheet))",
        r"only (?:have|got) (?:\w+ )?(?:employees|people|users|trucks|techs|staff|locations)",
        r"twice a year", r"half (?:of )?(?:these|the|those) features", r"not something we (?:need|"
        r"use|do)", r"(?:we|i) (?:already )?handle (?:it|this|that|\w+) (?:in house|in-house|"
        r"ourselves|fine|just fine)", r"(?:it's|that's|this is) not (?:for us|something we need|"
        r"a priority)", r"(?:we're|we are) good (?:as is|without)", r"no (?:use|point) (?:for|in)",
        r"don't do (?:field|that|outbound|online|\w+ service)", r"(?:would|will) never use",
        r"(?:wouldn't|won't|would not|will not) (?:ever )?use", r"barely (?:text|use|touch)",
        r"not (?:something|what) (?:we're|we are|i'm|i am) (?:looking for|after|in the market for)",
        r"(?:aren't|isn't|is not|are not|not) (?:really )?(?:a |much of a )?priority\W*$",
        r"why fix it", r"(?:ain't|isn't|not|nothing's|nothing is) broken", r"solution looking for a problem",
        r"(?:don't|do not|can't|cannot) (?:really )?see the point",
        r"(?:wouldn't|won't|doesn't|does not|would not|will not) (?:really )?(?:move the needle|add "
        r"(?:anything|much|value|a lot))", r"(?:has|have|'s|'ve) worked (?:fine |great |well )?for "
        r"(?:\w+ ){0,2}(?:years|decades)", r"like it that way", r"too low to justify",
        r"(?:don't|do not) think (?:our|my|the) [\w-]+ (?:would|will|'d) (?:care|use|want|notice)",
        r"(?:been doing|done|doing|do|run|running|been running) (?:it|things|this|that) (?:this|that|the "
        r"same|the old) way (?:for|since) (?:years|ages|decades|forever|a long time|(?:\w+ ){1,2}years)",
        r"always done it (?:this|that|the same|our own) way",
        r"(?:covered|handled|handle it|handle that|do it|do that|take care of it) (?:internally|in-house|"
        r"in house|ourselves)",
        r"not looking for (?:that|this|something like)", r"(?:nobody|no one)(?: [\w']+){0,3} "
        r"(?:is |has |'s |are )?(?:asking|asked|begging) for", r"(?:don't|do not) see how (?:this|it)"
        r" (?:fits|would fit|helps|applies)", r"(?:doesn't|does not|don't) fit (?:how|what|our)", r"(?:what|how) (?:it|this) does "
        r"that (?:our|we)", r"(?:what|which) this does that",
        # Reasons of fit: the customer's own people or business do not work that way.
        r"(?:our|my|the|most of our|all our|all of our|a lot of our|half (?:of )?our) (?:clients|customers|"
        r"patients|members|families|parents|students|drivers|crews|techs|technicians|guys|staff|"
        r"people|folks|users|residents|tenants|attorneys|lawyers|teachers|nurses|workers|employees|"
        r"team|dispatchers|installers|riders|guests|diners|buyers)(?: \w+){0,2} (?:don't|do not|"
        r"won't|wouldn't|aren't|are not|never|can't|hardly|rarely|barely)\b(?! (?:have (?:time|the "
        r"time|bandwidth)|know))", r"(?:they're|they are|they'd|they would|they'll|they will) (?:not|never)"
        r" (?:going to |gonna )?(?:us|download|touch|book|log|sign|adopt|learn|carr|read|open|"
        r"check|bother|install)\w*", r"(?:they'd|they would|they'll|they will|guys would) never (?:touch|"
        r"use|open|look at|download|learn|read|check)", r"(?:isn't|is not|not|ain't) (?:gonna|going "
        r"to) fly", r"(?:not|isn't|is not|'s not) how (?:we|this|our|things|people|it)\b[\w\s']{0,20}\b(?:work|works|do|does|"
        r"operate|run|runs)", r"(?:would|will|'d|'ll) (?:just )?(?:sit there|collect dust|go unused|"
        r"sit unused|never get used|gather dust)", r"a lot of (?:software|tool|system|product|"
        r"platform|app|features?|money) for (?:\w+ ){0,2}(?:\w+|\d+) (?:units|people|trucks|techs|"
        r"users|chairs|employees|rooms|locations|beds|seats|guys)", r"(?:built|made|designed|meant) "
        r"for (?:much )?(?:bigger|larger|big|enterprise|bigger \w+)", r"(?:don't|do not|doesn't|does "
        r"not) (?:really |even )?(?:have|got) (?:a|that|this|the|much of a|any) (?:problem|issue|"
        r"trouble) (?:with|there)", r"not a problem (?:we|i) (?:have|had)", r"(?:doesn't|does not|"
        r"don't|do not|wouldn't|won't) (?:really )?(?:apply to|fit|matter to|do (?:anything|much|a "
        r"lot|a thing) for) (?:us|me|how|what|our)", r"(?:not sure|don't know|no idea) what (?:we|i)"
        r"(?:'d| would)? (?:actually |even |really )?(?:use|do with|need)", r"(?:don't|do not) know "
        r"(?:that|if) (?:we|i) (?:really |even |actually )?need", r"(?:happy|fine|okay|content) "
        r"(?:doing|to do|keeping) (?:it|things|that) (?:by hand|manually|on paper|the old way|"
        r"ourselves)", r"(?:isn't|is not|not) (?:something|anything) (?:we'd|we would|we|i'd|i "
        r"would) (?:ever |really )?(?:use|need|pay for|miss)", r"(?:nobody|no one) (?:here |really "
        r")?(?:books|uses|reads|checks|wants|would use|downloads|logs in)", r"(?:all|mostly|only|just|are|is) (?:all )?walk-?ins",
        r"(?:don't|do not|doesn't|does not|won't) (?:really )?help(?: (?:us|much|a lot|anyone|here))?\W*$",
        r"(?:won't|wouldn't|will not|would not|never) touch", r"too many (?:logins|apps|tools|"
        r"systems|passwords|screens|platforms)", r"(?:don't|do not|won't|doesn't) do (?:\w+ )?(?:email|"
        r"e-mail|online|apps?|computers|texts?|texting|smartphones|tech|internet|portals?|social "
        r"media)", r"(?:is|'s|are|seems|feels) (?:kind of |sort of |pretty |a bit |a little |"
        r"basically |totally )?(?:moot|pointless|irrelevant|unnecessary|redundant)",
        r"(?:don't|do not|doesn't|does not) (?:really )?care (?:about|for|much)", r"just show up",
        r"(?:want|need|require|requires|wants|needs) (?:it|everything|things|them) on paper",
        r"(?:it's|all|mostly) (?:all )?(?:word of mouth|referrals|repeat (?:business|customers))",
        r"(?:don't|do not) (?:really )?have (?:a )?(?:an? \w+ for (?:any of )?(?:that|this)|"
        r"(?:any )?(?:leads|volume|inventory) (?:to|for|that))",
        r"(?:don't|do not) do enough (?:\w+ )?(?:volume|business|work|jobs|orders|calls)",
r"(?:wouldn't|won't|doesn't|would not|will not) pay for itself",
        r"old[- ]school", r"flip phones", r"(?:text|call|email) me directly", r"(?:want|prefer|"
        r"like) (?:their |the )?(?:clipboards|paper|pen and paper|the whiteboard)",
        r"(?:we're|we are|it's|this is) (?:just |only |a )?(?:single|one)[- ](?:location|site|"
        r"office|store|person|man|truck|chair)", r"(?:pretty|very|totally|perfectly) happy (?:doing|"
        r"with how)", r"(?:doesn't|does not|don't) (?:really )?(?:solve|address) (?:anything|a "
        r"problem|our|any)", r"(?:wouldn't|won't|doesn't) (?:really )?(?:get|be) used"),
}
# The current way of working is good enough ("the spreadsheet works", "it's fine"): a need
# objection unless the sentence clears another type ("the price is fine, really, it's fine").
GOOD_ENOUGH = _any(
    r"(?:what we have|what we've got|our (?:[\w-]+ ){0,2}[\w-]+|the (?:spreadsheet|"
    r"whiteboard|system|process|current [\w-]+|old [\w-]+)|paper) (?:(?:still|really|"
    r"actually|honestly|just|sort of|kind of|kinda|mostly|basically) )?(?:works|is fine|'s fine|does the job|do the job|does what we need|"
    r"works fine|work fine|works for us|works well|gets the job done|is good enough|'s good "
    r"enough)")
BARE: dict[str, re.Pattern[str]] = {
    "price": _any(r"expensive", r"pricey", r"pricy", r"costly", r"steep", r"overpriced", r"spendy",
                  r"cost too much", r"costs too much"),
    "timing": _any(r"busy(?! season)", r"crazy busy", r"too busy"),
    "need": _any(r"need (?:this|it|that|one|a \w+)"),
}
# A topic and an obstacle in one clause ("it's more of a budget thing", "bandwidth is zero",
# "needs the owner's signature"), for phrasings no cue above names.
TOPIC: dict[str, re.Pattern[str]] = {
    "price": _any(r"budgets?", r"spend", r"spending", r"money", r"afford", r"costs?", r"prices?",
                  r"pricing", r"fees?", r"dollars", r"bucks", r"grand", r"\$\d[\d,.]*k?", r"\d+k",
                  r"subscription", r"per (?:seat|user|location|month|head)", r"roi", r"margins?",
                  r"funds", r"funding", r"capital", r"investment", r"the (?:number|numbers|math)",
                  r"that number", r"price tag"),
    "timing": _any(r"timing", r"bandwidth", r"capacity", r"right now", r"at the moment",
                   r"this (?:year|quarter|month|week|season|semester)", r"(?:tax|flu|busy|peak|"
                   r"holiday|harvest|open enrollment|enrollment|budget) season", r"year-?end",
                   r"quarter-?end", r"month-?end", r"the (?:thick|middle) of", r"crunch",
                   r"launch(?:ing)?", r"migration", r"audit", r"reorg", r"acquisition",
                   r"merger", r"the holidays", r"headcount", r"short-?staffed", r"time for"),
    "authority": _any(r"boss(?:'s)?", r"manager(?:'s)?", r"owners?(?:'s?)?", r"cfo(?:'s)?",
                      r"coo(?:'s)?", r"ceo(?:'s)?", r"cto(?:'s)?", r"cio",
                      r"(?:the|our|my|their) board(?:'s)?",
                      r"committee", r"partners?(?:'s?)?", r"legal", r"procurement", r"purchasing",
                      r"corporate", r"headquarters", r"hq", r"parent company", r"director(?:'s)?",
                      r"vp", r"president", r"higher-?ups", r"superiors", r"leadership",
                      r"principal", r"superintendent", r"finance"),
    "competitor": _any(r"switched to", r"moved (?:over )?to", r"migrated to", r"bake-?off",
                       r"between you and", r"you and (?:two|three|a few|some|a couple of) others",
                       r"makes? us use", r"requires? us to use", r"mandates?", r"short-?list",
                       r"(?:other|another) bid", r"(?:rfp|tender)"),
}
OBSTACLE: dict[str, re.Pattern[str]] = {
    "price": _any(r"too", r"high", r"steep", r"more than", r"can't", r"cannot", r"couldn't",
                  r"don't have", r"zero", r"tight", r"cut", r"frozen", r"thing", r"issue",
                  r"concern", r"problem", r"worr(?:y|ied|ies)", r"scares?", r"hard", r"tough",
                  r"justify", r"stretch", r"better off", r"out of", r"a lot", r"hurts?",
                  r"brutal", r"double", r"twice", r"sticker", r"limited", r"not worth",
                  r"doesn't (?:work|add up|make sense)", r"no room"),
    "timing": _any(r"zero", r"none", r"can't", r"cannot", r"bad",
                   r"don't have (?:the |any |much |enough )?(?:time|bandwidth|capacity|room|people|staff|"
                   r"anyone|hands|cycles|resources|headspace)",
                   r"wrong", r"tough", r"short", r"tight", r"swamped", r"slammed", r"busy",
                   r"buried", r"thick", r"middle", r"until", r"till", r"wait", r"after",
                   r"nothing", r"crazy", r"nuts", r"hectic", r"stretched", r"maxed"),
    "authority": _any(r"would have to", r"must", r"approve", r"approval", r"signature", r"sign(?:-| )?off", r"blessing",
                      r"decides?", r"decision", r"final (?:say|call|word)", r"convince",
                      r"pitch", r"kill", r"won't", r"never", r"not me", r"goes to",
                      r"go through", r"up to", r"call the shots", r"okay it", r"ok it",
                      r"run it", r"sign-?off", r"permission", r"say-?so", r"buy-?in"),
    "competitor": _any(r"\w+"),
}
# A topic with a positive word after it ("the pricing is the one thing that's fine").
TOPIC_OK = re.compile(r"\b(?:is|'s|are|seems|looks|sounds|feels)(?: (?!not\b)[\w']+){0,4} "
                      r"(?:fine|fair|reasonable|ok|okay|good|great|perfect|no problem|covered|"
                      r"manageable|doable|clearer|more transparent|simpler|better|easier|fairer|"
                      r"cheaper|lower|more reasonable)\b")
QUESTION_OK = {"price": _any(r"too (?:much|expensive|pricey|high|steep)",
                             # an amount echoed back: "Five thousand for onboarding?"
                             r"^\W*(?:\$\s?)?[\w.,-]+(?: [\w-]+)? (?:thousand|hundred|grand|bucks|dollars|k)"
                             r"(?: dollars| bucks)? (?:just |only )?(?:for|a|per|each) [^?]{1,40}\?", r"(?:isn't|aren't) (?:it|"
                             r"that|this|they) (?:a bit |kind of |pretty |really |quite |awfully )?"
                             r"(?:pricey|expensive|steep|a lot|much|high)", r"(?:a bit|kind of|"
                             r"pretty|really|way|quite|awfully) (?:pricey|expensive|steep)"),
               "need": _any(r"why would (?:i|we) (?:make|bother|want|switch|change|need|pay)",
                            r"what (?:problem|would|does) .{0,20}(?:solve|do for) (?:us|a \w+ like ours|"
                            r"someone like us|me)", r"why would (?:we|i) need"),
               "timing": _any(r"revisit", r"can (?:this|it|that|we) (?:just )?wait", r"wait (?:till|until) after", r"next (?:quarter|year)", r"in the (?:fall|spring|summer|"
                              r"winter|new year)", r"after (?:the )?\w+ season", r"(?:talk|revisit|circle back|come back|"
                              r"do this|look at (?:this|it)|pick (?:this|it) up) later",
                              r"after the (?:holidays|new year|first|summer|quarter|audit)",
                              r"pick (?:this|it) (?:back )?up", r"circle back", r"talk again")}
NEGATOR = re.compile(rf"\b{_NEG}\b(?:\s+[\w']+){{0,2}}\s*$|\b(?:never said|didn't say|did not say|"
                     rf"not saying|wouldn't say|would not say)\b[\w\s']*$")
# Words any objection tends to carry: what a sentence needs before the learned reader
# (``objection_model``) is asked about it.
VOCABULARY = re.compile(
    r"\b(?:not|no|never|nothing|nobody|n't|\w+n't|can't|too|already|only|just|enough|busy|"
    r"need|needs|have to|has to|until|till|before|after|later|next|budget|cost|costs|price|"
    r"pricing|money|afford|spend|expensive|cheap|cheaper|grand|dollars|bucks|fee|fees|pay|"
    r"paying|boss|owner|owners|board|partner|partners|corporate|approve|approval|sign|decide|"
    r"decision|decides|call|vendor|provider|contract|deal|using|use|switch|switching|locked|"
    r"happy|fine|works|work|time|timing|now|moment|week|month|quarter|year|season|stretched|"
    r"short|leave|rollout|implementation|handles|handle|vote|votes|cheap|premium|premiums)\b")
# What a type the learned reader proposes must be about: a sentence typed "authority" names
# a person or body that decides, "price" names money, and so on.
ABOUT: dict[str, re.Pattern[str]] = {
    "price": re.compile(TOPIC["price"].pattern + r"|\b(?:expensive|pricey|cheap|cheaper|afford|"
                        r"paying|pay)\b"),
    # Timing needs something in the way, not only a date ("Our fiscal year starts in July.").
    "timing": re.compile(r"\b(?:busy|later|wait|until|till|after|before|stretched|leave|slammed|"
                         r"swamped|not|no|nothing|too|can't|cannot|won't|don't|hectic|crazy|"
                         r"bandwidth|capacity|short|freeze|frozen|hold)\b"),
    "authority": re.compile(TOPIC["authority"].pattern + r"|\b(?:approve|approval|sign|decide|"
                            r"decides|decision|vote|votes|handles vendor|selection|say)\b"),
    "need": re.compile(r"\b(?:need|needs|use|using|useful|value|point|small|fine|happy|works|"
                       r"work|features|fit|relevant|enough|many|much|problem|old school|touch|"
                       r"does everything|overkill|setup|process)\b"),
    "competitor": re.compile(r"\b(?:vendor|provider|supplier|competitor|contract|deal|using|use|"
                             r"switch|switched|switching|rollout|guy|company|companies|with|into|"
                             r"signed|went|already|current)\b"),
}
