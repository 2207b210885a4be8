"""The ASGI app of ``spdocs serve``: the page, its static files and the JSON API it uses.

Every endpoint is documented in the README ("HTTP API"). Requests and answers are JSON;
errors are ``{"error": code, "message": ..., "status": ...}`` with the message in the
language the request asks for (``?lang=``, else ``Accept-Language``; kk, ru or en). The
app never takes templates over the web: documents use the built-in templates or the folder
given to ``spdocs serve --templates`` on the server's own command line.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from spdocs.errors import OptionError, SpdocsError
from spdocs.languages import LANGS, SIDE_BY_SIDE, Lang
from spdocs.web import formschema, output, roundtrip
from spdocs.web.errors import ApiError
from spdocs.web.guard import Guard, Scope, json_error
from spdocs.web.workspace import Workspace

MAX_BODY = 2 * 1024 * 1024  # a data file is ~50 KB; JSON bodies beyond this are refused
MAX_UPLOAD = 10 * 1024 * 1024  # uploaded data files and actuals spreadsheets

Handler = Callable[[Request], Awaitable[Response]]


def create_app(
    workspace: Path,
    *,
    token: str | None = None,
    loopback: bool = True,
    templates: Path | None = None,
    warm: bool = False,
) -> Guard:
    """Return the app serving the data files in ``workspace``.

    :param token: a secret every request must carry (required by ``spdocs serve`` off loopback).
    :param loopback: the server listens on a loopback address: other Host names are refused.
    :param templates: a folder of the user's own templates, used before the built-in ones.
    :param warm: load and check the workspace's files in the background right away.
    """
    api = _Api(Workspace(workspace), templates)
    if warm:
        # The first list of a workspace loads and checks every file: do it before anyone asks.
        threading.Thread(target=api.warm, name="spdocs-warm", daemon=True).start()
    static = Path(str(resources.files("spdocs.web") / "static"))

    async def index(_request: Request) -> Response:
        return FileResponse(static / "index.html", headers={"cache-control": "no-cache"})

    routes = [
        Route("/", index),
        Mount("/static", StaticFiles(directory=static), name="static"),
        Route("/api/health", api.health),
        Route("/api/meta", api.meta),
        Route("/api/check", api.check, methods=["POST"]),
        Route("/api/preview", api.preview, methods=["POST"]),
        Route("/api/partnerships", api.list, methods=["GET"]),
        Route("/api/partnerships", api.create, methods=["POST"]),
        Route("/api/partnerships/{id}", api.get, methods=["GET"]),
        Route("/api/partnerships/{id}", api.put, methods=["PUT"]),
        Route("/api/partnerships/{id}/file", api.file),
        Route("/api/partnerships/{id}/documents.zip", api.bundle),
        Route("/api/partnerships/{id}/documents/{name}", api.document),
        Route("/api/partnerships/{id}/actuals", api.actuals, methods=["POST"]),
    ]
    app = Starlette(
        routes=[_wrap(r) if isinstance(r, Route) else r for r in routes],
        exception_handlers={404: _not_found, 405: _not_allowed},
    )
    return Guard(app, token=token, loopback=loopback, limits=(MAX_BODY, MAX_UPLOAD), error=_guard_error)


def request_lang(request: Request | Scope, *, query: bool = True) -> Lang:
    """Return the language a request asks for: ``?lang=``, then Accept-Language, else English.

    ``query=False`` skips ``?lang=`` where it names a document's language, not the interface's.
    """
    scope = request.scope if isinstance(request, Request) else request
    params = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"))) if query else {}
    if params.get("lang") in LANGS:
        return cast(Lang, params["lang"])
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    for part in headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return cast(Lang, code)
    return "en"


def _error(lang: Lang, status: int, code: str, /, **values: Any) -> JSONResponse:
    # a value that has words in each language (an OptionError refusing a document) is said in ``lang``
    said = {k: v.text(lang) if isinstance(v, OptionError) else v for k, v in values.items()}
    body = {**said, "error": code, "message": formschema.message(code, lang, **said), "status": status}
    return JSONResponse(body, status_code=status)


def _guard_error(scope: Scope, status: int, code: str) -> bytes:
    return json_error(status, code, formschema.message(code, request_lang(scope)))


async def _not_found(request: Request, _exc: Exception) -> Response:
    return _error(request_lang(request), 404, "no_route", path=request.url.path[:200])


async def _not_allowed(request: Request, _exc: Exception) -> Response:
    return _error(request_lang(request), 405, "method", method=request.method)


def _wrap(route: Route) -> Route:
    """Return ``route`` with its endpoint's errors turned into localized JSON answers."""
    endpoint = route.endpoint

    async def guarded(request: Request) -> Response:
        # a preview's ?lang= is its document's language: the answer is in the interface's
        lang = request_lang(request, query=route.path != "/api/preview")
        try:
            return await endpoint(request)  # type: ignore[no-any-return]
        except ApiError as exc:
            return _error(lang, exc.status, exc.code, **exc.values)
        except SpdocsError as exc:  # a template or LibreOffice failed on this data
            return _error(lang, 422, "render_failed", reason=str(exc))

    return Route(route.path, guarded, methods=list(route.methods or ["GET"]), name=route.name)


async def _json_body(request: Request) -> tuple[str, bool]:
    """Return the request's body text and whether it is JSON (else YAML)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip()
    if ctype not in ("application/json", "application/yaml", "application/x-yaml", "text/yaml"):
        raise ApiError(415, "media_type", got=ctype or "—")
    raw = await request.body()
    try:
        return raw.decode("utf-8-sig"), ctype == "application/json"
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding") from None


async def _data_body(request: Request) -> dict[str, Any]:
    """Return the request's body as a JSON object (the data of a partnership)."""
    text, is_json = await _json_body(request)
    if not is_json:
        raise ApiError(415, "media_type", got=request.headers.get("content-type", ""))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "bad_json", line=exc.lineno, reason=exc.msg) from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", line=1, reason="expected an object")
    return data


def _langs(value: str | None) -> str:
    """Return a document's languages as asked: one language, or a set side by side (``kk-ru``)."""
    if value not in (*LANGS, *SIDE_BY_SIDE):
        raise ApiError(400, "bad_lang", lang=str(value)[:20], known=", ".join((*LANGS, *SIDE_BY_SIDE)))
    return str(value)


class _Api:
    """The endpoints, sharing the workspace and the PDF maker."""

    def __init__(self, workspace: Workspace, templates: Path | None) -> None:
        self.workspace, self.templates = workspace, templates
        self.pdfs = output.PdfMaker()

    def warm(self) -> None:
        """Load and check every file once, so that the first list is quick."""
        pdf, help_ = self.pdfs.available()
        formschema.meta(pdf=pdf, pdf_help=help_)  # imports the model, the starter and the catalogs
        for id_ in self.workspace.ids():
            try:
                self.workspace.summary(id_)
            except ApiError:
                continue  # removed meanwhile

    async def health(self, request: Request) -> Response:
        pdf, help_ = self.pdfs.available()
        from spdocs import __version__

        return JSONResponse({"status": "ok", "version": __version__, "pdf": pdf, "pdf_help": help_})

    async def meta(self, request: Request) -> Response:
        pdf, help_ = self.pdfs.available()
        return JSONResponse(formschema.meta(pdf=pdf, pdf_help=help_))

    async def list(self, request: Request) -> Response:
        lang = request_lang(request)

        def entries() -> list[dict[str, Any]]:
            return [self.workspace.summary(i, lang).as_json() for i in self.workspace.ids()]

        return JSONResponse({"workspace": self.workspace.root.name, "partnerships": await run_in_threadpool(entries)})

    async def get(self, request: Request) -> Response:
        id_ = request.path_params["id"]
        path, data, etag = await run_in_threadpool(self.workspace.data, id_, request_lang(request))
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"etag": etag})
        body = {"id": id_, "file": path.name, "format": path.suffix.lstrip("."), "data": data, "etag": etag}
        body["hidden"] = formschema.hidden(data)
        return JSONResponse(body, headers={"etag": etag, "cache-control": "no-cache"})

    async def put(self, request: Request) -> Response:
        id_ = request.path_params["id"]
        if_match = request.headers.get("if-match")
        if not if_match:
            raise ApiError(428, "if_match_required")
        data = await _data_body(request)
        etag = await run_in_threadpool(
            lambda: self.workspace.save(id_, data, if_match=if_match, schema=formschema.schema())
        )
        return JSONResponse({"id": id_, "etag": etag}, headers={"etag": etag})

    async def create(self, request: Request) -> Response:
        from spdocs.loader import parse
        from spdocs.starter import MODELS, starter

        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            async with request.form(max_files=1, max_fields=5) as form:
                upload, given = form.get("file"), form.get("id")
                if upload is None or isinstance(upload, str):
                    raise ApiError(400, "no_file")
                content = await upload.read()
            name = Path(upload.filename or "upload.yaml").name
            suffix = Path(name).suffix.lower()
            suffix = ".yaml" if suffix == ".yml" else suffix
            if suffix not in (".yaml", ".json"):
                raise ApiError(400, "bad_suffix", suffix=suffix[:20] or "—")
            try:
                text = content.decode("utf-8-sig")
                data, _ = parse(text, name=name, json_syntax=suffix == ".json", lang=request_lang(request))
            except UnicodeDecodeError:
                raise ApiError(400, "bad_encoding") from None
            except SpdocsError as exc:
                raise ApiError(422, "unreadable", problems=[str(exc)]) from None
            id_ = str(given) if given else str(data.get("id") or Path(name).stem)
        else:
            body = await _data_body(request)
            model, id_ = body.get("model"), str(body.get("id", ""))
            if model not in MODELS:
                raise ApiError(400, "bad_model", model=str(model)[:40], known=", ".join(MODELS))
            template = starter(model)
            data = roundtrip.plain(template, json_syntax=False)
            text = roundtrip.update(template, {**data, "id": id_}, json_syntax=False, schema=formschema.schema())
            content, suffix = text.encode("utf-8"), ".yaml"
        path, etag = await run_in_threadpool(self.workspace.create, id_, content, suffix=suffix)
        headers = {"etag": etag, "location": f"/api/partnerships/{id_}"}
        return JSONResponse({"id": id_, "file": path.name, "etag": etag}, status_code=201, headers=headers)

    async def file(self, request: Request) -> Response:
        path, raw, etag = await run_in_threadpool(self.workspace.read, request.path_params["id"])
        media = "application/json" if path.suffix == ".json" else "application/yaml"
        headers = {"etag": etag, "content-disposition": f'attachment; filename="{path.name}"'}
        return Response(raw, media_type=f"{media}; charset=utf-8", headers=headers)

    async def check(self, request: Request) -> Response:
        text, is_json = await _json_body(request)
        name = request.query_params.get("name", "data")[:100]
        lang = request_lang(request)
        partnership, result = await run_in_threadpool(
            lambda: output.findings(text, name=name, json_syntax=is_json, lang=lang)
        )
        result["periods"] = output.periods(partnership)
        if is_json:
            try:
                result["hidden"] = formschema.hidden(json.loads(text))
            except json.JSONDecodeError:
                pass
        return JSONResponse(result)

    async def preview(self, request: Request) -> Response:
        text, is_json = await _json_body(request)
        kind, langs, period = (
            request.query_params.get("kind", ""),
            _langs(request.query_params.get("lang")),
            request.query_params.get("period"),
        )
        msg = request_lang(request, query=False)  # ?lang= is the document's

        def run() -> dict[str, Any]:
            p, found = output.load_checked(text, name="data", json_syntax=is_json, lang=msg)
            draft = any(f.severity == "error" for f in found)
            return output.preview(p, kind, langs, period or None, draft=draft, templates=self.templates)

        return JSONResponse(await run_in_threadpool(run))

    async def document(self, request: Request) -> Response:
        id_, name = request.path_params["id"], request.path_params["name"]
        parts = name.rsplit(".", 2)
        if len(parts) != 3 or parts[2] not in ("docx", "pdf") or parts[1] not in (*LANGS, *SIDE_BY_SIDE):
            raise ApiError(404, "bad_document_name", name=name[:100])
        kind, langs, ext = parts[0], parts[1], parts[2]
        period = request.query_params.get("period") or None
        msg = request_lang(request, query=False)

        def run() -> tuple[bytes, str, bool, str]:
            path, raw, etag = self.workspace.read(id_)
            p, found = output.load_checked(
                raw.decode("utf-8-sig"), name=path.name, json_syntax=path.suffix == ".json", lang=msg
            )
            draft = any(f.severity == "error" for f in found)
            docx, t = output.document(p, kind, langs, period, draft=draft, templates=self.templates)
            return (self.pdfs.pdf(docx) if ext == "pdf" else docx), f"{id_}.{t.filename(ext)}", draft, etag

        data, filename, draft, etag = await run_in_threadpool(run)
        media = "application/pdf" if ext == "pdf" else DOCX_TYPE
        inline = ext == "pdf" and request.query_params.get("inline") == "1"
        headers = {
            "content-disposition": f'{"inline" if inline else "attachment"}; filename="{filename}"',
            "x-spdocs-draft": "1" if draft else "0",
            "x-spdocs-data-etag": etag,
        }
        return Response(data, media_type=media, headers=headers)

    async def bundle(self, request: Request) -> Response:
        id_ = request.path_params["id"]
        formats = tuple(f for f in request.query_params.get("format", "docx").split(",") if f)
        if not formats or any(f not in ("docx", "pdf") for f in formats):
            raise ApiError(400, "bad_format", format=",".join(formats)[:40])
        msg = request_lang(request)

        def run() -> bytes:
            path, raw, _ = self.workspace.read(id_)
            p, found = output.load_checked(
                raw.decode("utf-8-sig"), name=path.name, json_syntax=path.suffix == ".json", lang=msg
            )
            draft = any(f.severity == "error" for f in found)
            return output.bundle(p, formats=formats, draft=draft, templates=self.templates, pdfs=self.pdfs)

        data = await run_in_threadpool(run)
        headers = {"content-disposition": f'attachment; filename="{id_}.zip"'}
        return Response(data, media_type="application/zip", headers=headers)

    async def actuals(self, request: Request) -> Response:
        id_ = request.path_params["id"]
        lang = msg = request_lang(request)
        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ApiError(400, "no_file")
            content, filename = await upload.read(), upload.filename or "actuals.xlsx"
            period = str(form.get("period") or "") or None

        def run() -> dict[str, Any]:
            path, raw, _ = self.workspace.read(id_)
            p, _found = output.load_checked(
                raw.decode("utf-8-sig"), name=path.name, json_syntax=path.suffix == ".json", lang=msg
            )
            return output.actuals(p, content, filename=filename, period=period, lang=lang)

        return JSONResponse(await run_in_threadpool(run))


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
