"""The configuration file: ``ictcost.toml`` or ``[tool.ictcost]``, found upwards, options win.

Each setting is checked to take effect (and to stop taking effect when an option overrides it),
and every wrong key or value to be a typed error that names the file and the key.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ictcost.checks import CheckConfig
from ictcost.cli import app
from ictcost.config import Settings, find_config, load_settings, read_settings
from ictcost.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
PACK = EXAMPLES / "pack"


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(app, list(args))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (no configuration file above it either)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert find_config(work) is None or not str(find_config(work)).startswith(str(tmp_path))
    return work


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the reader -----------------------------------------------------------------------------------


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = read_settings(_write(tmp_path / "ictcost.toml", ""))
    assert settings.lang == "vi" and settings.stage == "tham_dinh" and settings.pack is None
    assert settings.check == CheckConfig()
    assert settings.source("lang") == "default"


def test_every_key_is_read_with_its_type(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "ictcost.toml",
        'pack = "my-pack"\nlang = "en"\nstage = "tham-tra"\n[check]\nmin_quotes = 2\n'
        "max_spread_percent = 12.5\nname_similarity = 0.8\n"
        'consultant_components = ["tu_van"]\nreference_ranges = "my-ranges"\n',
    )
    s = read_settings(path)
    assert s.pack == tmp_path / "my-pack"  # relative to the file's folder
    assert (s.lang, s.stage) == ("en", "tham_tra")
    assert s.check.min_quotes == 2
    assert s.check.max_spread_percent == Decimal("12.5")
    assert isinstance(s.check.max_spread_percent, Decimal)
    assert s.check.name_similarity == 0.8
    assert s.check.consultant_components == ("tu_van",)
    assert s.check.reference_ranges == "my-ranges"
    assert s.check.max_distance_percent == CheckConfig().max_distance_percent  # not set
    assert s.source("check.min_quotes") == str(path)
    assert s.source("check.max_distance_percent") == "default"


def test_pyproject_tool_table_and_the_search_upwards(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.ictcost]\nlang = "en"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"
    assert load_settings(deep).lang == "en"
    # a nearer ictcost.toml wins; a pyproject without [tool.ictcost] is passed over
    _write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "y"\n')
    assert find_config(deep) == tmp_path / "pyproject.toml"
    _write(tmp_path / "a" / "ictcost.toml", 'lang = "vi"\n')
    assert find_config(deep) == tmp_path / "a" / "ictcost.toml"
    assert load_settings(deep).lang == "vi"


@pytest.mark.parametrize(
    ("text", "key", "says"),
    [
        ('langue = "en"\n', "langue", "did you mean 'lang'"),
        ('lang = "fr"\n', "lang", "must be one of vi, en"),
        ('stage = "tham-khao"\n', "stage", "must be one of tham-dinh, tham-tra"),
        ("pack = 3\n", "pack", "folder path"),
        ("[check]\nmin_quote = 2\n", "check.min_quote", "did you mean 'min_quotes'"),
        ('[check]\nmin_quotes = "two"\n', "check.min_quotes", "not a valid value"),
        ("[check]\nmin_quotes = 2.5\n", "check.min_quotes", "not a valid value"),
        ("[check]\nmax_spread_percent = true\n", "check.max_spread_percent", "not a valid"),
        ("[check]\nname_similarity = 1.5\n", "check.name_similarity", "from 0 to 1"),
        ("check = 3\n", "check", "must be a table"),
        ("lang = \n", "config", "not valid TOML"),
    ],
)
def test_a_wrong_key_or_value_names_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, says: str
) -> None:
    path = _write(tmp_path / "ictcost.toml", text)
    with pytest.raises(InputError) as info:
        read_settings(path)
    assert info.value.field == key
    assert str(path) in info.value.message
    assert says in str(info.value)


def test_a_wrong_key_in_pyproject_is_named_too(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[tool.ictcost]\nlangue = "en"\n')
    with pytest.raises(InputError, match="langue"):
        read_settings(path)


# --- the commands ---------------------------------------------------------------------------------


def test_the_language_of_the_file_and_the_option_that_wins(folder: Path) -> None:
    assert "Các bảng định mức" in run("norms", "list").stdout
    _write(folder / "ictcost.toml", 'lang = "en"\n')
    assert "ictcost norm tables" in run("norms", "list").stdout
    assert "Các bảng định mức" in run("norms", "list", "--lang", "vi").stdout


def test_the_pack_of_the_file(folder: Path) -> None:
    assert run("estimate", str(PROJECT), "--json").exit_code == 2  # demo-price-list missing
    _write(folder / "ictcost.toml", f"pack = {json.dumps(str(PACK))}\n")
    r = run("estimate", str(PROJECT), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["name"]


def test_the_thresholds_of_the_file_reach_the_checks(folder: Path) -> None:
    args = ["check", str(PROJECT), "--pack", str(PACK), "--json"]

    def codes() -> set[str]:
        r = run(*args)
        assert r.exit_code in {0, 1}, r.output
        return {f["code"] for f in json.loads(r.stdout)["findings"]}

    assert "MARKET-QUOTES-FEW" in codes()  # TB-03 has no quotation, 3 expected
    _write(folder / "ictcost.toml", "[check]\nmin_quotes = 0\n")
    assert "MARKET-QUOTES-FEW" not in codes()


def test_a_wrong_file_stops_every_command_with_exit_2(folder: Path) -> None:
    path = _write(folder / "ictcost.toml", "[check]\nmin_quote = 2\n")
    for args in (["norms", "list"], ["check", str(PROJECT)], ["config"]):
        r = run(*args)
        assert r.exit_code == 2, args
        assert str(path) in r.stderr and "check.min_quote" in r.stderr
        assert "Traceback" not in r.stderr


def test_config_shows_what_is_in_effect_and_where_from(folder: Path) -> None:
    out = run("config", "--lang", "en").stdout
    assert "no configuration file found" in out and "default" in out
    assert "[tool.ictcost]" in out
    path = _write(folder / "ictcost.toml", 'stage = "tham-tra"\n[check]\nmin_quotes = 2\n')
    data = json.loads(run("config", "--json").stdout)
    assert data["file"] == str(path)
    assert data["settings"]["stage"] == {"value": "tham-tra", "from": str(path)}
    assert data["settings"]["check.min_quotes"] == {"value": "2", "from": str(path)}
    assert data["settings"]["lang"]["value"] == "vi"
    assert data["settings"]["check.max_spread_percent"]["value"] == "20"
    over = json.loads(run("config", "--json", "--lang", "en").stdout)
    assert over["settings"]["lang"] == {"value": "en", "from": "--lang"}
    text = run("config").stdout
    assert "check.min_quotes" in text and str(path.name) in text


def test_settings_defaults_are_the_check_configs() -> None:
    assert Settings().check == CheckConfig()
