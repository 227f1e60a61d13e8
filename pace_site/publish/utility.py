"""What a reader can still learn about each aim at each date: the other side of disclosure control.

A PACE lead and a data protection officer choose a policy by what it protects and what it still
lets the site say. For each authority, aim and as-at date this lists, from everything published
about the aim at that date (the same publications the audit reads), each count and percentage as
shown (a number, [c], or withheld with its chart) and whether each per-child chart is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pace_site.model.chart import Chart
from pace_site.model.disclosure import SUPPRESSED
from pace_site.model.formatting import format_day
from pace_site.model.labels import COHORT_ROW, HEADLINES, PROGRESS_PARTS
from pace_site.publish.audit import Publication

WITHHELD = "withheld"
COUNTS = ((COHORT_ROW, "Cohort"), *((label, short) for (label, _, _, _), short in
                                      zip(PROGRESS_PARTS, ("Met", "Late", "Waiting past", "Pending"), strict=True)))
PERCENTS = ((HEADLINES[1], "% of decided"), (HEADLINES[2], "% overall"))
PER_CHILD = (("run", "Run chart"), ("waiting", "Waiting chart"))
COLUMNS = tuple(short for _, short in COUNTS + PERCENTS + PER_CHILD)


@dataclass(frozen=True)
class Utility:
    """What one aim publishes at one date, column by column (COLUMNS)."""

    authority: str
    aim: str
    as_at: date
    cells: tuple[str, ...]

    @property
    def shown(self) -> int:
        """How many of the aim's figures and per-child charts a reader sees."""
        return sum(1 for cell in self.cells if cell not in (SUPPRESSED, WITHHELD, "–"))


def utility(publications: list[tuple[str, Publication]]) -> list[Utility]:
    """Each aim at each date, authority by authority, in date order."""
    rows = [Utility(p.authority, p.aim.id, p.as_at, cells(p)) for _, p in publications]
    return sorted(rows, key=lambda row: (row.authority, row.aim, row.as_at))


def cells(publication: Publication) -> tuple[str, ...]:
    table = next((c.table_rows for c in publication.charts if c.kind == "progress" and c.has_data), ())
    progress = {row[0]: row[1] for row in table}
    headlines = dict(publication.headlines)
    counts = tuple(progress.get(label, WITHHELD) for label, _ in COUNTS)
    percents = tuple(headlines.get(label, "–") for label, _ in PERCENTS)
    return counts + percents + tuple(per_child(publication.charts, kind) for kind, _ in PER_CHILD)


def per_child(charts: tuple[Chart, ...], kind: str) -> str:
    """'12 children' for a published per-child chart, 'withheld' for one that is not, '–' when there is none."""
    found = [chart for chart in charts if chart.kind == kind]
    if not found:
        return "–"
    shown = [chart for chart in found if chart.has_data]
    if not shown:
        return WITHHELD
    rows = len(shown[0].table_rows)
    return f"{rows} {'child' if rows == 1 else 'children'}"


def utility_table(rows: list[Utility]) -> list[str]:
    """The table as lines of text, with a closing line of how much is shown."""
    header = ("Authority", "Aim", "As at", *COLUMNS)
    body = [(row.authority, row.aim, format_day(row.as_at), *row.cells) for row in rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
             for line in [header, *body]]
    shown, every = sum(row.shown for row in rows), len(rows) * len(COLUMNS)
    return lines + [f"A reader sees {shown} of the {every} figures and per-child charts above "
                    f"({SUPPRESSED}: a small count hidden; withheld: not published with its chart; –: none to show)."]
