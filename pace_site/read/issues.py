"""Newsletter issues: each authority's newsletters numbered in date order, and their neighbours.

An issue's number is its `issue:` front matter key when the author gives one (to carry on a
numbering begun on paper), otherwise one more than the issue before it; the first is issue 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from pace_site.model.content import Authority, Content, Newsletter
from pace_site.model.errors import Problems
from pace_site.read.fields import Fields


@dataclass(frozen=True)
class Issue:
    """One newsletter as an issue of its authority's series, with the paths of its pages."""

    authority: Authority
    newsletter: Newsletter
    number: int
    path: str        # the newsletter's page
    email_path: str  # its e-mail-ready page

    @property
    def example(self) -> bool:
        """Built from illustrative material: its pages carry the example notice."""
        return self.authority.is_example(self.newsletter)


def issue_number(fields: Fields) -> int | None:
    """The optional `issue:` key: a whole number from 1."""
    number = fields.number("issue", 1, 100_000, required=False)
    if number is not None and number != int(number):
        fields.problem("issue", f"expected 'issue' to be a whole number, such as 12, found '{fields.values['issue']}'")
    return int(number) if number is not None else None


def in_date_order(authority: Authority) -> list[Newsletter]:
    """Oldest first; two newsletters of one date keep the order of their file names."""
    return sorted(authority.newsletters, key=lambda n: (n.date, n.slug))


def issue_numbers(authority: Authority) -> dict[str, int]:
    """Each newsletter's issue number, by its slug."""
    numbers: dict[str, int] = {}
    previous = 0
    for newsletter in in_date_order(authority):
        previous = newsletter.issue or previous + 1
        numbers[newsletter.slug] = previous
    return numbers


def newsletter_path(slug: str, newsletter: str) -> str:
    return f"authorities/{slug}/newsletters/{newsletter}/index.html"


def email_path(slug: str, newsletter: str) -> str:
    return f"authorities/{slug}/newsletters/{newsletter}/email.html"


def authority_issues(authority: Authority) -> list[Issue]:
    """The authority's issues, newest first."""
    numbers = issue_numbers(authority)
    issues = [Issue(authority, n, numbers[n.slug], newsletter_path(authority.slug, n.slug),
                    email_path(authority.slug, n.slug)) for n in in_date_order(authority)]
    return issues[::-1]


def latest_issues(content: Content) -> list[Issue]:
    """Every authority's issues, newest first; on one date, by authority name."""
    issues = [issue for authority in content.authorities for issue in authority_issues(authority)]
    by_name = sorted(issues, key=lambda i: (i.authority.name, i.newsletter.slug))
    return sorted(by_name, key=lambda i: i.newsletter.date, reverse=True)


def check_issue_numbers(content: Content, problems: Problems) -> None:
    """An author's issue number must be higher than the one of the newsletter before it."""
    for authority in content.authorities:
        previous: Newsletter | None = None
        numbers = issue_numbers(authority)
        for newsletter in in_date_order(authority):
            if previous and newsletter.issue and newsletter.issue <= numbers[previous.slug]:
                problems.add(newsletter.source, newsletter.lines.get("issue"),
                             f"issue {newsletter.issue} comes after issue {numbers[previous.slug]} "
                             f"({previous.source.name}, {previous.date:%Y-%m-%d}): each issue's number must be "
                             "higher than the one before it, in date order")
            previous = newsletter
