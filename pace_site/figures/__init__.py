"""Numbers from journeys, and nothing else: run chart rules, aims' metrics, pooled figures and PDSA markers.
No charts, no policy."""
