"""Grouping rule: which reports describe one happening (store/grouping.py)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tacitus.store.grouping import (
    Grouper,
    codes_fit,
    fits,
    group_articles,
    index_keys,
    load_rules,
    lookup_keys,
    period,
    place_of,
    places_fit,
    report_of,
)

from .records import meeting

RULES = load_rules(max_days=1, max_km=25)
KHARKIV = {"name": "Kharkiv", "country": "UKR", "lat": 49.98, "lon": 36.25}
KHARKIV_EAST = {"name": "Kharkiv east", "country": "UKR", "lat": 49.99, "lon": 36.40}  # ~11 km
ODESA = {"name": "Odesa", "country": "UKR", "lat": 46.48, "lon": 30.73}
UKRAINE = {"name": "Ukraine", "country": "UKR", "lat": None, "lon": None}
_KEYS = itertools.count()


def row(source="RUS", target="UKR", cameo="190", date="2025-03-14", precision="day",
        source_sectors=("MIL",), target_sectors=(), place=None, negated=False,
        modality="asserted"):
    values = {
        "date": date, "date_precision": precision, "cameo": cameo, "negated": negated,
        "modality": modality,
        "source_text": source, "source_code": source, "source_country": source,
        "source_sectors": list(source_sectors),
        "target_text": target, "target_code": target, "target_country": target,
        "target_sectors": list(target_sectors),
    }
    for key, value in (place or {}).items():
        values[f"location_{key}"] = value
    return values


def rep(**kwargs):
    return report_of(next(_KEYS), row(**kwargs))


def test_grouping_same_attack_in_other_words_fits():
    shelled = rep(cameo="194", place=KHARKIV)
    air_strike = rep(cameo="195", date="2025-03-13", place=KHARKIV_EAST)
    bombing = rep(cameo="183", place=None, source_sectors=())
    assert fits(shelled, air_strike, RULES) and fits(shelled, bombing, RULES)


@pytest.mark.parametrize("other, why", [
    ({"date": "2025-03-16"}, "same dyad two days later"),
    ({"place": ODESA}, "same day, another city"),
    ({"target": "POL"}, "another target"),
    ({"source_sectors": ("GOV",)}, "another sector"),
    ({"cameo": "112"}, "an accusation, not an attack"),
    ({"negated": True}, "denied, not reported"),
    ({"modality": "intended"}, "threatened, not done"),
])
def test_grouping_lookalikes_do_not_fit(other, why):
    base = rep(cameo="194", place=KHARKIV)
    assert not fits(base, rep(**{"cameo": "194", "place": KHARKIV, **other}), RULES), why


def test_grouping_places_country_region_point():
    point = place_of({"location_country": "UKR", "location_lat": 49.98, "location_lon": 36.25})
    country = place_of({"location_country": "UKR"})
    elsewhere = place_of({"location_country": "POL"})
    region = place_of({"location_country": "UKR", "location_feature": "adm1",
                       "location_adm1": "07", "location_lat": 49.5, "location_lon": 36.5})
    in_region = place_of({"location_country": "UKR", "location_adm1": "07",
                          "location_feature": "city", "location_lat": 49.9,
                          "location_lon": 36.3})
    other_region = place_of({"location_country": "UKR", "location_feature": "adm1",
                             "location_adm1": "26", "location_lat": 46.5, "location_lon": 30.7})
    assert country.feature == "country" and point.feature == "point"
    assert places_fit(point, country, 25) and places_fit(point, None, 25)
    assert not places_fit(country, elsewhere, 25)
    assert places_fit(region, in_region, 25) and not places_fit(region, other_region, 25)
    same_id = place_of({"location_country": "UKR", "location_geonames_id": "706483",
                        "location_lat": 50.0, "location_lon": 36.0})
    same_id_far = place_of({"location_country": "UKR", "location_geonames_id": "706483",
                            "location_lat": 49.0, "location_lon": 36.0})
    assert places_fit(same_id, same_id_far, 25)
    hanoi = place_of({"location_country": "VNM", "location_name": "Hanoi",
                      "location_geonames_id": "1", "location_lat": 21.0, "location_lon": 105.8})
    other_hanoi = place_of({"location_country": "VNM", "location_name": "Hanoi",
                            "location_geonames_id": "2", "location_lat": 20.3,
                            "location_lon": 106.0})
    assert places_fit(hanoi, other_hanoi, 25)  # one name, two gazetteer records
    for weak in ("dateline", "target", "source"):
        assert place_of({"location_country": "EGY", "location_found_by": weak}) is None
    assert place_of({"location_country": "RUS", "location_found_by": "sentence"}) is None
    assert place_of({"location_country": "RUS", "location_found_by": "clause"}) is not None
    assert place_of({"location_country": None, "location_feature": "continent",
                     "location_lat": 50.0, "location_lon": 20.0}) is None
    district = place_of({"location_country": "UKR", "location_feature": "adm2",
                         "location_adm1": "07", "location_lat": 49.6, "location_lon": 36.9})
    assert district.feature == "adm1" and places_fit(district, in_region, 25)


@pytest.mark.parametrize("a, b, swapped, expected", [
    ("040", "040", True, True),    # A met B = B met A
    ("042", "043", True, True),    # A visited B = B hosted A
    ("040", "042", True, True),    # A met B = B visited A
    ("042", "042", True, False),   # A visited B is not B visiting A
    ("045", "045", True, False),   # mediation has a direction
    ("057", "057", True, True),    # signed an agreement, either way round
    ("190", "195", False, True),   # unspecified force beside an air strike
    ("1831", "194", False, True),  # a bombing and a shelling: both reports of an attack
    ("191", "193", False, False),  # a blockade is not a firefight
    ("112", "111", False, True),   # accused vs criticised: one rebuke in other words
    ("110", "112", False, True),   # disapprove (unspecified) beside accuse
    ("112", "115", False, False),  # an accusation is not a lawsuit
    ("120", "125", False, True),   # reject (unspecified) beside reject a proposal to meet
    ("121", "125", False, False),  # two other rejections
    ("040", "036", False, False),  # met vs wants to meet: another family
])
def test_grouping_codes_fit(a, b, swapped, expected):
    assert codes_fit(a, b, swapped, RULES) is expected


def test_grouping_meeting_named_either_way_round():
    ab = rep(source="PAK", target="RUS", cameo="040", source_sectors=("GOV",))
    ba = rep(source="RUS", target="PAK", cameo="043", source_sectors=("GOV",))
    assert fits(ab, ba, RULES)
    assert not fits(rep(source="IND", target="PAK"), rep(source="PAK", target="IND"), RULES)


def test_grouping_unknown_sides_agree_with_any():
    by_russia = rep(target=None, target_sectors=("CVL",))  # "Russian forces shelled civilians"
    bomber = rep(source=None, source_sectors=())  # "a suicide bomber struck ..."
    assert fits(rep(), by_russia, RULES) and fits(rep(), bomber, RULES)
    assert not fits(by_russia, rep(target_sectors=("MIL",)), RULES)  # civilians vs soldiers
    assert not fits(rep(target="POL"), rep(), RULES)


def test_grouping_keys_find_every_group_a_report_may_join():
    full, no_target, nobody = rep(), rep(target=None), rep(source=None, target=None)
    assert index_keys(full, RULES) == ["happened|force|RUS>UKR", "happened|force|RUS>*",
                                       "happened|force|*>UKR", "happened|force|*>*"]
    assert "happened|force|RUS>?" in index_keys(no_target, RULES)
    assert lookup_keys(full, RULES) == ["happened|force|RUS>UKR", "happened|force|RUS>?",
                                        "happened|force|?>UKR", "happened|force|?>?"]
    assert lookup_keys(nobody, RULES) == ["happened|force|*>*"]
    reports = [full, no_target, nobody, rep(source=None), rep(target="POL"),
               rep(source=None, target="POL")]
    for a in reports:
        for b in reports:
            if fits(a, b, RULES):
                assert set(lookup_keys(b, RULES)) & set(index_keys(a, RULES)), (a, b)
    meeting_ab = rep(source="PAK", target="RUS", cameo="040")
    meeting_ba = rep(source="RUS", target="PAK", cameo="040")
    assert set(lookup_keys(meeting_ba, RULES)) & set(index_keys(meeting_ab, RULES))
    grouper = Grouper(RULES)
    assert grouper.assign(no_target) == grouper.assign(full) == grouper.assign(nobody)


def test_grouping_periods_and_week_precision():
    assert period(dt.date(2025, 3, 12), "week") == (dt.date(2025, 3, 10), dt.date(2025, 3, 16))
    assert period(dt.date(2024, 2, 10), "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period(dt.date(2025, 12, 31), "month") == (dt.date(2025, 12, 1),
                                                      dt.date(2025, 12, 31))
    assert period(dt.date(2025, 6, 6), "year") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    last_week = rep(date="2025-03-10", precision="week")
    assert fits(last_week, rep(date="2025-03-14"), RULES)
    assert not fits(last_week, rep(date="2025-03-19"), RULES)


def test_grouping_complete_link_does_not_drift():
    grouper = Grouper(RULES)
    days = [rep(date=f"2025-03-{d:02d}") for d in (10, 11, 12)]
    groups = [grouper.assign(r) for r in days]
    assert groups[0] == groups[1] == days[0].key and groups[2] == days[2].key


def test_grouping_prefers_the_group_of_the_same_text_then_same_code():
    grouper = Grouper(RULES)
    early = report_of("a-e0", row(cameo="190", date="2025-03-13"), article_group="wire-1")
    late = report_of("b-e0", row(cameo="194", date="2025-03-15"), article_group="wire-2")
    assert (grouper.assign(early), grouper.assign(late)) == ("a-e0", "b-e0")
    # Between the two, fitting both: the group of its own text wins, then the same code.
    copy = report_of("c-e0", row(cameo="190", date="2025-03-14"), article_group="wire-2")
    same_code = report_of("d-e0", row(cameo="194", date="2025-03-14"), article_group="x")
    other_code = report_of("e-e0", row(cameo="190", date="2025-03-14"), article_group="y")
    assert grouper.assign(copy) == "b-e0"
    assert grouper.assign(same_code) == "b-e0"
    assert grouper.assign(other_code) == "a-e0"


def test_grouping_undated_or_uncoded_rows_have_no_report():
    assert report_of(1, row(date=None)) is None
    assert report_of(1, {**row(), "cameo": None}) is None


def test_grouping_group_articles_across_a_run():
    a = meeting("a", date="2025-09-01", outlet="One")
    b = meeting("b", date="2025-09-02", outlet="Two")
    c = meeting("c", date="2025-09-05", outlet="Three")
    d = meeting("d", "IND", "CHN", "112", date="2025-09-01")
    out = list(group_articles([a, b, c, d], RULES))
    groups = [item.events[0].group_id for item in out]
    assert groups == ["a-e0", "a-e0", "c-e0", "d-e0"]
