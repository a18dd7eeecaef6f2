"""The words of next-step talk: what names a step (and which kind), what frames a sentence
as an offer, request or suggestion, and what says it is only talked about.

All patterns run on a sentence lower-cased with straight apostrophes (``norm_keep``: the
same length as the text, so match offsets are character offsets into it).
``scorer.features.proposals`` combines them with the dependency parse.
"""
from __future__ import annotations

import re

STEP_KINDS: tuple[str, ...] = ("demo", "trial", "proposal", "meeting", "call", "follow-up")
INVITE = "invite"  # names no kind: a calendar invite takes the kind of the step it confirms

_PEOPLE = (r"(?:tech|techs|technician|technicians|engineer|engineers|rep|reps|recruiter|recruiters|trainer|"
           r"trainers|estimator|estimators|specialist|specialists|consultant|consultants|installer|installers|"
           r"crew|expert|experts|person|people|folks|guy|guys|auditor|auditors|inspector|inspectors|surveyor|"
           r"surveyors|assessor|assessors|designer|designers|electrician|electricians|plumber|plumbers|"
           r"contractor|contractors|advisor|advisors|adviser|advisers|analyst|analysts|representative|"
           r"representatives|coach|coaches|agronomist|agronomists|nutritionist|nutritionists|chef|chefs)")
_WHO = r"(?:you|u|ya|them|him|her|us|me|your|the|everyone|y'all|both|all|our|my|their|his|this|that)"
# Nouns that, after a step word, make it a modifier ("the demo account", "pilot results").
_NOT_A_STEP_AFTER = (r"(?:environment|results?|data|feedback|notes|"
                     r"recording|system|number|numbers|line|bill|plan|app|support|center|centre|"
                     r"version|feature|module|period|phase|price|pricing|cost|fee|terms|"
                     r"program|list|notice|user|users|group|room|logs?|agenda|deck|"
                     r"slides|invite|link|window|screen|script|team|tree|review|reviews)\b")
STEP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p)) for k, p in (
    ("demo", rf"\bdemo(?:s|ed|ing)?\b(?![- ]{_NOT_A_STEP_AFTER})(?! (?:login|logins|account|accounts|"
             rf"environment|instance)\b)"),
    ("demo", r"\b(?:demonstration|walk-?throughs?|presentation|screen ?-?share)\b|"
             # "running through the inventory module with your store managers"
             r"\b(?:run|running|walk|walking|go|going)(?: \w+)? through (?:the |our |your |a |how )?(?:[\w-]+ ){0,2}?"
             r"(?:module|modules|feature|features|product|platform|dashboard|app|tool|workflow|software)\b"),
    ("demo", rf"\bshow(?:ed|ing)? {_WHO}\b"),
    ("demo", rf"\b(?:walk|walked|walking|run|ran|running|take|took|taking|talk|talked|talking) "
             rf"{_WHO}\b[\w\s',.-]{{0,40}}?\bthrough\b"),
    ("demo", r"\bsee (?:[\w'-]+ ){0,5}?(?:live|in action|working|in real time)\b|"
             r"\bsee how (?:[\w'-]+ ){1,5}?(?:works|handles|looks|runs|would work|would look)\b|"
             # "want to see the new dashboard?", "would they like to see it?"
             r"\b(?:want|wanna|like|love|care) to (?:come )?see (?:the|our|it|this|what|how)\b|"
             r"\bpresent(?:ing)? (?:it |this |that |the \w+ )?to (?:you|your|the|them|him|her|everyone|our|my)\b|"
             r"\bpresent(?:ing)? at (?:our|your|the|their)\b|\binterested in seeing (?:the|our|it|this|what|how)\b|"
             # a look booked for a time: "a quick look at the dispatch board on Thursday" (not
             # "let me take a quick look at my calendar", which is now)
             r"\b(?:a|an) (?:quick|closer|second|fresh) look at (?:[\w'-]+ ){0,5}?(?:on (?:mon|tues|wednes|thurs|fri|satur|sun)day|next (?:week|month)|"
             r"tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
             r"\b(?:a|an|the) (?:quick |closer |second |fresh |proper |full )?(?:look at|tour of) (?:the|our) (?:[\w-]+ ){0,2}?"
             r"(?:platform|product|software|app|tool|system|dashboard|portal)\b"),
    ("trial", rf"\b(?:trial|pilot|poc|sandbox|sandboxes|trials|pilots)\b(?![- ]{_NOT_A_STEP_AFTER})"),
    ("trial", r"\b(?:beta|early access)\b(?! (?:version|versions|feature|features|bug|bugs))|"
              r"\btest (?:run|batch)\b|\b(?:run|try|do|swap|put|install|use) (?:[\w'-]+ ){0,8}?as a test\b|"
              r"\b(?:loaner|loaners|tasting|(?:free|product|menu|some|a few|physical|\d+|two|three|five|ten) samples|"
              r"(?:the|some|a few|a couple of) samples (?:sent|shipped|dropped off|delivered|brought)|sample (?:kit|kits|units?|bearings?|parts?|box|boxes|bags?|packs?|packets?|pieces?|rolls?|cases?|jars?|bottles?|sets?)|a sample of)\b|"
              r"\b(?:piloted|piloting|trialed|trialing|trialling|test[- ]drive|kick the tires|"
              r"proof[- ]of[- ]concept|free (?:month|week|trial))\b"),
    # things sent or left to be tried ("i shipped you a couple of the scanners to try on the
    # dock", "put it in two of your trucks for thirty days")
    ("trial", r"\b(?:ship(?:ped|ping|s)?|send(?:ing|s)?|sent|mail(?:ed|ing|s)?|leav(?:e|es|ing)|left|"
              r"lend(?:ing|s)?|lent|loan(?:ed|ing|s)?) (?:[\w'-]+ ){1,9}?(?:(?:to|and|so) (?:(?:you|they|we|"
              r"your \w+|the \w+) (?:can )?)?(?:try|test|trial)\b|and (?:i|we|they|you)(?:'ll| will| can| could) "
              r"(?:try|test|trial|stick|put|install|mount|hook up|plug|run|use) (?:them|it|those|these|one)\b)|"
              r"\b(?:try|test|use|wear|run|put|leave|left|leaving|install|lend|lent|loan)"
              r"(?:ing)? (?:it|them|those|these|one|a couple|a few|\w+ of (?:them|those|these|our|the))"
              r"\b (?:[\w'-]+ ){0,8}?(?:for (?:a|one|two|three|four|a couple of|a few|\d+|thirty|sixty|"
              r"ninety|fourteen) (?:day|days|week|weeks|month|months)|over the weekend|for the (?:week|weekend))\b|"
              # "I could get you a couple pallets of the blend at cost so you can see how it does"
              r"\b(?:get|send|give|ship|bring|drop off)(?: you)? (?:a couple(?: of)?|a few|some|one|two|three|a case|"
              r"a pallet|a box|a bag) [\w\s'-]{0,40}? so (?:you|they|your \w+|the \w+) can (?:see how|try|test)\b"),
    # "what if we ran it side by side for a month", "trying it on two trucks first"
    ("trial", r"\b(?:run|ran|running|use|using|try|trying|test|testing) (?:it|them|this|both(?: \w+)?|"
              r"the two(?: \w+)?|the \w+|\w+) (?:side[- ]by[- ]side|in parallel)\b|\btry(?:ing)? (?:it|this|them|that)(?: out)? "
              r"(?:on|with|in|at) (?:just )?(?:one|two|three|four|five|a few|a couple(?: of)?|a single|a small|"
              r"a handful of|half|\d+)\b|\btry(?:ing)? (?:it|this|them|that)(?: out)? (?:[\w'-]+ ){0,5}?first\b|"
              # "how about we start you on the free tier for a month"
              r"\bstart (?:you|u|them|him|her|your [\w-]+|everyone|the team) (?:off )?(?:on|with) (?:the|a|our) "
              r"(?:[\w-]+ ){0,2}?(?:tier|plan|package|version|edition|license|licence)\b"),
    ("trial", r"\btry (?:it|this|us|them|the \w+|you)\b(?! on)|\bdemo (?:login|logins|account|"
              r"accounts|environment|instance)\b|\bgive (?:it|us|this|that|them) a (?:shot|try|go|whirl|spin)\b"),
    ("trial", r"\blicen[cs]es? (?:for a (?:month|week|couple)|free|no charge)|"
              r"\bset (?:you|u|them|your [\w-]+|everyone|the team) up with\b"),
    ("proposal", rf"\b(?:proposal|proposals|quote|quotes|quotation|estimate|contract|contracts|"
                 rf"msa|sow|sla|statements? of work|scope of work|service agreement|order form|paperwork|price sheet|price list|rate card|signature packet|"
                 rf"nda|purchase order|signed po|(?:the|a) po|docusign|engagement letter|"
                 rf"(?:get|need|have) (?:a|your|the|their) signatures?|signatures? by|"
                 rf"(?:place|finalize|submit|sign|put in) (?:the|an|this|your|our) order|to (?:the|this|your|our) order"
                 rf"(?! (?:of|page|pages|number|history|status|screen|form)\b)|price (?:it |this |that |them )?out|"
                 rf"(?<!in )agreement|agreements|side-by-side|"
                 rf"(?:cost|price|pricing|roi|savings) (?:breakdown|analysis|comparison|projection)s?)\b"
                 rf"(?![- ]{_NOT_A_STEP_AFTER})"),
    # "get you a side-by-side by Thursday", "I'll have the numbers to you by Friday"
    ("proposal", r"\b(?:(?:get|send|email) (?:you|over) (?:a |the |some |those |these )?(?:[\w-]+ ){0,2}?"
                 r"(?:numbers|figures|comparison|breakdown)(?: over(?: to you)?| to you| across)?|(?:get|send|email|have) "
                 r"(?:the|those|these|some) (?:[\w-]+ ){0,2}?(?:numbers|figures|comparison|breakdown) "
                 r"(?:over(?: to you)?|to you|across)) (?:by|before|tomorrow|tonight|today|this (?:week|afternoon|evening)|"
                 r"next week|on (?:mon|tues|wednes|thurs|fri)day|(?:mon|tues|wednes|thurs|fri)day)\b"),
    ("proposal", r"\b(?:send|email|get|put) (?:me|us) (?:something|anything|a (?:\w+ )?(?:doc|document|one-pager|"
                 r"summary)) (?:with|that has|showing|covering) (?:the |your )?(?:price|prices|pricing|terms|cost|costs)\b"),
    ("proposal", r"\bpricing(?: (?:sheet|options|breakdown|proposal|for|on|with|to|over|"
                 r"tonight|today|tomorrow|by))?\b(?! (?:committee|team|page|model|structure|tiers?|"
                 r"plan|question|questions|discussion|is|was))"),
    ("meeting", r"\bmeet(?:ing|ings|up)?\b(?! in the middle| halfway| the (?:deadline|needs|"
                r"requirements|criteria|goal|target))"),
    ("meeting", rf"\b(?:session|sessions|workshop|workshops|on[- ]?site|onsites|site visit|kick-?off|"
                rf"sit-?down|get-together|lunch|coffee|dinner|breakfast|training|webinar|"
                rf"ride-?along|tour|assessment|visit|consultation|consult|(?:site )?survey|trained|"
                rf"site walk|walk-?down|briefing|installation|(?:the|an|your|our|their|this|that) installs?)\b"
                rf"(?![- ]{_NOT_A_STEP_AFTER})"),
    ("meeting", r"\bsave (?:you|u|your \w+) (?:a |two |some )?(?:spot|seat|seats|place|ticket|tickets)\b"),
    ("meeting", r"\bin front of (?:our|my|the|your) (?:[\w-]+ ){0,2}(?:team|folks|people|board|group)\b"),
    ("meeting~", r"\bloop(?:ed|ing)? (?:in|(?:[\w']+ ){1,4}?in)\b(?! (?:the|a) (?:email|thread|chain|cc))"),
    ("meeting", r"\b(?:sit down|get together|swing by|stop by|drop by|pop by|pop in|stop in|"
                r"drop in|drop off|swing out|come (?:out|by|over|down|up|in)\b(?! with| of| from)|came (?:out|by|over) (?:to|and) (?:measure|look|see|check|take|do|walk|meet|inspect|assess|install|fix|"
                r"help|train|quote)\b|"
                r"come back (?:out|by|over|for|next|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|to (?:the|our|your) (?:site|office|plant|shop|store|"
                r"warehouse|clinic|school|kitchen))\b|"
                r"(?:bring|brought) (?:[\w',]+ ){0,5}?(?:by|over|out to)\b(?! (?:here|the way))|bring (?:your|the|him|her|them) (?:\w+ ){0,2}in\b"
                r"(?! (?:revenue|money|business|customers|leads|more|new|cash|sales))|onboarding(?! (?:process|fee|costs?|docs|flow))|"
                r"come (?:and )?(?:see|visit|look at|take a look|check out|meet|walk|tour|inspect|measure|assess)\b|"
                r"(?:security|design|business|quarterly|pricing|contract|technical|data|planning|"
                r"strategy|roadmap|account) review|"
                r"visit (?:you|the|your))"),
    ("meeting", r"\bget [\w\s',-]{1,50}? in (?:a|the same|one) room\b|"
                # people got together: "get you and the owner together", "get everybody together"
                r"\b(?:get|bring|pull)(?:ting)? (?:everybody|everyone|all of (?:us|you|them)|both (?:of )?"
                r"(?:you|them|us|teams)|(?:you|him|her|them|us)(?: two| both| all)?|the (?:[\w-]+ )?(?:team|"
                r"teams|group|folks|crew)|(?:you|him|her|them|us) and (?:your |our |the |my |their )?[\w'-]+"
                r"(?: [\w'-]+)?) together\b"),
    ("meeting", r"\bsend (?:over )?(?:someone|somebody|anyone|(?:an?|your|our|one of (?:your|our)) (?:[\w-]+ ){0,2}?"
                rf"{_PEOPLE}) (?:out|over|by|down|in|along|to (?:the|our|your|a|"
                r"train|help|meet|see|look|walk|calibrate|inspect|check|fix|install|service|measure|assess|repair|"
                r"test|set up))\b|"
                # "I can have a technician out there tomorrow", "what if we had our agronomist walk
                # your north fields"
                rf"\b(?:have|had|get) (?:someone|somebody|(?:an?|one of (?:our|my)|our|my) (?:[\w-]+ ){{0,2}}?{_PEOPLE}) "
                r"(?:come )?(?:out|over|by)\b|\b(?:have|had) (?:our|my|one of our) (?:[\w-]+ ){0,2}?[\w-]+ "
                r"(?:walk|visit|tour|inspect|measure|assess|come (?:out|by|over)|stop by|swing by)\b|"
                # a person brought in, not data ("bring in your Salesforce contacts")
                r"\bbring in (?:your|our|the|my|his|her|their) (?:[\w-]+ )?(?:lead|leads|manager|managers|boss|engineer|engineers|cfo|ceo|cto|coo|cio|director|vp|head|partner|expert|specialist|folks|people|guy|person|rep|admin|owner|counsel|lawyer|attorney|team)\b|"
                r"\b(?:put|get) (?:[\w'-]+ ){1,3}?in touch with\b|"
                r"\bget(?:ting)? (?:your|our|the|my|him|her|them|you) (?:[\w'-]+ ){0,3}?on with\b|"
                # together at a time, not "let's look at this together" (now)
                r"\b(?:review|go through|look at|look over|go over) (?:[\w'-]+ ){0,4}?together (?:on |next |"
                r"tomorrow|this (?:week|month|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"),
    ("meeting~", r"\b(?:on|in|onto) (?:the|your|my|our) (?:[\w-]+'s )?(?:calendar|books|diary|schedule)\b|"
                 # "schedule the data migration for the 15th"; not "schedule the report for weekly delivery"
                 r"\b(?:schedule|book) (?:the|a|an|our|your|some) (?:[\w-]+ ){0,2}(?:review|migration|session|"
                 r"walkthrough|install|installation|training|kickoff|kick-off|visit|onboarding|workshop|rollout|cutover|"
                 r"inspection|assessment|survey|consultation|presentation)\b"),
    ("meeting~", r"\b(?:find|grab|book|block|schedule|set aside|carve out|get|have) (?:off |out )?"
                r"(?:some |a |any )?(?:time|slot|date)\b|\b(?:pencil|lock|book|schedule|block|"
                r"set) (?:in |up )?(?:something|some time|a time|a slot|a date)\b|"
                r"\b(?:pencil|lock) (?:it|that|this|you|us|me|something|one) in\b|"
                r"\bpencil in\b|\block in (?:a|the|that|this|something|tuesday|monday|"
                r"wednesday|thursday|friday)\b|\bbook (?:it|that|one|us|you)\b|"
                r"\b(?:\w+|an?) (?:minutes|hour|hours) (?:with|on your calendar|of your time)\b|"
                r"\b(?:find|grab|book|block|get|hold|have) (?:an?|one|some) (?:[\w-]+ ){1,2}slot\b|"
                r"\b(?:grab|borrow|steal|get|have|book) (?:you|him|her|them|(?:your|the) [\w-]+(?: [\w-]+)?) "
                r"for (?:a |an |half an |\w+ |\w+-\w+ )?(?:minutes|hour|hours)\b|"
                r"\b(?:find|grab|book|block|get|set aside|carve out|take|have|spare) (?:an?|one|half "
                r"an?|some|\w+|\w+-\w+) (?:hour|hours|minutes)\b"),
    ("call", r"\b(?:call|calls)\b(?! (?:center|centre|it|them|him|her|that|this(?! (?:week|month|"
             r"morning|afternoon|evening|\w+day)\b)|queue|volume|"
             r"recording|list|script|log|notes|quality|routing|tree|flow)\b)"),
    ("call", r"\b(?:give|gave) (?:me|you|us|him|her|them|\w+) a (?:call|ring|buzz)\b|"
             r"\b(?:phone|phones)\b(?! (?:system|number|numbers|line|lines|bill|plan|app|support|"
             r"tree|tag|menu))|\b(?:zoom|teams call|google meet|webex|facetime|video call|"
             r"video chat|conversation|chat|sync|catch-?up|ring)\b"),
    ("follow-up", r"\bfollow(?:ing|s|ed)?[- ]?ups?\b|\b(?:check|checking|checked) (?:back|in)\b(?! on the)|"
                  r"\bcheck-in\b|\b(?:circle|circling|loop|looping) back\b|\btouch(?:ing)? base\b|"
                  r"\breach(?:ing|ed|es)? (?:back )?out\b|\bping (?:you|me)\b|\breconnect(?:ing|ed)?\b|"
                  r"\b(?:be|get) in touch (?:in|next|on|after|before|tomorrow|by|early|later|once)\b|"
                  r"\bpick (?:this|it|that|things|the conversation) back up\b|\bpick (?:this|that|the conversation) up "
                  r"(?:again|later|next|after|in|once|when)\b|"
                  r"\bregroup\b|\b(?:email|e-mail|ping|text|message|write|remind) (?:me|us|him|her|them) "
                  r"(?:back )?again\b|\bcatch up\b|\b(?:talk|speak|chat|connect) again (?:on|next|in|after|before|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|once)\b"),
    ("follow-up~", r"\bnext steps?\b|\b(?:move|moving) (?:forward|ahead)\b|\bget(?:ting)? started\b|"
                   r"\bget the ball rolling\b|\bgo ahead with\b|"
                   # Getting the product going: "get the software set up", "the rollout", "go-live".
                   r"\bset (?:[\w'-]+ ){0,4}?up\b|\b(?:go-?live|roll-?out)\b(?![- ](?:plan|plans|schedule|timeline|"
                   r"date|checklist|process|team))|\bkick(?:ed)? off\b|"
                   r"\bstart (?:on|with) (?:the|a) [\w-]+ plan\b|"
                   r"\bget (?:[\w'-]+ ){0,4}?(?:scheduled|booked|kicked off|started|installed)\b|"
                   r"\b(?:start|begin) (?:the|your|our) (?:[\w-]+ )?(?:setup|set-up|implementation|install|"
                   r"installation|migration|onboarding|rollout|project|framing|work)\b(?! (?:order|orders|wizard|screen|"
                   r"page|guide|menu|button|form|tab|flow)\b)|"
                   r"\bstart with (?:the|a|our) (?:[\w-]+ ){1,3}?(?:module|tier|plan|package|pilot)\b|"
                   r"\bsign(?:s|ed|ing)? (?:it |this |that |them )?(?:today|tomorrow|this week|by (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|"
                   r"the end|end of|next|the \d+))\b"),
    (INVITE, r"\b(?:calendar |meeting )?(?:invite|invites|invitation)\b|\bcalendar holds?\b"),
))
# The present call, greetings and decisions name no step.
NOT_A_STEP = re.compile(
    r"\b(?:this|today's|the current|our current) (?:call|meeting|conversation|chat)\b|"
    r"\b(?:nice|glad|good|great|pleasure|lovely|happy) to (?:finally )?meet\b|"
    r"\b(?:make|made|making|final|judgment|judgement|tough|your|my|his|her|their|the \w+'s) call\b|"
    # "I'm calling about", "called because", "calling to ask"; not "a call about the wearables"
    r"\bcall(?:ing|ed) (?:about|regarding|because)|\bcall(?:ing|ed)? to (?:say|ask|see|follow|check|let)|"
    r"\bthe reason i'm calling|\bthanks for (?:the|your|calling|taking)|\bwhat (?:do|would) you call|"
    r"\bon (?:the|another) call\b(?= (?:earlier|yesterday|last))|(?:\b(?:is|are|was|were)|(?<!let)'s|'re) (?:(?:already|still|currently|actually|just|stuck|busy) )?"
    r"on (?:a|another|the other) call\b|\b(?:in|into|to|on) the (?:zoom |teams |meeting )?chat\b|\b(?:sales|cold) calls?\b|"
    # The slot of this call, found already: "Glad we could find a slot", "thanks for making the time".
    r"\b(?:glad|good|great|nice|happy|thanks|thank you|appreciate)\b[\w ,']{0,20}?\b(?:we|you|i) "
    r"(?:(?:could|were able to|managed to|got to)(?: finally)?|finally) (?:find|make|get|grab|book)\b"
    r"[\w ']{0,12}|\bcall(?:s|ed|ing)? in sick\b|"
    # Discovery, the other party explaining: "walk me through what happens when ...".
    r"\b(?:walk|talk|take)(?:ing|s)? (?:me|us) through (?:what|how|why|when|where|who|your|the way)\b|"
    # A scope, not a step: "based on that, I'd only show you the reporting piece".
    r"\bi'd (?:only|just)(?: \w+){0,2} show you\b|"
    # Channels listed: "support is there around the clock, by chat, phone or email".
    r"\bby (?:chat|phone|email|e-mail)(?:,? (?:or |and )?(?:chat|phone|email|e-mail))+\b|"
    # Done now, on this call: "let me pull up the quote", "let me show you the dashboard real
    # quick", "let me share my screen and show you the pricing" (not "let me show you how it
    # works next Tuesday": no now-word, and a time).
    r"\blet me (?:just |quickly )?(?:pull up|bring up|open up|share my screen|screen ?-?share|share (?:my|the|this) )"
    r"[^.?!]{0,80}|"
    r"\blet me (?:just |quickly )?(?:show|walk|go over|run through|go through)\b[^.?!]{0,60}?\b(?:now|real quick|"
    r"really quick|quickly|right now|for a sec|for a second|first|on (?:my|the|your) screen)\b|"
    # The speaker's own reading of a document: "I'll have a quick look at the contract
    # tonight" (a deferral; "can you take a look at the proposal?" still asks for a step).
    r"\b(?:i'll|i will|we'll|we will|let me|i'm going to|i'm gonna|we're going to|i need to|we need to|"
    r"i want to|i'd like to)(?: just)? (?:have|take|give (?:it|that|this)) an? (?:quick |closer |good |proper |"
    r"hard |long |first )?(?:look|read|glance|pass)(?: (?:at|over|through) (?:the|your|our|this|that|it|them)"
    r"(?: [\w-]+){0,3})?|"
    # How something already under way is going: "how's the rollout going at the plant".
    r"\bhow(?:'s| is| are| was| were)\b[\w ',-]{0,40}?\b(?:going|coming along|progressing|working out)\b|"
    # A step the speaker's side does alone: "we'd do the onboarding ourselves", "we can run the
    # training in-house" (not "we can set up a call with your team ourselves").
    r"\bwe(?:'d|'ll|'re| would| will| can| could| do| did| are)?(?: going to| gonna)?(?: just)? "
    r"(?:do|handle|run|take care of|set up|manage|deliver)\b(?:(?!\byou)[^.?!,]){0,40}\b(?:ourselves|"
    r"on our own|in-house|in house|internally)\b|"
    # Asking leave to ask: "can I ask what the Fieldline quote included?" (not "can I ask you
    # to send the quote over?", nor "can I ask, would a demo Tuesday work?").
    r"\b(?:(?:can|could|may|might) i (?:just |quickly )?|mind if i |let me )ask\b"
    r"(?! (?:you |y'all |your \w+ |them )?(?:to|for)\b)(?!\s*[,:-])[^.?!]{0,80}|"
    # This call's agenda: "save a few minutes at the end for next steps".
    r"\bat the end\b[^.?!]{0,30}\bnext steps?\b|\bnext steps?\b[^.?!]{0,20}\bat the end\b")

_LEAD = (r"^\W*(?:(?:so|well|okay|ok|and|then|um|uh|hmm|yeah|alright|all right|right|sure|great|"
         r"perfect|honestly|also|anyway|listen|look|but|actually|now|oh|hey|you know what|"
         r"tell you what|here's a thought|here's what i'm thinking|in that case|just|please|"
         r"and then|if it helps|if it'd help|if that helps|otherwise)\b[\s,:;.-]*)*")
# A sentence framed as an offer, request or suggestion: a question to the listener, "let's",
# an offer ("I can", "we'll"), "how about", "what if", "why don't we", "any chance", "mind if",
# a recommendation ("the best next step is", "I'd suggest"), an imperative.
ASK_FRAMES = re.compile(
    _LEAD + r"(?:(?:can|could|would|will|shall|should|may|might|can't|couldn't|wouldn't)"
    r"(?: not)? (?:i|we|you|u|ya|your|our|they|he|she|it|that|this|the|someone|one|somebody|"
    r"a|an|some|these|those|any|my|his|her|their|\w+day|next|tomorrow|"
    r"anyone|everyone|y'all|[a-z]+ (?:and|or) [a-z]+)\b|(?:do|does) (?:you|we|your|y'all|"
    r"everyone|that|this|it|\w+day)\b|(?:are|is|were) (?:you|your|everyone|y'all|they|he|she|"
    r"\w+) (?:\w+ )?(?:free|open|available|around|up for|interested|game|able|willing|ok|okay|"
    r"good|in for|in on|down for)\b|any reason (?:we|i|you|not)\b|(?:ready|okay|ok|good) for (?:me|us) to\b|when's\b|(?:want|wanna|care|like) (?:me )?to\b|(?:want|need) (?:a|an|the|me|us|some)\b|"
    r"(?:how|what) about\b|what if\b|why (?:don't|not|wouldn't)\b|any (?:chance|way|interest)\b|"
    r"is there (?:any|a) (?:chance|way|time|day)\b|(?:is|isn't|would|wouldn't) it (?:be )?(?:even |really )?worth\b|worth (?:a|an|getting|having|setting|doing|taking|grabbing|booking|bringing|looping)\b|(?:do you |would you )?mind (?:if|\w+ing)\b|"
    r"how(?:'s| is| does| do| would| will) |when (?:can|could|would|works|is|are|do|does|should)\b|"
    r"(?:what|which) (?:time|day|date|works)|let's\b|let us\b|let me\b|maybe (?:we|i|you|your)\b|"
    r"perhaps (?:we|i|you)\b|shall we\b|say\b)")
ANY_FRAMES = re.compile(
    r"\b(?:i|we)(?:'ll|'d| will| would| can| could| shall| should| might|'m going to|'re going "
    r"to| am going to| are going to|'m gonna|'re gonna| want to| wanna| need to| plan to|'m "
    r"happy to|'re happy to|'d be happy to|'d be glad to|'m glad to| have to get| gotta)\b|"
    r"\b(?:i|we)(?:'d| would)? (?:really )?(?:like|love|want|prefer|suggest|recommend|propose)\b|"
    r"\b(?:i|we)(?: was| were|'m|'re| am| are) (?:going to|gonna|about to) (?:suggest|recommend|propose|offer|ask)\b|"
    r"\b(?:i|we)(?:'ve| have)? got (?:[\w'-]+ ){0,6}?(?:open|free|available)\b|"
    r"\b(?:i|we) (?:suggest|recommend|propose|offer)\b|\bmy (?:suggestion|recommendation|proposal|"
    r"thought|idea)\b|\bwhat (?:i|we)(?:'d| would| will|'ll)? (?:suggest|recommend|propose|do|like|"
    r"want|love|'ll do)\b|\b(?:happy|glad|keen|ready|able) to\b|\blet's\b|\bhow about\b|"
    r"\bwhat about\b|\bwhat if\b|\bwhy don't\b|\bwhy not\b|\bany chance\b|\bmind if\b|\bhere's "
    r"(?:a thought|an idea|what)\b|\btell you what\b|\b(?:the|a|my|our|your) (?:\w+ )?(?:next )?"
    r"steps? (?:is|would be|'s|could be|might be|should be|here)\b|\bthe (?:\w+ )?next step\b|"
    r"\b(?:the|a) (?:best|easiest|simplest|cleanest|quickest|fastest|natural|logical|obvious|"
    r"right|good|smart|great|ideal) (?:way|thing|step|move|option|place to start|next step)\b|"
    r"^\W*(?:so |and |then |okay |ok )?next steps? (?:is|would be|'s|could be|might be|should "
    r"be)\b|\b(?:i'm|we're|i am|we are) (?:open|free|available|around)\b|\bit(?:'d| might| would| could)"
    r"(?: also)? (?:be|make) (?:worth|sense|good|great|useful|helpful|smart|easier|best)\b|"
    r"\b(?:would|will|could|might) (?:be|make) (?:worth|sense|good|great|useful|helpful|smart|"
    r"the easiest|the best|easier)\b|\bwe should\b|\bwe could\b|\bmaybe we\b|\bwe can\b")
IMPERATIVE = re.compile(
    _LEAD + r"(?:send|email|e-mail|mail|book|put|give|call|ring|phone|follow|show|check|get|"
    r"loop|shoot|set|schedule|come|swing|drop|stop|pop|pencil|text|ping|reach|circle|walk|find|"
    r"grab|forward|write|draw|draft|lock|block|bring|arrange|organize|organise|line|hook|run|"
    r"demo|pilot|try|start|kick|sign|throw|whip|pull|zoom|touch|meet|visit|hop|jump|plan|"
    r"reserve|save|hold|count|add|include|ship|lend|have(?= (?:your|our|one of|someone|somebody|him|her|them)\b))\b(?! (?:it|that|this) (?:out|aside)\b)")
# Talk about a step, not an offer: a question about the product, the step as a topic.
ABOUT = re.compile(
    r"(?<!how )(?<!what )\b(?:about|from|during|regarding|since|re|after|before|until) (?:(?:the|that|this|"
    r"your|our|their|a|an|his|her|my|last|those|these) (?:[\w-]+ )?)?STEP|\b(?:how|what) (?:long|"
    r"much|many|often)\b|\b(?:usually|normally|typically|generally)\b")
POSSESSED = re.compile(r"\b(?:our|my|their|his|her)(?: (?!(?:on|in|at|to|for|with|and|or|a|an|"
                       r"the|is|are|can|will|would)\b)[\w-]+){0,2} STEP")
_AGO = (r"(?:last (?:time|week|month|year|spring|summer|fall|autumn|winter|quarter|monday|"
        r"tuesday|wednesday|thursday|friday)|ago|yesterday|earlier (?:today|this week)|"
        r"(?:in|back in) (?:19|20)\d\d|before\W*$)(?!'s)")
# A past-time word next to the step ("the walkthrough last time", "a trial in 2023").
PAST_TIME = re.compile(rf"\b(?:{_AGO}|used to|already (?:had|did|sent|done|seen))(?: [\w'-]+){{0,3}}"
                       rf" STEP|STEP(?: [\w'-]+){{0,4}} {_AGO}|\banymore\b")
# The rest of a sentence after "so (that) I can ...": a purpose, not the step proposed.
PURPOSE = re.compile(r"\b(?:so (?:that )?(?:i|we|you|they|he|she|your \w+) (?:can|could|will|'ll|"
                     r"get to|see)|so that|in order to)\b")
# The speaker's own interest or situation as a condition: a brush-off, not a proposal
# ("I'll reach out if we're interested", "we'll ping you if the budget ever frees up").
BRUSH_OFF = re.compile(
    r"\b(?:if|when|once|should) (?:[\w']+ ){0,3}?(?:interested|need|needs|change|changes|ever|"
    r"decide|decides|frees? up|opens? up|ready|come around|comes around|comes? up|want to move|"
    r"make a decision|get (?:approval|budget)|want it|wants? (?:to )?(?:see|hear|know|learn) more|have budget|changes? (?:its|their|his|her|"
    r"our|my) mind|gets? (?:the )?(?:budget|approval|green light))\b")
# Only thinking it over ("I'll have to think about it and circle back"): a deferral.
THINKING = re.compile(
    r"\b(?:think (?:about it|it over|on it|about that)|mull|sleep on|sit on it|let me (?:check|"
    r"think|talk|see)|get back to you|let you know|talk (?:to|with) (?:my|our|the)|run it by|"
    r"check with)\b")
NEGATION = re.compile(
    r"(?<![\w'])(?:not|n't|never|no|nothing|nobody|neither|nor|without|rather you|hold off|"
    r"no need|no point|no way|stop|cancel)(?![\w'])|\w+n't\b")
# Negated forms that still propose: "why don't we", "can't we", "wouldn't it make sense",
# "don't you think", "if not", "not just", "no charge".
NEGATION_OK = re.compile(
    r"\bwhy (?:don't|not|wouldn't)\b|\bany reason (?:we|i|you) (?:can't|couldn't|shouldn't|wouldn't)\b|"
    r"^\W*(?:(?:so|well|but|and|okay|ok|um|uh|honestly|then|"
    r"actually)\W+)*(?:can't|couldn't|wouldn't|won't|don't|shouldn't|isn't|doesn't)\b|"
    r"\bif not\b|\bnot (?:just|only|too|a bad|a big|even|necessarily)\b|\bno (?:charge|cost|"
    r"obligation|strings|pressure|commitment|rush|problem|worries|later than|more than|longer "
    r"than)\b|\b(?:don't|do not) (?:you |we )?(?:think|want|we)\b(?=[^.]*\?)|"
    r"\bno(?:,| one| matter|,? (?:actually|wait|sorry)\b)|\bnot (?:sure|that)\b.{0,30}\bbut\b|\bcan't wait\b|"
    r"\bwon't take (?:long|more than)|\bwouldn't hurt\b|\bdoesn't have to\b|\bnot (?:long|"
    r"much|more than)\b|\bwithout (?:any|a) (?:commitment|obligation|charge)|"
    r"\bif you (?:don't|can't|haven't)\b|\bdon't (?:worry|hesitate)\b")


def norm_keep(text: str) -> str:
    """Lower case with straight apostrophes, the same length as ``text``."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def mentions(low: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every step named in the lower-cased sentence, in text order.
    A kind ending in "~" is generic ("find a time", "the next step"): a step named in the
    same sentence is more specific."""
    blocked = [(m.start(), m.end()) for m in NOT_A_STEP.finditer(low)]
    found = []
    for kind, pattern in STEP_PATTERNS:
        for m in pattern.finditer(low):
            if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in blocked):
                found.append((kind, m.start(), m.end()))
    return sorted(found, key=lambda k: k[1])


def step_pattern(regex: re.Pattern[str], step: str) -> re.Pattern[str]:
    """``regex`` with ``STEP`` replaced by the escaped mention."""
    return re.compile(regex.pattern.replace("STEP", re.escape(step)))
