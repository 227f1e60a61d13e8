"""Statistical disclosure control: small counts are suppressed and marked [c].

Following the Government Statistical Service's practice: a count from 1 up to
the threshold is shown as [c]; where a reader could recover it by subtracting
the other figures from a total, further counts are suppressed (secondary
suppression) until the suppressed ones together reach the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESSED = "[c]"


PER_CHILD_POLICIES = ("withhold", "open")
ON_LEAK_POLICIES = ("protect", "fail")


@dataclass(frozen=True)
class DisclosurePolicy:
    threshold: int = 5  # counts from 1 to threshold - 1 are suppressed
    minimum: int = 5  # fewer children than this: no chart or percentage, a sentence instead
    enabled: bool = True
    # A chart of one mark per child lets a reader count children. "withhold": such a chart is not
    # published where it would undo a [c]; "open": it is, and the counts it shows are not marked [c].
    per_child: str = "withhold"
    # When the audit finds a [c] a reader could work out: "protect" withholds or suppresses more and
    # says so in the disclosure report; "fail" publishes nothing and names every leak.
    on_leak: str = "protect"

    @property
    def protects(self) -> bool:
        return self.enabled and self.on_leak == "protect"

    @property
    def protection(self) -> int:
        """How many values a suppressed count must still be able to take: as many as [c] itself allows."""
        return self.threshold - 1

    def is_small(self, count: int) -> bool:
        return self.enabled and 0 < count < self.threshold

    def enough(self, children: int) -> bool:
        return not self.enabled or children >= self.minimum

    @property
    def note(self) -> str:
        return (f"{SUPPRESSED}: a number from 1 to {self.threshold - 1}, not shown to protect children's privacy. "
                "Another figure may also be shown as [c] so that it cannot be worked out by subtraction.")

    @property
    def too_few(self) -> str:
        return (f"There are fewer than {self.minimum} children, too few to publish this chart or percentage "
                "without risk of identifying them.")

def suppress(counts: dict[str, int], policy: DisclosurePolicy) -> dict[str, bool]:
    """Which of a set of counts summing to a published total must be suppressed."""
    hidden = {name: policy.is_small(count) for name, count in counts.items()}
    if not any(hidden.values()):
        return hidden
    while True:
        hidden_total = sum(counts[name] for name in counts if hidden[name])
        if sum(hidden.values()) >= 2 and hidden_total >= policy.threshold:
            return hidden
        shown = sorted((count, name) for name, count in counts.items() if not hidden[name] and count > 0)
        if not shown:
            return hidden
        hidden[shown[0][1]] = True


def count_text(count: int, policy: DisclosurePolicy, hidden: bool = False) -> str:
    return SUPPRESSED if hidden or policy.is_small(count) else str(count)
