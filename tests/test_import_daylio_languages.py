"""Real Daylio exports in the languages people's phones speak: the old ``year,date,...``
format with localized day-month, default mood names in those languages, and files whose
header row was removed."""

from __future__ import annotations

import pytest

from tracker.importers import apply_import, preview_daylio
from tracker.importers.daylio import file_language

OLD_HEADER = "year,date,weekday,time,mood,activities,note\n"


def days_of(journal) -> list[tuple[str, int]]:
    return [(c.day.isoformat(), c.mood) for c in journal.checkins(newest_first=False)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Polish, months in the genitive as in running text, and Polish default moods.
        (
            ["2019,7 września,sobota,21:00,super,,", "2019,16 października,środa,9:15,źle,,"],
            [("2019-09-07", 5), ("2019-10-16", 2)],
        ),
        # Spanish, with "de", and Spanish default moods.
        (
            ["2018,16 de octubre,martes,10:04,bien,,", "2018,3 de enero,miércoles,22:00,fatal,,"],
            [("2018-01-03", 1), ("2018-10-16", 4)],
        ),
        # German with a dot after the day, and the Austrian January.
        (
            ["2020,5. März,Donnerstag,18:30,gut,,", "2020,2. Jänner,Donnerstag,08:00,ok,,"],
            [("2020-01-02", 3), ("2020-03-05", 4)],
        ),
        # French, full and short month names.
        (
            ["2021,12 janvier,mardi,20:00,bien,,", "2021,3 févr.,mercredi,20:00,bof,,"],
            [("2021-01-12", 4), ("2021-02-03", 3)],
        ),
        # Portuguese, Russian, Czech and Dutch default moods with their months.
        (["2017,9 de março,quinta,21:00,radiante,,"], [("2017-03-09", 5)]),
        (["2017,9 марта,четверг,21:00,так себе,,"], [("2017-03-09", 3)]),
        (["2017,9. března,čtvrtek,21:00,dobře,,"], [("2017-03-09", 4)]),
        (["2017,9 maart,donderdag,21:00,gaat wel,,"], [("2017-03-09", 3)]),
        # Japanese and Korean write the month as a number.
        (["2022,5月7日,土曜日,21:00,good,,"], [("2022-05-07", 4)]),
        (["2022,5월 7일,토요일,21:00,good,,"], [("2022-05-07", 4)]),
    ],
    ids=["pl", "es", "de", "fr", "pt", "ru", "cs", "nl", "ja", "ko"],
)
def test_old_exports_in_each_language_import(journal, rows, expected):
    preview = preview_daylio(OLD_HEADER + "\n".join(rows) + "\n", journal)
    assert preview.problems == [] and preview.unknown_moods == []
    apply_import(journal, preview)
    assert days_of(journal) == expected


def test_a_month_word_two_languages_read_differently_follows_the_files_language(journal):
    # "listopad" is November in Czech and Polish but October in Croatian.
    czech = ["2019,3. listopadu,neděle,21:00,good,,", "2019,7. listopad,čtvrtek,21:00,good,,"]
    croatian = ["2019,3. listopad,nedjelja,21:00,good,,", "2019,4. siječnja,petak,9:00,good,,"]
    assert file_language(["3. listopadu", "7. listopad"]) in ("cs", "sk", "pl")
    assert file_language(["3. listopad", "4. siječnja"]) == "hr"
    preview = preview_daylio(OLD_HEADER + "\n".join(croatian) + "\n", journal)
    assert [row["day"] for row in preview.plan.checkins] == ["2019-10-03", "2019-01-04"]
    preview = preview_daylio(OLD_HEADER + "\n".join(czech) + "\n", journal)
    assert [row["day"] for row in preview.plan.checkins] == ["2019-11-03", "2019-11-07"]


def test_an_unknown_month_name_names_the_row_and_the_text(journal):
    preview = preview_daylio(OLD_HEADER + "2019,7 smarch,x,21:00,good,,\n", journal)
    [problem] = preview.problems
    assert problem.where == "row 2" and "“7 smarch”" in problem.why


@pytest.mark.parametrize(
    "row",
    [
        "2024-03-02,March 2,Saturday,6:50 pm,good,Walk,Slow morning",  # 7 columns
        "2024-03-02,March 2,Saturday,6:50 pm,good,Walk,Title,Slow morning",  # note_title
        "2024-03-02,March 2,Saturday,6:50 pm,good,Walk,,Title,Slow morning",  # scales
    ],
    ids=["7", "8", "9"],
)
def test_a_file_without_its_header_row_is_recognised_and_flagged(journal, row):
    data = row + "\n2024-03-01,March 1,Friday,14:03,awful,work,Hard day\n"
    preview = preview_daylio(data, journal)
    assert preview.no_header and preview.problems == []
    assert "no header row" in preview.summary()
    assert [c["day"] for c in preview.plan.checkins] == ["2024-03-02", "2024-03-01"]
    assert preview.plan.checkins[0]["note"].endswith("Slow morning")
    apply_import(journal, preview)
    assert days_of(journal) == [("2024-03-01", 1), ("2024-03-02", 4)]


def test_a_headerless_file_with_a_bad_row_names_its_real_line(journal):
    data = "2024-03-02,March 2,Saturday,6:50 pm,good,,\n2024-03-01,March 1,Friday,25:00,awful,,\n"
    preview = preview_daylio(data, journal)
    assert [p.where for p in preview.problems] == ["row 2"]


def test_a_file_with_a_header_is_not_flagged(journal):
    preview = preview_daylio(OLD_HEADER + "2019,7 września,sobota,21:00,super,,\n", journal)
    assert not preview.no_header and "no header row" not in preview.summary()
