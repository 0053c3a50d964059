"""``dateline actors FILE``: a document's actors with codes, mentions and evidence."""

from __future__ import annotations

from click.testing import CliRunner

from dateline.cli import main


def test_actors_command_lists_codes_mentions_and_evidence(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "Kenyan police fired tear gas at protesters in Nairobi on Monday.\n\n"
        "Washington said the police must stop. The Washington Post said they did not.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["actors", str(path)])
    assert result.exit_code == 0, result.output
    assert "Kenyan police (KEN/COP, group)" in result.output
    assert "United States (USA/GOV, state)" in result.output
    assert "Washington Post (USA/MED, organisation)" in result.output
    assert "evidence: countries.csv: capital Washington" in result.output
    assert "'Washington' [" in result.output
    assert "Nairobi (" not in result.output  # a place: its country's government
    assert "Kenya (KEN/GOV, state)" in result.output
    assert "sentence 0, locative]" in result.output


def test_actors_command_reads_user_dictionaries(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Zed Okoro condemned the vote.\n", encoding="utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("name,aliases,country,sector\nZed Okoro,Okoro,NGA,OPP\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", str(story), "--actors", str(actors)])
    assert result.exit_code == 0, result.output
    assert "Zed Okoro (NGA/OPP" in result.output
    assert f"{actors}: Zed Okoro" in result.output


def test_actors_command_refuses_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["actors", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_reads_any_input_kind_like_code(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Arrests</title></head><body><nav>Home | World</nav><article>"
        "<p>ATHENS, May 3, 2023 (AP) - Greek police detained four Turkish fishermen near "
        "Lesbos on Tuesday, the coast guard said.</p><p>Ankara protested the detentions "
        "and summoned the Greek ambassador.</p></article></body></html>"
    )
    result = CliRunner().invoke(main, ["actors", str(page)])
    assert result.exit_code == 0, result.output
    assert "Greek police (GRC/COP" in result.output
    assert "<p>" not in result.output and "Home" not in result.output
