"""Recognising data that could identify a child, so that it is never published."""

from __future__ import annotations

import re

# Column names that identify a person, and what each is, for the error message.
IDENTIFYING_COLUMNS = (
    (r"(first|fore|sur|last|family|given|full|child'?s?)[ _-]*name|^name$|^names?\b", "a name"),
    (r"\bdob\b|date[ _-]*of[ _-]*birth|birth[ _-]*date|^born$|birthday", "a date of birth"),
    (r"\bchi\b|chi[ _-]*(no|number)|nhs[ _-]*(no|number)", "a CHI or NHS number"),
    (r"case[ _-]*(ref|reference|no|number|id)|client[ _-]*(ref|id|no|number)|person[ _-]*id|^id$|^ref$|swift|carefirst",
     "a case or client reference"),
    (r"address|street|house|post[ _-]*code|zip", "an address or postcode"),
    (r"worker|practitioner|allocated|team[ _-]*manager|email|e-mail|phone|mobile|telephone", "a worker or contact detail"),
    (r"note|comment|detail|description|reason|free[ _-]*text|narrative", "free text"),
    (r"school|gp\b|doctor|ethnic|religion|gender|sex\b|nationality", "a personal characteristic"),
)

CHI_LIKE = re.compile(r"(?<!\d)\d{10}(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
FREE_TEXT_WORDS = 5


def identifying_column(name: str) -> str | None:
    """What an identifying column name looks like it holds, or None."""
    lowered = name.strip().lower()
    return next((what for pattern, what in IDENTIFYING_COLUMNS if re.search(pattern, lowered)), None)


def identifying_value(text: str) -> str | None:
    """What an identifying cell value looks like, or None. The value itself is never repeated."""
    if CHI_LIKE.search(text):
        return "a CHI-like 10-digit number"
    if EMAIL.search(text):
        return "an e-mail address"
    if POSTCODE.search(text):
        return "a postcode"
    if len(text.split()) >= FREE_TEXT_WORDS:
        return "free text"
    return None
