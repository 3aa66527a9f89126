"""Text from a stranger's file is inert everywhere, and no error echoes a file (issue 13).

The reliability review (``reviews/reliability-review.md``) found that names were read as rich
markup (``[/]`` crashed the console) and passed terminal escapes through (D9), that the Markdown
passed raw HTML and ``javascript:`` links (D19), and that an error about a file that was not an
input printed the file (D5, its disclosure half). Each reproducer of the review is a test here,
with a case that must stay as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.text import Text
from typer.testing import CliRunner

from ictcost import NormRegistry
from ictcost._internal._inert import (
    EXCERPT_MAX,
    describe,
    escape_json_controls,
    escape_markdown,
    escape_markup,
    excerpt,
    strip_control_chars,
    strip_controls,
)
from ictcost.checks import check
from ictcost.cli import app
from ictcost.errors import InputError
from ictcost.estimate import compute_estimate, load_project
from ictcost.inputs import load_software_input
from ictcost.report import compare
from ictcost.report.console import InertConsole, error_view, make_console

ROOT = Path(__file__).resolve().parents[1]
SOFTWARE = ROOT / "examples" / "software-portal.yaml"
REG = NormRegistry.shipped()

MARKUP = "[/] [bold]B[/bold] [link=http://evil.example]L[/link]"
"""Rich markup: ``[/]`` crashed the console, the others became a style and a hyperlink."""
ESCAPES = "\x1b[2J\x1b]0;TITLE\x07\x1b]8;;http://evil.example\x07X\x1b]8;;\x07\r\x9b31m\u202e"
"""Clear screen, set the title, an OSC 8 hyperlink, a carriage return, an 8-bit CSI, a bidi override."""
HTML = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"

UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*args: str) -> tuple[int, str]:
    r = CliRunner(env={"COLUMNS": "80"}).invoke(app, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.output


def hostile_project(folder: Path, **extra: object) -> Path:
    """A project whose every text field holds markup, escapes, HTML and a javascript: link."""
    line = {
        "component": "thiet_bi",
        "method": "quotation",
        "vat": "general",
        "quantity": 1,
    }
    project = {
        "project": {
            "name": f"{MARKUP} {ESCAPES}",
            "owner": f"{HTML} {LINK}",
            "date": "2025-09-15",
            "project_kind": "investment",
            "document": "ktkt_report",
        },
        "lines": [
            {
                **line,
                "id": "TB-01",
                "name": f"{MARKUP} {HTML} {LINK} {ESCAPES}",
                "quotes": [
                    {"source": f"{MARKUP}{ESCAPES}", "unit_price": 1_000_000, "date": "2025-08-01"},
                    {"source": f"{HTML} A", "unit_price": 1_100_000, "date": "2025-08-02"},
                    {"source": f"{LINK} B", "unit_price": 1_200_000, "date": "2025-08-03"},
                ],
                "pick": "median",
            },
            {
                **line,
                "id": "TB-02",
                "name": "Máy chủ | bộ",
                "unit_price": 5_000_000,
                "basis": f"{ESCAPES}[/] báo giá",
            },
        ],
        **extra,
    }
    path = folder / "p.json"
    path.write_text(json.dumps(project, ensure_ascii=False), encoding="utf-8")
    return path


def assert_inert(output: str) -> None:
    assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output
    assert "\r" not in output and "\u202e" not in output
    assert not CONTROL.search(output), repr(CONTROL.search(output))


# --- D9: the console -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markup_and_escapes_in_names_are_printed_as_written_by_estimate(
    tmp_path: Path, lang: str
) -> None:
    code, out = run("estimate", str(hostile_project(tmp_path)), "--lang", lang)
    assert code == 0, out
    assert_inert(out)
    assert MARKUP in out  # literally, never a style or a link (and [/] no longer crashes)
    assert "Máy chủ | bộ" in out  # an ordinary name is untouched


def test_markup_and_escapes_are_inert_in_check(tmp_path: Path) -> None:
    code, out = run("check", str(hostile_project(tmp_path)))
    assert code in {0, 1}, out
    assert_inert(out)
    assert "[/]" in out


def test_markup_and_escapes_in_use_cases_are_inert_in_software(tmp_path: Path) -> None:
    text = SOFTWARE.read_text(encoding="utf-8").replace(
        "{name: Báo cáo thống kê,",
        '{name: "[/][b]x \\e[2J\\e]0;TITLE\\a\\x9b31m thống kê",',
    )
    software = tmp_path / "software.yaml"
    software.write_text(text, encoding="utf-8")
    code, out = run("software", str(software))
    assert code == 0, out
    assert_inert(out)
    assert "[/][b]x" in out


def test_an_error_message_is_printed_without_control_sequences(tmp_path: Path) -> None:
    # the missing software input's name is quoted, as written, in the error of the estimate
    project = {
        "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
        "lines": [
            {
                "id": "PM",
                "component": "phan_mem_noi_bo",
                "name": "sw",
                "method": "calculation",
                "vat": "software",
                "software": "[/]\x1b[2J\x1b]0;TITLE\x07x.yaml",
            }
        ],
    }
    path = tmp_path / "p.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    code, out = run("estimate", str(path))
    assert code == 2, out
    assert_inert(out)
    assert "[/]" in out and "error:" in out
    missing = run("estimate", str(tmp_path / "[bold]\x1b[2Jnone.yaml"))[1]
    assert_inert(missing)
    assert "[bold]" in missing


def test_the_error_view_strips_controls_and_keeps_ordinary_text() -> None:
    err = InputError("bad name '\x1b[2J[/]' \u202ehere", field="name", hint="rename [it]")
    console = make_console()
    with console.capture() as captured:
        console.print(error_view(err), soft_wrap=True)
    shown = captured.get()
    assert_inert(shown)
    assert "bad name '[/]' here" in shown and "How to fix: rename [it]" in shown


def test_the_console_keeps_its_own_styles_and_drops_foreign_controls() -> None:
    console = InertConsole(force_terminal=True, color_system="standard")
    with console.capture() as captured:
        console.print(Text.assemble(("bold", "bold"), " a\x1bb\x9bc"))  # built around plain()
    shown = captured.get()
    assert "\x1b[1m" in shown  # the console's own bold is kept
    assert "a" + "b" + "c" in shown.replace("\x1b[0m", "").replace("\x1b[1m", "")
    assert "\x9b" not in shown and "a\x1bb" not in shown


def test_json_output_escapes_the_controls_json_leaves_raw(tmp_path: Path) -> None:
    code, out = run("estimate", str(hostile_project(tmp_path)), "--json")
    assert code == 0
    assert "\x9b" not in out and "\u202e" not in out and "\x1b" not in out
    assert "\\u009b" in out  # the same document: the character is written as an escape
    data = json.loads(out)
    assert "\x9b" in data["name"] and MARKUP in data["name"]


# --- D19: Markdown and HTML ------------------------------------------------------------------------


def _rendered(markdown: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(markdown))


def _assert_no_active_html(html: str) -> None:
    assert "<script" not in html and "<img" not in html and "<a " not in html, html
    assert "javascript:alert(1)" in html  # shown as text


def test_estimate_markdown_escapes_html_and_links(tmp_path: Path) -> None:
    project = load_project(hostile_project(tmp_path))
    md = compute_estimate(project, registry=REG).to_markdown()
    assert "<script" not in md and "<img" not in md and not UNESCAPED_LINK.search(md)
    assert "\\[x\\](javascript:alert(1))" in md and "&lt;script>" in md
    assert "Máy chủ \\| bộ" in md  # table cells keep their pipe escaped
    assert_inert(md.replace("\n", ""))
    html = _rendered(md)
    _assert_no_active_html(html)
    assert "[x](javascript:alert(1))" in html and "&lt;script&gt;alert(1)" in html


def test_the_md_option_writes_the_escaped_markdown(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    code, out = run("estimate", str(hostile_project(tmp_path)), "--md", str(target))
    assert code == 0, out
    _assert_no_active_html(_rendered(target.read_text(encoding="utf-8")))


def test_comparison_markdown_escapes_html_and_links(tmp_path: Path) -> None:
    project = load_project(hostile_project(tmp_path))
    estimate = compute_estimate(project, registry=REG, lenient_methods=True, collect_problems=True)
    md = compare(project, estimate, check(project, registry=REG)).to_markdown()
    assert "<script" not in md and not UNESCAPED_LINK.search(md)
    assert "Máy chủ \\| bộ" in md
    _assert_no_active_html(_rendered(md))


def test_the_notebook_html_escapes_names(tmp_path: Path) -> None:
    e = compute_estimate(load_project(hostile_project(tmp_path)), registry=REG)
    html = e._repr_html_()
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_ordinary_markdown_text_is_left_as_written() -> None:
    for text in ("Máy chủ (2 CPU, 256 GB RAM)", "a < 2 và 3 > 1", "Công ty A & B", "C:\\data", "*"):
        assert escape_markdown(text) == text


# --- D5: an error never echoes the file it could not read ------------------------------------------


PASSWD = "".join(
    f"user{i}:x:{1000 + i}:{1000 + i}:User {i},,,:/home/user{i}:/bin/bash\n" for i in range(40)
)


def _software_project(folder: Path, software: str) -> Path:
    project = {
        "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
        "lines": [
            {
                "id": "PM",
                "component": "phan_mem_noi_bo",
                "name": "sw",
                "method": "calculation",
                "vat": "software",
                "software": software,
            }
        ],
    }
    path = folder / "p.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    return path


@pytest.mark.parametrize("as_json", [False, True])
def test_a_text_file_given_as_software_input_is_not_printed(tmp_path: Path, as_json: bool) -> None:
    (tmp_path / "passwd.yaml").write_text(PASSWD, encoding="utf-8")
    args = ["estimate", str(_software_project(tmp_path, "passwd.yaml"))]
    code, out = run(*args, *(["--json"] if as_json else []))
    assert code == 2
    assert "passwd.yaml" in out and "software input" in out  # names the file and the problem
    assert "user0" not in out and "/bin/bash" not in out and "/home" not in out
    assert f"a text of {len(PASSWD.strip())} characters" in out


def test_a_secret_read_with_allow_outside_is_not_printed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "creds.env").write_text("DB_PASSWORD: hunter2-SENTINEL\n", encoding="utf-8")
    project_dir = tmp_path / "project"
    project_dir.mkdir()
    path = _software_project(project_dir, "../secret/creds.env")
    for extra in ([], ["--json"]):
        code, out = run("estimate", str(path), "--allow-outside", *extra)
        assert code == 2, out
        assert "creds.env" in out and "Extra inputs are not permitted" in out
        assert "hunter2" not in out and "SENTINEL" not in out


def test_a_long_value_is_shown_as_a_short_escaped_excerpt(tmp_path: Path) -> None:
    text = SOFTWARE.read_text(encoding="utf-8")
    value = "\x1b[2J" + "s3cr3t-" * 100
    bad = re.sub(r"(?m)^date:.*$", lambda _: f"date: {json.dumps(value)}", text)
    assert bad != text
    path = tmp_path / "sw.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_software_input(path)
    shown = str(caught.value)
    assert shown.count("s3cr3t") <= EXCERPT_MAX // len("s3cr3t-") + 1
    assert "\x1b" not in shown and "\\x1b" in shown  # escaped, never raw
    for problem in caught.value.problems:
        assert problem.got is None or len(problem.got) <= EXCERPT_MAX


def test_a_short_wrong_value_is_still_shown(tmp_path: Path) -> None:
    text = SOFTWARE.read_text(encoding="utf-8")
    bad = re.sub(r"(?m)^date:.*$", "date: abc", text)
    path = tmp_path / "sw.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_software_input(path)
    assert "(got 'abc')" in str(caught.value) and "date" in str(caught.value)


def test_an_unknown_key_is_named_without_its_value() -> None:
    with pytest.raises(InputError) as caught:
        load_project(
            {
                "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
                "lines": [],
                "token": "hunter2",
            }
        )
    assert "token" in str(caught.value) and "hunter2" not in str(caught.value)


# --- the helpers -----------------------------------------------------------------------------------


def test_strip_controls_removes_whole_sequences() -> None:
    assert strip_controls(ESCAPES) == "X"  # only the text of the OSC 8 link is left
    assert strip_controls("a\r\nb\tc") == "a\nb\tc"
    assert strip_controls("Máy chủ [/]") == "Máy chủ [/]"
    assert strip_control_chars("a\x1b[2Jb") == "a[2Jb"


def test_excerpt_and_describe() -> None:
    assert excerpt("hunter2") == "'hunter2'"
    assert excerpt(12) == "12"
    long = excerpt("x" * 1000)
    assert len(long) <= EXCERPT_MAX and long.endswith("…")
    assert excerpt("first\nsecond") == "'first'…"
    assert "\x1b" not in excerpt("\x1b[2J") and len(excerpt("\x1b" * 100)) <= EXCERPT_MAX
    assert describe("a\nb") == "a text of 3 characters on 2 lines"
    assert excerpt(10**4301 - 1) == "<an integer of 4301 digits>"  # repr() would raise


def test_a_value_python_cannot_write_is_still_a_typed_error() -> None:
    with pytest.raises(InputError):
        load_software_input({"date": "2025-06-01", "labour_rate": 10**4301 - 1})


def test_escape_markup_and_json() -> None:
    assert escape_markup("[/] [bold]x") == "\\[/] \\[bold]x"
    assert escape_markup("[1, 2]") == "[1, 2]"
    assert json.loads(escape_json_controls(json.dumps("a\x9b", ensure_ascii=False))) == "a\x9b"


def test_a_pack_file_linking_out_of_the_pack_is_refused_and_not_quoted(tmp_path: Path) -> None:
    """Review D5, the pack half: a link in the pack to a secret printed the secret's value."""
    from typer.testing import CliRunner  # noqa: PLC0415

    from ictcost.cli import app  # noqa: PLC0415

    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "creds.env").write_text("DB_PASSWORD: hunter2-SENTINEL\n", encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "x.yaml").symlink_to(secret / "creds.env")
    runner = CliRunner()
    project = Path(__file__).resolve().parent.parent / "examples" / "purchase-ktkt.yaml"
    for args in (
        ["norms", "validate", str(pack)],
        ["estimate", str(project), "--pack", str(pack)],
        ["estimate", str(project), "--pack", str(pack), "--json"],
    ):
        r = runner.invoke(app, args)
        assert r.exit_code == 2, r.output
        assert "hunter2" not in r.output, args
        assert "outside the norm pack" in r.output, args
