"""``dateline serve``: what it refuses before it starts, and where it may listen."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.cli.serve import is_loopback


def test_serve_needs_an_existing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no database at" in result.output


def test_serve_refuses_a_file_that_is_not_a_dateline_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database")
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 1
    assert "cannot open database" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_are_private(host, loopback):
    assert is_loopback(host) is loopback
