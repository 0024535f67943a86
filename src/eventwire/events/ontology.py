"""PLOVER and CAMEO as data: types, modes, quad classes, scores and CAMEO codes.

Kept as plain dicts so lexicon validation and coding are lookups, not logic.
Sources: the PLOVER manual (draft 0.8) and CAMEO 1.1b3 with its Goldstein
scale, as restated in ``shared/reference/plover.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventwire.schema import EVENT_TYPES


@dataclass(frozen=True)
class Sense:
    """What a trigger codes: PLOVER type, mode, CAMEO code, a prior confidence and the entry (rule) id."""

    type: str
    cameo: str
    mode: str | None
    conf: float
    entry: str


# quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
# SANCTION: the manual disagrees with itself; we follow the type's own section (material conflict).
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

# PLOVER cooperation-conflict scores by type (ACCUSE read as -3: its modes score -2 .. -3.5).
PLOVER_SCORE: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10.0,
    "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0, "THREATEN": -3.5, "PROTEST": -5.0,
    "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0, "ASSAULT": -9.0,
}  # fmt: skip

COOPERATIVE = frozenset(t for t, q in QUAD_CLASS.items() if q in (1, 2))
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# Modes per type: the manual's lists plus NGEC-2025's additions (keyed by type: names repeat across types).
MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign", "return"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence", "ban", "rights"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
            "ban",
        }
    ),  # fmt: skip
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
            "execute",
            "assassinate",
            "cleansing",
            "massacre",
        }
    ),  # fmt: skip
}

# CAMEO event codes: code -> (short name, Goldstein score).
CAMEO: dict[str, tuple[str, float]] = {
    "01": ("make public statement", 0.0), "010": ("make statement", 0.0),
    "02": ("appeal", 3.0), "020": ("make an appeal or request", 3.0),
    "03": ("express intent to cooperate", 4.0), "030": ("express intent to cooperate", 4.0),
    "031": ("express intent to engage in material cooperation", 5.2),
    "032": ("express intent to provide diplomatic cooperation", 4.5),
    "033": ("express intent to provide material aid", 5.2),
    "034": ("express intent to institute political reform", 7.0),
    "035": ("express intent to yield", 5.0), "036": ("express intent to meet or negotiate", 4.0),
    "037": ("express intent to settle dispute", 5.0), "038": ("express accord", 4.0),
    "039": ("express intent to mediate", 5.0),
    "04": ("consult", 1.0), "040": ("consult", 1.0), "041": ("discuss by telephone", 1.0),
    "042": ("make a visit", 1.9), "043": ("host a visit", 2.8), "044": ("meet at a third location", 2.5),
    "045": ("mediate", 5.0), "046": ("engage in negotiation", 7.0),
    "05": ("engage in diplomatic cooperation", 3.5), "050": ("engage in diplomatic cooperation", 3.5),
    "051": ("praise or endorse", 3.4), "052": ("defend verbally", 3.5), "053": ("rally support on behalf of", 3.8),
    "054": ("grant diplomatic recognition", 6.0), "055": ("apologize", 7.0), "056": ("forgive", 7.0),
    "057": ("sign formal agreement", 8.0),
    "06": ("engage in material cooperation", 6.0), "060": ("engage in material cooperation", 6.0),
    "061": ("cooperate economically", 6.4), "062": ("cooperate militarily", 7.4),
    "063": ("engage in judicial cooperation", 7.4), "064": ("share intelligence or information", 7.0),
    "07": ("provide aid", 7.0), "070": ("provide aid", 7.0), "071": ("provide economic aid", 7.4),
    "072": ("provide military aid", 8.3), "073": ("provide humanitarian aid", 7.4),
    "074": ("provide military protection or peacekeeping", 8.5), "075": ("grant asylum", 7.0),
    "08": ("yield", 5.0), "080": ("yield", 5.0), "081": ("ease administrative sanctions", 5.0),
    "0811": ("ease restrictions on political freedoms", 5.0), "0812": ("ease ban on political parties", 5.0),
    "0813": ("ease curfew", 5.0), "0814": ("ease state of emergency or martial law", 5.0),
    "082": ("ease political dissent", 5.0), "083": ("accede to requests or demands for political reform", 5.0),
    "0831": ("accede to demands for change in leadership", 5.0), "084": ("return, release", 7.0),
    "0841": ("return, release person(s)", 7.0), "0842": ("return, release property", 7.0),
    "085": ("ease economic sanctions, boycott, embargo", 7.0), "086": ("allow international involvement", 9.0),
    "087": ("de-escalate military engagement", 9.0), "0871": ("declare truce, ceasefire", 9.0),
    "0872": ("ease military blockade", 9.0), "0873": ("demobilize armed forces", 9.0),
    "0874": ("retreat or surrender militarily", 10.0),
    "09": ("investigate", -2.0), "090": ("investigate", -2.0), "091": ("investigate crime, corruption", -2.0),
    "092": ("investigate human rights abuses", -2.0), "093": ("investigate military action", -2.0),
    "094": ("investigate war crimes", -2.0),
    "10": ("demand", -5.0), "100": ("demand", -5.0), "101": ("demand information, investigation", -5.0),
    "102": ("demand policy support", -5.0), "103": ("demand aid, protection, or peacekeeping", -5.0),
    "104": ("demand political reform", -5.0), "105": ("demand mediation", -5.0),
    "106": ("demand withdrawal", -5.0), "107": ("demand ceasefire", -5.0), "108": ("demand meeting, negotiation", -5.0),
    "11": ("disapprove", -2.0), "110": ("disapprove", -2.0), "111": ("criticize or denounce", -2.0),
    "112": ("accuse", -2.0), "1121": ("accuse of crime, corruption", -2.0),
    "1122": ("accuse of human rights abuses", -2.0), "1123": ("accuse of aggression", -2.0),
    "1124": ("accuse of war crimes", -2.0), "1125": ("accuse of espionage, treason", -2.0),
    "113": ("rally opposition against", -2.0), "114": ("complain officially", -2.0),
    "115": ("bring lawsuit against", -2.0), "116": ("find guilty or liable (legally)", -2.0),
    "12": ("reject", -4.0), "120": ("reject", -4.0), "121": ("reject material cooperation", -4.0),
    "122": ("reject request or demand for material aid", -4.0),
    "123": ("reject request or demand for political reform", -4.0), "124": ("refuse to yield", -4.0),
    "125": ("reject proposal to meet, discuss, or negotiate", -5.0), "126": ("reject mediation", -5.0),
    "127": ("reject plan, agreement to settle dispute", -5.0), "128": ("defy norms, law", -5.0),
    "129": ("veto", -5.0),
    "13": ("threaten", -6.0), "130": ("threaten", -4.4), "131": ("threaten non-force", -5.8),
    "132": ("threaten with administrative sanctions", -5.8), "133": ("threaten political dissent, protest", -5.8),
    "134": ("threaten to halt negotiations", -5.8), "135": ("threaten to halt mediation", -5.8),
    "136": ("threaten to halt international involvement", -7.0), "137": ("threaten with repression", -7.0),
    "138": ("threaten to use military force", -7.0), "1381": ("threaten blockade", -7.0),
    "1382": ("threaten occupation", -7.0), "1383": ("threaten unconventional violence", -7.0),
    "1384": ("threaten conventional attack", -7.0), "1385": ("threaten attack with WMD", -7.0),
    "139": ("give ultimatum", -7.0),
    "14": ("protest", -6.5), "140": ("engage in political dissent", -6.5), "141": ("demonstrate or rally", -6.5),
    "142": ("conduct hunger strike", -6.5), "143": ("conduct strike or boycott", -6.5),
    "144": ("obstruct passage, block", -7.5), "145": ("protest violently, riot", -7.5),
    "15": ("exhibit force posture", -7.2), "150": ("demonstrate military or police power", -7.2),
    "151": ("increase police alert status", -7.2), "152": ("increase military alert status", -7.2),
    "153": ("mobilize or increase police power", -7.2), "154": ("mobilize or increase armed forces", -7.2),
    "155": ("mobilize or increase cyber-forces", -7.2),
    "16": ("reduce relations", -4.0), "160": ("reduce relations", -4.0),
    "161": ("reduce or break diplomatic relations", -4.0), "162": ("reduce or stop material aid", -5.6),
    "163": ("impose embargo, boycott, or sanctions", -8.0), "164": ("halt negotiations", -7.0),
    "165": ("halt mediation", -7.0), "166": ("expel or withdraw", -7.0),
    "17": ("coerce", -7.0), "170": ("coerce", -7.0), "171": ("seize or damage property", -9.2),
    "1711": ("confiscate property", -9.2), "1712": ("destroy property", -9.2),
    "172": ("impose administrative sanctions", -5.0), "1721": ("impose restrictions on political freedoms", -5.0),
    "1722": ("ban political parties or politicians", -5.0), "1723": ("impose curfew", -5.0),
    "1724": ("impose state of emergency or martial law", -5.0), "173": ("arrest, detain", -5.0),
    "174": ("expel or deport individuals", -5.0), "175": ("use tactics of violent repression", -9.0),
    "176": ("attack cybernetically", -7.0),
    "18": ("assault", -9.0), "180": ("use unconventional violence", -9.0),
    "181": ("abduct, hijack, take hostage", -9.0), "182": ("physically assault", -9.5),
    "1821": ("sexually assault", -9.5), "1822": ("torture", -9.5), "1823": ("kill by physical assault", -9.5),
    "183": ("conduct suicide, car, or other non-military bombing", -10.0), "184": ("use as human shield", -8.0),
    "185": ("attempt to assassinate", -8.0), "186": ("assassinate", -10.0),
    "19": ("fight", -10.0), "190": ("use conventional military force", -10.0), "191": ("impose blockade", -9.5),
    "192": ("occupy territory", -9.5), "193": ("fight with small arms and light weapons", -10.0),
    "194": ("fight with artillery and tanks", -10.0), "195": ("employ aerial weapons", -10.0),
    "196": ("violate ceasefire", -9.5),
    "20": ("engage in unconventional mass violence", -10.0), "200": ("use unconventional mass violence", -10.0),
    "201": ("engage in mass expulsion", -9.5), "202": ("engage in mass killings", -10.0),
    "203": ("engage in ethnic cleansing", -10.0), "204": ("use weapons of mass destruction", -10.0),
}  # fmt: skip

# Default CAMEO code of each PLOVER type, used when an entry or a re-typing gives none.
DEFAULT_CAMEO: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}  # fmt: skip

assert set(QUAD_CLASS) == set(EVENT_TYPES) == set(PLOVER_SCORE) == set(MODES) == set(DEFAULT_CAMEO)


def goldstein(cameo: str) -> float:
    """Goldstein score of a CAMEO code, falling back to its root when the code is unknown."""
    if cameo in CAMEO:
        return CAMEO[cameo][1]
    return CAMEO.get(cameo[:2], ("", 0.0))[1]


def type_codes(event_type: str, cameo: str | None = None) -> dict[str, Any]:
    """The Event fields a PLOVER type fixes: the type, its CAMEO code (default: the type's), QuadClass,
    Goldstein and PLOVER scores. Every place that types or re-types an event builds them here."""
    cameo = cameo or DEFAULT_CAMEO[event_type]
    return {
        "event_type": event_type,
        "cameo": cameo,
        "quad_class": QUAD_CLASS[event_type],
        "goldstein": goldstein(cameo),
        "plover_score": PLOVER_SCORE[event_type],
    }


def cameo_root(cameo: str) -> str:
    """The two-digit root of a CAMEO code."""
    return cameo[:2]
