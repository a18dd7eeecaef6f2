"""Given names: a word list for finding names spaCy's small model misses.

In lower-case ASR text ("hi kenji yes alejandra ruiz") the tagger and the entity
recognizer find almost no names, and in cased text they call many foreign names places or
nationalities ("Lukas" NORP, "Kenji" GPE). A given name from this list is a name by
itself (``scorer.redact.names``), in any case in lower-case lines, capitalised in cased
ones, and the word after it is taken as a surname when it looks like one.

Written for this project: common given names of the English-speaking world, Europe, Latin
America, South and East Asia, Africa and the Middle East, about 1,200 of them, lower-case,
accents removed. Left out on purpose: names that are ordinary English words or places
("will", "mark", "grace", "hope", "may", "june", "april", "bill", "frank", "ray", "dawn",
"summer", "hunter", "chase", "austin", "dallas", "charlotte"): those are found only after
an introduction ("this is Will from ...") or spaCy's PERSON.
"""
from __future__ import annotations

_NAMES = """
aaron abby abdul abdullah abel abigail abraham ada adam adaeze adebayo adeel adele adeola
adetokunbo adil aditi aditya adnan adrian adriana adrienne agnes ahmad ahmed aidan aiden aiko
aileen aimee aisha aishwarya ajay akash akira akosua akua alan alana alberto albert alec
alejandra alejandro aleksandr aleksandra alessandra alessandro alex alexa alexander alexandra
alexandre alexei alexis alfonso alfred alfredo ali alice alicia alina alisha alison alistair
allan allison alma alonso alvaro alyssa amaal amadou amanda amar amara amari amelia amina
amir amit amos amy ana anaya anders andre andrea andreas andrei andres andrew andy anette
angela angelica angelina angelo angus anika anil anita anja anjali ann anna annabel anne
annette annie anoop anthony antoine anton antonia antonio anya aoife apinya arash archie
arjun arlene armando arnav arne arnold arturo arun arvind asha ashish ashley ashok asif
aslan astrid asuka ata athena aubrey audrey aurelia ava avery avi axel ayaan ayana ayesha
ayo ayodele ayumi ayse aziz babajide baptiste barbara barry bashir basil beatrice beatriz
becky belinda bella ben benedict benedikt benjamin benoit bernadette bernard bernardo
beth bethany betty beverly bhavna bianca bilal birgit bjorn blake blessing bogdan boris
brad bradley brandon brenda brendan brett brian briana bridget brigitte britney brittany
bruce bruno bryan bryce caitlin caleb callum calvin camila camille candice cara carina carl
carla carlos carly carmen carolina caroline carolyn carrie carsten casey cassandra cassie
catalina catherine cathy cecile cecilia cedric celeste celia cesar chandra chantal charles
charlie chelsea chen cheng cheryl chiamaka chidi chidinma chidubem chinedu chinonso
chinwe chioma chloe chris christa christian christina christine christoph christopher
chuka chukwuemeka chun ciara cindy claire clara clarence clarissa claude claudia claudio
clement cody colette colin colleen connor conor constance cora corey cornelius craig
cristina cristian curtis cynthia dagmar daisuke damian damien dan dana daniel daniela
daniele danielle danny dante daphne darius darnell darren daryl dave david dawit deborah
debra declan deepa deepak deirdre delia delphine demetrius denis denise dennis derek
desmond devon dhruv diana diane diego dimitri dimitrios dina dinesh dirk divya dmitri
dmitry dolores dominic dominika dominique donald donna donovan doreen doris dorothy
douglas duncan dustin dwayne dylan eamon ebony eddie edgar edith edmund eduardo edward
edwin efua eileen elaine elena eleanor eli elias elif elijah elisa elisabeth elise eliza
elizabeth ella ellen ellie elliot elliott eloise elsa elena emeka emil emilia emilio emily
emma emmanuel enrique eric erica erik erika erin ernest ernesto esi esme esperanza esra
esteban estelle esther ethan eugene eun eva evan evelyn ewa ezekiel ezra fabian fabio
fahad faisal farah farid farrah fatima fatma federica federico felicia felipe felix
femi fernanda fernando filip finn fiona florian folake francesca francesco francisco
franco francois frankie franziska fraser freddie frederick freya frida fumiko funmilayo
gabe gabriel gabriela gabriele gabrielle gareth garrett gary gavin gemma genevieve
geoffrey george georgia gerald gerard gerhard gianluca gillian gina giorgio giovanni
giulia giuseppe gloria gordon graham greg gregory greta gretchen guadalupe guillaume
guillermo gunnar gustavo gwen gwendolyn habib hailey haley hamid hamza hana hannah hannes
hans harold harper harriet harrison harry haruka haruto hassan hayden heather hector
heidi helen helena helga henrik henry herbert hilda hilde hiroshi hiroko hoang holger
howard hugh hugo humberto hyun ian ibrahim idris ifeoma ignacio igor ikechukwu ilse imani
imran ines inga ingrid ioana irene irina isaac isabel isabella isabelle isaiah ishaan
ismail israel ivan ivana jabari jacob jacqueline jacques jade jaime jake jamal james jamie
jamila jan jana jane janelle janet janice janine jared jarrett jasmine jason javier
jayden jean jeanette jeanne jeff jeffrey jenna jennifer jenny jeremiah jeremy jerome jerry
jesse jessica jesus jill jillian jim jimmy jin joan joanna joanne joao jocelyn jodi jody
joe joel johan johann johanna john johnny jon jonas jonathan jordan jorge jose josef
joseph josephine josh joshua josie juan juana judith judy julia julian juliana julie
julien julio julius jun jung junaid justin kaden kai kaitlyn kamal kamala kaori kareem
karen kari karim karin karina karl karla karthik kasia kate katelyn katharina katherine
kathleen kathryn kathy katie katrina kayla kayode keisha keith kelechi kelly kelvin ken
kenji kenneth kenya kenzo kerry kevin khadija khalid kiara kieran kimberly kirsten
klaus kofi kojo kristen kristin kristina kurt kwabena kwame kwasi kyle kyoko lachlan
lakshmi lamar lara larissa larry latisha latoya laura lauren laurence laurent lea leah
leandro leila lena leo leon leonard leonardo leonie leroy leslie leticia liam liang lily
lina linda lindsay lindsey lisa lloyd logan lorena lorenzo loretta lori lorraine louis
louisa louise luca lucas lucia luciana lucy luis luisa luka lukas luke lwazi lydia lynn
mackenzie madeline madison magdalena maggie mahmoud mai maja malcolm malik manoj manuel
manuela marc marcel marcela marco marcos marcus margaret margot maria mariam
marian mariana marie marina mario marion marisa marissa marjorie markus marlene marta
martha martin martina marvin mary maryam mason mateo mathias matilda matteo matthew
matthias maura maureen maurice mauricio maxine maya megan mehmet mei melanie melissa
melvin mercy meredith mia micah michael michaela michel michele michelle miguel mika
mikael mike mila milan miriam mitchell mohamed mohammad mohammed moira molly monica monika
morgan moses muhammad mustafa nadia nadine naledi nancy naomi naoko natalia natalie
natasha nathan nathaniel neha neil nelson nia niall nicholas nick nicola nicolas nicole
niels nigel nikhil nikita nikolai nina nisha noah noel nora norma obinna ochieng odette
olga oliver olivia olumide omar omari oren orla osagie oscar otto owen pablo paloma
pamela paolo paris pascal patricia patrick paul paula paulina pavel pedro peggy penelope
per petra peter philip philippe phillip phoebe pierre pieter piotr pooja prakash pranav
prashant priscilla priya priyanka quentin rachel radhika rafael rahul raj rajesh ramon
rana randall raphael raquel rashid raul raymond rebecca regina reggie reginald renata
renee rhys ricardo richard rick ricky riley rita robert roberta roberto robin rodney
rodrigo roger rohan rohit roland rolf ronald ronan rosa rosalind rosemary ross roxanne
roy ruben ruth ryan ryo sabine sabrina sadie sahil saif sakura sally salma salvador sam
samantha samir samira samuel sana sandeep sandra sanjay santiago santosh sara sarah
sasha saskia satoshi saul scott sean sebastian selena selin serena sergei sergio seth
shane shannon sharon shauna shawn sheila shelby shirley shreya shruti siddharth sienna
silvia simon simone siobhan sipho siti sofia sofie sonia sonja sophia sophie
soren stacy stanley stefan stefanie stella stephan stephanie stephen steve steven stuart
sudhir sujata sunil sunita susan susanne suzanne sven svetlana sylvia tamara tamika tammy
tanya tara tariq tatiana taylor ted teresa terrence tessa thabo thandiwe thea theo
theodore theresa thomas tiago tiffany tim timothy tina tobias toby todd tom
tomas tomasz tommy toni tony tracy travis trevor tristan troy tyler tyrone ulrich uma
usman valentina valeria valerie vanessa varun venkat vera veronica vicente
victor victoria vijay vikram vincent viola virginia vivek vivian vladimir walter wanda
wanjiru warren wayne wei wendy wesley whitney wilhelm william willow winston wojciech
xavier xin xiu yan yang yara yasmin yasmine yaw yemi yesenia yolanda yoshiko yousef
yuki yuko yuri yusuf yvette yvonne zach zachary zainab zara zeynep zhang zoe zoltan
abena adwoa akin amani ashanti baraka chiara dario dries emre fatou fenna gaurav
halima ikenna jelena kalinda kemal kiran kwesi lamine lars leilani luz marek mariko
marit matias mohan nasser ngozi nuno oluwaseun pradeep qasim ramesh rania
rashida reza sachin seun shanice sinead stelian takeshi tanvir tendai thulani uche
vusi wambui xiomara yohannes zanele zodwa alessia anders ansel beau bram cillian
dara eamonn emeric fintan greer idris jonah kasper linnea lorcan maeve malachy niamh
oisin padraig ronan sorcha tadhg aurora giselle harriet imogen isla juno kit lola
mabel nell odile ottilie posy rosalie romy sybil tallulah una wren ximena yael zelda
alastair angus ewan fergus hamish iain kenzie lachie murray rory struan torquil
""".split()

# Ordinary words and places among common given names: never names on their own (see above).
_AMBIGUOUS = frozenset("""
will mark grace hope joy faith rose may june april august summer dawn bill pat sue rob art max
frank jack ray don dean guy drew chase hunter lance miles cliff gene sunny sky river jay amber
crystal ruby pearl ivy holly daisy lily violet iris jade penny destiny harmony melody autumn
winter brook reed wade grant bob bud buck chip duke earl king prince sterling price major page
carol angel precious patience charity honor lane glen dale heath norm rich van christian bishop
sandy rusty randy candy misty patty eve hero justice royal noble trinity sage rain star storm
clay cash gray stone wolf fox bear hawk austin dallas houston denver phoenix orlando savannah
charlotte madison florence sydney paris london georgia virginia carolina dakota montana india
china asia kenya israel alexa siri mercedes harper taylor mason morgan jordan logan tyler
per jan kit posy mercy blessing milan salvador jesus ata
""".split())

#: Given names that are a name by themselves (lower-case, no accents).
GIVEN_NAMES: frozenset[str] = frozenset(_NAMES) - _AMBIGUOUS
#: Given names that are also ordinary words or places: a name only after an introduction.
AMBIGUOUS_NAMES: frozenset[str] = _AMBIGUOUS - frozenset("per jan kit posy mercy blessing milan salvador jesus ata".split())
