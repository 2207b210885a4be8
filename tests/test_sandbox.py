"""A user's template cannot crash a batch or exhaust the machine: each limit is that document's RenderError."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest

from conftest import example
from spdocs import documents, environment, resources
from spdocs.errors import RenderError
from spdocs.produce import Options, produce

TARAZ = Path(__file__).resolve().parents[1] / "examples" / "taraz-mendeleev.yaml"


def user_templates(tmp_path: Path, body: str, *, lang: str = "ru", kind: str = "order") -> Path:
    """Return a templates folder whose ``lang/kind.docx`` starts with a paragraph holding ``body``."""
    folder = tmp_path / "mine"
    (folder / lang).mkdir(parents=True)
    source = resources.builtin_templates() / lang / f"{kind}.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(folder / lang / f"{kind}.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                para = f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p>".encode()
                data = data.replace(b"<w:body>", b"<w:body>" + para, 1)
            dst.writestr(info, data)
    return folder


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{% for x in range(10**9) %}{% endfor %}", "range too big"),
        ("{{ 'a' * 10**10 }}", "builds a sequence of 10,000,000,000 items"),
        ("{{ [0] * 10**9 }}", "builds a sequence of 1,000,000,000 items"),
        ("{{ 7 ** 1000000 }}", "too large a number"),
        ("{{ '%9999999999d' % 1 }}", "wider than a document can hold"),
        ("{{ '{:>9999999999}'.format(1) }}", "wider than a document can hold"),
        ("{{ 'a'.ljust(10**10) }}", "pads a text to more than 1,000,000 characters"),
        ("{% include 'header.docx' %}", "cannot include, import or extend another one ('header.docx')"),
        ("{% import 'macros' as m %}", "cannot include, import or extend another one ('macros')"),
        ("{% extends 'base' %}", "cannot include, import or extend another one ('base')"),
        ("{{ lipsum(10**9) }}", "'lipsum' is undefined"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ p.__class__.__mro__ }}", "__class__"),
    ],
    ids=[
        "range",
        "str-times",
        "list-times",
        "power",
        "percent",
        "format",
        "ljust",
        "include",
        "import",
        "extends",
        "lipsum",
        "zero",
        "dunder",
    ],
)
def test_template_limits_are_render_errors(tmp_path, body, expected):
    folder = user_templates(tmp_path, body)
    started = time.perf_counter()
    with pytest.raises(RenderError) as info:
        documents.render_document(example("taraz-mendeleev"), "order", lang="ru", templates=folder)
    assert time.perf_counter() - started < 5
    assert expected.lower() in str(info.value).lower()
    assert str(folder / "ru" / "order.docx") in str(info.value)


def test_output_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(environment, "MAX_OUTPUT", 100_000)
    folder = user_templates(tmp_path, "{% for x in range(100000) %}{{ 'abcdefghij' * 100 }}{% endfor %}")
    with pytest.raises(RenderError, match="grows past 100,000 characters"):
        documents.render_document(example("taraz-mendeleev"), "order", lang="ru", templates=folder)


def test_cpu_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(environment, "CPU_SECONDS", 0.5)
    folder = user_templates(
        tmp_path, "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    )
    started = time.perf_counter()
    with pytest.raises(RenderError, match=r"took more than 0.5 s of CPU"):
        documents.render_document(example("taraz-mendeleev"), "order", lang="ru", templates=folder)
    assert time.perf_counter() - started < 10


def test_a_runaway_template_fails_its_document_and_the_batch_goes_on(tmp_path):
    folder = user_templates(tmp_path, "{{ 'a' * 10**10 }}", kind="order")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(TARAZ, data / "taraz.yaml")
    shutil.copy(TARAZ.parent / "nku-arizona.yaml", data / "nku.yaml")
    options = Options(out=tmp_path / "out", kinds=("agreement", "order"), langs=("ru",), templates=folder)
    outcomes = produce(sorted(data.glob("*.yaml")), options, jobs=2)
    assert [type(o.error).__name__ for o in outcomes] == ["RenderError", "RenderError"]
    assert all("builds a sequence" in str(o.error) for o in outcomes)
    assert not list((tmp_path / "out").rglob("*.docx"))  # no partial set


def test_worker_memory_limit_turns_exhaustion_into_memory_error():
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1, initializer=environment.limit_worker, initargs=(512 * 2**20,)) as pool:
        assert pool.apply(_allocate, (2 * 2**30,)) == "MemoryError"


def _allocate(size: int) -> str:
    try:
        bytearray(size)
    except MemoryError:
        return "MemoryError"
    return "allocated"


# A user terms.yaml (broken, or giving a few labels) is tested in tests/test_terms.py.
