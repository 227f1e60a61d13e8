"""Disclosure control: the policy, what each aim may publish, and the attacker in the build that checks nothing hidden can be worked out."""
