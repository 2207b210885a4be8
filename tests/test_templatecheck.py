"""spdocs templates check: names against each kind's context, blocks closed, problems located by paragraph text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from spdocs import resources
from spdocs.cli import cli
from spdocs.languages import LANGS
from spdocs.templatecheck import check_template, paragraphs, samples


def _edit(source: Path, dest: Path, change) -> None:
    """Copy a template with its document.xml changed (as a Word user's typo would change it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(buffer.getvalue())


def _typo(xml: str) -> str:
    return xml.replace("p.agreement.number", "p.agreement.numbr", 1)


def _unclosed(xml: str) -> str:
    # drop the `{%p endif %}` closing the condition around clause 2.3 («Стороны систематически …»)
    start = xml.index("Стороны систематически расширяют")
    end = xml.index("{%p endif %}", start)
    p_start = xml.rindex("<w:p>", 0, end) if "<w:p>" in xml[:end] else xml.rindex("<w:p ", 0, end)
    p_end = xml.index("</w:p>", end) + len("</w:p>")
    return xml[:p_start] + xml[p_end:]


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("broken")
    for lang in LANGS:
        _edit(resources.template_path("agreement", lang), folder / lang / "agreement.docx", _typo)
    _edit(resources.template_path("order", "ru"), folder / "ru" / "order.docx", lambda x: x)
    return folder


@pytest.mark.parametrize("lang", LANGS)
def test_misspelt_name_is_found_in_every_language_with_a_suggestion(broken, lang):
    path = broken / lang / "agreement.docx"
    problems = check_template(path, samples("agreement", lang), lang=lang)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f'{path}: unknown name `p.agreement.numbr` (did you mean `p.agreement.number`?) in the paragraph starting "'
    )


def test_unclosed_block_is_located_by_its_paragraph_text(tmp_path):
    path = tmp_path / "ru" / "agreement.docx"
    _edit(resources.template_path("agreement", "ru"), path, _unclosed)
    problems = check_template(path, samples("agreement", "ru"), lang="ru")
    assert problems == [
        f'{path}: unclosed `{{%p if %}}` just before the paragraph starting "2.3. Стороны систематически расширяют сп…"'
    ]


def test_paragraphs_carry_word_numbers():
    paras = paragraphs(resources.template_path("agreement", "ru").read_bytes())
    assert any(p.number == "1.2." and p.text.startswith("Предметом {{ doc.gen }}") for p in paras)


def test_templates_check_command_reports_and_fails(runner, broken):
    result = runner.invoke(cli, ["templates", "check", str(broken)])
    assert result.exit_code == 1
    assert result.output.count("unknown name `p.agreement.numbr` (did you mean `p.agreement.number`?)") == 3
    assert "6 kinds, 3 problems" in result.output


def test_python_in_a_template_is_reported(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Purpose: {{ p.agreement.purpose.rstrip('.') }}.")
    document.add_paragraph("Item {{ {'personnel': 1}[a] }} and {{ p.agreement.purpose | strip_perod }}")
    path = tmp_path / "agreement.docx"
    document.save(str(path))
    problems = check_template(path, samples("agreement", "en"), lang="en")
    assert problems == [
        f"{path}: a Python method call `p.agreement.purpose.rstrip(…)`; use a filter (| upfirst, | join …) "
        'in the paragraph starting "Purpose: ."',
        f"{path}: a dict literal `{{…}}`; put the mapping in terms.yaml and look it up through `t` "
        'in the paragraph starting "Item  and"',
        f'{path}: unknown name `a` in the paragraph starting "Item  and"',
        f'{path}: unknown filter `strip_perod` (did you mean `strip_period`?) in the paragraph starting "Item  and"',
    ]
