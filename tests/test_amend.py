"""spdocs amend: the supplementary agreement lists exactly the changed clauses; the redline tracks them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import ROOT
from spdocs import docxtext, parity
from spdocs.amendment import write_amendment
from spdocs.cli import cli
from spdocs.errors import InputError, OptionError
from spdocs.languages import LANGS
from spdocs.redline import W, revisions

DUKE = ROOT / "examples" / "kaznmu-duke.yaml"
EXPECTED = [
    ("insert", "section", "5"),  # the new commitment (third mission) opens a section …
    ("insert", "clause", "5.1"),  # … with its clause
    ("delete", "clause", "6.4"),  # the plan clause, the plan being dropped
    ("replace", "clause", "11.1"),  # the term extended to 6 years
    ("replace", "annex", "1"),  # the indicators' targets changed
]


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("versions")
    data = yaml.safe_load(DUKE.read_text(encoding="utf-8"))
    data["indicators"][0]["targets"][2026] = 25
    data["agreement"]["term_years"] = 6
    data["third_mission"] = [
        {
            "kk": "өңір медициналық ұйымдарының дәрігерлеріне арналған ашық дәрістер",
            "ru": "открытые лекции для врачей медицинских организаций региона",
            "en": "open lectures for physicians of the region's medical organizations",
        }
    ]
    del data["plan"], data["plan_approval"]
    data["amendments"] = [{"number": "1", "date": "2026-03-02", "place": data["agreement"]["place"]}]
    new = folder / "kaznmu-duke.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return DUKE, new


@pytest.fixture(scope="module")
def amended(versions, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return write_amendment(*versions, out=out), out / "kaznmu-duke"


def test_changes_are_exactly_the_changed_clauses_in_every_language(amended):
    result, _ = amended
    for lang in LANGS:
        assert [(c.action, c.kind, c.number) for c in result.changes[lang]] == EXPECTED


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "ru",
            [
                "1) дополнить Договор разделом 5 следующего содержания:",
                "3) пункт 6.4 Договора исключить;",
                "4) пункт 11.1 Договора изложить в следующей редакции:",
                "5) Приложение 1 к Договору изложить в редакции Приложения 1 к настоящему Дополнительному соглашению.",
            ],
        ),
        ("kk", ["2) Шарт мынадай мазмұндағы 5.1-тармақпен толықтырылсын:", "3) Шарттың 6.4-тармағы алып тасталсын;"]),
        (
            "en",
            [
                "4) clause 11.1 of the Agreement shall read as follows:",
                "“11.1. This Agreement enters into force on the date of its signature by the Parties and remains in "
                "force until 31 December 2030 inclusive. The term of the Parties' cooperation under it is 6 (six) "
                "years, from 1 January 2025 until 31 December 2030 inclusive.”;",
            ],
        ),
    ],
)
def test_supplementary_agreement_text(amended, lang, lines):
    _, folder = amended
    text = docxtext.text((folder / f"amendment.{lang}.docx").read_bytes()).splitlines()
    for line in lines:
        assert line in text
    assert (
        text[0]
        == {"kk": "№ 1 ҚОСЫМША КЕЛІСІМ", "ru": "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 1", "en": "SUPPLEMENTARY AGREEMENT No. 1"}[
            lang
        ]
    )


def test_supplementary_agreement_keeps_preamble_signatures_and_new_annex(amended):
    _, folder = amended
    ru = docxtext.text((folder / "amendment.ru.docx").read_bytes())
    assert "чьи интересы на основании Устава представляет Председатель Правления – Ректор Д.Е. Султангазиев" in ru
    assert "| ПАРТНЕР / «Университет Дьюка» (Duke University)" in ru
    assert "При расхождении между текстами Стороны руководствуются текстом на английском языке." in ru
    assert (
        "| 1.1 | Преподаватели и клинические наставники, прошедшие стажировку на базе Партнера | чел. | 4 "
        "| 2025 г.: 20 / 2026 г.: 25 |" in ru  # periods by their labels, never codes
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "ru",
            "2. В связи с изменениями, указанными в пункте 1 настоящего Дополнительного соглашения, разделы 5–14 "
            "Договора считать соответственно разделами 6–15, пункты 6.5–6.6 Договора считать соответственно "
            "пунктами 7.4–7.5.",
        ),
        (
            "kk",
            "2. Осы Қосымша келісімнің 1-тармағында көрсетілген өзгерістерге байланысты Шарттың 5–14-бөлімдері "
            "тиісінше 6–15-бөлімдер болып, Шарттың 6.5–6.6-тармақтары тиісінше 7.4–7.5-тармақтар болып есептелсін.",
        ),
        (
            "en",
            "2. Following the changes set out in clause 1 of this Supplementary Agreement, sections 5–14 of the "
            "Agreement shall be renumbered 6–15 respectively; clauses 6.5–6.6 of the Agreement shall be renumbered "
            "7.4–7.5 respectively.",
        ),
    ],
)
def test_renumbering_that_the_changes_cause_is_stated(amended, lang, line):
    _, folder = amended
    assert line in docxtext.text((folder / f"amendment.{lang}.docx").read_bytes()).splitlines()


def test_replaced_annex_is_the_agreements_own_table(amended):
    import docx

    _, folder = amended
    table = docx.Document(str(folder / "amendment.en.docx")).tables[-1]
    assert table.style.name == "Table Grid"
    first = [c.text for c in table.rows[2].cells]
    assert first[:2] == ["1.1", "Teachers and clinical mentors who completed internships at the Partner"]


def test_language_versions_of_the_supplementary_agreement_keep_the_same_shape(amended):
    _, folder = amended
    shapes = {lang: parity.structure((folder / f"amendment.{lang}.docx").read_bytes()) for lang in LANGS}
    assert shapes["kk"] == shapes["ru"] == shapes["en"]


def test_redline_has_tracked_insertions_and_deletions(amended):
    _, folder = amended
    docx = (folder / "agreement.ru.redline.docx").read_bytes()
    inserted, deleted = revisions(docx)
    assert "Третья миссия" in inserted
    assert "шесть" in inserted and "пять" in deleted  # 5 → 6 years, word by word
    assert any("в соответствии со следующим планом" in text for text in deleted)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    marks = list(root.iter(f"{W}ins")) + list(root.iter(f"{W}del"))
    assert len({m.get(f"{W}id") for m in marks}) == len(marks)  # unique revision ids
    assert {m.get(f"{W}date") for m in marks} == {"2026-03-02T00:00:00Z"}
    # accepting every change gives the new agreement's text: drop deletions, keep insertions
    for el in list(root.iter(f"{W}del")):
        if el.getparent().tag != f"{W}rPr" and el.getparent().tag != f"{W}trPr":
            el.getparent().remove(el)
    accepted = "".join(t.text or "" for t in root.iter(f"{W}t"))
    assert "Третья миссия" in accepted and "в соответствии со следующим планом" not in accepted


def test_amend_command(runner, versions, tmp_path):
    result = runner.invoke(cli, ["amend", *map(str, versions), "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "replace clause 11.1" in result.output
    assert (tmp_path / "kaznmu-duke" / "agreement.en.redline.docx").is_file()


def test_unchanged_agreement_has_nothing_to_amend(tmp_path):
    data = yaml.safe_load(DUKE.read_text(encoding="utf-8"))
    data["amendments"] = [{"number": "1", "date": "2026-03-02", "place": data["agreement"]["place"]}]
    same = tmp_path / "same.yaml"
    same.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(OptionError, match="nothing to amend"):
        write_amendment(DUKE, same, out=tmp_path)
    assert not (tmp_path / "kaznmu-duke").exists()  # nothing half-written


def test_new_version_needs_its_amendment_entry(versions, tmp_path):
    data = yaml.safe_load(versions[1].read_text(encoding="utf-8"))
    del data["amendments"]
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError, match="amendments"):
        write_amendment(DUKE, bare, out=tmp_path)


def test_an_edited_amendment_is_kept(runner, versions, tmp_path):
    args = ["amend", *map(str, versions), "--lang", "ru", "--out", str(tmp_path)]
    assert runner.invoke(cli, args).exit_code == 0
    edited = tmp_path / "kaznmu-duke" / "amendment.ru.docx"
    edited.write_bytes(edited.read_bytes() + b"")  # same bytes: still spdocs's own
    assert "kept" not in runner.invoke(cli, args).output
    import docx

    document = docx.Document(str(edited))
    document.add_paragraph("Согласовано юристом.")
    document.save(str(edited))
    again = runner.invoke(cli, args)
    assert again.exit_code == 0
    assert f"{edited}: kept — changed since spdocs wrote it (--force overwrites it)" in again.output
    assert "Согласовано юристом." in docxtext.text(edited.read_bytes())


def test_amendment_templates_keep_the_same_conditions_and_values():
    from spdocs import resources

    paths = {lang: resources.template_path("amendment", lang) for lang in LANGS}
    assert parity.compare_templates(paths) == []


def test_the_language_clause_names_the_agreements_languages(versions, amended, tmp_path):
    """An agreement issued in Kazakh and Russian only gets a supplementary agreement in those two."""
    _, folder = amended
    three = docxtext.text((folder / "amendment.ru.docx").read_bytes())
    assert "на казахском, русском и английском языках; все тексты имеют одинаковую юридическую силу." in three
    old, new = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    for source, dest in zip(versions, (old, new), strict=True):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data["documents"] = {"agreement": ["kk", "ru"]}
        data["agreement"]["prevailing"] = "ru"  # (English prevails in the example: there is no English text here)
        dest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_amendment(old, new, out=tmp_path / "out", langs=("kk", "ru"))
    made = tmp_path / "out" / "kaznmu-duke"
    ru = docxtext.text((made / "amendment.ru.docx").read_bytes())
    kk = docxtext.text((made / "amendment.kk.docx").read_bytes())
    assert "на казахском и русском языках; оба текста имеют одинаковую юридическую силу." in ru
    assert "қазақ және орыс тілдерінде жасалды; екі мәтіннің де заңдық күші бірдей." in kk
    assert "английск" not in ru and "ағылшын" not in kk
