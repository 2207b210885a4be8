"""The HTTP API of `spdocs serve` through Starlette's test client: every endpoint and its errors."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import zipfile
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient

from spdocs.docxtext import text as docx_text
from spdocs.web.app import MAX_BODY, create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGE = {"X-Spdocs-Request": "1"}  # what the page sends with every request


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    for name in ("taraz-mendeleev.yaml", "kaznmu-duke.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace), base_url="http://127.0.0.1:8000", headers=PAGE)


def data_of(client: TestClient, id_: str) -> tuple[dict, str]:
    r = client.get(f"/api/partnerships/{id_}")
    assert r.status_code == 200, r.text
    return r.json()["data"], r.headers["etag"]


def test_health_and_meta(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.json()["status"] == "ok"
    meta = client.get("/api/meta").json()
    assert meta["langs"] == ["kk", "ru", "en"]
    assert "Partnership" in meta["schema"]["title"]
    assert meta["ui"]["save"]["kk"] == "Сақтау"
    assert set(meta["kinds"]) >= {"agreement", "order", "report"}


def test_list_counts_findings(client: TestClient, workspace: Path) -> None:
    (workspace / "broken.yaml").write_text("id: broken\nregime: medical\nparties: [\n", encoding="utf-8")
    (workspace / "notes.txt").write_text("not a data file", encoding="utf-8")
    items = {p["id"]: p for p in client.get("/api/partnerships").json()["partnerships"]}
    assert set(items) == {"broken", "kaznmu-duke", "taraz-mendeleev"}
    taraz = items["taraz-mendeleev"]
    # the missing 2026 actual, on purpose, and the branch registered and licensed after signing
    assert (taraz["errors"], taraz["warnings"]) == (0, 3)
    assert taraz["model"] == "branch"
    assert taraz["parties"][0]["ru"] == "Таразский университет имени М.Х. Дулати"
    assert items["broken"]["errors"] == 1
    assert "a bracket { or [ is not closed" in items["broken"]["problem"]


def test_get_has_etag_and_304(client: TestClient) -> None:
    r = client.get("/api/partnerships/taraz-mendeleev")
    body = r.json()
    assert body["data"]["agreement"]["date"] == "2025-03-14"
    assert body["data"]["parties"]["kazakhstani"]["bin"] == "990140001234"
    assert r.headers["etag"] == body["etag"]
    assert "consortium" in body["hidden"] and "branch" not in body["hidden"]
    again = client.get("/api/partnerships/taraz-mendeleev", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_put_keeps_comments_and_order(client: TestClient, workspace: Path) -> None:
    before = (workspace / "taraz-mendeleev.yaml").read_text(encoding="utf-8")
    data, etag = data_of(client, "taraz-mendeleev")
    data["parties"]["foreign"]["alias"]["ru"] = "Партнер-2"
    r = client.put("/api/partnerships/taraz-mendeleev", json=data, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    after = (workspace / "taraz-mendeleev.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [
        (
            "    alias: {kk: Серіктес, ru: Партнер, en: the Partner}",
            "    alias: {kk: Серіктес, ru: Партнер-2, en: the Partner}",
        )
    ]
    assert len(before.splitlines()) == len(after.splitlines())
    assert r.json()["etag"] != etag


def test_put_needs_if_match_and_detects_conflict(client: TestClient, workspace: Path) -> None:
    data, etag = data_of(client, "taraz-mendeleev")
    assert client.put("/api/partnerships/taraz-mendeleev", json=data).status_code == 428
    path = workspace / "taraz-mendeleev.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited on disk\n", encoding="utf-8")
    r = client.put("/api/partnerships/taraz-mendeleev", json=data, headers={"If-Match": etag})
    assert r.status_code == 412
    assert r.json()["error"] == "conflict"
    assert path.read_text(encoding="utf-8").endswith("# edited on disk\n")  # not overwritten
    r = client.put("/api/partnerships/taraz-mendeleev", json=data, headers={"If-Match": r.json()["etag"]})
    assert r.status_code == 200


def test_put_bad_json_and_media_type(client: TestClient) -> None:
    _, etag = data_of(client, "taraz-mendeleev")
    headers = {"If-Match": etag, "Content-Type": "application/json"}
    r = client.put("/api/partnerships/taraz-mendeleev", content=b'{"id": ', headers=headers)
    assert r.status_code == 400 and r.json()["error"] == "bad_json"
    r = client.put("/api/partnerships/taraz-mendeleev", content=b"[1]", headers=headers)
    assert r.status_code == 400
    r = client.put("/api/partnerships/taraz-mendeleev", content=b"id: x", headers={"If-Match": etag})
    assert r.status_code == 415


def test_unknown_and_bad_ids(client: TestClient, workspace: Path) -> None:
    r = client.get("/api/partnerships/nope", headers={"Accept-Language": "ru"})
    assert r.status_code == 404
    assert r.json()["message"] == "Партнерство «nope» не найдено."
    assert client.get("/api/partnerships/..%2Fetc%2Fpasswd").status_code in (400, 404)
    assert client.get("/api/partnerships/.hidden").status_code == 400
    (workspace.parent / "outside.yaml").write_text("id: outside\n", encoding="utf-8")
    (workspace / "link.yaml").symlink_to(workspace.parent / "outside.yaml")
    assert client.get("/api/partnerships/link").status_code == 404
    assert client.get("/api/partnerships/link/file").status_code == 404


def test_error_message_language(client: TestClient) -> None:
    r = client.get("/api/partnerships/nope?lang=kk")
    assert r.json()["message"] == "«nope» әріптестігі жоқ."
    r = client.get("/api/partnerships/nope", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert r.json()["message"] == "No partnership 'nope'."


def test_create_from_model(client: TestClient, workspace: Path) -> None:
    r = client.post("/api/partnerships", json={"model": "medical", "id": "new-med"})
    assert r.status_code == 201, r.text
    text = (workspace / "new-med.yaml").read_text(encoding="utf-8")
    assert text.startswith("# spdocs data file: medical education")
    assert 'id: "new-med"' in text
    assert client.post("/api/partnerships", json={"model": "medical", "id": "new-med"}).status_code == 409
    assert client.post("/api/partnerships", json={"model": "moon", "id": "x"}).status_code == 400
    r = client.post("/api/partnerships", json={"model": "branch", "id": "../evil"})
    assert r.status_code == 400 and r.json()["error"] == "bad_new_id"
    assert not (workspace.parent / "evil.yaml").exists()


def test_create_from_upload(client: TestClient, workspace: Path) -> None:
    raw = (EXAMPLES / "nku-arizona.yaml").read_bytes()
    r = client.post("/api/partnerships", files={"file": ("nku.yaml", raw, "application/yaml")})
    assert r.status_code == 201, r.text
    assert r.json()["id"] == "nku-arizona"  # the data's own id
    assert (workspace / "nku-arizona.yaml").read_bytes() == raw  # verbatim, comments and all
    r = client.post("/api/partnerships", files={"file": ("x.yaml", b"id: [unclosed\n", "application/yaml")})
    assert (r.status_code == 422 and "is not closed" in r.json()["problems"][0]) or "YAML" in r.json()["problems"][0]
    r = client.post("/api/partnerships", files={"file": ("x.docx", b"PK", "application/zip")})
    assert r.status_code == 400 and r.json()["error"] == "bad_suffix"


def test_check_gives_cli_json(client: TestClient) -> None:
    text = (EXAMPLES / "taraz-mendeleev.yaml").read_text(encoding="utf-8")
    r = client.post("/api/check?name=taraz.yaml", content=text.encode(), headers={"Content-Type": "application/yaml"})
    body = r.json()
    assert body["version"] == 1 and body["summary"] == {"errors": 0, "warnings": 3, "info": 0}
    [finding] = [f for f in body["files"][0]["findings"] if f["rule"] == "GEN-ACTUALS-MISSING"]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip().startswith("student-mobility: null"))
    assert finding["rule"] == "GEN-ACTUALS-MISSING" and finding["line"] == line
    assert body["files"][0]["path"] == "taraz.yaml"
    data, _ = data_of(client, "taraz-mendeleev")
    data["agreement"]["term_years"] = 3
    body = client.post("/api/check?lang=ru", json=data).json()
    term = [f for f in body["files"][0]["findings"] if f["rule"] == "HE-TERM"]
    assert term and term[0]["field"] == "agreement.term_years" and "3" in term[0]["message"]
    assert body["periods"] == ["2025", "2026"]
    data["parties"]["foreign"]["alias"] = "T. Tamm"
    body = client.post("/api/check", json=data).json()
    assert [f["field"] for f in body["files"][0]["findings"]] == ["parties.foreign.alias"]
    assert body["files"][0]["findings"][0]["rule"] == "SCHEMA"


def test_too_large(client: TestClient) -> None:
    big = b'{"x": "' + b"a" * (MAX_BODY + 10) + b'"}'
    r = client.post("/api/check", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_documents(client: TestClient) -> None:
    r = client.get("/api/partnerships/taraz-mendeleev/documents/agreement.ru.docx")
    assert r.status_code == 200
    assert r.headers["x-spdocs-draft"] == "0"
    assert 'filename="taraz-mendeleev.agreement.ru.docx"' in r.headers["content-disposition"]
    text = docx_text(r.content)
    assert "Таразский университет имени М.Х. Дулати" in text
    assert docx.Document(io.BytesIO(r.content)).paragraphs  # a real Word file
    r = client.get("/api/partnerships/taraz-mendeleev/documents/report.kk.docx?period=2025")
    assert r.status_code == 200 and "report-2025.kk.docx" in r.headers["content-disposition"]
    r = client.get("/api/partnerships/taraz-mendeleev/documents/report.kk.docx")
    assert r.status_code == 400 and r.json()["error"] == "period_required"
    assert client.get("/api/partnerships/taraz-mendeleev/documents/memo.kk.docx").status_code == 404
    assert client.get("/api/partnerships/taraz-mendeleev/documents/agreement.de.docx").status_code == 404
    assert client.get("/api/partnerships/taraz-mendeleev/documents/agreement.kk.odt").status_code == 404


def test_a_document_side_by_side(client: TestClient) -> None:
    """A lawyer downloads the agreement with Kazakh and Russian side by side, as `--layout parallel`."""
    assert client.get("/api/meta").json()["side_by_side"] == ["kk-ru", "kk-ru-en"]
    r = client.get("/api/partnerships/taraz-mendeleev/documents/agreement.kk-ru.docx")
    assert r.status_code == 200, r.text
    assert 'filename="taraz-mendeleev.agreement.kk-ru.docx"' in r.headers["content-disposition"]
    table = docx.Document(io.BytesIO(r.content)).tables[0]
    kk, ru = (cell.text for cell in table.rows[0].cells)  # the title, each language in its column
    assert "ШАРТ" in kk.upper() and "ДОГОВОР" in ru.upper()
    both = docx_text(r.content)
    assert "Таразский университет имени М.Х. Дулати" in both and "М.Х. Дулати атындағы Тараз университеті" in both
    data, _ = data_of(client, "taraz-mendeleev")
    body = client.post("/api/preview?kind=order&lang=kk-ru", json=data).json()
    assert body["lang"] == "kk-ru" and any(len(b["cells"]) == 2 for b in body["blocks"])
    r = client.get("/api/partnerships/taraz-mendeleev/documents/agreement.ru-kk.docx")
    assert r.status_code == 404  # Kazakh is on the left
    r = client.post("/api/preview?kind=order&lang=kk-de", json=data)
    assert r.status_code == 400 and r.json()["error"] == "bad_lang"


def test_documents_of_data_with_errors_are_drafts(client: TestClient, workspace: Path) -> None:
    data, etag = data_of(client, "taraz-mendeleev")
    data["agreement"]["term_years"] = 3  # HE-TERM: an error finding
    assert client.put("/api/partnerships/taraz-mendeleev", json=data, headers={"If-Match": etag}).status_code == 200
    r = client.get("/api/partnerships/taraz-mendeleev/documents/agreement.en.docx")
    assert r.headers["x-spdocs-draft"] == "1"
    assert docx_text(r.content).splitlines()[0] == "DRAFT"
    r = client.post("/api/preview?kind=agreement&lang=ru", json=data)
    assert r.json()["draft"] is True and r.json()["blocks"][0]["text"] == "ПРОЕКТ"


def test_preview_follows_unsaved_data(client: TestClient) -> None:
    data, _ = data_of(client, "taraz-mendeleev")
    data["parties"]["foreign"]["name"]["en"] = "<script>alert(1)</script> {{ p.id }}"
    r = client.post("/api/preview?kind=agreement&lang=en", json=data)
    assert r.status_code == 200, r.text
    texts = [b["text"] for b in r.json()["blocks"]] + [c for b in r.json()["blocks"] for c in b["cells"]]
    assert any("<script>alert(1)</script> {{ p.id }}" in t for t in texts)
    r = client.post("/api/preview?kind=agreement&lang=de", json=data)
    assert r.status_code == 400 and r.json()["error"] == "bad_lang"
    data["agreement"] = "x"
    r = client.post("/api/preview?kind=agreement&lang=en", json=data)
    assert r.status_code == 422 and r.json()["error"] == "invalid_data"


def test_zip_of_all_documents(client: TestClient) -> None:
    r = client.get("/api/partnerships/taraz-mendeleev/documents.zip?format=docx")
    names = sorted(zipfile.ZipFile(io.BytesIO(r.content)).namelist())
    assert "agreement.kk.docx" in names and "order.ru.docx" in names and "report-2026.ru.docx" in names
    assert client.get("/api/partnerships/taraz-mendeleev/documents.zip?format=odt").status_code == 400


def test_actuals_upload(client: TestClient) -> None:
    sheet = (EXAMPLES / "actuals" / "actuals-2026.csv").read_bytes()
    r = client.post(
        "/api/partnerships/taraz-mendeleev/actuals?lang=en",
        files={"file": ("actuals-2026.csv", sheet, "text/csv")},
        data={"period": "2026"},
    )
    assert r.status_code == 200, r.text
    (period,) = r.json()["periods"]
    students = next(row for row in period["rows"] if row["indicator"] == "students")
    assert (students["plan"], students["actual"], students["from_sheet"]) == (110, 104, True)
    assert {"path": ["periods", 1, "actuals", "students"], "value": 104} in r.json()["patch"]
    assert r.json()["warnings"] == []  # the sheet's empty cell is another partnership's
    # a value left empty with a note: the report will say "no data" (an empty row is no row at all)
    empty = b"partnership;indicator;period;value;note\ntaraz-mendeleev;students;2026;;figures in May\n"
    r = client.post("/api/partnerships/taraz-mendeleev/actuals", files={"file": ("a.csv", empty, "text/csv")})
    (warning,) = r.json()["warnings"]
    assert warning.startswith("a.csv:2: value (column D): no value, only a note")
    r = client.post("/api/partnerships/taraz-mendeleev/actuals", files={"file": ("a.pdf", b"%PDF", "x")})
    assert r.status_code == 400 and r.json()["error"] == "bad_sheet"
    bad = b"partnership;indicator;period;value\ntaraz-mendeleev;students;2026;twelve\n"
    r = client.post("/api/partnerships/taraz-mendeleev/actuals", files={"file": ("a.csv", bad, "text/csv")})
    assert r.status_code == 422 and "not a number" in r.json()["problems"][0]


def test_actuals_upload_with_spending_by_names_in_russian(client: TestClient) -> None:
    """A sheet naming the partnership and the budget line by name: the financing figures, the values for
    the form (spending and a lower bound kept as one), and problems in the page's language."""
    sheet = (
        "Партнерство;Показатель;Статья бюджета;Период;Факт;Примечание\n"
        "Университет Дьюка;;Консалтинговые услуги экспертов Партнера;2025;171250,5;\n"
        "Университет Дьюка;sops;;2025;>3;\n"
        "taraz-mendeleev;students;;2025;1;\n"  # another partnership's row: left alone
    ).encode()
    r = client.post("/api/partnerships/kaznmu-duke/actuals?lang=ru", files={"file": ("a.csv", sheet, "text/csv")})
    assert r.status_code == 200, r.text
    (period,) = r.json()["periods"]
    consulting, internships = period["financing"]
    assert consulting == {
        "line": "consulting-2025",
        "name": "Консалтинговые услуги экспертов Партнера",
        "currency": "USD",
        "plan": 180000,
        "actual": 171250.5,
        "deviation": -8749.5,
        "execution": 95.1,
        "from_sheet": True,
    }
    assert internships["actual"] == 58900000 and not internships["from_sheet"]  # the data file's
    assert {"path": ["periods", 0, "spending", "consulting-2025"], "value": 171250.5} in r.json()["patch"]
    assert {"path": ["periods", 0, "actuals", "sops"], "value": {"value": 3, "more_than": True}} in r.json()["patch"]
    bad = "Партнерство;Статья бюджета;Период;Факт\nkaznmu-duke;consulting-2026;2025;1\n".encode()
    r = client.post("/api/partnerships/kaznmu-duke/actuals?lang=ru", files={"file": ("a.csv", bad, "text/csv")})
    assert r.status_code == 422
    assert r.json()["problems"] == [
        "a.csv:2: Статья бюджета (столбец B): статья бюджета «consulting-2026» запланирована на 2026 год: "
        "в отчет за период 2025 она не входит"
    ]


def test_file_download(client: TestClient, workspace: Path) -> None:
    r = client.get("/api/partnerships/kaznmu-duke/file")
    assert r.content == (workspace / "kaznmu-duke.yaml").read_bytes()
    assert 'filename="kaznmu-duke.yaml"' in r.headers["content-disposition"]


def test_page_and_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and '<script type="module" src="/static/js/app.js">' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/fonts/noto-sans-cyrillic-ext-400-normal.woff2").status_code == 200
    assert client.get("/api/nothing").json()["error"] == "no_route"


def test_cross_site_requests_refused(workspace: Path) -> None:
    plain = TestClient(create_app(workspace), base_url="http://127.0.0.1:8000")
    r = plain.post("/api/partnerships", json={"model": "branch", "id": "x"})
    assert r.status_code == 403 and r.json()["error"] == "cross_site"
    r = plain.post(
        "/api/partnerships", json={"model": "branch", "id": "x"}, headers={**PAGE, "Origin": "http://evil.example"}
    )
    assert r.status_code == 403
    r = plain.post(
        "/api/partnerships", json={"model": "branch", "id": "x"}, headers={**PAGE, "Sec-Fetch-Site": "cross-site"}
    )
    assert r.status_code == 403
    r = plain.post(
        "/api/partnerships", json={"model": "branch", "id": "x"}, headers={**PAGE, "Origin": "http://127.0.0.1:8000"}
    )
    assert r.status_code == 201
    assert not list(workspace.glob("evil*"))


def test_other_host_names_refused_on_loopback(workspace: Path) -> None:
    # DNS rebinding: a page at evil.example whose name now points at 127.0.0.1
    r = TestClient(create_app(workspace), base_url="http://evil.example:8000").get("/api/partnerships")
    assert r.status_code == 400 and r.json()["error"] == "bad_host"


def test_token(workspace: Path) -> None:
    app = create_app(workspace, token="s3cret", loopback=False)
    anonymous = TestClient(app, base_url="http://10.0.0.5:8000", headers=PAGE)
    r = anonymous.get("/api/partnerships")
    assert r.status_code == 401 and r.json()["error"] == "token_required"
    assert anonymous.get("/").status_code == 401
    assert anonymous.get("/api/partnerships", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert anonymous.get("/api/partnerships", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert anonymous.get("/api/partnerships", headers={"X-Spdocs-Token": "s3cret"}).status_code == 200
    # Opening the printed address sets the cookie and drops the token from the URL.
    r = anonymous.get("/?token=s3cret", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    assert anonymous.get("/api/partnerships").status_code == 200  # the cookie jar now carries it
    assert anonymous.get("/?token=wrong", follow_redirects=False).status_code in (200, 401)


def test_save_writes_json_files_too(client: TestClient, workspace: Path) -> None:
    source = json.loads(json.dumps(client.get("/api/partnerships/kaznmu-duke").json()["data"]))
    (workspace / "as-json.json").write_text(json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    data, etag = data_of(client, "as-json")
    data["agreement"]["copies"] = 3
    assert client.put("/api/partnerships/as-json", json=data, headers={"If-Match": etag}).status_code == 200
    saved = json.loads((workspace / "as-json.json").read_text(encoding="utf-8"))
    assert saved["agreement"]["copies"] == 3 and list(saved) == list(source)


def test_serve_reports_a_busy_port(runner, tmp_path: Path) -> None:
    from spdocs.cli import cli

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--workspace", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_off_loopback_needs_a_token() -> None:
    from spdocs.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


def test_data_file_problems_in_the_interface_language(client: TestClient, workspace: Path) -> None:
    data, _ = data_of(client, "taraz-mendeleev")
    data["agreement"]["term_years"] = "seven"
    data["parties"]["foreign"]["country"] = "Russia"
    body = client.post("/api/check", json=data, headers={"Accept-Language": "kk"}).json()
    messages = {f["field"]: f["message"] for f in body["files"][0]["findings"]}
    assert messages["agreement.term_years"] == "бүтін сан керек (мысалы, 5), ал «seven» берілген"
    assert messages["parties.foreign.country"].startswith("«Russia» дұрыс жазылмаған: елдің ISO 3166 бойынша")
    # the preview's ?lang= is the document's language; its problems follow the interface's
    r = client.post("/api/preview?kind=agreement&lang=en", json=data, headers={"Accept-Language": "ru"})
    assert r.status_code == 422
    assert "agreement.term_years: нужно целое число (например, 5), а указано: «seven»" in " ".join(r.json()["problems"])
    (workspace / "broken.yaml").write_text("id: broken\nregime: medical\n", encoding="utf-8")
    for lang, expected in (("ru", "обязательное поле не заполнено"), ("en", "a required field is missing")):
        listed = client.get("/api/partnerships", headers={"Accept-Language": lang}).json()["partnerships"]
        assert expected in next(p["problem"] for p in listed if p["id"] == "broken")


def test_every_region_has_its_official_name_in_every_language(client):
    """The form's region drop-down shows «Восточно-Казахстанская область», never `east_kazakhstan`."""
    import typing

    from spdocs.languages import LANGS
    from spdocs.model.base import Region
    from spdocs.web.formschema import catalog

    labels = catalog("labels")
    values = labels["values"]
    missing = [(code, lang) for code in typing.get_args(Region) for lang in LANGS if not values.get(code, {}).get(lang)]
    assert missing == []
    assert set(labels["fields"]["region"]) == set(LANGS)
    assert values["east_kazakhstan"] == {
        "kk": "Шығыс Қазақстан облысы",
        "ru": "Восточно-Казахстанская область",
        "en": "East Kazakhstan Region",
    }
    assert values["astana"] == {"kk": "Астана қаласы", "ru": "город Астана", "en": "Astana city"}
    # the page gets them: the labels the app serves are the catalog's
    page = client.get("/api/meta").json()
    assert page["labels"]["values"]["mangystau"]["ru"] == "Мангистауская область"


def test_every_field_of_the_form_is_named_in_every_language():
    """A lawyer reads «Лист согласования», not `endorsers`: each field of the data model has a label."""
    from spdocs.languages import LANGS
    from spdocs.model import Partnership
    from spdocs.web.formschema import catalog

    def fields(node) -> set[str]:
        if isinstance(node, dict):
            own = set(node["fields"]) if node.get("type") == "model-fields" else set()
            return own.union(*(fields(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(fields(v) for v in node))
        return set()

    labels = catalog("labels")["fields"]
    names = fields(Partnership.__pydantic_core_schema__) - set(LANGS)  # a text's languages are its columns
    missing = sorted((name, lang) for name in names for lang in LANGS if not labels.get(name, {}).get(lang))
    assert missing == []


def test_every_coded_value_of_the_form_is_named_in_every_language():
    """Drop-downs show «Закон о ратификации», not `ratification_law` (codes that name themselves excepted)."""
    from spdocs.languages import LANGS
    from spdocs.model import Partnership
    from spdocs.web.formschema import catalog

    def codes(node) -> set[str]:
        if isinstance(node, dict):
            own = {str(v) for v in node.get("enum", [])} | ({str(node["const"])} if "const" in node else set())
            return own.union(*(codes(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(codes(v) for v in node))
        return set()

    values = catalog("labels")["values"]
    named = {"QS", "THE", "ARWU"}  # ranking systems are called so in every language
    wanted = {c for c in codes(Partnership.model_json_schema()) if c not in named and not c.isdigit()}
    missing = sorted((c, lang) for c in wanted for lang in LANGS if not values.get(c, {}).get(lang))
    assert missing == []


def test_a_refused_document_and_a_preview_answer_in_the_interfaces_language(client: TestClient) -> None:
    kk = {"Accept-Language": "kk"}
    r = client.get("/api/partnerships/taraz-mendeleev/documents/report.kk.docx?period=2099", headers=kk)
    assert r.status_code == 422
    assert "«2099» есепті кезеңі жоқ" in r.json()["message"] and "reporting period" not in r.json()["message"]
    data, _ = data_of(client, "taraz-mendeleev")
    del data["agreement"]["number"]
    r = client.post("/api/preview?kind=agreement&lang=ru", json=data, headers=kk)  # a Russian document
    assert r.status_code == 422
    body = r.json()
    assert re.search("[әғқңөұүһі]", body["message"]), body["message"]  # the interface's language, not ?lang=ru
