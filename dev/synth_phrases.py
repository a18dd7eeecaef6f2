"""Phrase banks for the synthetic sales-call generator (``dev/synth_calls.py``).

Every move has many phrasings, and every phrasing is drawn independently of the call's
labels: only *which* moves a call holds, how many and how long, depends on the rep's
behaviour. A model therefore cannot score a call by recognising a template.
Slots in braces are filled from the call's domain and people (see ``synth_calls.fill``).
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
NEXT_STEP_DATED = (
    "How does {day} at {time} look for a thirty-minute demo with you and the {team} lead?",
    "Could we book {day} at {time} to walk your team through {feature}?",
    "Let's put something in the diary: {day} at {time} for a proper demo. Does that work?",
    "I'll send an invite for {day} at {time} with your {team} lead, if you're okay with that?",
    "Would {day} work for a follow-up where I show you {feature} on your own data?",
    "Can we get {day} at {time} on the calendar, with whoever signs off?",
)
NEXT_STEP_VAGUE = (
    "I'll shoot you an email with some info and we can go from there.",
    "Feel free to reach out whenever you're ready.",
    "I'll send over a brochure, have a look when you get a chance.",
    "Maybe we can touch base at some point down the road.",
    "Let me know if anything changes on your side.",
    "I'll follow up in a few weeks to see where things are.",
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
ACCEPT_DATED = (
    "{day} at {time} works. Send me the invite.", "Sure, let's do {day} at {time}.",
    "Yeah, put it on the calendar, I'll bring the {team} lead.",
    "That works. I'll loop in my manager for {day}.", "Okay, {day} is good for me.",
    "Let's do it. {day}, {time}, I'll block it now.",
)
ACCEPT_OPEN = (
    "Actually, could you come back and show this to my team? Maybe {day}?",
    "I'd like the {team} to see it. Can we set something up for {day}?",
    "Can you send me a couple of times for a demo next week? I want my boss on it.",
    "Let's get a proper demo booked, I'll send you some times.",
)
DECLINE = (
    "I think we're okay for now, honestly.", "Just send me something by email and I'll take a look.",
    "Let me think about it and get back to you.", "Not at this time, thanks.",
    "I'll talk to the team, but I wouldn't hold your breath.",
    "Maybe next year. Things are just too busy.", "We'll probably stick with {tool} for now.",
)
SOFT_MAYBE = (
    "Sure, maybe, send it over.", "Yeah, possibly, email me.", "I'll have a look when I can.",
    "Could be. Let me check my calendar and I'll get back to you.",
)
CUSTOMER_CLOSINGS = ("Thanks, you too.", "Bye.", "Thanks, take care.", "Okay, talk soon.",
                     "Cheers, bye.", "Thank you.")
