"""Phrase banks for the synthetic sales-call generator (``dev/synth_calls.py``).

Every move has many phrasings, and every phrasing is drawn independently of the call's
labels: only *which* moves a call holds, how many and how long, depends on the rep's
behaviour and the customer's state; the customer's answer at the close (``ANSWER_BANKS``) is
drawn from that state before any label is. A model therefore cannot score a call by
recognising a template. Slots in braces are filled from the call's domain and people (see
``synth_calls._Call.fill``).
"""
from __future__ import annotations

# --- the world: products, pains, people ------------------------------------------------------

DOMAINS: tuple[dict, ...] = (
    dict(product="our scheduling platform", team="dispatch team", tool="spreadsheets",
         pains=("technicians showing up late", "double-booked jobs", "last-minute cancellations",
                "nobody knowing where the vans are"),
         features=("route optimisation", "automatic reminders", "a mobile app for the techs"),
         metric="jobs per day"),
    dict(product="our payroll software", team="HR team", tool="a paper timesheet process",
         pains=("payroll errors every month", "overtime nobody approved", "late tax filings",
                "people chasing their payslips"),
         features=("automatic tax filing", "self-service payslips", "time tracking"),
         metric="hours spent on payroll"),
    dict(product="our security monitoring service", team="IT team", tool="an in-house setup",
         pains=("alerts nobody reads", "phishing emails getting through", "an audit coming up",
                "laptops that never get patched"),
         features=("24/7 monitoring", "automatic patching", "phishing training"),
         metric="incidents a quarter"),
    dict(product="our freight management tool", team="logistics team", tool="email and phone calls",
         pains=("shipments going missing", "carriers overcharging", "customers asking where orders are",
                "manual paperwork at the dock"),
         features=("live tracking", "rate comparison", "digital bills of lading"),
         metric="cost per shipment"),
    dict(product="our commercial insurance package", team="finance team", tool="a local broker",
         pains=("premiums going up every renewal", "a claim that took months", "gaps in cover",
                "nobody understanding the policy"),
         features=("a single policy for all sites", "a claims portal", "quarterly reviews"),
         metric="annual premium"),
    dict(product="our marketing analytics suite", team="marketing team", tool="a dozen dashboards",
         pains=("not knowing which campaigns work", "reports that take days", "budget being questioned",
                "data that never matches"),
         features=("attribution reports", "one dashboard", "automatic weekly summaries"),
         metric="cost per lead"),
    dict(product="our cloud backup service", team="operations team", tool="external hard drives",
         pains=("a server that failed last year", "backups nobody tests", "ransomware worries",
                "files lost when people leave"),
         features=("hourly snapshots", "one-click restore", "offsite copies"),
         metric="hours of downtime"),
    dict(product="our recruiting platform", team="hiring managers", tool="job boards and inboxes",
         pains=("roles open for months", "candidates ghosting", "too many unqualified applicants",
                "interviews nobody schedules"),
         features=("candidate scoring", "interview scheduling", "a careers page builder"),
         metric="time to hire"),
    dict(product="our clinic booking system", team="front desk", tool="a phone line and a paper diary",
         pains=("patients not showing up", "phones ringing all day", "long waits at reception",
                "billing mistakes"),
         features=("online booking", "text reminders", "insurance checks"),
         metric="no-show rate"),
    dict(product="our fleet telematics", team="fleet managers", tool="drivers' logbooks",
         pains=("fuel costs climbing", "speeding complaints", "vehicles sitting idle",
                "maintenance that gets missed"),
         features=("fuel reports", "driver scorecards", "maintenance alerts"),
         metric="fuel spend"),
    dict(product="our accounts payable automation", team="accounting team", tool="manual data entry",
         pains=("invoices getting lost", "late-payment fees", "month-end close dragging on",
                "approvals stuck in inboxes"),
         features=("invoice scanning", "approval workflows", "ERP sync"),
         metric="days to close"),
    dict(product="our training platform", team="learning team", tool="slide decks and shared drives",
         pains=("new hires taking months to ramp", "compliance training nobody finishes",
                "content that is out of date", "no idea who learned what"),
         features=("course tracking", "quizzes", "a content library"),
         metric="ramp time"),
)

REP_NAMES = ("Alex", "Jordan", "Sam", "Taylor", "Morgan", "Chris", "Jamie", "Priya", "Diego", "Mei",
             "Omar", "Hannah", "Luca", "Aisha", "Ben", "Sofia", "Kenji", "Rachel", "Tom", "Nadia")
CUSTOMER_NAMES = ("Pat", "Dana", "Robin", "Lee", "Maria", "Kevin", "Grace", "Ahmed", "Julia", "Mark",
                  "Linda", "Raj", "Erin", "Victor", "Chloe", "Hugo", "Tanya", "Paul", "Ines", "Greg")
COMPANIES = ("Northwind", "Bluegate", "Harbor & Co", "Pinecrest", "Redline Services", "Summit Works",
             "Oakridge", "Brightwell", "Castle Foods", "Meridian Health", "Ironside", "Lakeview Group",
             "Granite Labs", "Sunfield", "Westbrook Supply", "Keystone Dental")
VENDORS = ("Acme", "Clearpath", "Orbit", "Fieldnote", "Tandem", "Beacon", "Loop", "Relay")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next Monday", "next Tuesday",
        "next Wednesday", "next Thursday", "the 14th", "the 21st", "March 3rd", "April 9th",
        "tomorrow")
TIMES = ("9", "10", "10:30", "11", "1", "2", "2:30", "3", "4", "9am", "3pm", "noon")
NUMBERS = ("two", "three", "five", "a dozen", "twenty", "forty", "a hundred", "thirty")

# --- rep moves --------------------------------------------------------------------------------

GREETINGS = (
    "Hi {cust}, this is {rep} from {vendor}. Thanks for making the time today.",
    "Hey {cust}, {rep} here with {vendor}. How's your week going?",
    "Good morning {cust}, it's {rep} at {vendor}. Thanks for jumping on.",
    "Hi {cust}! {rep} from {vendor}. Appreciate you taking the call.",
    "Hello {cust}, thanks for joining. I'm {rep}, I look after accounts like {company} at {vendor}.",
    "{cust}, hi, it's {rep}. Did I catch you at an okay time?",
    "Hi there, is this {cust}? Great, it's {rep} calling from {vendor}.",
    "Afternoon {cust}, {rep} from {vendor}. Glad we could find a slot.",
)
CUSTOMER_GREETINGS = (
    "Hi {rep}. Yeah, good, thanks.", "Hey. Sure, I have about half an hour.", "Hi, yes, go ahead.",
    "Morning. Busy week, but fine.", "Hi {rep}, thanks for calling.", "Sure, I've got a few minutes.",
    "Hello. Yes, this is {cust}.", "Hi. Not bad, not bad. You?",
)
AGENDAS = (
    "What I'd love to do today is learn how things work at {company} and then see if there's a fit. Sound okay?",
    "My plan was to ask you a few questions first, then show you only what's relevant. Does that work for you?",
    "I'd like to spend most of the time understanding your side, and save a few minutes at the end for next steps. Fair?",
    "Before I say anything about us, could you give me the lay of the land on your end?",
    "Is it alright if we start with what prompted you to take this call, and go from there?",
)
OPEN_QUESTIONS = (
    "How are you handling {pain} today?",
    "What does your process look like right now for the {team}?",
    "Walk me through what happens when {pain} comes up.",
    "Tell me a bit about how {company} got to where it is with {tool}.",
    "What prompted you to look at this now?",
    "What would a good outcome look like for you six months from now?",
    "How does {pain} affect the {team} day to day?",
    "What have you tried so far?",
    "Why is this a priority this quarter?",
    "What's the impact on {metric} when that happens?",
    "How do you decide which tools the {team} uses?",
    "What would have to change for this to be worth the effort?",
    "Who else feels the pain of {pain}, and how?",
    "How did that go?",
    "What happened next?",
    "What worries you most about switching away from {tool}?",
    "How would you measure success here?",
    "Can you tell me more about that?",
    "What does the decision process usually look like at {company}?",
    "Where does it break down?",
    "What's it costing you, roughly, when that happens?",
    "How are the {team} feeling about it?",
)
CLOSED_QUESTIONS = (
    "Do you use {tool} for that?", "Is that something you handle yourself?",
    "Are you the one who signs off on this?", "Is {pain} a problem for you?",
    "Have you looked at other vendors?", "Would {feature} help?", "Is budget set for this year?",
    "Does that make sense?", "Are you happy with {tool}?", "Is the {team} big?",
    "Did you see the email I sent?", "Is it mostly {pain}?", "Would you say that's a big issue?",
    "Do you have a timeline?", "Can I ask how many people are on the {team}?",
    "Are you still on {tool}?", "So it's just you deciding?", "Right?",
)
REFLECTIONS = (
    "So if I'm hearing you right, {pain} is eating a lot of the {team}'s time.",
    "That sounds frustrating, especially with {pain} on top of everything.",
    "Got it, so {tool} worked when you were smaller but it's creaking now.",
    "It sounds like the real issue isn't the tool, it's {pain}.",
    "Okay, so the cost shows up in {metric} more than anywhere else.",
    "Makes sense. So the {team} is firefighting rather than planning.",
    "Right, so you've tried fixing it internally and it keeps coming back.",
    "I appreciate you sharing that. That's a lot to carry.",
    "Let me make sure I have this: {pain}, then a scramble, then the {team} picks up the pieces.",
)
#: What a listening rep says while the customer is mid-story (not a turn that takes the floor).
REP_BACKCHANNELS = ("Mm-hmm.", "Right.", "Okay.", "Wow.", "Go on.", "Uh-huh.", "Yeah.", "Sure.")
#: Short open prompts a listening rep uses to keep a story going.
STORY_PROMPTS = ("What happened next?", "How so?", "Why's that?", "And then?", "How did the team take it?",
                 "What did that cost you?", "Tell me more?", "How did you handle it?", "What was that like?")
ACKS = ("Okay.", "Got it.", "Sure.", "Right.", "Mm-hmm.", "I see.", "Okay, great.", "Yeah.",
        "Interesting.", "Fair enough.")
PITCH_SENTENCES = (
    "So {product} was built exactly for this.",
    "We've been around for {number} years and we work with companies just like {company}.",
    "The big thing is {feature}, which our customers love.",
    "We also have {feature}, so you'd never have to worry about {pain} again.",
    "Honestly, we're the market leader, and our platform is the most complete out there.",
    "Our customers typically see {metric} improve within the first month.",
    "On top of that there's a full integration library, reporting, and an admin console.",
    "Pricing is per seat, and there's a discount if you sign for two years.",
    "We just released a new version with a redesigned interface and faster load times.",
    "Setup takes about {number} days and we do all of it for you.",
    "Compared with {tool}, it's night and day.",
    "We also won an industry award last year, which we're really proud of.",
    "And the support team is available around the clock, by chat, phone or email.",
    "There's a dashboard where you can see everything in one place.",
    "A lot of our clients came from {tool}, and none of them went back.",
    "It's really intuitive, most people pick it up in an afternoon.",
    "We also have an enterprise tier with single sign-on, audit logs and custom roles.",
    "Let me tell you a bit about the roadmap too, because there's a lot coming.",
)
TAILORED_PITCH = (
    "Given what you said about {pain}, the piece that matters is {feature}.",
    "Based on that, I'd only show you {feature}; the rest can wait.",
    "For a team your size, {feature} usually takes care of most of {pain}.",
    "What you described is close to what {company2} had before they moved to {feature}.",
)
FILLERS = ("um,", "uh,", "you know,", "like,", "I mean,", "sort of", "basically,", "kind of")
OBJECTION_GOOD = (
    "That's fair. Can I ask what you're comparing it to?",
    "I hear you. What would it need to deliver for the price to make sense?",
    "Totally understand. What's driving the timing on your side?",
    "Makes sense that you'd want to check with them. What will they want to see?",
    "Good to know. What do you like about {tool}, and what's missing?",
    "That's a reasonable concern. How have you handled changes like this before?",
)
OBJECTION_BAD = (
    "Honestly, our price is already the best on the market, and you get a lot for it.",
    "I think once you see it you'll change your mind, it's really much better than {tool}.",
    "Well, everyone says that at first, but really you can't afford not to do this.",
    "Sure, but we have a promotion that ends Friday, so you'd want to move quickly.",
    "I'd push back on that, {tool} just isn't built for a company like {company}.",
)
CLOSINGS = ("Thanks so much for your time, {cust}.", "Great talking with you.",
            "Appreciate it, have a good rest of your day.", "Thanks again, talk soon.",
            "Cheers {cust}, speak soon.", "Thank you, bye now.")

# --- customer moves ----------------------------------------------------------------------------

CONFIRMATIONS = ("Exactly.", "Yeah, that's it.", "Pretty much.", "Yes, that's fair.",
                 "That's exactly it.", "Yeah.", "Mostly, yes.", "Spot on.", "Honestly, yes.")
SHORT_ANSWERS = ("Yes.", "Yeah, we do.", "No, not really.", "Partly.", "I think so.", "Not sure.",
                 "Yeah.", "Nope.", "Mostly, yes.", "That's right.", "Probably.", "We do, yeah.",
                 "It's fine, I guess.", "I'd have to check.", "Yes, that's me.", "About {number}.")
BACKCHANNELS = ("Mm-hmm.", "Okay.", "Right.", "Uh-huh.", "Sure.", "Yeah.", "Okay, yeah.", "I see.")
STORY_OPENERS = (
    "So, honestly, it's been rough.", "Good question.", "Well, it's a bit of a long story.",
    "Right now, honestly, it's a mess.", "So it started about a year ago.", "Where do I start.",
    "Okay, so here's what happens.", "Yeah, so, short version.",
)
STORY_SENTENCES = (
    "We've been using {tool} since before I joined, and it worked when we were small.",
    "Last month we had {pain} three times in one week and the {team} was furious.",
    "My boss asked me to find out why {metric} keeps going the wrong way.",
    "I spend most Fridays fixing things by hand, which is not what I was hired for.",
    "We tried hiring another person to deal with it, but that just moved the problem.",
    "The worst part is that customers notice, and a couple have complained directly.",
    "There was one day where {pain} basically stopped us for an afternoon.",
    "We looked at a couple of options last year but the timing wasn't right.",
    "The {team} has built workarounds on top of workarounds.",
    "Honestly nobody owns it, so it falls through the cracks.",
    "If we could get {metric} under control, that would change a lot for us.",
    "We're growing, we went from {number} people to nearly double that, and it doesn't scale.",
    "I know the {team} would love something simpler, they tell me every week.",
    "The thing is, every fix we try lasts a month and then {pain} comes back.",
    "Our finance people keep asking what it's costing us, and I can't really answer.",
    "I've had to apologise to a client twice this quarter because of it.",
    "We have a board meeting in the spring and this is on the list.",
    "To be fair, some of it is our own fault, we never set it up properly.",
)
CUSTOMER_QUESTIONS = (
    "How long does setup usually take?", "What does it cost, roughly?", "Does it work with {tool}?",
    "Who else like us uses it?", "What happens to our data if we leave?",
    "Is there a contract, or is it monthly?", "How does {feature} actually work?",
)
CUSTOMER_ANSWERS_TO_QUESTIONS = (
    "Usually a couple of weeks, and we handle the migration.",
    "It depends on team size, but most companies your size land somewhere in the middle of our range.",
    "Yes, there's an integration, it takes about an hour to connect.",
    "A few firms in your space, I can share a case study.",
    "You can export everything at any time, it's your data.",
    "Both options exist, most people start monthly.",
    "Good question, I can show you that in a minute.",
)
OBJECTIONS = (
    "Honestly, that sounds expensive for us.", "We don't really have budget this quarter.",
    "We're pretty locked in with {tool} right now.", "I'd have to run it by my boss first.",
    "I'm not sure we need another tool.", "The timing isn't great, we're in the middle of a reorg.",
    "We got burned by a vendor like this before.", "I don't know if the {team} would use it.",
)
CUSTOMER_CLOSINGS = ("Thanks, you too.", "Bye.", "Thanks, take care.", "Okay, talk soon.",
                     "Cheers, bye.", "Thank you.")

# --- the close: the rep's proposal and the customer's answer ----------------------------------
# Each answer bank holds one kind of answer (the customer's verdict on meeting again) said
# the ways people say it: spoken and written, hedged, negated ("I wouldn't say no"), with a
# contrast ("I'd love to, but"), a condition, an indirect reason. Which bank a call's answer
# comes from is drawn from the customer's state, never from the outcome label
# (``synth_calls.draw_answer``). {day} at {time} is the slot the rep proposed; {day2} and
# {time2} another slot; {rival} a competing vendor.

NEXT_STEP_DATED = (
    "How does {day} at {time} look for a thirty-minute demo with you and the {team} lead?",
    "Could we book {day} at {time} to walk your team through {feature}?",
    "Let's put something in the diary: {day} at {time} for a proper demo. Does that work?",
    "I'll send an invite for {day} at {time} with your {team} lead, if you're okay with that?",
    "Would {day} work for a follow-up where I show you {feature} on your own data?",
    "Can we get {day} at {time} on the calendar, with whoever signs off?",
    "Are you free {day} at {time}? I'd like to show the {team} how {feature} works.",
    "What if we set up a demo for {day} at {time}, and you bring anyone else who should see it?",
    "I've got {day} at {time} open. Shall I send you an invite?",
    "how about {day} at {time} for a quick demo",
    "Can I pencil you in for {day} at {time}?",
    "Let's book a follow-up. {day} at {time}, with your {team} lead?",
    "So the next step I'd suggest is half an hour on {day}, say {time}. Does that suit?",
    "Is there any way to get whoever signs off on a call {day} at {time}?",
    "Would you be open to a pilot kickoff on {day} at {time}?",
    "I could do {day} at {time}, or later that afternoon. Which is better for you?",
    "Shall we say {day} at {time} to go through a proposal together?",
    "Would it help if I came back {day} at {time} and ran it on a real week of your data?",
    "so um what about {day} at {time} for the {team} to have a look",
    "I'd love to get {day} at {time} in with you and your boss. Worth doing?",
)
NEXT_STEP_VAGUE = (
    "I'll shoot you an email with some info and we can go from there.",
    "Feel free to reach out whenever you're ready.",
    "I'll send over a brochure, have a look when you get a chance.",
    "Maybe we can touch base at some point down the road.",
    "Let me know if anything changes on your side.",
    "I'll follow up in a few weeks to see where things are.",
    "We should get a demo on the calendar at some point.",
    "Maybe down the line we could do a proper session with your team?",
    "Would it make sense to have another chat sometime soon?",
    "I can send a case study, and if it looks interesting we'll talk again.",
    "happy to do a demo whenever suits you",
    "Let's stay in touch, and I'll check in after your planning cycle.",
    "I'll put together a short summary and send it across.",
    "If it's useful, we could set up a longer session some time.",
)
#: Yes to the proposed slot.
ACCEPT_DATED = (
    "{day} at {time} works. Send me the invite.", "Sure, let's do {day} at {time}.",
    "Yeah, put it on the calendar, I'll bring the {team} lead.",
    "That works. I'll loop in my manager for {day}.", "Okay, {day} is good for me.",
    "Let's do it. {day}, {time}, I'll block it now.", "yeah {day} works for me",
    "Uh, yeah, {time} should be fine. Go ahead and book it.", "Can't say no to that. {day} it is.",
    "Sounds good. I'll grab the {team} lead too.", "Absolutely, I've been wanting the team to see this.",
    "Sure thing, I'm free then.", "ok {day} at {time} i'll be there", "Yes. Put me down for {day}.",
    "Let me just check... yep, {day}'s open. Book it.", "Honestly, yes, the sooner the better.",
    "Great, send it to me and I'll forward it to our {team} lead.", "works for me",
    "Why not. {day} at {time}.", "mm yeah that should work put it in",
    "I can do that. Send the invite to me and I'll add the others.",
    "Perfect, I was about to ask you for exactly that.", "Done. See you {day}.",
    "{day}? Yeah, I can make that work.", "I don't see why not. Send it over and I'll accept.",
    "That's fine, I've got nothing on then.", "sure sure {time} is good",
    "Yep. I'll make sure my boss is there too.", "No objection from me, let's book it.",
)
#: Yes to the proposed slot, on a condition.
ACCEPT_CONDITIONAL = (
    "Okay, but only if our {team} lead can make it too.", "Yes, as long as you show it on our own data.",
    "Sure, if you can keep it to half an hour.", "Fine, provided someone from finance can sit in.",
    "yeah if my boss is free then too i'll check with her and accept",
    "I'm in, as long as it's not another sales pitch.",
    "{day} works, on one condition: you bring pricing.", "Okay, if you can send the agenda beforehand.",
    "As long as it's not more than an hour, sure.", "We can do {day}, but I'll want our IT person there.",
    "I'd love to, but only if it's a short one. Thirty minutes, tops?",
)
#: Another slot (the rep then takes it, from ``COUNTER_CONFIRMATIONS``).
COUNTER_PROPOSALS = (
    "{day} doesn't suit me at all. Is {day2} any better?", "Hmm, I'm out {day}. How about {day2} at {time2}?",
    "can we push it to {day2} my week is packed", "That time is tricky, I have a standing meeting. {day2} at {time2} instead?",
    "Not {day}, I'm travelling. {day2} would work though.", "I'd rather do {day2}, if that's alright with you.",
    "Uh, {day} won't work, but {day2} afternoon is wide open.", "Could we make it {day2} instead? Same time's fine.",
    "Let's say {day2} at {time2}, that's better for the team.",
    "I can't {day}, but I could squeeze in {time2} on {day2}.",
    "Ugh, {day} is board prep. Any chance of {day2}?", "what about {day2} instead",
)
COUNTER_CONFIRMATIONS = (
    "{day2} works. I'll send the invite now.", "No problem, {day2} at {time2} it is.",
    "Sure, I'll move it to {day2}.", "Great, {day2} then, I'll put it in.",
    "Done, the invite's coming for {day2} at {time2}.", "That's fine, {day2} at {time2}. See you then.",
)
#: Yes to meeting again, no slot fixed yet, in reply to a proposal.
ACCEPT_OPEN = (
    "Let's get a proper demo booked, I'll send you some times.",
    "yeah let's do a demo at some point soon just send me some times",
    "I'm interested. Let's get a second meeting in, I'll find a slot.",
    "Sure, let's do a follow-up. I'll look for a time that works for everyone.",
    "ok yeah lets set something up", "That'd be good. Get me a few options and I'll pick one.",
    "Sounds worth a proper look. Who should I bring?", "Uh, yeah, I think a demo makes sense. Email me some times?",
    "I wouldn't mind seeing it in action with the {team}. Set it up.",
    "Yes, definitely, I just can't do dates right now. Send me a few slots?",
    "Let's keep going with this. What do you need from me to set up the next call?",
    "I'd be up for that. My calendar's a mess, so send a few options.",
    "Rather than more emails, can we just get on a call with my team?",
)
#: Asking for a meeting: unprompted (no proposal was made), or as a reply.
ASK_FOR_MEETING = (
    "I'd like the {team} to see it. Can we set something up?",
    "Can you send me a couple of times for a demo? I want my boss on it.",
    "Actually, could you come back and show this to the whole team?",
    "You know what, I'd like my boss to hear this. Can we set up another call?",
    "Could you do a session for our {team} lead? I'll sort out a time on my side.",
    "Before we hang up, can we get a proper demo with my team in the diary?",
    "So what's the next step? I'd like to see a real demo.",
    "is there any way we could get a trial going I'd want a call with you and IT first",
)
#: The rep after an open yes.
OPEN_CONFIRMATIONS = ("Absolutely, I'll send a few times today.", "Great, I'll get that booked.",
                      "Perfect, I'll send some options this afternoon.", "Will do, you'll have times by tonight.")
#: Neither yes nor no: put off, handed on, waiting for someone or something.
DEFER = (
    "Sure, maybe, send it over.", "Yeah, possibly, email me.", "I'll have a look when I can.",
    "Could be. Let me check my calendar and I'll get back to you.",
    "Let me think about it and get back to you.", "Just send me something by email and I'll take a look.",
    "I'll need to run it by my business partner before I commit to anything.",
    "maybe after the holidays let me get back to you", "Can we revisit this next quarter? It's just not the moment.",
    "I'd love to, but let me see how the next few weeks go first.", "Um, I'm not sure yet. Ping me in a couple of weeks?",
    "Possibly. I'll know more after our budget meeting.", "Send me the deck and I'll share it internally, then we'll see.",
    "I can't commit right now, but I'm not saying no.", "Hard to say. I'll talk to the {team} and let you know.",
    "not right now maybe later in the year", "Let me sleep on it.", "Maybe next year. Things are just too busy.",
    "I'll have to check with finance before I agree to anything.",
    "Could you follow up by email? I'm juggling a lot this week.", "Leave it with me.",
    "We'll see. No promises.", "Hmm, maybe. I'd want to see pricing first.",
    "Put it in writing and I'll take it to my manager.", "let me get back to you on that one",
    "Tentatively, but don't book anything yet.", "Can I get back to you once the reorg settles?",
    "uh I'd have to see what the team thinks first",
)
#: No: polite, blunt, indirect.
DECLINE = (
    "I think we're okay for now, honestly.", "Not at this time, thanks.",
    "I'll talk to the team, but I wouldn't hold your breath.", "We'll probably stick with {tool} for now.",
    "uh, no, I don't think so", "No, thanks. It's not for us.",
    "I'd love to, but we just don't have the money for anything new.",
    "Honestly, we went with {rival} last month, so there's not much point.",
    "I appreciate it, but I'm going to pass.", "Thanks, but no. We're happy where we are.",
    "I don't see us moving on this, to be honest.", "no we're all set here",
    "That's kind of you, but I don't think a demo would change anything.",
    "Please don't book anything. We're not in the market.", "I really can't justify more time on this.",
    "I'm going to be straight with you, it's a no from us.", "nah not for us sorry",
    "We've decided to build it ourselves, so I'll have to say no.",
    "I wouldn't bother, the board froze all new spend.", "Thanks for the offer, but we're all set with {tool}.",
    "Sorry, it's not something we'd be interested in.", "Let's leave it there. It's not a fit.",
    "Honestly, I don't think I'd get anyone to show up to that.", "Um, no, let's not.",
    "Our contract with {rival} got renewed, three more years.", "yeah no I don't think that's going to happen",
)
#: Putting it off, or declining, with no proposal made.
UNPROMPTED_DEFER = (
    "I'll need to digest all this and get back to you.", "Let me take this to the team and see what they think.",
    "Okay. I'll mull it over and reach out if it makes sense.", "give me a few weeks to think it over",
    "I'm not ready to decide anything today, but I'll keep you in mind.", "Let me talk to my manager about it first.",
)
UNPROMPTED_DECLINE = (
    "To be honest, I don't think this is for us.", "I'll be straight, I can't see us buying this.",
    "Thanks, but I don't think we'll be taking it further.", "we're not going to go ahead with this sorry",
    "Honestly, we signed with {rival} a while back, I was just curious.",
    "I'll save you some time: it's not going to be a fit.",
)
#: A wrap-up with no next step in it (no proposal was made and the customer asks for none).
NO_NEXT_STEP = ("Okay. Thanks for walking me through it.", "Alright, that was helpful, thanks.",
                "Good to know. Thanks for the call.", "ok thanks for the info", "Right. Well, thanks for your time.",
                "Okay, I think that covers it.")
#: The rep after a yes to the slot, and after a yes on a condition.
DATED_CONFIRMATIONS = ("Great, the invite's on its way.", "Perfect, see you then.", "Lovely, I'll send it over now.")
CONDITION_CONFIRMATIONS = ("Of course, I'll make sure of that.", "Deal. I'll send the invite.",
                           "That's easy, consider it done.")
#: The rep after a deferral or a decline (no new proposal in it).
REP_AFTER_DEFER = ("Of course, take your time.", "Sure, no pressure.", "Understood, I'll wait to hear from you.",
                   "That's fair.")
REP_AFTER_DECLINE = ("Understood. Thanks for being straight with me.", "No worries at all.",
                     "Fair enough, I appreciate the honesty.", "Okay, thanks for letting me know.")
#: How a spoken answer may start (the meaning does not change).
SPOKEN_OPENERS = ("uh,", "um,", "well,", "oh,", "so, uh,", "hmm,", "I mean,", "yeah, uh,")

#: The lines each ``(answer, form)`` of ``synth_calls.draw_answer`` is said with.
ANSWER_BANKS = {("accepted_dated", "plain"): ACCEPT_DATED, ("accepted_dated", "conditional"): ACCEPT_CONDITIONAL,
                ("accepted_dated", "counter"): COUNTER_PROPOSALS, ("accepted_open", "plain"): ACCEPT_OPEN + ASK_FOR_MEETING,
                ("accepted_open", "unprompted"): ASK_FOR_MEETING, ("deferred", "plain"): DEFER,
                ("deferred", "unprompted"): UNPROMPTED_DEFER, ("declined", "plain"): DECLINE,
                ("declined", "unprompted"): UNPROMPTED_DECLINE, ("none", "silent"): NO_NEXT_STEP}
#: The rep's reply to an answer, and the share of calls that have one (a new slot and an open
#: yes always get one: the rep takes the slot, or says when times will come).
REPLY_BANKS = {("accepted_dated", "plain"): (DATED_CONFIRMATIONS, 0.4),
               ("accepted_dated", "conditional"): (CONDITION_CONFIRMATIONS, 0.8),
               ("accepted_dated", "counter"): (COUNTER_CONFIRMATIONS, 1.0),
               ("accepted_open", "plain"): (OPEN_CONFIRMATIONS, 1.0), ("accepted_open", "unprompted"): (OPEN_CONFIRMATIONS, 1.0),
               ("deferred", "plain"): (REP_AFTER_DEFER, 0.5), ("deferred", "unprompted"): (REP_AFTER_DEFER, 0.5),
               ("declined", "plain"): (REP_AFTER_DECLINE, 0.5), ("declined", "unprompted"): (REP_AFTER_DECLINE, 0.5)}
