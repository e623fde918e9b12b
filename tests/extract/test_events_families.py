"""The new events of issue 14, sentence by sentence: each figure gets its event, its counted noun,
its subject class and, where the sentence says whose it is, the owner's country.

Every sentence is written for these tests in the manner of wire copy from several conflicts
(passives, relative clauses, "of whom", headlines, numbers as words). The known confusions (lost
tanks / lost men, shot down / destroyed, captured / detained, hit / destroyed) have their own
tests at the end. Each case runs the whole pipeline and the claim builder (``claimtrail.extract``).
"""

from __future__ import annotations

import pytest

from claimtrail import extract, resources
from claimtrail.extract.subjects import SubjectsFile, load_subject_classes
from claimtrail.model import EVENTS, SUBJECT_CLASSES, Claim

# (sentence, figure as written, counted noun normalised, subject class, owner's country or None
# where the sentence does not say it)
Case = tuple[str, str, str | None, str, str | None]

CASES: dict[str, list[Case]] = {
    "displaced": [
        (
            "More than 150,000 people have fled their homes in North Darfur since the fighting began, the UN said.",
            "150,000",
            "people",
            "people",
            None,
        ),
        (
            "Some 40,000 villagers were displaced by the fighting in Rakhine state last month.",
            "40,000",
            "villager",
            "people",
            None,
        ),
        (
            "Clashes in the Sahel have forced 2.5 million people from their homes, aid agencies say.",
            "2.5 million",
            "people",
            "people",
            None,
        ),
        (
            "The agency counts 1.2 million Sudanese refugees in eastern Chad.",
            "1.2 million",
            "refugee",
            "people",
            "SD",
        ),
        (
            "About 90,000 residents sought shelter in schools run by the UN agency.",
            "90,000",
            "resident",
            "people",
            None,
        ),
        (
            "Nearly 3,000 families were uprooted by the floods and the shelling.",
            "3,000",
            "family",
            "people",
            None,
        ),
        (
            "Fighting in Myanmar's Sagaing region displaces 75,000 civilians",
            "75,000",
            "civilian",
            "people",
            None,
        ),
        (
            "Of the 1.8 million people displaced inside Yemen, most live in camps.",
            "1.8 million",
            "people",
            "people",
            None,
        ),
        (
            "About 12,000 people fled across the border into Niger over the weekend.",
            "12,000",
            "people",
            "people",
            None,
        ),
        (
            "The number of refugees who have left Sudan since April has reached 2 million.",
            "2 million",
            "refugee",
            "people",
            None,
        ),
        (
            "Two million Ukrainians remain displaced inside the country, the IOM said.",
            "Two million",
            "ukrainians",
            "people",
            "UA",
        ),
    ],
    "evacuated": [
        (
            "Authorities evacuated 3,400 residents from villages near the Lebanese border.",
            "3,400",
            "resident",
            "people",
            None,
        ),
        (
            "About 500 patients were evacuated from the hospital in Rafah on Tuesday.",
            "500",
            "patient",
            "people",
            None,
        ),
        (
            "Rescuers have moved 1,200 civilians out of the besieged town, officials said.",
            "1,200",
            "civilian",
            "people",
            None,
        ),
        (
            "The evacuation of 8,000 people from Kharkiv's northern districts continued overnight.",
            "8,000",
            "people",
            "people",
            None,
        ),
        (
            "Some 2,000 evacuees from Belgorod are staying in temporary housing.",
            "2,000",
            "evacuee",
            "people",
            None,
        ),
        (
            "Over 60 foreign nationals were flown out of Port Sudan in an evacuation operation.",
            "60",
            "national",
            "people",
            None,
        ),
        (
            "Kyiv ordered the mandatory evacuation of 11,000 children from frontline towns in Donetsk region.",
            "11,000",
            "child",
            "people",
            None,
        ),
        (
            "Military medics evacuated 45 wounded soldiers from the front line.",
            "45",
            "soldier",
            "people",
            None,
        ),
        (
            "Twenty-three aid workers were relocated to Amman after the strike.",
            "Twenty-three",
            "worker",
            "people",
            None,
        ),
        (
            "Officials said 700 people had been evacuated by boat from the flooded district.",
            "700",
            "people",
            "people",
            None,
        ),
    ],
    "missing": [
        (
            "At least 70 people are still missing after the strike on the market in Omdurman.",
            "70",
            "people",
            "people",
            None,
        ),
        (
            "More than 10,000 people are believed to be missing under the rubble in Gaza.",
            "10,000",
            "people",
            "people",
            None,
        ),
        (
            "Some 300 soldiers went missing during the counteroffensive near Robotyne.",
            "300",
            "soldier",
            "people",
            None,
        ),
        (
            "Families say 47 fishermen have disappeared off the coast since the blockade began.",
            "47",
            "fisherman",
            "people",
            None,
        ),
        (
            "The army listed 1,100 servicemen as missing after the battle.",
            "1,100",
            "serviceman",
            "people",
            None,
        ),
        ("Twelve journalists remain unaccounted for in Myanmar.", "Twelve", "journalist", "people", None),
        ("The Red Cross is tracing 8,000 missing people in Yemen.", "8,000", "people", "people", None),
        (
            "Dozens of migrants were reported missing after their boat capsized off Libya.",
            "Dozens",
            "migrant",
            "people",
            None,
        ),
        (
            "Around 2,500 Ukrainian soldiers are listed as missing in the Kursk fighting.",
            "2,500",
            "soldier",
            "people",
            "UA",
        ),
        (
            "Nine sailors vanished when the cargo ship was struck in the Red Sea.",
            "Nine",
            "sailor",
            "people",
            None,
        ),
    ],
    "detained": [
        ("Police detained 45 protesters outside parliament in Nairobi.", "45", "protester", "people", None),
        (
            "More than 200 people were arrested during the demonstrations in Tbilisi.",
            "200",
            "people",
            "people",
            None,
        ),
        (
            "The junta has jailed 300 activists since the coup, a monitoring group said.",
            "300",
            "activist",
            "people",
            None,
        ),
        (
            "Security forces rounded up 60 young men in raids across the district.",
            "60",
            "man",
            "people",
            None,
        ),
        (
            "Soldiers detained 25 Palestinians in overnight raids in the West Bank.",
            "25",
            "palestinians",
            "people",
            "PS",
        ),
        (
            "Russia is holding at least 16,000 Ukrainian civilians in detention, the ombudsman said.",
            "16,000",
            "civilian",
            "people",
            "UA",
        ),
        ("About 80 suspects were seized by police in Kano.", "80", "suspect", "people", None),
        ("The FSB said it had arrested 12 people suspected of sabotage.", "12", "people", "people", None),
        (
            "Thousands of detainees remain in military prisons in Sudan, rights groups say.",
            "Thousands",
            "detainee",
            "people",
            None,
        ),
        (
            "Turkish authorities took 90 people into custody after the bombing.",
            "90",
            "people",
            "people",
            None,
        ),
    ],
    "released": [
        ("Hamas freed 24 hostages on Friday under the ceasefire deal.", "24", "hostage", "people", None),
        (
            "Russia and Ukraine exchanged 95 prisoners of war each on Saturday.",
            "95",
            "prisoner",
            "people",
            None,
        ),
        ("Israel released 39 Palestinian detainees from its prisons.", "39", "detainee", "people", None),
        (
            "A further 150 Ukrainian soldiers returned home from captivity on Wednesday.",
            "150",
            "soldier",
            "people",
            "UA",
        ),
        ("The rebels handed 18 captured soldiers over to the Red Cross.", "18", "soldier", "people", None),
        (
            "Some 230 prisoners were repatriated to Ethiopia from Saudi Arabia.",
            "230",
            "prisoner",
            "people",
            None,
        ),
        (
            "In a swap brokered by the Emirates, 190 Russian servicemen were returned.",
            "190",
            "serviceman",
            "people",
            "RU",
        ),
        (
            "Myanmar's military government set free 5,000 prisoners in an amnesty.",
            "5,000",
            "prisoner",
            "people",
            None,
        ),
        (
            "Two American aid workers held since March were released late on Tuesday.",
            "Two",
            "worker",
            "people",
            None,
        ),
        (
            "Kyiv got back 250 prisoners in exchange for 300 Russian soldiers.",
            "300",
            "soldier",
            "people",
            "RU",
        ),
        ("The release of 33 hostages is expected over six weeks.", "33", "hostage", "people", None),
    ],
    "launched": [
        ("Russia launched 120 drones and 8 missiles at Ukraine overnight.", "120", "drone", "weapons", "RU"),
        ("The Houthis fired 40 missiles at shipping in the Red Sea.", "40", "missile", "weapons", None),
        (
            "Hezbollah fired about 200 rockets into northern Israel on Tuesday.",
            "200",
            "rocket",
            "weapons",
            None,
        ),
        ("Iran's barrage of 180 ballistic missiles lit up the night sky.", "180", "missile", "weapons", "IR"),
        ("Some 35 Shahed drones were launched from Russia's Kursk region.", "35", "drone", "weapons", None),
        ("Militants in Gaza lobbed 15 mortar shells toward the border.", "15", "shell", "weapons", None),
        (
            "Ukraine launched 337 drones at Moscow and other regions, Russia said.",
            "337",
            "drone",
            "weapons",
            "UA",
        ),
        ("A salvo of 12 rockets struck the city of Kharkiv.", "12", "rocket", "weapons", None),
        (
            "North Korea fired two short-range ballistic missiles into the sea.",
            "two",
            "missile",
            "weapons",
            "KP",
        ),
        ("The paramilitary RSF sent 20 drones against Port Sudan.", "20", "drone", "weapons", None),
        (
            "Russia struck Kharkiv with 12 missiles on Sunday, the governor said.",
            "12",
            "missile",
            "weapons",
            None,
        ),
        ("Army artillery pounded the rebel-held hills with 300 shells.", "300", "shell", "weapons", None),
    ],
    "intercepted": [
        (
            "Ukraine's air force said it shot down 31 of 35 drones launched overnight.",
            "31",
            "drone",
            "weapons",
            None,
        ),
        ("Air defences downed 18 Ukrainian drones over the Belgorod region.", "18", "drone", "weapons", "UA"),
        ("The Iron Dome system intercepted 45 rockets fired from Gaza.", "45", "rocket", "weapons", None),
        ("Saudi air defences destroyed 6 drones in the air over Jizan.", "6", "drone", "weapons", None),
        (
            "Russia said it had destroyed 22 Ukrainian drones over its territory.",
            "22",
            "drone",
            "weapons",
            "UA",
        ),
        (
            "Two cruise missiles were shot down over Kyiv, the city administration said.",
            "Two",
            "missile",
            "weapons",
            None,
        ),
        ("US warships brought down 14 drones in the Red Sea.", "14", "drone", "weapons", None),
        (
            "The interception of 70 missiles over central Israel was confirmed by the army.",
            "70",
            "missile",
            "weapons",
            None,
        ),
        ("Electronic warfare units neutralised 41 drones near Odesa.", "41", "drone", "weapons", None),
        ("Three Russian fighter jets were shot down over the Black Sea.", "Three", "jet", "equipment", "RU"),
    ],
    "destroyed": [
        (
            "Russian forces lost 3 tanks and 5 armoured vehicles near Pokrovsk.",
            "3",
            "tank",
            "equipment",
            "RU",
        ),
        ("Israeli strikes destroyed 40 buildings in the Jabalia camp.", "40", "building", "structures", None),
        (
            "The militia burned down 300 homes in the village, residents said.",
            "300",
            "home",
            "structures",
            None,
        ),
        (
            "Ukraine says it has destroyed 9,000 Russian tanks since the invasion began.",
            "9,000",
            "tank",
            "equipment",
            "RU",
        ),
        (
            "Some 1,500 houses were razed in Darfur last month, satellite images show.",
            "1,500",
            "house",
            "structures",
            None,
        ),
        ("Sappers blew up 2 bridges over the river to slow the advance.", "2", "bridge", "structures", None),
        ("The destruction of 12 schools was documented by the monitors.", "12", "school", "structures", None),
        (
            "Drone strikes destroyed 14 howitzers, the general staff said.",
            "14",
            "howitzer",
            "equipment",
            None,
        ),
        ("The army lost 30 aircraft in the first month of the war.", "30", "aircraft", "equipment", None),
        (
            "Kyiv said 5 drones were destroyed on the ground at an airfield near Engels.",
            "5",
            "drone",
            "weapons",
            None,
        ),
    ],
    "damaged": [
        ("Russian missiles damaged 12 apartment blocks in Kharkiv.", "12", "block", "structures", None),
        ("At least 30 homes were damaged by the shelling.", "30", "home", "structures", None),
        ("Strikes hit 3 hospitals in Khan Younis overnight.", "3", "hospital", "structures", None),
        ("The drones struck 2 power plants in western Ukraine.", "2", "plant", "structures", None),
        (
            "Some 400 buildings suffered damage in the bombardment of Mariupol.",
            "400",
            "building",
            "structures",
            None,
        ),
        (
            "The UN said 70 schools had been damaged in Sudan's Gezira state.",
            "70",
            "school",
            "structures",
            None,
        ),
        (
            "Debris from intercepted missiles damaged 8 houses in the suburbs.",
            "8",
            "house",
            "structures",
            None,
        ),
        ("A drone attack damaged two ships in the port of Hodeidah.", "two", "ship", "equipment", None),
        ("Shelling has damaged 14 churches in the region since March.", "14", "church", "structures", None),
        (
            "Satellite images show 250 damaged buildings in the city centre.",
            "250",
            "building",
            "structures",
            None,
        ),
    ],
    "withdrawn": [
        ("The United States withdrew 2,500 troops from Iraq last year.", "2,500", "troop", "people", "US"),
        ("Russia pulled back 10,000 soldiers from the Kherson front.", "10,000", "soldier", "people", "RU"),
        (
            "France will pull out its 1,500 troops from Niger by the end of the year.",
            "1,500",
            "troop",
            "people",
            "FR",
        ),
        (
            "The withdrawal of 4,000 peacekeepers from Mali began in August.",
            "4,000",
            "peacekeeper",
            "people",
            None,
        ),
        ("Some 800 Eritrean soldiers retreated from the town.", "800", "soldier", "people", "ER"),
        ("The government recalled 300 police officers from the mission.", "300", "officer", "people", None),
        ("Germany sent home 1,200 soldiers from Lithuania.", "1,200", "soldier", "people", "DE"),
        (
            "A drawdown of 3,000 US troops from Syria was announced on Friday.",
            "3,000",
            "troop",
            "people",
            "US",
        ),
        (
            "About 5,000 fighters have withdrawn from the city under the truce.",
            "5,000",
            "fighter",
            "people",
            None,
        ),
        (
            "Chad has begun withdrawing its 1,000-strong contingent from Mali.",
            "1,000",
            "contingent",
            "people",
            "TD",
        ),
    ],
    "strength": [
        ("The junta commands an army of 200,000 across Myanmar.", "200,000", "army", "people", None),
        ("The 12,000-strong contingent is led by three generals.", "12,000", "contingent", "people", None),
        (
            "The rebel coalition is thought to number about 50,000 fighters.",
            "50,000",
            "fighter",
            "people",
            None,
        ),
        ("A force of 5,000 peacekeepers patrols the border.", "5,000", "peacekeeper", "people", None),
        (
            "Sudan's RSF has a fighting strength of 100,000 men, analysts estimate.",
            "100,000",
            "man",
            "people",
            None,
        ),
        ("Chad keeps a 1,200-strong garrison in the town.", "1,200", "garrison", "people", "TD"),
        ("Hezbollah's militia of some 40,000 fighters remains intact.", "40,000", "fighter", "people", None),
        ("The Sahel alliance plans a joint force of 5,000 soldiers.", "5,000", "soldier", "people", None),
        (
            "Israel's army of 170,000 active troops is backed by reservists.",
            "170,000",
            "troop",
            "people",
            None,
        ),
        ("The Wagner contingent in Mali numbered about 1,500 men.", "1,500", "man", "people", None),
    ],
}


def _claim(sentence: str, figure: str) -> Claim:
    """The claim of the figure written ``figure`` in ``sentence`` (the last one so written where it
    occurs twice: "250 prisoners in exchange for 300 soldiers" asks about the 300)."""
    found = [c for c in extract(sentence) if c.quantity is not None and c.quantity.text == figure]
    assert found, f"no figure {figure!r} in {sentence!r}"
    return found[-1]


PARAMS = [
    pytest.param(event, *case, id=f"{event}-{n}")
    for event, cases in CASES.items()
    for n, case in enumerate(cases, 1)
]


def test_every_new_event_has_ten_sentences():
    before = {"other", "training", "captured", "casualties", "wounded", "killed", "deployed"}
    new = [e for e in EVENTS if e not in before]
    assert sorted(CASES) == sorted(new)
    assert all(len(cases) >= 10 for cases in CASES.values())


@pytest.mark.parametrize(("event", "sentence", "figure", "normalized", "category", "country"), PARAMS)
def test_event_counted_noun_class_and_owner(event, sentence, figure, normalized, category, country):
    claim = _claim(sentence, figure)
    assert claim.event == event
    assert claim.subject.normalized == normalized
    assert claim.subject.category == category
    if country is not None:
        assert claim.subject.country == country


# ---------------------------------------------------------------------------------------------
# Known confusions


@pytest.mark.parametrize(
    ("sentence", "figure", "event", "category"),
    [
        ("The brigade lost 12 tanks and 340 men in the assault on Avdiivka.", "12", "destroyed", "equipment"),
        ("The brigade lost 12 tanks and 340 men in the assault on Avdiivka.", "340", "casualties", "people"),
        ("The rebels say government forces lost 3 helicopters over Kordofan.", "3", "destroyed", "equipment"),
        ("At least 200 fighters lost their lives in the battle for El Fasher.", "200", "killed", "people"),
        ("Militias lost 40 vehicles and 600 fighters in the Sahel offensive.", "600", "casualties", "people"),
    ],
)
def test_lose_takes_its_event_from_what_was_lost(sentence, figure, event, category):
    claim = _claim(sentence, figure)
    assert (claim.event, claim.subject.category) == (event, category)


@pytest.mark.parametrize(
    ("sentence", "figure", "event"),
    [
        ("Air defences shot down 27 drones over Zaporizhzhia overnight.", "27", "intercepted"),
        ("Air defences destroyed 27 drones over Zaporizhzhia overnight.", "27", "intercepted"),
        ("Commandos destroyed 27 drones on the ground at the Saki airfield.", "27", "destroyed"),
        ("Artillery destroyed 27 armoured vehicles near Vuhledar.", "27", "destroyed"),
        ("The army said 6 missiles were destroyed in the air before reaching Lviv.", "6", "intercepted"),
        ("Russia fired 6 missiles at Lviv, and air defences downed 4 of them.", "6", "launched"),
        ("Russia fired 6 missiles at Lviv, and air defences downed 4 of them.", "4", "intercepted"),
    ],
)
def test_shot_down_in_the_air_or_destroyed_on_the_ground(sentence, figure, event):
    assert _claim(sentence, figure).event == event


@pytest.mark.parametrize(
    ("sentence", "figure", "event"),
    [
        ("Ukrainian troops captured 40 Russian soldiers near Sudzha.", "40", "captured"),
        ("Some 150 soldiers were taken prisoner as the town fell.", "150", "captured"),
        ("Police in Belgrade detained 40 students after the march.", "40", "detained"),
        ("Police captured 12 suspects after the bombing in Quetta.", "12", "detained"),
        ("Eight activists were seized by security forces in Mandalay.", "Eight", "detained"),
        ("The rebels seized 30 government soldiers at the checkpoint.", "30", "captured"),
    ],
)
def test_captured_in_combat_or_detained_by_the_police(sentence, figure, event):
    assert _claim(sentence, figure).event == event


@pytest.mark.parametrize(
    ("sentence", "figure", "event"),
    [
        ("Shells hit 5 apartment buildings in Kherson on Sunday.", "5", "damaged"),
        ("Shells destroyed 5 apartment buildings in Kherson on Sunday.", "5", "destroyed"),
        ("The strikes destroyed or damaged 900 homes in Rafah.", "900", "damaged"),
        ("At least 600 homes were destroyed and a further 2,000 damaged in Jenin.", "600", "destroyed"),
        ("At least 600 homes were destroyed and a further 2,000 damaged in Jenin.", "2,000", "damaged"),
    ],
)
def test_hit_is_damaged_and_destroyed_only_where_it_says_so(sentence, figure, event):
    assert _claim(sentence, figure).event == event


def test_a_figure_and_its_part_keep_their_own_events():
    claims = extract("Russia launched 94 missiles overnight, and air defences shot down 81 of the 94.")
    events = {(c.quantity.text, c.event) for c in claims if c.quantity is not None}
    assert ("81", "intercepted") in events
    assert ("94", "launched") in events


def test_a_part_said_with_of_whom_shares_the_event_of_its_whole():
    claim = _claim("Officials said 3,000 people were evacuated, of whom 1,100 are children.", "1,100")
    assert claim.event == "evacuated"


def test_a_force_in_a_place_is_deployed_there_but_a_crowd_is_not():
    assert (
        _claim("About 4,000 Rwandan troops are in eastern Congo, the UN says.", "4,000").event == "deployed"
    )
    assert _claim("About 4,000 pilgrims are in Karbala this week.", "4,000").event != "deployed"


# ---------------------------------------------------------------------------------------------
# The subject classes resource


def test_the_shipped_subject_classes_fit_their_schema():
    assert resources.check("subjects.yaml", resources.load("subjects.yaml"), SubjectsFile)


def test_every_class_names_its_nouns_and_a_noun_has_one_class():
    classes = load_subject_classes()
    assert {classes.of(w) for w in ("soldier", "drone", "tank", "hospital")} == set(SUBJECT_CLASSES) - {
        "other"
    }
    assert classes.of("troop") == "people" and "troop" in classes.forces
    assert classes.of("letter") == "other"
    assert classes.of(None, "killed") == "people"  # "the death toll rose to 50"
