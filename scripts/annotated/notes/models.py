"""Closed, typed models of every notes file (the structure map's is in annotated.structure).

Unknown keys are errors (schema.Closed); ids and keys are slugs, so that they make valid HTML ids
and URLs. references.yml is CSL-YAML: its model lists the CSL 1.0.2 variables, by their CSL names.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator

from annotated.errors import nearest_name
from annotated.schema import Closed, check_lang, slugify
from annotated.structure import StructureMap

Kind = Literal["theory", "person", "place", "event", "organisation", "term", "question"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_RULE = "lower-case letters a-z, digits and single hyphens"


def check_slug(value: str) -> str:
    """An id or key as it will appear in URLs and HTML ids."""
    if not SLUG.fullmatch(value):
        hint = slugify(value)
        example = f' (for example "{hint}")' if hint else ""
        raise ValueError(f'"{value}" is not a valid id: use only {SLUG_RULE}{example}')
    return value


GLOSS_MAX = 60  # characters: about what a closed entry shows beside its number and kind


class Note(Closed):
    phrase: str = Field(min_length=1)  # exact words of the text, a few of them
    kind: Kind
    body: str  # Markdown; a blank body is refused by _body_not_blank below
    sources: list[str] = Field(min_length=1)  # keys into references.yml
    glossary: list[str] = []  # glossary ids
    before: str | None = None  # words just before the phrase, to choose between repeats
    after: str | None = None  # words just after it
    occurrence: int | None = Field(default=None, ge=1)  # or: the n-th occurrence (1-based)
    id: str | None = None  # stable id; derived from the phrase when absent
    # Language of the phrase when it is not English (e.g. "uz"): the companion edition, which
    # has no text to inherit it from, marks the quoted phrase with it.
    lang: str | None = None
    # A short title for the note's one-line entry in the wide margin (plain words); without it
    # the entry shows the body's first words.
    gloss: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        return check_slug(v) if v is not None else v

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        return check_lang(v) if v is not None else v

    @field_validator("gloss")
    @classmethod
    def _gloss(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = v.strip()
        if not v:
            raise ValueError("the gloss is empty; leave it out to show the body's first words")
        if "\n" in v:
            raise ValueError("the gloss is more than one line; the margin gives it one")
        if len(v) > GLOSS_MAX:
            raise ValueError(f"the gloss has {len(v)} characters; at most {GLOSS_MAX} fit")
        return v

    @field_validator("body")
    @classmethod
    def _body_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the note's body is empty")
        return v


@dataclass(frozen=True)
class LocatedNote:
    """A note with where it was written and which paragraph it belongs to."""

    id: str
    paragraph: str
    note: Note
    path: str
    line: int
    number: int = 0  # 1-based order in the reading, set once anchored
    # Line of each key, so a problem with `glossary:` or `body:` points at that very line.
    keys: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.keys.get(key, self.line)


class GlossaryEntry(Closed):
    term: str
    aliases: list[str] = []
    definition: str
    authors: list[str] = []  # "Stephen M. Walt"
    works: list[str] = []  # keys into references.yml
    application: str  # how the term applies to this case
    related: list[str] = []  # other glossary ids
    sources: list[str] = Field(min_length=1)


_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class TimelineEvent(Closed):
    date: str = Field(pattern=_DATE)  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = Field(default=None, pattern=_DATE)
    title: str
    body: str = ""
    sources: list[str] = Field(min_length=1)
    notes: list[str] = []  # note ids that mention the event
    conflict: str | None = None  # what the sources disagree on, said plainly

    @field_validator("date", "end", mode="before")
    @classmethod
    def _year_as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("date", "end")
    @classmethod
    def _real_date(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parts = [int(x) for x in v.split("-")]
        try:
            datetime.date(parts[0], *[*parts[1:], 1, 1][:2])
        except ValueError:
            raise ValueError(f"{v} is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
        return v


class Actor(Closed):
    name: str
    kind: Literal["person", "organisation", "place"]
    summary: str
    sources: list[str] = Field(min_length=1)
    notes: list[str] = []
    glossary: list[str] = []


Level = Literal["recall", "understanding", "analysis", "argument"]
# A question's level as the study guide and the LMS exports name it, from recall to argument.
LEVELS: dict[str, str] = {
    "recall": "Recall",
    "understanding": "Understanding",
    "analysis": "Analysis",
    "argument": "Argument",
}


class StudyQuestion(Closed):
    question: str
    level: Level
    passages: list[str] = Field(min_length=1)  # paragraph ids or note ids


class StudyPage(Closed):
    part: str  # a part id of the structure map
    questions: list[StudyQuestion] = Field(min_length=1)


class StudyGuide(Closed):
    before_you_read: str
    pages: list[StudyPage]


# --- references.yml: CSL-YAML ------------------------------------------------------------------

CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)  # fmt: skip


class CslName(Closed):
    family: str = ""
    given: str = ""
    literal: str = ""  # an organisation, or a name that is not split into parts
    suffix: str = ""
    dropping_particle: str = Field("", alias="dropping-particle")
    non_dropping_particle: str = Field("", alias="non-dropping-particle")


class CslDate(Closed):
    date_parts: list[list[int]] = Field(default=[], alias="date-parts")
    literal: str = ""
    raw: str = ""
    season: int | str | None = None
    circa: bool | int | str | None = None


def _has_year(date: dict[str, Any]) -> bool:
    parts = date.get("date-parts")
    return (
        isinstance(parts, list)
        and bool(parts)
        and isinstance(parts[0], list)
        and bool(parts[0])
        and isinstance(parts[0][0], int)
        and not isinstance(parts[0][0], bool)
    )


# CSL allows `issued: 2007` and `issued: 2007-06-01` in YAML; annotated.citations expands them.
CslDateValue = CslDate | int | str
Number = int | str


class Reference(Closed):
    """One CSL item. Only the variables of CSL 1.0.2 are allowed, spelt as CSL spells them."""

    id: str
    type: str
    title: str = ""
    title_short: str = Field("", alias="title-short")
    original_title: str = Field("", alias="original-title")
    container_title: str = Field("", alias="container-title")
    container_title_short: str = Field("", alias="container-title-short")
    collection_title: str = Field("", alias="collection-title")
    author: list[CslName] = []
    editor: list[CslName] = []
    translator: list[CslName] = []
    container_author: list[CslName] = Field([], alias="container-author")
    collection_editor: list[CslName] = Field([], alias="collection-editor")
    issued: CslDateValue | None = None
    accessed: CslDateValue | None = None
    original_date: CslDateValue | None = Field(None, alias="original-date")
    volume: Number | None = None
    issue: Number | None = None
    page: Number | None = None
    number: Number | None = None
    number_of_pages: Number | None = Field(None, alias="number-of-pages")
    edition: Number | None = None
    section: str = ""
    publisher: str = ""
    publisher_place: str = Field("", alias="publisher-place")
    genre: str = ""
    medium: str = ""
    event: str = ""
    event_place: str = Field("", alias="event-place")
    authority: str = ""
    archive: str = ""
    archive_location: str = ""
    language: str = ""
    abstract: str = ""
    note: str = ""
    DOI: str = ""
    ISBN: str = ""
    ISSN: str = ""
    URL: str = ""

    @field_validator("issued", "accessed", "original_date", mode="before")
    @classmethod
    def _csl_date(cls, v: Any) -> Any:
        # citeproc-py needs a year: `2007`, `2007-06-01` or date-parts; a bare `true` or an empty
        # date would crash it, so they are refused here with the forms that work.
        ok = (
            (isinstance(v, int) and not isinstance(v, bool) and 0 < v < 10_000)
            or (isinstance(v, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v.strip()))
            or (isinstance(v, dict) and (v.get("literal") or v.get("raw") or _has_year(v)))
        )
        if not ok:
            raise ValueError(f"{v!r} is not a date: write 2007, 2007-06 or 2007-06-01")
        return v

    @field_validator("type")
    @classmethod
    def _csl_type(cls, v: str) -> str:
        if v not in CSL_TYPES:
            near = nearest_name(v, list(CSL_TYPES))
            hint = f'did you mean "{near}"?' if near else 'for example "book" or "article-journal"'
            raise ValueError(f'"{v}" is not a CSL item type ({hint})')
        return v


# --- the whole folder --------------------------------------------------------------------------


@dataclass
class Notes:
    """The whole notes folder, read and validated."""

    root: Path
    structure: StructureMap
    notes: list[LocatedNote]
    glossary: dict[str, GlossaryEntry]
    references: list[dict[str, Any]]  # CSL-JSON items, as written
    timeline: list[TimelineEvent] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    study: StudyGuide | None = None
    # file:line of each entry and field, for messages about cross-references: keys such as
    # ("glossary", "hedging") for an entry, ("glossary", "hedging", "related") for its field.
    lines: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)

    @property
    def reference_keys(self) -> set[str]:
        return {r["id"] for r in self.references}

    def where(self, *key: str) -> tuple[str, int]:
        """file:line of an entry's field, falling back to the entry (then the file's first line)."""
        for n in range(len(key), 0, -1):
            if key[:n] in self.lines:
                return self.lines[key[:n]]
        raise KeyError(key)
