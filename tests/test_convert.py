"""spdocs.convert: real LibreOffice batches, plus a scripted fake soffice for hangs and crashes."""

from __future__ import annotations

import io
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader

from conftest import requires_soffice
from spdocs import convert
from spdocs.convert import Converter, docx_to_pdf
from spdocs.errors import ConversionError

KAZAKH = "Қазақстан Республикасы — әріптестік ұғымы: Ә Ғ Қ Ң Ө Ұ Ү Һ І"
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


def kazakh_docx(path: Path, heading: str) -> Path:
    """Write a DOCX in Times New Roman (as the templates use) with Kazakh text."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph(heading)
    document.add_paragraph(KAZAKH)
    document.add_paragraph(KAZAKH_LETTERS)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def converter() -> Iterator[Converter]:
    # One converter for the module: its worker profiles are created once, as in a batch.
    with Converter(jobs=2) as conv:
        yield conv


@requires_soffice
def test_batch_keeps_kazakh_text(converter: Converter, tmp_path: Path) -> None:
    sources = [kazakh_docx(tmp_path / "in" / f"doc{n}.docx", f"Құжат №{n}") for n in range(6)]
    pairs = [(src, tmp_path / "out" / f"{src.stem}.pdf") for src in sources]
    seen: list[tuple[Path, ConversionError | None, bool]] = []

    def progress(path: Path, error: ConversionError | None) -> None:
        seen.append((path, error, threading.current_thread() is threading.main_thread()))

    assert converter.convert(pairs, progress=progress) == []
    assert sorted(seen) == sorted((src, None, True) for src, _ in pairs)
    for n, (_, pdf) in enumerate(pairs):
        text = pdf_text(pdf.read_bytes())
        assert f"Құжат №{n}" in text
        assert "Қазақстан Республикасы" in text
        assert all(letter in text for letter in KAZAKH_LETTERS), text
    # Only the PDFs: no temp files left beside them.
    assert sorted(os.listdir(tmp_path / "out")) == [f"doc{n}.pdf" for n in range(6)]


@requires_soffice
def test_times_new_roman_becomes_a_metric_compatible_font(tmp_path: Path) -> None:
    pdf = docx_to_pdf(kazakh_docx(tmp_path / "a.docx", "Ә").read_bytes())
    fonts = re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)", pdf)
    assert fonts
    assert all(f.startswith((b"LiberationSerif", b"TimesNewRoman")) for f in fonts), fonts


@requires_soffice
def test_bad_files_fail_alone(converter: Converter, tmp_path: Path) -> None:
    good = [kazakh_docx(tmp_path / f"good{n}.docx", f"good {n}") for n in range(3)]
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[0].read_bytes()[:2000])
    plain = tmp_path / "plain.docx"
    plain.write_bytes(b"plain text that LibreOffice would happily import as a document")
    missing = tmp_path / "missing.docx"
    sources = [good[0], corrupt, good[1], truncated, plain, missing, good[2]]
    pairs = [(src, tmp_path / "out" / f"{src.stem}.pdf") for src in sources]

    failures = converter.convert(pairs)

    assert [f.path for f in failures] == [str(p) for p in (corrupt, truncated, plain, missing)]
    assert all(isinstance(f, ConversionError) for f in failures)
    assert sorted(os.listdir(tmp_path / "out")) == ["good0.pdf", "good1.pdf", "good2.pdf"]
    assert "good 2" in pdf_text((tmp_path / "out" / "good2.pdf").read_bytes())


@requires_soffice
def test_same_file_names_from_different_folders(converter: Converter, tmp_path: Path) -> None:
    names = ("taraz", "almaty")
    sources = [kazakh_docx(tmp_path / name / "agreement.kk.docx", name) for name in names]
    pairs = [(src, tmp_path / "out" / src.parent.name / "agreement.kk.pdf") for src in sources]
    assert converter.convert(pairs) == []
    for name in names:
        assert name in pdf_text((tmp_path / "out" / name / "agreement.kk.pdf").read_bytes())


@requires_soffice
def test_recovers_after_a_timeout(converter: Converter, tmp_path: Path) -> None:
    sources = [kazakh_docx(tmp_path / f"t{n}.docx", f"t{n}") for n in range(2)]
    pairs = [(src, src.with_suffix(".pdf")) for src in sources]
    converter.timeout = 0.05  # soffice cannot even start in that time: each file times out
    try:
        failures = converter.convert(pairs)
    finally:
        converter.timeout = 120
    assert [str(f.path) for f in failures] == [str(src) for src, _ in pairs]
    assert all("timed out" in str(f) for f in failures)
    assert converter.convert(pairs) == []  # the killed workers' profiles still work


@requires_soffice
def test_docx_to_pdf(tmp_path: Path) -> None:
    pdf = docx_to_pdf(kazakh_docx(tmp_path / "one.docx", "Бір").read_bytes())
    assert pdf.startswith(b"%PDF-")
    assert "Бір" in pdf_text(pdf)


@requires_soffice
def test_docx_to_pdf_raises_for_a_corrupt_document() -> None:
    with pytest.raises(ConversionError, match="could not load"):
        docx_to_pdf(b"not a docx")


FAKE_SOFFICE = """#!{python}
# Behaves like soffice --convert-to, steered by each input's content.
import os, sys, time
args = sys.argv[1:]
at = args.index("--outdir")
outdir, inputs = args[at + 1], args[at + 2:]
for path in inputs:
    data = open(path, "rb").read()
    name = os.path.splitext(os.path.basename(path))[0]
    if data == b"hang-on-load":
        time.sleep(60)
    if data == b"unloadable":
        print("Error: source file could not be loaded", file=sys.stderr, flush=True)
        continue
    print(f"convert {{path}} -> {{outdir}}/{{name}}.pdf using filter : x", flush=True)
    if data == b"hang-on-store":
        time.sleep(60)
    if data == b"crash":
        os._exit(134)
    with open(os.path.join(outdir, name + ".pdf"), "wb") as f:
        f.write(b"%PDF-1.4\\n" + data + b"\\n%%EOF\\n")
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scripted stand-in above, as the soffice spdocs finds."""
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable))
    fake.chmod(0o755)
    monkeypatch.setenv("SPDOCS_SOFFICE", str(fake))
    return fake


@pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a POSIX script")
def test_hangs_and_crashes_fail_only_their_file(tmp_path: Path, fake_soffice: Path) -> None:
    contents = [
        b"ok0",
        b"hang-on-store",
        b"ok1",
        b"crash",
        b"ok2",
        b"unloadable",
        b"ok3",
        b"hang-on-load",
        b"ok4",
    ]
    pairs = []
    for n, content in enumerate(contents):
        (src := tmp_path / f"{n}.docx").write_bytes(content)
        pairs.append((src, tmp_path / "out" / f"{n}.pdf"))

    with Converter(jobs=1, timeout=2) as conv:
        failures = conv.convert(pairs)

    reasons = {Path(f.path or "").name: str(f) for f in failures}
    assert sorted(reasons) == ["1.docx", "3.docx", "5.docx", "7.docx"]
    assert "timed out" in reasons["1.docx"] and "timed out" in reasons["7.docx"]
    assert "exited with code 134" in reasons["3.docx"]
    assert "could not load" in reasons["5.docx"]
    for n, content in enumerate(contents):
        if content.startswith(b"ok"):
            assert content in (tmp_path / "out" / f"{n}.pdf").read_bytes()


def test_missing_soffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPDOCS_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(convert, "_KNOWN_PLACES", ())
    with pytest.raises(ConversionError, match="apt-get install"), Converter():
        pass


@requires_soffice
def test_a_made_profile_is_kept_and_copied_into_the_next_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = kazakh_docx(tmp_path / "in" / "a.docx", "Құжат")
    with Converter(jobs=1) as first:
        assert first.convert([(source, tmp_path / "first.pdf")]) == []
        seed = convert.profile_seed(first._soffice)
    assert seed is not None and seed.parent == tmp_path / "cache" / "spdocs"
    assert (seed / "user" / "registrymodifications.xcu").is_file()  # LibreOffice's own profile, kept
    assert not list(seed.parent.glob("*.tmp"))
    (seed / "user" / "spdocs-marker").write_text("from the seed")
    with Converter(jobs=1) as second:
        assert second.convert([(source, tmp_path / "second.pdf")]) == []
        assert second._tmp is not None
        assert (second._tmp / "profile-0" / "user" / "spdocs-marker").read_text() == "from the seed"
    assert "Қазақстан Республикасы" in pdf_text((tmp_path / "second.pdf").read_bytes())


@pytest.mark.skipif(os.name == "nt", reason="the fake soffice is a POSIX script")
def test_no_profile_is_kept_when_soffice_made_none(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (src := tmp_path / "a.docx").write_bytes(b"ok")
    with Converter(jobs=1) as conv:
        assert conv.convert([(src, tmp_path / "a.pdf")]) == []  # the stand-in makes no profile folder
    assert not (tmp_path / "cache").exists()
