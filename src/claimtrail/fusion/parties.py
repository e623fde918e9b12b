"""Which state an origin speaks for, so a proposition shows each government's position once.

On whether North Korean troops are in Russia, "Russia", "the Kremlin", "Russia's defence ministry"
and "Kremlin spokesman Dmitry Peskov" are four origins (fusion keeps who said what apart) but one
party: Russia. An analyst wants Russia's stance and how it moved (a denial by the spokesman, then
a non-confirmation by the government, then an acknowledgement), not four rows to reconcile by hand.

An origin speaks for a country when it is that country ("Moscow"), a state body of it in the
institutions table ("National Intelligence Service (NIS)"), a government, military or intelligence
body whose name states the country ("Belarus's defence ministry", "North Korea's mission"), unnamed
officials of one country ("Ukrainian officials"), or a person whose words in one of their sentences
give a state office and one country ("Kremlin spokesman Dmitry Peskov", "Ukrainian President
Volodymyr Zelensky", "Russia's chief"). Lawmakers, analysts, researchers, media and NGOs speak for
no state; neither do descriptions that name no country or several ("Western officials").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..extract import institutions
from ..model import Claim, SourceLink
from .origins import words_around

#: Origin types that are the state's own voice when they belong to one country.
STATE_TYPES = frozenset(("government", "military", "intelligence"))
#: Offices whose holder speaks for their state (a lawmaker or an analyst does not).
OFFICE = re.compile(
    r"\b(spokes(?:man|woman|person)|press secretary|(?:prime |foreign |defen[cs]e )?minister|"
    r"president|chancellor|premier|ambassador|envoy|(?:army |armed forces |defen[cs]e )?chief|"
    r"commander|general|head of state|foreign office|ministry|mission|embassy|officials?)\b",
    re.IGNORECASE,
)
#: Offices that are no state's voice even with a country before them.
NOT_STATE = re.compile(
    r"\b(lawmaker|legislator|MP|senator|opposition|analysts?|researchers?|experts?|fellow|professor|"
    r"journalists?|reporters?|correspondent|activists?|residents?|witness(?:es)?|party)\b",
    re.IGNORECASE,
)


def _country_of_words(text: str) -> str | None:
    """The one country a state office's words name ("Kremlin spokesman", "Russia's chief"): None
    when they name none, several, or an office that is no state's voice."""
    if not OFFICE.search(text) or NOT_STATE.search(text):
        return None
    codes = set(institutions.table().countries_in(text))
    return codes.pop() if len(codes) == 1 else None


def party_of_link(name: str, type_: str, claim: Claim, link: SourceLink) -> str | None:
    """The country (ISO code) the origin ``name`` of type ``type_`` speaks for, as this one mention
    of it (``link`` in ``claim``) shows; None when it speaks for no one state."""
    table = institutions.table()
    code = table.country_named(name)
    if code:
        return code
    inst = table.named(name)
    if inst is not None:  # the table's people are heads of state and government
        return inst.country if inst.type in STATE_TYPES or inst.type == "person" else None
    if type_ in STATE_TYPES:
        stated, _ = table.split_country(name)
        if stated and stated != institutions.CONTEXT:
            return stated
    if type_ == "person":
        around = words_around(claim.sentence, link.text) if link.text and len(link.text) > 2 else ""
        for words in (link.role or "", link.text or "", around):
            code = _country_of_words(words) if words else None
            if code:
                return code
        return None
    return _country_of_words(name)  # "Ukrainian officials", "North Korea's mission"


def party_of(mentions: Iterable[str | None]) -> str | None:
    """The party of an origin from what each of its mentions shows: the country most of the
    mentions that show one give (ties to the first), None when none shows one."""
    counts = Counter(code for code in mentions if code)
    return counts.most_common(1)[0][0] if counts else None
