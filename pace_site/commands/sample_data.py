"""Invented journeys.csv rows: for the starter site and the scale benchmark, never for real data."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

# Days from one milestone to the next: (fewest, most), drawn uniformly.
STEPS = (("recommendation", (40, 420)), ("panel", (20, 120)), ("adm_decision", (5, 30)),
         ("application_lodged", (40, 300)), ("order_granted", (60, 300)))
ROUTES = ("kinship", "permanence_order", "adoption")
AGE_BANDS = ("0-4", "0-4", "5-11", "5-11", "12-15")
COLUMNS = ("accommodated", *(name for name, _ in STEPS), "route", "age_band")


def invented_journeys(children: int, first: date, as_at: date, seed: int) -> str:
    """A journeys.csv of `children` invented children accommodated from `first`, as known at `as_at`.

    Each child reaches the milestones in order; a milestone after `as_at` has not happened yet,
    so that child (and every later milestone) is still waiting.
    """
    chance = random.Random(seed)
    span = max((as_at - first).days - 30, 1)
    rows = sorted(_journey(chance, first + timedelta(days=chance.randrange(span)), as_at) for _ in range(children))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def _journey(chance: random.Random, accommodated: date, as_at: date) -> list[str]:
    cells, day = [accommodated.isoformat()], accommodated
    for _, (fewest, most) in STEPS:
        day += timedelta(days=chance.randint(fewest, most))
        cells.append(day.isoformat() if day <= as_at else "")
    reached_order = bool(cells[-1])
    cells.append(chance.choice(ROUTES) if reached_order else "")
    cells.append(chance.choice(AGE_BANDS))
    return cells
