"""The command line, through click's CliRunner: exit codes, messages, files written."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, ROOT, requires_soffice
from spdocs import __version__, docxtext, manifest, resources
from spdocs.cli import cli
from spdocs.pdf import pdfa_part

TARAZ = ROOT / "examples" / "taraz-mendeleev.yaml"


def _edit_docx(source: Path, dest: Path, old: bytes, new: bytes) -> None:
    """Write ``source`` to ``dest`` with ``old`` replaced by ``new`` in its body, as an edit in Word would."""
    with zipfile.ZipFile(source) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(old, new)
    with zipfile.ZipFile(dest, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", [[], ["check"], ["render"], ["collect"], ["new"], ["schema"], ["templates"]])
def test_help_teaches(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    if command in ([], ["check"], ["render"], ["collect"]):
        assert "Examples:" in result.output


def test_schema_validates_every_example(runner):
    result = runner.invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in EXAMPLES:
        # the schema describes the JSON form: dates as strings, as a JSON file would hold them
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_schema_rejects_unknown_field(runner):
    schema = json.loads(runner.invoke(cli, ["schema"]).output)
    data = json.loads(json.dumps(yaml.safe_load(TARAZ.read_text(encoding="utf-8")), default=str))
    data["agreement"]["copys"] = 2
    with pytest.raises(jsonschema.ValidationError, match="copys"):
        jsonschema.validate(data, schema)


def test_check_examples_exit_0(runner):
    result = runner.invoke(cli, ["check", str(ROOT / "examples")])
    assert result.exit_code == 0, result.output


def test_check_invalid_file_exit_2_lists_every_mistake(runner, tmp_path):
    text = TARAZ.read_text(encoding="utf-8")
    text = text.replace("  term_years: 7", "  term_years: seven", 1)
    text = text.replace("    alias: {kk: Серіктес, ru: Партнер, en: the Partner}", "    alias: {}", 1)
    text = text.replace("  copies: 3", "  copies: 3\n  copys: 2", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.output
    assert "parties.foreign.alias: the text is given in no language" in result.output
    assert "agreement.term_years:" in result.output
    assert "unknown field 'copys'; did you mean 'copies'?" in result.output
    assert "Traceback" not in result.output


def test_check_missing_path_is_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_render_writes_named_files(runner, tmp_path):
    result = runner.invoke(
        cli, ["render", str(TARAZ), "--kind", "agreement", "--lang", "kk,ru", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "taraz-mendeleev").iterdir())
    assert written == ["agreement.kk.docx", "agreement.ru.docx", "spdocs-manifest.json"]
    assert "Тараз" in docxtext.text((tmp_path / "taraz-mendeleev" / "agreement.kk.docx").read_bytes())


def test_render_is_deterministic(runner, tmp_path):
    for out in ("a", "b"):
        runner.invoke(cli, ["render", str(TARAZ), "--kind", "agreement", "--lang", "ru", "--out", str(tmp_path / out)])
    first = (tmp_path / "a" / "taraz-mendeleev" / "agreement.ru.docx").read_bytes()
    assert first == (tmp_path / "b" / "taraz-mendeleev" / "agreement.ru.docx").read_bytes()


def test_render_bad_language_is_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(TARAZ), "--lang", "kk,de", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "de" in result.output and "kk, ru, en" in result.output


def test_failed_partnership_does_not_stop_others(runner, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "good.yaml").write_text(TARAZ.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "broken.yaml").write_text("id: broken\nregime: nonsense\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["render", str(data), "--kind", "agreement", "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.yaml" in result.output
    assert sorted(p.name for p in (out / "taraz-mendeleev").iterdir()) == [
        "agreement.en.docx",
        "agreement.kk.docx",
        "agreement.ru.docx",
        "spdocs-manifest.json",
    ]
    assert not (out / "broken").exists()
    assert not list(out.rglob("*.part"))


def test_draft_marks_documents(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(TARAZ), "--kind", "agreement", "--draft", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for lang, mark in (("kk", "ЖОБА"), ("ru", "ПРОЕКТ"), ("en", "DRAFT")):
        docx = (tmp_path / "taraz-mendeleev" / f"agreement.draft.{lang}.docx").read_bytes()
        assert docxtext.blocks(docx)[0].text == mark
        assert zipfile.ZipFile(io.BytesIO(docx)).testzip() is None


def test_new_writes_starter(runner, tmp_path):
    target = tmp_path / "mine.yaml"
    result = runner.invoke(cli, ["new", "--model", "franchise", str(target)])
    assert result.exit_code == 0, result.output
    assert "model: franchise" in target.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["new", "--model", "franchise", str(target)])
    assert again.exit_code == 2 and "--force" in again.output


def test_templates_list_and_check(runner):
    listed = runner.invoke(cli, ["templates", "list"])
    assert listed.exit_code == 0
    assert "agreement" in listed.output
    checked = runner.invoke(cli, ["templates", "check"])
    assert checked.exit_code == 0, checked.output


def test_templates_export(runner, tmp_path):
    result = runner.invoke(cli, ["templates", "export", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "kk" / "agreement.docx").is_file()
    assert (tmp_path / "ru" / "terms.yaml").is_file()


def test_render_pdf_packets(runner, tmp_path):
    from pypdf import PdfReader

    result = runner.invoke(
        cli,
        [
            "render",
            str(TARAZ),
            "--kind",
            "agreement,order",
            "--lang",
            "kk,ru",
            "--format",
            "pdf",
            "--packet",
            "--draft",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    folder = tmp_path / "taraz-mendeleev"
    assert sorted(p.name for p in folder.iterdir()) == [
        "agreement.draft.kk.pdf",
        "agreement.draft.ru.pdf",
        "order.draft.kk.pdf",
        "order.draft.ru.pdf",
        "packet.draft.kk.pdf",
        "packet.draft.ru.pdf",
        "spdocs-manifest.json",
    ]
    assert manifest.verify(folder) == []
    packet = PdfReader(folder / "packet.draft.ru.pdf")
    assert [item.title for item in packet.outline if not isinstance(item, list)] == [
        "Договор о стратегическом партнерстве",
        "Приказ о создании рабочей группы",
    ]
    assert len(packet.pages) == len(PdfReader(folder / "agreement.draft.ru.pdf").pages) + len(
        PdfReader(folder / "order.draft.ru.pdf").pages
    )
    first = packet.pages[0].extract_text()
    assert "ПРОЕКТ" in first and "ДОГОВОР" in first.upper()
    assert "[1/4] PDF" in result.output


@requires_soffice
@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("yessenov-tu-berlin", "Соглашение о сотрудничестве в рамках стратегического партнерства"),  # a соглашение
        ("kaznmu-duke", "Договор о стратегическом партнерстве в области медицинского образования и науки"),
    ],
)
def test_a_packets_bookmark_names_the_agreement_by_its_type_and_field(runner, tmp_path, name, title):
    from pypdf import PdfReader

    source = ROOT / "examples" / f"{name}.yaml"
    args = ["render", str(source), "--kind", "agreement", "--lang", "ru", "--format", "pdf", "--packet"]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    packet = PdfReader(tmp_path / name / "packet.ru.pdf")
    assert [item.title for item in packet.outline] == [title]


def test_packet_needs_pdf(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(TARAZ), "--packet", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--format pdf" in result.output


def test_summary_writes_workbook(runner, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "summary.xlsx"
    result = runner.invoke(cli, ["summary", str(ROOT / "examples"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert len(book.sheetnames) == 4  # all, higher education, medical, financing
    first = book[book.sheetnames[0]]
    assert first.freeze_panes == "A2"
    ids = {row[0] for row in first.iter_rows(min_row=2, values_only=True)}
    assert ids == {p.stem for p in EXAMPLES}


def test_render_with_actuals_sheet(runner, tmp_path):
    sheet = tmp_path / "actuals.csv"
    sheet.write_text(
        "partnership;indicator;period;value;note\n"
        "taraz-mendeleev;student-mobility;2026;19;\n"
        "taraz-mendeleev;projects;2026;;figures come in May\n",
        encoding="utf-8",
    )
    args = ["--kind", "report", "--period", "2026", "--lang", "ru", "--actuals", str(sheet)]
    result = runner.invoke(cli, ["render", str(TARAZ), *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"warning: {sheet}:3: value (column D): no value, only a note: the report shows «no data»" in result.output
    text = docxtext.text((tmp_path / "out" / "taraz-mendeleev" / "report-2026.ru.docx").read_bytes())
    assert "19" in text and "figures come in May" in text


def test_render_with_actuals_for_other_and_misspelt_partnerships(runner, tmp_path):
    sheet = tmp_path / "actuals.csv"
    sheet.write_text(
        "partnership,indicator,period,value\nnku-arizona,students,2026,3\ntaraz-mendelev,students,2026,3\n",
        encoding="utf-8",
    )
    args = ["--kind", "report", "--lang", "ru", "--actuals", str(sheet), "--out", str(tmp_path / "out")]
    result = runner.invoke(cli, ["render", str(TARAZ), *args])
    assert result.exit_code == 1
    assert (
        f"warning: {sheet}:2: partnership (column A): the partnership 'nku-arizona' is not among the data files "
        "given: 1 row left alone (2)" in result.output
    )
    assert (
        f"{sheet}:3: partnership (column A): the partnership 'taraz-mendelev' is not among the data files given; "
        "did you mean 'taraz-mendeleev'?" in result.output
    )
    assert (tmp_path / "out" / "taraz-mendeleev" / "report-2026.ru.docx").exists()


def test_a_bad_actuals_row_stops_its_partnership_only_and_reports_itself_only(runner, tmp_path):
    sheet = tmp_path / "actuals.csv"
    sheet.write_text(
        "Показатель;Партнерство;Период;Факт\n"
        "students;taraz-mendeleev;2026;104\n"
        "projects;taraz-mendeleev;2026;двенадцать\n"
        "publications;taraz-mendeleev;2026;9\n"
        "students;nku-arizona;2026;230\n",
        encoding="utf-8",
    )
    nku = ROOT / "examples" / "nku-arizona.yaml"
    args = ["--kind", "report", "--period", "2026", "--lang", "ru", "--actuals", str(sheet), "--check-lang", "ru"]
    result = runner.invoke(cli, ["render", str(TARAZ), str(nku), *args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{TARAZ}: {sheet}:3: Факт (столбец D): не число: «двенадцать»" in result.output
    assert result.output.count(str(sheet)) == 1  # the bad row only: no other row turns into an error
    assert not (tmp_path / "out" / "taraz-mendeleev").exists()
    assert "230" in docxtext.text((tmp_path / "out" / "nku-arizona" / "report-2026.ru.docx").read_bytes())
    assert "] taraz-mendeleev: не удалось" in result.output  # in the order the workers finish


def test_render_with_unusable_actuals_is_usage_error(runner, tmp_path):
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("Факт за 2026 год\nПоказатель;Факт\nstudents;3\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(TARAZ), "--actuals", str(sheet), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{sheet}:2: row 2 names the columns «Показатель», «Факт» but not the period" in result.output
    assert not (tmp_path / "out").exists()


def test_error_finding_stops_render_unless_draft(runner, tmp_path):
    data = tmp_path / "short.yaml"
    data.write_text(
        TARAZ.read_text(encoding="utf-8").replace("  term_years: 7", "  term_years: 3", 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    stopped = runner.invoke(cli, ["render", str(data), "--kind", "agreement", "--out", str(out)])
    assert stopped.exit_code == 1
    assert "error HE-TERM agreement.term_years" in stopped.output
    assert "not rendered (errors in the data; --draft renders anyway)" in stopped.output
    assert not out.exists() or not any(out.rglob("*.docx"))
    drafted = runner.invoke(
        cli, ["render", str(data), "--kind", "agreement", "--lang", "ru", "--draft", "--out", str(out)]
    )
    assert drafted.exit_code == 0, drafted.output
    assert "error HE-TERM" in drafted.output
    blocks = docxtext.blocks((out / "taraz-mendeleev" / "agreement.draft.ru.docx").read_bytes())
    assert blocks[0].text == "ПРОЕКТ"


def test_warnings_are_printed_and_rendering_goes_on(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(TARAZ), "--kind", "order", "--lang", "kk", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning GEN-ACTUALS-MISSING" in result.output
    assert (tmp_path / "taraz-mendeleev" / "order.kk.docx").is_file()


def test_user_templates_are_used_first(runner, tmp_path):
    """A lawyer's edited copy (exported, changed, rendered with --templates) wins over the built-in one."""
    mine = tmp_path / "mine"
    assert runner.invoke(cli, ["templates", "export", str(mine)]).exit_code == 0
    path = mine / "ru" / "order.docx"
    _edit_docx(path, path, "ПРИКАЗЫВАЮ".encode(), "ПРИКАЗЫВАЮ СТРОГО".encode())
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["render", str(TARAZ), "--kind", "order", "--lang", "ru,kk", "--templates", str(mine), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "ПРИКАЗЫВАЮ СТРОГО" in docxtext.text((out / "taraz-mendeleev" / "order.ru.docx").read_bytes())
    assert runner.invoke(cli, ["templates", "check", "--templates", str(mine)]).exit_code == 0


def test_broken_user_template_names_template_and_value(runner, tmp_path):
    mine = tmp_path / "mine" / "ru"
    mine.mkdir(parents=True)
    _edit_docx(
        resources.template_path("order", "ru"), mine / "order.docx", "ПРИКАЗЫВАЮ".encode(), b"{{ p.no_such_value }}"
    )
    result = runner.invoke(
        cli,
        [
            "render",
            str(TARAZ),
            "--kind",
            "order",
            "--lang",
            "ru",
            "--templates",
            str(tmp_path / "mine"),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert "ru/order.docx [ru]" in result.output and "no_such_value" in result.output
    assert not (tmp_path / "out" / "taraz-mendeleev").exists()


def test_pdfs_are_deterministic(runner, tmp_path):
    for out in ("a", "b"):
        result = runner.invoke(
            cli,
            ["render", str(TARAZ), "--kind", "order", "--lang", "kk", "--format", "pdf", "--out", str(tmp_path / out)],
        )
        assert result.exit_code == 0, result.output
    first = (tmp_path / "a" / "taraz-mendeleev" / "order.kk.pdf").read_bytes()
    assert first == (tmp_path / "b" / "taraz-mendeleev" / "order.kk.pdf").read_bytes()
    assert b"/CreationDate" not in first


@requires_soffice
def test_pdf_a(runner, tmp_path):
    args = ["render", str(TARAZ), "--kind", "order", "--lang", "ru", "--out", str(tmp_path)]
    result = runner.invoke(cli, [*args, "--format", "pdf", "--pdf-a"])
    assert result.exit_code == 0, result.output
    assert pdfa_part((tmp_path / "taraz-mendeleev" / "order.ru.pdf").read_bytes()) == "2B"
    result = runner.invoke(cli, [*args, "--pdf-a"])
    assert result.exit_code == 2
    assert "--pdf-a is a kind of PDF: add --format pdf" in result.output


def test_draft_with_unknown_area_renders_and_spares_the_batch(runner, tmp_path):
    """GEN-REF-AREA is an error; --draft still renders, showing such indicators under their unknown id."""
    data = tmp_path / "data"
    data.mkdir()
    text = TARAZ.read_text(encoding="utf-8")
    (data / "typo.yaml").write_text(text.replace("    area: research\n", "    area: reserch\n", 1), encoding="utf-8")
    (data / "duke.yaml").write_text(
        (ROOT / "examples" / "kaznmu-duke.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["render", str(data), "--kind", "agreement,report", "--lang", "ru", "--draft", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "error GEN-REF-AREA indicators[3].area" in result.output
    report = docxtext.text((out / "taraz-mendeleev" / "report-2025.draft.ru.docx").read_bytes())
    assert "| 4. reserch |" in report
    assert (out / "kaznmu-duke" / "report-2025.draft.ru.docx").is_file()


# Outputs that cannot be written: a one-line message and exit 2, never a traceback. /proc takes
# no new files even for root (tests may run as root, for whom permission bits do not count).
UNWRITABLE = Path("/proc/spdocs-test")


@pytest.mark.parametrize(
    "args",
    [
        ["summary", str(TARAZ), "--out", str(UNWRITABLE / "summary.xlsx")],
        ["new", "--model", "branch", str(UNWRITABLE / "new.yaml")],
        ["templates", "export", str(UNWRITABLE)],
    ],
    ids=["summary", "new", "templates-export"],
)
def test_unwritable_output_is_one_line_and_exit_2(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
    [line] = [line for line in result.output.splitlines() if line.startswith("spdocs:")]
    assert str(UNWRITABLE) in line and "cannot write" in line


def test_summary_into_a_path_under_a_file_is_one_line(runner, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["summary", str(TARAZ), "--out", str(tmp_path / "file" / "summary.xlsx")])
    assert result.exit_code == 2
    [line] = [line for line in result.output.splitlines() if line.startswith("spdocs: ")]  # after progress lines
    assert line.endswith(f"{tmp_path / 'file'} is a file, not a folder")


def test_render_into_an_unwritable_folder_is_one_error_before_any_partnership(runner):
    result = runner.invoke(cli, ["render", str(TARAZ), "--kind", "order", "--lang", "kk", "--out", str(UNWRITABLE)])
    assert result.exit_code == 2
    assert result.output.startswith(f"spdocs: cannot write {UNWRITABLE}") and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        (["--help"], ("docxtpl", "jinja2", "pypdf", "matplotlib", "openpyxl", "pydantic", "yaml", "babel")),
        (["render", "--help"], ("docxtpl", "jinja2", "pypdf", "matplotlib", "openpyxl", "pydantic")),
        (["schema"], ("docxtpl", "jinja2", "pypdf", "matplotlib", "openpyxl", "docx")),
        (["new", "--model", "medical"], ("docxtpl", "jinja2", "pypdf", "matplotlib", "openpyxl", "docx")),
        (["check", str(TARAZ)], ("docxtpl", "pypdf", "matplotlib", "docx")),
    ],
    ids=["help", "render-help", "schema", "new", "check"],
)
def test_commands_import_only_what_they_need(args, forbidden):
    """`spdocs --help` and the data-file commands start without the rendering and PDF stack."""
    code = (
        "import sys\nfrom spdocs.cli import cli\n"
        f"try:\n    cli({args!r}, prog_name='spdocs')\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(out.split("\n")[-2].split())
    assert loaded.isdisjoint(forbidden), sorted(loaded & set(forbidden))
