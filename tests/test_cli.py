"""The command line, driven as a user would with click's CliRunner."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pace_site.commands.cli import cli


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    folders = ["--content", str(root / "content"), "--data", str(root / "data")]
    return CliRunner().invoke(cli, [args[0], *folders, *args[1:]])


def test_check_passes_on_a_valid_site_and_writes_nothing(small_site: Path) -> None:
    result = run(small_site, "check")
    assert result.exit_code == 0, result.output
    assert "No problems found in 1 authorities" in result.output
    assert not (small_site / "site").exists()


def test_build_writes_the_site(small_site: Path) -> None:
    result = run(small_site, "build", "--out", str(small_site / "site"))
    assert result.exit_code == 0, result.output
    assert (small_site / "site" / "authorities" / "testshire" / "poster" / "index.html").is_file()


def test_check_lists_three_mistakes_in_three_files_with_their_lines(small_site: Path) -> None:
    authority = small_site / "content/authorities/testshire/authority.md"
    authority.write_text(authority.read_text().replace("cohort_start: 2018-01-01", "cohort_start: 2018-02-30"))
    idea = small_site / "content/change-ideas/two-week-review.md"
    idea.write_text(idea.read_text().replace("status: adopted", "status: maybe"))
    journeys = small_site / "data/testshire/journeys.csv"
    journeys.write_text(journeys.read_text().replace("2018-02-01,2018-06-01", "2018-02-01,June 2018"))
    result = run(small_site, "check")
    assert result.exit_code == 1
    assert "3 problems found" in result.output
    assert ("authority.md, line 14: expected 'cohort_start' to be a date written YYYY-MM-DD, found '2018-02-30'"
            in result.output)
    assert "two-week-review.md, line 6: unknown status 'maybe'" in result.output
    assert "journeys.csv, line 4, column recommendation: expected a date" in result.output
    assert "Traceback" not in result.output


def test_a_failed_build_leaves_the_previous_site_untouched(small_site: Path) -> None:
    out = small_site / "site"
    assert run(small_site, "build", "--out", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    poster = small_site / "content/authorities/testshire/poster.md"
    poster.write_text(poster.read_text().replace("date: 2019-03-31", "date: soon"))
    result = run(small_site, "build", "--out", str(out))
    assert result.exit_code == 1
    assert "poster.md, line 4" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_unknown_authority_and_milestone_are_reported(small_site: Path) -> None:
    idea = small_site / "content/change-ideas/two-week-review.md"
    idea.write_text(idea.read_text().replace("authorities: [testshire]", "authorities: [atlantis]"))
    authority = small_site / "content/authorities/testshire/authority.md"
    authority.write_text(authority.read_text().replace("end: recommendation", "end: decision"))
    result = run(small_site, "check")
    assert result.exit_code == 1
    assert "two-week-review.md, line 5: unknown authority 'atlantis'" in result.output
    assert "authority.md, line 11: unknown milestone 'decision'" in result.output


def test_theme_overriding_one_template_changes_only_that_template(small_site: Path, tmp_path: Path) -> None:
    default_out, themed_out = small_site / "default", small_site / "themed"
    assert run(small_site, "build", "--out", str(default_out)).exit_code == 0
    theme = tmp_path / "mytheme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "glossary.html").write_text(
        '{% extends "default/glossary.html" %}'
        '{% block main %}<p class="house-style">Our words</p>{{ super() }}{% endblock %}')
    result = run(small_site, "build", "--out", str(themed_out), "--theme", str(theme))
    assert result.exit_code == 0, result.output
    changed = [str(p.relative_to(themed_out)) for p in themed_out.rglob("*.html")
               if p.read_bytes() != (default_out / p.relative_to(themed_out)).read_bytes()]
    assert changed == ["glossary/index.html"]
    glossary = (themed_out / "glossary/index.html").read_text()
    assert '<p class="house-style">Our words</p>' in glossary and "<h1>Glossary</h1>" in glossary


def test_check_and_build_print_the_disclosure_report_with_verbose(small_site: Path) -> None:
    # Testshire has four children in its cohort: too few to publish their progress.
    for command in ("check", "build"):
        out = ["--out", str(small_site / "site")] if command == "build" else []
        result = run(small_site, command, "--verbose", *out)
        assert result.exit_code == 0, result.output
        assert "Disclosure control:" in result.output
        assert "authorities/testshire/data/current/aim-2-progress.csv: chart withheld: [c] children" in result.output
        assert "national/aim-2.csv: Testshire: small figures shown as [c]" in result.output


def test_build_is_quiet_and_keeps_the_disclosure_report_beside_the_site(small_site: Path) -> None:
    (small_site / "content/authorities/testshire/newsletters/2019-04.md").unlink()  # one warning
    result = run(small_site, "build", "--out", str(small_site / "site"))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    warnings = lines[:-1]  # the warnings, then one summary line
    assert warnings and all(line.startswith("Warning: ") for line in warnings)
    assert any("Testshire has no newsletter yet" in line for line in warnings)
    assert re.search(rf"\d+ pages, \d+ charts?, \d+ figures? suppressed or withheld, {len(warnings)} warnings?, "
                     r"in \d+\.\d s", lines[-1])
    assert "Disclosure control:" not in result.output
    report = small_site / "site.disclosure.txt"
    assert "aim-2-progress.csv: chart withheld: [c] children" in report.read_text()
    assert not list((small_site / "site").rglob("*disclosure*"))  # not published


def test_the_disclosure_report_replaces_a_link_at_its_name_and_leaves_its_target_alone(small_site: Path) -> None:
    precious = small_site / "precious.txt"
    precious.write_text("mine")
    (small_site / "site.disclosure.txt").symlink_to(precious)
    assert run(small_site, "build", "--out", str(small_site / "site")).exit_code == 0
    assert precious.read_text() == "mine"
    assert not (small_site / "site.disclosure.txt").is_symlink()


def test_warnings_are_listed_and_strict_turns_them_into_errors(small_site: Path) -> None:
    (small_site / "content/authorities/testshire/newsletters/2019-04.md").unlink()
    result = run(small_site, "check")
    assert result.exit_code == 0
    assert "Warning: " in result.output and "Testshire has no newsletter yet" in result.output
    strict = run(small_site, "check", "--strict")
    assert strict.exit_code == 1
    assert "authority.md: Testshire has no newsletter yet" in strict.output


def test_a_free_page_may_not_take_an_address_the_site_uses(small_site: Path) -> None:
    (small_site / "content/pages/national.md").write_text("---\ntitle: National\n---\nText.\n")
    result = run(small_site, "check")
    assert result.exit_code == 1
    assert "national.md: the page name 'national' is already an address of the site" in result.output
