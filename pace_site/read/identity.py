"""Recognising data that could identify a child, so that it is never kept, published or printed.

Two guards, used by `import` and by the journeys.csv loader alike:

- column names are matched against a broad list of identifying names, after folding case,
  punctuation, spaces and camelCase ("D.O.B.", "DateOfBirth", "child_id");
- every kept cell must come from what its column may hold (a date, or a declared
  vocabulary). Anything else is refused. `value_kind` only chooses the wording of the
  refusal ("looks like a CHI number"): the refused value itself is never repeated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Identifying column names, as folded words, and what each holds (for the message).
IDENTIFYING_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a name", ("name", "names", "forename", "forenames", "surname", "first name", "firstname", "last name",
                "lastname", "family name", "given name", "full name", "fullname", "middle name", "maiden name",
                "known as", "alias", "initials", "initial", "preferred name")),
    ("a date of birth", ("dob", "d o b", "date of birth", "birth date", "birthdate", "dateofbirth", "born",
                         "birthday", "birth", "due date", "edd")),
    ("a CHI, NHS or national insurance number", ("chi", "chi number", "chi no", "nhs", "nhs number", "nhs no",
                                                 "ni", "ni number", "ni no", "nino", "national insurance", "upn",
                                                 "uln", "scn", "candidate number", "pupil number", "passport")),
    ("a case or client reference", ("id", "ids", "identifier", "ref", "reference", "case", "case ref",
                                    "case number", "case no", "child id", "client id", "person id", "mosaic",
                                    "swift", "carefirst", "care first", "eclipse", "paris", "liquidlogic",
                                    "liquid logic", "lcs", "frameworki", "framework i", "azeus", "seemis",
                                    "record", "file number", "urn", "scra", "reporter ref")),
    ("an address or contact detail", ("address", "street", "road", "house", "flat", "town", "city", "village",
                                      "post code", "postcode", "zip", "phone", "telephone", "tel", "mobile",
                                      "email", "e mail", "location of child", "placement address")),
    ("a person involved with the child", ("worker", "social worker", "key worker", "keyworker", "practitioner",
                                          "allocated", "team manager", "manager", "carer", "carers", "foster",
                                          "parent", "parents", "mother", "father", "mum", "dad", "sibling",
                                          "siblings", "guardian", "family", "household", "relative", "gp",
                                          "doctor", "health visitor", "teacher", "solicitor", "lawyer",
                                          "reporter", "sheriff", "panel member")),
    ("free text", ("note", "notes", "comment", "comments", "detail", "details", "description", "reason",
                   "reasons", "free text", "narrative", "summary", "remarks", "history", "concerns",
                   "info", "information")),
    ("a personal characteristic", ("school", "nursery", "ethnic", "ethnicity", "religion", "faith", "gender",
                                   "sex", "nationality", "disability", "disabilities", "language", "asn",
                                   "diagnosis", "health", "legal status", "immigration", "uasc", "asylum")),
)
# Words that identify wherever they appear inside a name written without spaces ("ChildForename1").
IDENTIFYING_FRAGMENTS = ("forename", "surname", "firstname", "lastname", "fullname", "dateofbirth", "birth",
                         "postcode", "address", "telephone", "email", "worker", "comment", "initials",
                         "mosaic", "carefirst", "swift", "eclipse", "insurance", "practitioner", "nhsnumber",
                         "chinumber", "childid", "clientid", "personid", "caseref", "casenumber", "phone")

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def fold(name: str) -> str:
    """A name folded for matching: camelCase split, lower case, dots dropped, punctuation as spaces."""
    spaced = _CAMEL.sub(" ", name.strip())
    words = re.sub(r"[^a-z0-9]+", " ", spaced.lower().replace(".", "").replace("'", "").replace("\u2019", ""))
    return " ".join(words.split())


def _contains_phrase(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(words[i:i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def identifying_column(name: str) -> str | None:
    """What an identifying column name looks like it holds, or None."""
    folded = fold(name)
    words = folded.split()
    squashed = "".join(words)
    for what, phrases in IDENTIFYING_NAMES:
        if any(_contains_phrase(words, phrase) for phrase in phrases):
            return what
    for fragment in IDENTIFYING_FRAGMENTS:
        if fragment in squashed:
            return next(what for what, phrases in IDENTIFYING_NAMES
                        if any(fragment in p.replace(" ", "") for p in phrases))
    return None


# What a refused value looks like. Only the wording of a refusal depends on these.
_SEP = r"[\s-]?"
VALUE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    ("a CHI or NHS number", re.compile(rf"(?<!\d)\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}(?!\d)|"
                                       rf"(?<!\d)\d{{6}}{_SEP}\d{{4}}(?!\d)")),
    ("a national insurance number", re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)),
    ("a phone number", re.compile(r"(?<!\w)(\+44\s?|0)\d[\d\s-]{8,12}\d(?!\d)")),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)),
    ("a date", re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|"
                          r"jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\b", re.IGNORECASE)),
    ("a street address", re.compile(r"\b\d+[a-z]?,?\s+(\w+\s+){0,3}(street|st|road|rd|avenue|ave|drive|dr|lane|ln|"
                                    r"crescent|cres|place|pl|court|ct|terrace|gardens|gdns|way|close|park|square|"
                                    r"sq|wynd|brae|loan|row|view|grove|walk|green|vennel|gate)\b|\bflat\s+\d",
                                    re.IGNORECASE)),
    ("a case or client reference", re.compile(r"\b(?=[A-Z0-9/-]*\d)(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]+[/-]?[A-Z0-9/-]*\b|"
                                              r"(?<!\d)\d{5,}(?!\d)", re.IGNORECASE)),
    ("a person's name", re.compile(r"^(?i:mr|mrs|ms|miss|mx|dr)\.?\s|"
                                   r"^[A-Z][a-z'\u2019-]+(\s+([A-Z]\.?|[A-Z][a-z'\u2019-]+))*\s+[A-Z][a-zA-Z'\u2019-]+$|"
                                   r"^[A-Z]\.?\s?[A-Z]\.?$|^[A-Z][a-z'\u2019-]+,\s*[A-Z][a-z'\u2019-]+$")),
)
FREE_TEXT_WORDS = 4


def value_kind(text: str) -> str | None:
    """What kind of identifying value a cell looks like, or None. Never the value itself."""
    stripped = text.strip()
    found = next((what for what, pattern in VALUE_KINDS if pattern.search(stripped)), None)
    if found:
        return found
    if len(stripped.split()) >= FREE_TEXT_WORDS:
        return "free text"
    if re.fullmatch(r"[A-Z][a-z'\u2019-]+", stripped):
        return "a single capitalised word, perhaps a name"
    return None


def refusal(text: str, expected: str) -> str:
    """The message for a refused cell: what it looked like and what was expected, never the value."""
    kind = value_kind(text)
    seen = f"looks like {kind}; " if kind else ""
    return f"{seen}expected {expected} (the value is not repeated here)"


def date_refusal(text: str) -> str:
    """The message for a milestone cell that is not a date written YYYY-MM-DD."""
    if value_kind(text) == "a date":
        return "looks like a date written another way; expected a date like 2018-04-28 (YYYY-MM-DD), or blank"
    return refusal(text, "a date like 2018-04-28 (YYYY-MM-DD), or blank if not reached yet")


def looks_like_data(header: list[str]) -> bool:
    """Whether a header line holds values rather than column names (an export without its header)."""
    kinds = {"a date", "a CHI or NHS number", "an e-mail address", "a postcode", "a phone number",
             "a national insurance number"}
    return any(value_kind(cell) in kinds for cell in header)


@dataclass(frozen=True)
class Vocabulary:
    """What a kept text column may hold: a fixed list, declared in site.yml or authority.md."""

    column: str  # the journeys.csv column
    values: tuple[str, ...]
    declared_in: str  # for the message: "site.yml's routes"
    aliases: dict[str, str] = field(default_factory=dict)  # folded label -> value, accepted by import
    by_words: bool = True  # import may match ignoring punctuation ("Skye & Lochalsh"); age bands only ignore spaces

    def expected(self) -> str:
        listed = ", ".join(self.values)
        return f"one of {self.declared_in} ({listed})" if listed else f"one of {self.declared_in} (none are declared)"

    def exact(self, text: str) -> str | None:
        """The value when written exactly as declared (the journeys.csv contract)."""
        return text if text in self.values else None

    def loose(self, text: str) -> str | None:
        """The declared value a tracker's cell means, ignoring case, spaces and punctuation."""
        if not self.by_words:
            return next((v for v in self.values if v.lower() == "".join(text.split()).lower()), None)
        folded = {fold(v): v for v in self.values} | self.aliases
        squashed = {k.replace(" ", ""): v for k, v in folded.items()}
        return folded.get(fold(text)) or squashed.get(fold(text).replace(" ", ""))
