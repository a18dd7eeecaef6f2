"""What says the opposite of each objection type ("budget isn't a problem", "my boss loves
this", "we're not busy at all", "we don't use HubSpot anymore", "we definitely need this"):
``CLEAR`` cancels the type in its sentence unless it is itself negated
(``scorer.features.objections``). Patterns run on one clause, cleaned as for replies.
"""
from __future__ import annotations

import re

from scorer.features.common import phrases as _any

CLEAR: dict[str, re.Pattern[str]] = {
    "price": _any(
        r"(?:price|pricing|cost|budget|money|fee|rate)(?:'s| is| seems| looks| sounds)? "
        r"(?:(?:really|totally|actually|pretty|perfectly) )?(?:fine|fair|reasonable|ok|okay|good|"
        r"great|right(?! now| away| there| here)|not (?:a|an|the) (?:problem|issue|concern)|no problem|covered|approved)",
        r"(?:price|pricing|cost|budget|money|fee)(?:'s| is| was)? (?:not|n't|never) (?:a|an|the|"
        r"really a|really an)? ?(?:problem|issue|concern|obstacle|factor|thing)",
        r"(?:isn't|is not|'s not) (?:a|an|the) (?:problem|issue|concern)",
        r"(?:it's|that's|this is|you're|yours is) (?:actually |even )?(?:cheaper|less) than",
        r"but (?:that's|it's) (?:fine|okay|ok|not bad|reasonable|doable)", r"budget(?:'s| is) (?:\w+ )?"
        r"(?:healthier|bigger|better|fine|good|there)", r"(?:don't|do not) think (?:the )?(?:price|"
        r"cost|budget|money)(?: \w+){0,2} (?:will|would|is going to|'s going to) be (?:a |an )?"
        r"(?:problem|issue)", r"(?:cheaper|lower|less) than (?:i|we) "
        r"(?:expected|thought|figured)", r"(?:came in )?under (?:what|budget|our budget)",
        r"(?:have|got|approved|set aside|budgeted|left over|covers|allocated)(?: the| some| a)? "
        r"(?:budget|money|funds)", r"budget (?:got |was |is |has been )?(?:approved|set aside|"
        r"allocated|there)", r"worth (?:it|the money|every penny)", r"money's not",
        r"not the issue", r"pay more for", r"(?:it's|that's) (?:my|our) budget", r"(?:a )?grant that",
        r"company card", r"fair for what", r"(?:good|great|fair) (?:value|deal|price)",
        r"(?:is|are|was) (?:there )?(?:a )?discount"),
    "competitor": _any(
        r"(?:don't|do not|no longer|not) (?:use|using|on|talking to|working with)(?: \w+)? "
        r"(?:anymore|any more|anyone|anybody|any other)", r"dropped (?:them|it|\w+)",
        r"(?:not|aren't|are not) (?:talking|working|speaking) (?:to|with) anyone",
        r"(?:we're|we are) not on", r"not using anything",
        r"(?:does|can|will|would|do) (?:it|yours|this|you|your \w+) (?:\w+ )?(?:sync|integrate|connect|"
        r"talk|play nice|work) with", r"integrat(?:e|es|ion) with", r"(?:contract|deal|agreement|"
        r"subscription)(?:'s| is)? (?:up|ending|expiring|running out)\b(?! (?:until|till))",
        r"couldn't do (?:half|most|any) of", r"(?:nothing|no system|no tool) for "
        r"(?:this|that)", r"sticky notes", r"(?:we're|we are) not (?:looking at|talking to|"
        r"evaluating) (?:anyone|anybody|other|any)"),
    "authority": _any(
        r"no (?:committee|approval|sign-?off|one else|board)(?: is)? (?:needed|required|necessary)",
        r"(?:nobody|no one|noone) (?:else )?(?:has|needs|need) to (?:approve|sign)",
        r"(?:nobody|no one) (?:has to|needs to) approve", r"i (?:can|get to|will) (?:sign|decide|"
        r"approve|make the call|make that call)", r"(?:i'm|i am) the (?:decision maker|one who "
        r"decides|final say|owner)", r"i make (?:the |that |all the )?(?:final )?(?:call|calls|decision|decisions)",
        r"(?:don't|do not) need (?:anyone|anybody)(?:'s| else's)", r"(?:isn't|is not|not) "
        r"something we'd have to run", r"already said yes", r"(?:(?:already|has|have|just) (?:approved|signed off)|loves|is excited|are "
        r"excited|asked me to|is the one who (?:asked|found)|found you|(?:is|'s|are|'re|already|all|fully) on board)",
        r"(?:it's|that's) my budget", r"handed me", r"(?:i've got|i have|i've|i hold|i've been given) (?:full|final|sole) "
        r"(?:authority|say|sign-?off|signing authority)", r"all the purchasing for", r"talking to the "
        r"right person", r"my (?:own )?decision", r"up to me\W*$"),
    "timing": _any(
        r"(?:not|n't) (?:too |that |very |really |so )?(?:busy|slammed|swamped|crazy)",
        r"slow (?:season|month|week|period|time)", r"(?:timing|time)(?:'s| is)? (?:actually )?"
        r"(?:works|working|great|perfect|good|right(?! now| away)|ideal|fine)", r"couldn't be better",
        r"(?:have|got|'ve got) (?:the )?time", r"time (?:next|this) week", r"works out",
        r"(?:nothing|got nothing) to do with", r"i'm interested", r"(?:good|great|perfect) timing",
        r"(?:we're|we are) ready (?:now|to go|to start)", r"(?:season|rush|crunch)(?: \w+)? "
        r"(?:ended|is over|wrapped|finished|just ended)", r"saves? (?:us )?(?:some |a lot of )?time",
        r"drowning in (?:\w+ )?(?:calls|phone calls|paperwork|emails|requests|orders|invoices|"
        r"voicemails|referrals)"),
    "need": _any(
        r"(?:we|i|we really|i really|we definitely|we do|we absolutely) need (?:this|something like "
        r"this|it|something)",
        r"not happy with", r"(?:don't|do not|can't) see why (?:we|i|you|they) (?:wouldn't|would not|"
        r"couldn't|shouldn't)", r"(?:exactly|just) what we(?:'ve| have)? (?:been )?(?:looking for|need)",
        r"been looking for", r"(?:is|'s) a mess", r"(?:i|we|they|he|she|everyone|everybody|people|staff|folks)(?: really| do| would| all| actually)? "
        r"(?:love|like) (?:this|it)(?! (?:that|this|the) way)"),
}
