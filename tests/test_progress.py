"""Progress of a batch: a plain line per step in the user's language where the output is not a
terminal; a bar with the count, the rate and the time left on a terminal."""

from __future__ import annotations

import io

import spdocs
from conftest import ROOT
from spdocs.cli import cli
from spdocs.progress import Display, Step


class Clock:
    """A clock the test moves: ``tick`` seconds per reading."""

    def __init__(self, tick: float) -> None:
        self.now, self.tick = 0.0, tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


def steps(total: int) -> list[Step]:
    out = [
        Step(f"[{n}/{total}] p{n}: 9 documents", stage="render", done=n, total=total, name=f"p{n}", documents=9)
        for n in range(1, total + 1)
    ]
    out[1] = Step(f"[2/{total}] p2: failed", stage="render", done=2, total=total, name="p2", status="failed")
    return out


def test_plain_lines_in_kazakh_with_the_time_left_of_a_long_batch():
    stream = io.StringIO()
    show = Display(stream, lang="kk", tty=False, clock=Clock(10.0))
    for step in steps(400)[:3]:
        show(step)
    show(Step("[1/2] PDF p1/report-2026.kk.pdf", stage="pdf", done=1, total=2, name="p1/report-2026.kk.pdf"))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[1/400] p1: 9 құжат"
    assert lines[1].startswith("[2/400] p2: сәтсіз аяқталды (шамамен ") and lines[1].endswith(" қалды)")
    assert lines[3] == "[1/2] PDF p1/report-2026.kk.pdf"


def test_a_bar_on_a_terminal_with_count_rate_and_time_left():
    stream = io.StringIO()
    with Display(stream, lang="ru", tty=True, clock=Clock(0.5)) as show:
        for step in steps(40)[:10]:
            show(step)
    out = stream.getvalue()
    last = out.rsplit("\r\x1b[K", 1)[1]
    assert last.startswith("Документы  █████░░░░░░░░░░░░░░░  10/40  ") and "/с  осталось 0:" in last
    assert "\n[2/40] p2: не удалось\n" in out  # a failure keeps a line of its own
    assert out.endswith("\n")  # the bar's line is ended when the display closes


def test_plain_strings_are_shown_as_they_are():
    stream = io.StringIO()
    show = Display(stream, lang="ru", tty=False)
    show("[1/3] something: done")
    show("a line without a count")
    assert stream.getvalue() == "[1/3] something: done\na line without a count\n"


def test_the_api_still_gets_english_lines_that_say_what_they_count(tmp_path):
    lines: list[str] = []
    spdocs.render(
        [ROOT / "examples" / "kaznmu-duke.yaml"], out=tmp_path, kinds=["order"], langs=["kk"], progress=lines.append
    )
    [line] = lines
    assert line == "[1/1] kaznmu-duke: 1 document"
    assert isinstance(line, Step) and (line.stage, line.done, line.total, line.documents) == ("render", 1, 1, 1)


def test_render_prints_progress_in_the_users_language(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SPDOCS_LANG", "kk")
    data = [str(ROOT / "examples" / name) for name in ("kaznmu-duke.yaml", "ektu-luban.yaml")]
    result = runner.invoke(cli, ["render", *data, "--kind", "order", "--lang", "ru", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    # a line per partnership as each is done (the bigger file first, to keep both cores busy)
    assert "kaznmu-duke: 1 құжат" in result.output and "ektu-luban: 1 құжат" in result.output
    assert "[1/2] " in result.output and "[2/2] " in result.output
    assert result.output.splitlines()[-1] == f"2 файл {tmp_path}/ қалтасына жазылды (деректер файлдары: 2/2)"
    quiet = runner.invoke(cli, ["render", *data, "--kind", "order", "--lang", "ru", "--out", str(tmp_path), "-q"])
    assert "құжат" not in quiet.output
