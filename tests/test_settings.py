"""Settings: defaults, a TOML file, then options; checked, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.settings import Settings, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "conf" / "dateline.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


def test_file_then_options(tmp_path):
    config = write(tmp_path, '[dateline]\nbatch_size = 8\nmodel = "en_core_web_md"\n')
    settings = load_settings(config, batch_size=4, model=None)
    assert (settings.batch_size, settings.model) == (4, "en_core_web_md")


def test_paths_in_the_file_are_relative_to_the_file(tmp_path):
    config = write(tmp_path, '[dateline]\nactor_files = ["mine.csv", "/abs/theirs.csv"]\n')
    settings = load_settings(config)
    assert settings.actor_files == (tmp_path / "conf" / "mine.csv", Path("/abs/theirs.csv"))


def test_a_single_string_is_one_item_not_its_letters(tmp_path):
    config = write(tmp_path, '[dateline]\nlanguages = "en"\npattern_files = "p.yaml"\n')
    settings = load_settings(config)
    assert settings.languages == ("en",)
    assert settings.pattern_files == (tmp_path / "conf" / "p.yaml",)


@pytest.mark.parametrize(
    "text, message",
    [
        ("batch_size = 'many'\n", "batch_size must be int"),
        ("classifier = 1\n", "classifier must be bool"),
        ("colour = 'red'\n", "unknown settings ['colour']"),
        ("batch_size = \n", "dateline.toml"),
        ("batch_chars = 0\n", "batch_chars must be at least 1, not 0"),
        ("writer_cache_mb = -1\n", "writer_cache_mb must be at least 0, not -1"),
    ],
)
def test_bad_settings_name_the_file_and_the_reason(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(write(tmp_path, text))


def test_ints_are_accepted_for_floats(tmp_path):
    settings = load_settings(write(tmp_path, "near_duplicate_threshold = 1\n"))
    assert settings.near_duplicate_threshold == 1.0 and isinstance(
        settings.near_duplicate_threshold, float
    )


def test_no_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()


def test_published_and_year_from_a_file_or_options(tmp_path):
    from datetime import date

    config = write(tmp_path, "[dateline]\npublished = 1987-03-01\nyear = 1987\n")
    assert load_settings(config).published == date(1987, 3, 1)
    assert load_settings(published="1986-05-02", year=1986).published == date(1986, 5, 2)
    assert load_settings(year=1986).year == 1986
    with pytest.raises(ConfigError, match="published must be a date"):
        load_settings(published="26 Feb")
    with pytest.raises(ConfigError, match="year must be a year"):
        load_settings(year="1987")
