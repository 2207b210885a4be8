"""What a lawyer does in the browser, driven in headless Chromium against a real `spdocs serve`."""

from __future__ import annotations

import io
import json
import shutil
import urllib.request
from pathlib import Path
from typing import Any

import docx
import pytest
from playwright.sync_api import Page, expect

from spdocs.docxtext import text as docx_text
from spdocs.web.roundtrip import plain

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = plain((ROOT / "examples" / "kaznmu-duke.yaml").read_text(encoding="utf-8"), json_syntax=False)

pytestmark = pytest.mark.browser


def settled(page: Page) -> None:
    """Wait until the findings shown are those of the data in the form."""
    page.wait_for_selector('#main[data-pending="0"]', state="attached")


def errors(page: Page) -> list[str]:
    settled(page)
    return page.locator("li.finding.sev-error code").all_inner_texts()


def lookup(data: Any, field: str) -> Any:
    """Return the value at a dotted path such as ``agreement.areas[0].name.kk`` (KeyError if none)."""
    for part in field.replace("[", ".[").split("."):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def fill(page: Page, field: str, value: Any) -> None:
    """Enter ``value`` into the control of ``field`` as a person would."""
    lang_col = page.locator(f'.lang-col[data-path="{field}"] textarea')
    if lang_col.count():
        lang_col.fill(str(value))
        return
    box = page.locator(f'.field[data-path="{field}"]').first
    control = box.locator(":scope > select, :scope > input, :scope > textarea, :scope > .date-wrap > input.date").first
    tag = control.evaluate("el => el.tagName + ':' + (el.type || '') + ':' + el.className")
    if tag.startswith("SELECT"):
        control.select_option(str(value))
    elif ":checkbox:" in tag:
        control.set_checked(bool(value))
    elif "date" in tag:
        y, m, d = str(value).split("-")
        control.fill(f"{d}.{m}.{y}")  # typed as ДД.ММ.ГГГГ
    else:
        control.fill(str(value))


def open_editor(page: Page, server: str, id_: str) -> None:
    page.goto(f"{server}/#/p/{id_}")
    expect(page.locator("h1.title")).to_have_text(id_)
    settled(page)


def test_new_partnership_drafted_to_a_clean_check_and_a_docx(page: Page, server: str, workspace: Path) -> None:
    page.goto(server)
    page.select_option("select[name=model]", "medical")
    page.fill("input[name=id]", "almaty-new")
    page.click("form.create button[type=submit]")
    expect(page.locator("h1.title")).to_have_text("almaty-new")
    assert len(errors(page)) > 50  # a blank starter
    # The plan per period is keyed by period id: rename the starter's blank key.
    page.locator('.field[data-path="indicators[0].targets"] input.dict-key').fill("2025")
    page.locator('.field[data-path="indicators[0].targets"] input.dict-key').press("Tab")
    for _ in range(6):
        todo = errors(page)
        if not todo:
            break
        for field in dict.fromkeys(todo):
            fill(page, field, lookup(REFERENCE, field))
    assert errors(page) == []
    page.click("button.primary:has-text('Сохранить')")
    expect(page.locator(".toolbar .status")).to_have_text("Сохранено")
    # The saved file is a clean data file for the CLI too.
    saved = (workspace / "almaty-new.yaml").read_text(encoding="utf-8")
    assert saved.startswith("# spdocs data file: medical education")
    request = urllib.request.Request(
        f"{server}/api/check",
        data=saved.encode(),
        headers={"Content-Type": "application/yaml", "X-Spdocs-Request": "1"},
    )
    assert json.load(urllib.request.urlopen(request))["summary"]["errors"] == 0
    # Render and download the agreement DOCX, then read it back.
    page.click("button.tab:has-text('Документы')")
    page.select_option("select[aria-label='Документ']", "agreement")
    page.select_option("select[aria-label='Язык']", "kk")
    with page.expect_download() as info:
        page.click("button:has-text('Скачать DOCX')")
    download = info.value
    assert download.suggested_filename == "almaty-new.agreement.kk.docx"
    content = Path(download.path()).read_bytes()
    assert docx.Document(io.BytesIO(content)).paragraphs
    assert REFERENCE["parties"]["kazakhstani"]["name"]["kk"] in docx_text(content)
    assert "ЖОБА" not in docx_text(content).splitlines()[0]


def test_an_error_appears_next_to_its_field_and_goes_when_fixed(page: Page, server: str) -> None:
    open_editor(page, server, "taraz-mendeleev")
    field = page.locator('.field[data-path="agreement.term_years"]')
    field.locator("input").fill("3")
    expect(field.locator(".msg.sev-error")).to_contain_text("HE-TERM")
    finding = page.locator("li.finding.sev-error", has_text="HE-TERM")
    expect(finding).to_contain_text("Методические рекомендации МНВО")  # its citation, in Russian
    page.locator("#section-general").scroll_into_view_if_needed()
    finding.locator("button").click()  # goes to the field
    expect(field.locator("input")).to_be_focused()
    expect(field).to_be_in_viewport()
    field.locator("input").fill("7")
    expect(field.locator(".msg")).to_have_count(0)
    assert "agreement.term_years" not in errors(page)


def test_the_preview_follows_a_name_change(page: Page, server: str) -> None:
    open_editor(page, server, "nku-arizona")
    page.click("button.tab:has-text('Документы')")
    page.select_option("select[aria-label='Язык']", "ru")
    page.click("button:has-text('Предпросмотр')")
    preview = page.locator(".preview .page")
    expect(preview).to_contain_text("Совет регентов штата Аризона, действующий от имени Университета Аризоны")
    name = page.locator('.lang-col[data-path="parties.foreign.name.ru"] textarea')
    name.fill("Университет штата Аризона (новое наименование)")
    expect(preview).to_contain_text("Университет штата Аризона (новое наименование)")
    expect(preview).not_to_contain_text("Совет регентов штата Аризона")
    expect(page.locator(".panel")).not_to_contain_text("null")


def test_kazakh_and_russian_side_by_side_in_the_preview_and_the_download(page: Page, server: str) -> None:
    open_editor(page, server, "taraz-mendeleev")
    page.click("button.tab:has-text('Документы')")
    page.select_option("select[aria-label='Документ']", "agreement")
    page.select_option("select[aria-label='Язык']", "kk-ru")
    expect(page.locator("select[aria-label='Язык'] option:checked")).to_have_text("kk | ru")
    page.click("button:has-text('Предпросмотр')")
    first = page.locator(".preview .page table tr").first  # the title: one cell per language
    expect(first.locator("td")).to_have_count(2)
    expect(first.locator("td").nth(1)).to_contain_text("ДОГОВОР О СТРАТЕГИЧЕСКОМ ПАРТНЕРСТВЕ")
    with page.expect_download() as info:
        page.click("button:has-text('Скачать DOCX')")
    download = info.value
    assert download.suggested_filename == "taraz-mendeleev.agreement.kk-ru.docx"
    text = docx_text(Path(download.path()).read_bytes())
    assert "Таразский университет имени М.Х. Дулати" in text and "М.Х. Дулати атындағы Тараз университеті" in text


def test_a_change_on_disk_is_a_conflict_not_overwritten(page: Page, server: str, workspace: Path) -> None:
    path = workspace / "conflict-case.yaml"
    shutil.copy(ROOT / "examples" / "astana-jv.yaml", path)
    open_editor(page, server, "conflict-case")
    page.locator('.field[data-path="agreement.copies"] input').fill("4")
    on_disk = path.read_text(encoding="utf-8").replace("  copies: 3\n", "  copies: 5  # a colleague's edit\n")
    assert "copies: 5" in on_disk
    path.write_text(on_disk, encoding="utf-8")  # a colleague's edit, or git pull
    page.click("button.primary:has-text('Сохранить')")
    banner = page.locator(".banner.conflict")
    expect(banner).to_contain_text("Файл изменился на диске")
    assert path.read_text(encoding="utf-8") == on_disk  # never overwritten silently
    banner.locator("button", has_text="Загрузить с диска").click()
    expect(page.locator('.field[data-path="agreement.copies"] input')).to_have_value("5")
    expect(banner).to_be_hidden()


def test_the_interface_switches_to_kazakh_and_remembers(page: Page, server: str) -> None:
    open_editor(page, server, "zkmu-poznan")
    expect(page.locator("#section-general h2")).to_have_text("Общие сведения")
    page.select_option("#ui-lang", "kk")
    expect(page.locator("#section-general h2")).to_have_text("Жалпы мәліметтер")
    expect(page.locator("button.tab").first).to_contain_text("Тексеру")
    page.reload()
    expect(page.locator("#section-general h2")).to_have_text("Жалпы мәліметтер")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    # Findings come in the interface language too.
    page.locator('.field[data-path="agreement.term_years"] input').fill("1")
    expect(page.locator("li.finding", has_text="MED-TERM")).to_contain_text("жыл")


def test_a_hostile_name_shows_literally(page: Page, server: str, workspace: Path) -> None:
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>{{ 7*7 }}'
    text = (ROOT / "examples" / "ektu-luban.yaml").read_text(encoding="utf-8")
    data = plain(text, json_syntax=False)
    data["id"] = "hostile"
    data["parties"]["foreign"]["short_name"]["ru"] = hostile
    data["parties"]["foreign"]["name"]["ru"] = hostile
    (workspace / "hostile.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.goto(server)
    row = page.locator("tr[data-id=hostile] td.parties")
    expect(row).to_contain_text(hostile)
    open_editor(page, server, "hostile")
    expect(page.locator('.lang-col[data-path="parties.foreign.name.ru"] textarea')).to_have_value(hostile)
    page.click("button.tab:has-text('Документы')")
    page.select_option("select[aria-label='Язык']", "ru")
    page.click("button:has-text('Предпросмотр')")
    expect(page.locator(".preview .page")).to_contain_text(hostile)
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x]").count() == 0
