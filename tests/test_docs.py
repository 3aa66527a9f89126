"""The documentation stays in step with the code and the data.

* ``docs/errors.md`` has exactly one section per stable error code;
* the mkdocs hook ``docs/hooks/norm_pages.py`` renders a page for every shipped table, and every
  cell of every version lands in its own row and column on that page (so a page can never drop or
  misplace a value);
* the worked examples of ``docs/concepts/*.md`` (doctests) and the printed outputs shown in
  ``docs/index.md`` and ``docs/getting-started.md`` are what the library computes today;
* the README's lead holds exactly two shell commands.
"""

from __future__ import annotations

import collections
import contextlib
import doctest
import importlib.util
import io
import re
import shlex
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import NamedTuple, get_args

import pytest

from ictcost.errors import all_error_codes
from ictcost.norms import NormRegistry, NormTable, NormVersion, shipped_norms_dir

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HOOK = DOCS / "hooks" / "norm_pages.py"


def _load_hook() -> ModuleType:
    name = "ictcost_docs_norm_pages"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


hook = _load_hook()
TABLES = hook.load_tables()
TABLE_IDS = [item.table.id for item in TABLES]


# --- (a) docs/errors.md: one section per error code --------------------------------------------

HEADING_ANCHOR = re.compile(r"^## .+ \{#([^}\s]+)\}\s*$", re.MULTILINE)


def test_errors_page_has_one_section_per_code() -> None:
    anchors = HEADING_ANCHOR.findall((DOCS / "errors.md").read_text(encoding="utf-8"))
    counts = collections.Counter(anchors)
    repeated = sorted(code for code, n in counts.items() if n > 1)
    assert not repeated, f"docs/errors.md repeats the section(s) {repeated}"
    assert set(anchors) == set(all_error_codes()), (
        f"missing in docs/errors.md: {sorted(set(all_error_codes()) - set(anchors))}; "
        f"not an error code: {sorted(set(anchors) - set(all_error_codes()))}"
    )


# --- (b) the generated norm pages ---------------------------------------------------------------


def test_hook_loads_every_shipped_table() -> None:
    assert sorted(TABLE_IDS) == sorted(NormRegistry.shipped())
    assert len(TABLE_IDS) == len(set(TABLE_IDS))
    assert all(item.rel_path.endswith(f"{item.table.id}.yaml") for item in TABLES)
    assert hook.load_tables(shipped_norms_dir()) == TABLES


def _split_row(line: str) -> list[str]:
    """The cells of a markdown table row (pipes escaped as ``\\|`` stay inside their cell)."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def _version_section(page: str, n: int) -> str:
    """Version ``n``'s part of a page: up to the next version or the provenance after the last."""
    start = page.index(f"### Version {n}: ")
    ends = [page.find(mark, start + 1) for mark in ("\n### Version ", "\n## Provenance")]
    return page[start : min((e for e in ends if e != -1), default=len(page))]


def _cell_grid(section: str, version: NormVersion) -> dict[str, dict[str, str]]:
    """Map row name → column key → the markdown of that cell, from the version's table."""
    lines = [ln for ln in section.splitlines() if ln.startswith("|")]
    header = _split_row(lines[0])
    assert re.fullmatch(r"-+", _split_row(lines[1])[0])
    keys = [re.search(r"<br>`([^`]+)`", head) for head in header[1:]]
    assert [m.group(1) if m else None for m in keys] == [c.key for c in version.columns]
    grid: dict[str, dict[str, str]] = {}
    for line in lines[2:]:
        cells = _split_row(line)
        assert len(cells) == len(header), line
        m = re.match(r"(?:\*\*([^*]+)\*\*|`([^`]+)`)", cells[0])
        assert m, cells[0]
        grid[m.group(1) or m.group(2)] = dict(
            zip([c.key for c in version.columns], cells[1:], strict=True)
        )
    return grid


def _numbers(table: NormTable) -> list[str]:
    out = []
    for version in table.versions:
        if version.axis is not None:
            out.append(str(version.axis.scale))
        for row in version.rows:
            if row.at is not None:
                out.append(str(row.at))
            for cell in row.values.values():
                values = [cell.value, *(alt.value for alt in cell.alternatives)]
                out.extend(str(v) for v in values if isinstance(v, Decimal))
    return out


@pytest.mark.parametrize("item", TABLES, ids=TABLE_IDS)
def test_page_contains_every_number_of_the_table(item: hook.LoadedTable) -> None:
    page = hook.render_table(item.table, item.rel_path)
    for text in _numbers(item.table):
        assert re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", page), (
            f"{item.table.id}: {text} is not on its page"
        )


@pytest.mark.parametrize("item", TABLES, ids=TABLE_IDS)
def test_page_puts_every_cell_in_its_row_and_column(item: hook.LoadedTable) -> None:
    table = item.table
    page = hook.render_table(table, item.rel_path)
    assert page.startswith(f"# {hook._text(table.title.vi)}\n")
    for n, version in enumerate(table.versions, start=1):
        section = _version_section(page, n)
        assert hook.period(version) in section.splitlines()[0]
        grid = _cell_grid(section, version)
        assert list(grid) == [row.name for row in version.rows]
        for row in version.rows:
            for col in version.columns:
                shown = grid[row.name][col.key]
                cell = row.values.get(col.key)
                if cell is None:
                    assert shown == "", f"{table.id} {row.name}/{col.key}: {shown!r}"
                    continue
                value = (
                    str(cell.value)
                    if isinstance(cell.value, Decimal)
                    else hook.format_scalar(cell.value)
                )
                where = f"{table.id} v{n} {row.name}/{col.key}"
                assert shown.removeprefix("**").startswith(value), f"{where}: {shown!r}"
                assert f"{', '.join(cell.source)} · {cell.confidence}</sup>" in shown, where
                for i, alt in enumerate(cell.alternatives):
                    assert f"alternative {i}: {hook.format_scalar(alt.value)} <sup>" in shown


def test_index_links_every_table_page_and_nav_lists_them() -> None:
    index = hook.render_index(TABLES)
    nav = repr(hook.nav_entries(TABLES))
    for table_id in TABLE_IDS:
        uri = hook.page_uri(table_id)
        assert f"]({Path(uri).name})" in index
        assert f"'{uri}'" in nav
    assert f"'{hook.INDEX_URI}'" in nav


@pytest.mark.parametrize("table_id", ["qd1688-1b", "v1.2", "a..b", "x_y-z.0", "index"])
def test_page_uri_is_a_distinct_markdown_path(table_id: str) -> None:
    uri = hook.page_uri(table_id)
    assert uri.startswith("norms/")
    assert uri.endswith(".md")
    assert uri != hook.INDEX_URI


def test_markdown_special_characters_are_escaped() -> None:
    assert hook._text("a | b_c *d* [e]") == r"a \| b\_c \*d\* \[e\]"
    assert hook._text("x < y & z") == "x &lt; y &amp; z"
    assert hook.format_scalar(Decimal("1.710")) == "1.710"


# --- worked examples and printed outputs in the docs -------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "concepts/fees.md",
        "concepts/dates-and-regimes.md",
        "concepts/software.md",
        "concepts/estimate.md",
        "concepts/batch.md",
        "concepts/ranges.md",
    ],
)
def test_doctests_of_concept_pages(page: str) -> None:
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0


FENCE = re.compile(r"```python\n(?P<code>.*?)```\n\n(?:prints\n\n)?```text\n(?P<out>.*?)```", re.S)


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for page in ("index.md", "getting-started.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        out += [(page, m["code"], m["out"]) for m in FENCE.finditer(text) if ">>>" not in m["code"]]
    return out


def _write_example_pack(where: Path) -> None:
    """The pack of getting-started.md: table 1b with the KTKT rate at 7 tỷ changed to 1.900."""
    src = next(shipped_norms_dir().rglob("qd1688-1b.yaml")).read_text(encoding="utf-8")
    text, n_value = re.subn(
        r"ktkt: \{value: 1\.855[^}]*\}",
        "ktkt: {value: 1.900, source: [P1], confidence: single}",
        src,
    )
    text, n_source = re.subn(
        r"^sources:\n",
        'sources:\n  P1:\n    title: "Our province\'s corrected table (example)"\n'
        "    kind: practice\n",
        text,
        flags=re.M,
    )
    assert (n_value, n_source) == (1, 1), "the pack example of getting-started.md needs updating"
    (where / "my-pack").mkdir()
    (where / "my-pack" / "qd1688-1b.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "code", "expected"), _examples(), ids=lambda v: v if v.endswith(".md") else ""
)
def test_printed_output_in_docs_is_current(
    page: str, code: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "my-pack" in code:
        _write_example_pack(tmp_path)
        monkeypatch.chdir(tmp_path)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, page, "exec"), {"__name__": "__docs__"})
    assert buffer.getvalue().strip() == expected.strip(), page


def test_docs_show_printed_examples() -> None:
    pages = collections.Counter(page for page, _, _ in _examples())
    assert pages["index.md"] >= 1
    assert pages["getting-started.md"] >= 3


# --- (c) the README's lead ----------------------------------------------------------------------


def _readme_lead_commands() -> list[str] | None:
    """The commands of the first shell block before the README's first ``##`` section."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), None)
    if start is None:
        return None
    lead: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        lead.append(line)
    text = "\n".join(lead)
    m = re.search(r"```(?:bash|sh|shell|console)\n(.*?)```", text, re.S)
    if m is None:
        return None
    commands = []
    for raw in m.group(1).splitlines():
        line = raw.strip().removeprefix("$ ").strip()
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


def test_readme_lead_has_exactly_two_shell_commands() -> None:
    commands = _readme_lead_commands()
    assert commands is not None, "README.md has no shell block in its lead"
    assert len(commands) == 2, f"README lead commands: {commands}"


def test_readme_table_count_matches_the_shipped_pack() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r"\((\d+) tables\)", text)]
    assert counts, "README.md states no table count"
    shipped = len(NormRegistry.shipped())
    assert counts == [shipped] * len(counts), (
        f"README.md says {counts} tables; the shipped pack has {shipped}"
    )


def test_readme_python_examples_run() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if ">>>" in b]
    assert blocks, "README.md has no Python example"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for i, block in enumerate(blocks):
        test = parser.get_doctest(block, {}, f"README.md example {i}", "README.md", 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


# --- (d) the commands of getting-started.md run and print what the page shows ------------------

CONSOLE = re.compile(r"```console\n(.*?)```", re.S)
EXIT = re.compile(r"\s+#\s*exit status (\d+)\s*$")
ELIDED = {"…", "...", ""}


class ConsoleRun(NamedTuple):
    """One ``$ ictcost …`` line of a ``console`` block, its exit status and the lines shown."""

    command: str
    status: int
    shown: tuple[str, ...]


def console_runs(text: str) -> list[ConsoleRun]:
    """Every ``$ ictcost …`` command of the page's ``console`` blocks, in page order.

    A command may end with ``# exit status N`` (0 otherwise). The lines after it, up to the next
    command, are output the command must print (compared without the spaces at either end);
    a line ``…`` stands for output left out.
    """
    runs: list[ConsoleRun] = []
    for block in CONSOLE.findall(text):
        for raw in block.splitlines():
            if raw.startswith("$ "):
                command = raw[2:]
                m = EXIT.search(command)
                runs.append(ConsoleRun(EXIT.sub("", command), int(m[1]) if m else 0, ()))
            elif runs and raw.strip() not in ELIDED:
                last = runs[-1]
                runs[-1] = last._replace(shown=(*last.shown, raw.strip()))
    return runs


def test_console_runs_reads_commands_status_and_output() -> None:
    text = "```console\n$ ictcost a  # exit status 1\n one \n…\ntwo\n$ ictcost b\n```\n"
    assert console_runs(text) == [
        ConsoleRun("ictcost a", 1, ("one", "two")),
        ConsoleRun("ictcost b", 0, ()),
    ]


GETTING_STARTED_RUNS = console_runs((DOCS / "getting-started.md").read_text(encoding="utf-8"))


def test_getting_started_runs_the_daily_commands() -> None:
    commands = " ".join(run.command for run in GETTING_STARTED_RUNS)
    for needed in (
        "ictcost estimate examples/portal-project.yaml --pack examples/pack --xlsx",
        "ictcost template blank.xlsx",
        "--from examples/portal-project.yaml",
        "ictcost estimate examples/filled.xlsx",
        "ictcost software ",
        "ictcost check ",
        "--report ",
        "ictcost norms show ",
        "ictcost fee --table ",
    ):
        assert needed in commands, f"getting-started.md does not run {needed!r}"
    assert all(run.command.startswith("ictcost ") for run in GETTING_STARTED_RUNS)


def test_getting_started_commands_print_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run the page's commands in order, in a fresh folder with ``examples/`` and ``norms/``."""
    from typer.testing import CliRunner  # noqa: PLC0415 - the cli extra, needed here only

    from ictcost.cli import app  # noqa: PLC0415

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(shipped_norms_dir(), tmp_path / "norms")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"COLUMNS": "100"})
    for run in GETTING_STARTED_RUNS:
        result = runner.invoke(app, shlex.split(run.command)[1:])
        where = f"getting-started.md: $ {run.command}"
        assert result.exit_code == run.status, f"{where}\n{result.output}"
        printed = {line.strip() for line in result.output.splitlines()}
        missing = [line for line in run.shown if line not in printed]
        assert not missing, f"{where} no longer prints:\n" + "\n".join(missing)
    for written in ("portal-estimate.xlsx", "blank.xlsx", "examples/filled.xlsx", "report.docx"):
        assert (tmp_path / written).is_file(), written


CONCEPT_PAGES_WITH_COMMANDS = (
    "concepts/estimate.md",
    "concepts/software.md",
    "concepts/appraisal.md",
)


@pytest.mark.parametrize("page", CONCEPT_PAGES_WITH_COMMANDS)
def test_concept_page_commands_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ``$ ictcost …`` lines of the concept pages run with the exit status they show."""
    from typer.testing import CliRunner  # noqa: PLC0415 - the cli extra, needed here only

    from ictcost.cli import app  # noqa: PLC0415

    runs = console_runs((DOCS / page).read_text(encoding="utf-8"))
    assert runs, f"{page} shows no command"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"COLUMNS": "100"})
    for run in runs:
        result = runner.invoke(app, shlex.split(run.command)[1:])
        assert result.exit_code == run.status, f"{page}: $ {run.command}\n{result.output}"
        printed = {line.strip() for line in result.output.splitlines()}
        assert not [line for line in run.shown if line not in printed], f"{page}: {run.command}"


# --- (e) the home page and the README say the same about what ships -----------------------------


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)].strip()


def test_home_page_and_readme_list_the_same_features() -> None:
    readme = _section((ROOT / "README.md").read_text(encoding="utf-8"), "What ships now")
    home = _section((DOCS / "index.md").read_text(encoding="utf-8"), "What ships now")
    assert home == readme, "docs/index.md and README.md differ in 'What ships now': copy one"
    for command in ("estimate", "template", "software", "fee", "check"):
        assert f"`ictcost {command}`" in readme, f"'What ships now' does not name ictcost {command}"
    assert "](" not in readme, "no relative links: the section is read on GitHub and on the site"


def test_section_reader_finds_a_differing_section() -> None:
    a = "# t\n\n## What ships now\n\n* one\n\n## Next\n"
    b = "# t\n\n## What ships now\n\n* one, two\n\n## Next\n"
    assert _section(a, "What ships now") != _section(b, "What ships now")
    assert _section(a, "What ships now") == "## What ships now\n\n* one"


# --- (f) the generated reference pages and the folded search index ------------------------------


def _load_sibling_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"ictcost_docs_{name}", DOCS / "hooks" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _load_sibling_hook("reference_pages")
search_fold = _load_sibling_hook("search_fold")


def test_sources_page_lists_every_cited_source_and_explains_research_notes() -> None:
    page = reference.render_sources(TABLES)
    assert "## Research notes {#research-notes}" in page
    for item in TABLES:
        for sid, src in item.table.sources.items():
            assert hook._text(src.title) in page, f"{item.table.id} {sid}"
            assert f"({reference._norm_link(item.table.id)}#sources): {hook._text(sid)}" in page
            if src.url:
                assert hook._url(src.url) in page
    assert "shared/reference" not in page


def test_allowed_values_page_lists_every_key_value() -> None:
    import ictcost.keys  # noqa: PLC0415

    page = reference.render_allowed_values()
    for name in reference.KEY_TYPES:
        assert f"## `{name}`" in page
        for value in get_args(getattr(ictcost.keys, name)):
            assert f"`{value}`" in page, f"{name}: {value}"
    assert "Thiết bị, phần mềm thương mại" in page  # a component's label from the norm data


def test_search_fold_folds_vietnamese() -> None:
    assert search_fold.fold("Chi phí dự phòng, Đồng") == "Chi phi du phong, Dong"
    assert search_fold.folded_words("<p>chi phí &amp; dự phòng</p> cost") == ["phi", "du", "phong"]


def _tokens(text: str) -> set[str]:
    """The words of an index text as the theme's search splits them (``[\\s\\-]+``), lowercase."""
    plain = re.sub(r"<[^>]+>", " ", text)
    return {w.strip(".,;:()[]'\"`*").lower() for w in re.split(r"[\s\-]+", plain)} - {""}


def _finds(doc: dict[str, str], query: str) -> bool:
    """Whether every word of the query is a token of the document (how the site search matches)."""
    return set(query.lower().split()) <= _tokens(f"{doc['title']} {doc['text']}")


def test_search_without_diacritics_finds_the_contingency_table() -> None:
    table = NormRegistry.shipped().table("contingency")
    text = f"<p>{table.description}</p>"  # what the index holds of the page, without its URLs
    index = {
        "docs": [
            {"location": "norms/contingency/", "title": table.title.vi, "text": text},
            {"location": "errors/", "title": "Errors", "text": "<p>DUP-PORTFOLIO duplicate</p>"},
        ]
    }
    assert not _finds(index["docs"][0], "du phong")  # whole tokens: no match before folding
    assert search_fold.fold_index(index) == 1
    found = [d["location"] for d in index["docs"] if _finds(d, "du phong")]
    assert found == ["norms/contingency/"]
    assert _finds(index["docs"][0], "dự phòng")  # typed with diacritics it still matches
    assert search_fold.fold_index(index) == 0  # folding twice adds nothing
    assert search_fold.MARK in index["docs"][0]["text"]
    title = index["docs"][0]["title"]  # the title is folded in its own field (its own weight)
    assert title.startswith(table.title.vi)
    assert f"{search_fold.TITLE_MARK}phi du phong" in title  # only the words that change
    assert index["docs"][1]["title"] == "Errors"  # nothing to fold, nothing added


# --- (g) the links errors print point at the site this repository publishes ---------------------


def test_error_links_point_at_the_published_site() -> None:
    import yaml  # noqa: PLC0415

    from ictcost.errors import DOCS_URL  # noqa: PLC0415

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert DOCS_URL == config["site_url"] + "errors/"
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["mkdocs"]["configuration"] == "mkdocs.yml"
    assert "docs" in rtd["python"]["install"][0]["extra_requirements"]
    assert (DOCS / "errors.md").is_file()
