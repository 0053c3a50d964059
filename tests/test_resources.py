import os

import pytest

from dateline import resources
from dateline.errors import ConfigError


def test_comment_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a header\nAlpha\n\n   # indented comment\n beta \n", encoding="utf-8")
    assert resources.lines(path) == ("Alpha", "beta")
    assert resources.word_set(path) == {"alpha", "beta"}


def test_csv_rows_skip_comments_and_strip_cells(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("# what this is\nphrase,iso3\n Gondor , GON\n# note\nArnor,\n", "utf-8")
    assert resources.csv_rows(path) == (
        {"phrase": "Gondor", "iso3": "GON"},
        {"phrase": "Arnor", "iso3": ""},
    )


def test_an_edited_file_is_read_again(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("one\n", encoding="utf-8")
    assert resources.word_set(path) == {"one"}
    path.write_text("one\ntwo\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert resources.word_set(path) == {"one", "two"}


def test_the_cache_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "CACHE_FILES", 3)
    resources.clear_cache()
    for n in range(10):
        path = tmp_path / f"f{n}.txt"
        path.write_text(f"w{n}\n", encoding="utf-8")
        resources.lines(path)
    assert len(resources._cache) == 3


@pytest.mark.parametrize(
    ("name", "text", "read"),
    [
        ("bad.toml", "a = [", resources.toml_table),
        ("bad.yaml", "a: [", resources.yaml_data),
        ("bad.json", "{", resources.json_data),
    ],
)
def test_a_malformed_file_is_a_config_error_naming_it(tmp_path, name, text, read):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=name):
        read(path)


def test_a_missing_file_is_a_config_error_naming_it(tmp_path):
    with pytest.raises(ConfigError, match="absent.txt"):
        resources.lines(tmp_path / "absent.txt")


def test_a_structure_derived_from_files_is_rebuilt_when_one_changes(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("one\n", encoding="utf-8")
    second.write_text("two\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return sorted(resources.word_set(first) | resources.word_set(second))

    assert resources.derived((first, second), "joined", build) == ["one", "two"]
    assert resources.derived((first, second), "joined", build) == ["one", "two"]
    second.write_text("three\n", encoding="utf-8")
    stat = second.stat()
    os.utime(second, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert resources.derived((first, second), "joined", build) == ["one", "three"]
    assert len(builds) == 2
