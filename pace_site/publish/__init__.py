"""What the site publishes about the figures, made safe: charts and sentences, suppression, the protect loop and
the attacker that audits it."""
