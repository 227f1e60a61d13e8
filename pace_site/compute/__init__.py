"""Figures from journeys: run chart points and rules, each aim's report as at a date, the national overview and the national figures pooled across authorities."""
