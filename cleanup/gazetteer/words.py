"""Word lists the matcher consults: words before a role phrase that mean someone other than its
current holder, titles before a lone surname, capitalized words that are never a garbled name,
and common English names (a near-miss that is one may be another real person).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Words before a role phrase that mean someone other than the current holder is meant.
NOT_CURRENT = frozenset(
    "former ex deputy vice acting late then first junior shadow future next new incoming outgoing "
    "previous interim assistant under senior".split()
)
# Titles that may stand right before a lone surname.
TITLES = frozenset(
    "Mr Mrs Ms Dr Sen Rep Gov Gen President Secretary Chancellor Premier Minister Senator Governor "
    "Spokesman Spokeswoman Ambassador Mayor Prof".split()
)
# Capitalized words that are never a garbled surname, whatever their spelling distance.
COMMON_WORDS = frozenset(
    """about after again also among another because before being between both could during each
    every first from have here however just last later many meanwhile more most much never next
    only other over same several should since some still such than that their them then there
    these they this those though through today under until very what when where which while who
    whose will with within without would year years monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november
    december north south east west eastern western northern southern central national international
    federal state states united union army navy party house senate congress court ministry
    government council committee agency office department security defense defence foreign
    minister president premier chancellor secretary general spokesman spokeswoman press news
    times post journal reuters associated""".split()
)

# Common English surnames and given names. A near-miss that is itself one of these may be another
# real person (Peter Cooke is not Peter Cook, John Healy is not John Healey): flagged, never fixed.
COMMON_NAMES = frozenset(
    """smith johnson johnston williams williamson brown browne jones davis davies miller millar
    wilson wills willis moore more taylor tayler anderson andersen thomas thompson thomson white
    whyte harris harrison martin martins jackson garcia martinez robinson robertson clark clarke
    rodriguez lewis lee lea walker wright right scott hall hill allen allan young king green greene
    baker adams nelson carter mitchell perez roberts turner phillips philips campbell parker evans
    evens edwards collins stewart stuart sanchez morris morrison rogers reed reid cook cooke
    morgan bell murphy murray bailey bayley rivera cooper richardson cox howard ward torres
    peterson petersen gray grey ramirez james watson brooks kelly kelley sanders saunders price
    pryce bennett wood woods barnes ross henderson coleman jenkins perry parry powell long
    patterson hughes flores washington butler simmons foster gonzales bryant alexander russell
    griffin diaz hayes hays myers meyers meyer ford hamilton graham sullivan wallace woodward
    cole west jordan owens reynolds fisher ellis harper mason mcdonald macdonald dixon hunt hunter
    palmer black blake burns byrne byrnes fox rose stone hart knight lane mills wells webb
    marshall gordon gibson grant kennedy warren hudson dean lawrence lawson healy healey daly
    daley riley reilly lynch lynn burke bourke quinn doyle coates coats hayward haywood paine
    payne moss holmes harvey davidson dawson ryan ryder rider shaw lloyd lloyds austin austen
    chapman gill hopkins barker barber page oliver hunt day may march judge rich bush love
    john peter paul mark mike michael david james robert william richard joseph thomas charles
    chris christopher daniel matthew anthony antony donald steven stephen andrew kenneth joshua
    kevin brian george edward ronald timothy jason jeffrey jeff ryan jacob gary nicholas eric
    jonathan larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick
    jack dennis jerry tyler aaron henry adam peter nathan zachary walter kyle harold carl jeremy
    keith roger gerald ethan arthur terry sean christian lawrence austin joe noah jesse albert
    bryan billy bruce willie jordan dylan alan ralph gabriel roy juan wayne eugene logan randy
    louis russell vincent philip bobby johnny bradley mary patricia jennifer linda elizabeth
    barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley dorothy kimberly
    emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia
    kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
    debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria
    kelly christina lauren joan evelyn olivia judith megan cheryl martha andrea frances hannah
    jacqueline ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace
    judy theresa beverly denise marilyn amber danielle rose brittany diana abigail natalie jane
    lori alexis tiffany kayla""".split()
)


# An English word more frequent than this (in symspellpy's list: "despite" 28M, "minister" 44M,
# "putin" 2M) is taken for an ordinary word, not a name, unless it is one of COMMON_NAMES.
FREQUENT = 20_000_000
# Those words, one a line: derived from symspellpy's 82,765-line list (reading and parsing it cost
# 9 ms in every run); tests/test_gazetteer_scans.py derives them again and compares.
FREQUENT_FILE = Path(__file__).with_name("frequent_words.txt")


@lru_cache(maxsize=1)
def frequent_words() -> frozenset[str]:
    """The English words of symspellpy's frequency list above ``FREQUENT``, but COMMON_NAMES,
    read once per process."""
    return frozenset(FREQUENT_FILE.read_text(encoding="utf-8").split())
