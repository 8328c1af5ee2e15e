"""The notes folder, read into closed, typed models.

Everything an instructor writes is validated here: unknown keys are errors, renamed keys say what
they were renamed to, and every problem names the file and line. Cross-references (glossary terms,
bibliography keys, paragraph ids) are checked in `check_references` once the whole folder is read.

Layout of the folder (see notes/README.md, written for instructors):
    article.yml               structure map: metadata, parts, and per paragraph a locator + summary
    annotations/*.yml         notes, grouped by paragraph id
    glossary.yml              glossary entries, keyed by id
    references.yml            the bibliography, in CSL-YAML (read by citeproc-py)
    timeline.yml, people.yml, study.yml
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from annotated.errors import InputError, Problem, display_path

Kind = Literal["theory", "person", "place", "event", "organisation", "term", "question"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

# Keys people are likely to write from habit or from an older version of this format.
RENAMED: dict[str, str] = {
    "quote": "phrase",
    "text": "body",
    "note": "body",
    "type": "kind",
    "refs": "sources",
    "references": "sources",
    "citations": "sources",
    "terms": "glossary",
    "prefix": "before",
    "suffix": "after",
    "occurence": "occurrence",
    "nth": "occurrence",
}


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def slugify(text: str) -> str:
    """A readable, stable id: 'Treaty of Allied Relations' -> 'treaty-of-allied-relations'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def check_lang(value: str) -> str:
    """A BCP 47 language code ("uz", "ru", "uz-Cyrl"), as HTML's lang attribute wants."""
    if value and not _LANG.fullmatch(value):
        raise ValueError(f'"{value}" is not a language code; write a short code such as "uz"')
    return value


# --- the structure map --------------------------------------------------------------------------


class ArticleFacts(Closed):
    title: str
    subtitle: str = ""
    authors: list[str]
    journal: str
    year: int
    volume: str
    issue: str
    first_page: int
    last_page: int
    doi: str
    publisher: str = ""
    published_date: str = ""
    bib_key: str  # the article's own key in references.yml

    @field_validator("volume", "issue", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v

    @field_validator("published_date", mode="before")
    @classmethod
    def _date_as_text(cls, v: Any) -> Any:
        # YAML reads an unquoted 2007-06-01 as a date; keep it as the ISO text it was written as.
        return v.isoformat() if hasattr(v, "isoformat") else v


class BlockMap(Closed):
    id: str
    type: Literal["abstract", "keywords", "epigraph", "heading", "paragraph"] = "paragraph"
    locator: str = Field(min_length=1)  # the block's first few words, as printed
    pages: list[int] = Field(min_length=1)
    summary: str = ""  # our words; the companion edition shows it
    # Language of the block's original-language lines (an epigraph's verse), e.g. "uz", so that
    # screen readers pronounce them right; the page's own language is English.
    lang: str = ""

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        return check_lang(v)


class PartMap(Closed):
    id: str
    title: str
    heading: str = ""  # the heading as printed in the article, when the part has one
    blocks: list[BlockMap] = Field(min_length=1)
    excerpt_ends: bool = False  # the excerpt stops inside this part


class StructureMap(Closed):
    metadata: ArticleFacts
    parts: list[PartMap] = Field(min_length=1)

    def blocks(self) -> list[BlockMap]:
        return [b for p in self.parts for b in p.blocks]

    def part_of(self, block_id: str) -> PartMap:
        return next(p for p in self.parts if any(b.id == block_id for b in p.blocks))


# --- notes, glossary, timeline, people, study ---------------------------------------------------


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

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        return check_lang(v) if v is not None else v

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


class TimelineEvent(Closed):
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    title: str
    body: str = ""
    sources: list[str] = Field(min_length=1)
    notes: list[str] = []  # note ids that mention the event
    conflict: str | None = None  # what the sources disagree on, said plainly

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


class StudyQuestion(Closed):
    question: str
    level: Literal["recall", "understanding", "analysis", "argument"]
    passages: list[str] = Field(min_length=1)  # paragraph ids or note ids


class StudyPage(Closed):
    part: str  # a part id of the structure map
    questions: list[StudyQuestion] = Field(min_length=1)


class StudyGuide(Closed):
    before_you_read: str
    pages: list[StudyPage]


@dataclass
class Notes:
    """The whole notes folder, read and validated."""

    root: Path
    structure: StructureMap
    notes: list[LocatedNote]
    glossary: dict[str, GlossaryEntry]
    references: list[dict[str, Any]]  # CSL-JSON items
    timeline: list[TimelineEvent] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    study: StudyGuide | None = None
    # file:line of each entry, for messages about cross-references.
    lines: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    @property
    def reference_keys(self) -> set[str]:
        return {r["id"] for r in self.references}


# --- reading YAML with line numbers -------------------------------------------------------------


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present
    """A safe loader that remembers the line of every mapping, under the key `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    # Line of each key too, so an unknown key is reported where it is written.
    mapping["__keylines__"] = {
        k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay the text they were written as (2005-11-14): the models want ISO text, and an
# impossible date (2005-13-45) must be a clear message, not a crash inside the YAML reader.
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def read_yaml(path: Path) -> Any:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem(shown, "file not found")) from None
    except UnicodeDecodeError as e:
        raise InputError(Problem(shown, f"not UTF-8 text (byte {e.start})")) from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = (e.problem or e.context or "YAML syntax error").strip()
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(Problem(shown, f"YAML syntax error: {what}", line, col)) from None


def strip_lines(data: Any) -> Any:
    """The data without our bookkeeping keys, as plain YAML would have given it."""
    if isinstance(data, dict):
        return {k: strip_lines(v) for k, v in data.items() if k not in ("__line__", "__keylines__")}
    if isinstance(data, list):
        return [strip_lines(v) for v in data]
    return data


def validate(model: type[BaseModel], data: Any, path: str, where: str = "") -> Any:
    """Validate `data` against `model`; turn pydantic's errors into file:line problems."""
    line = data.get("__line__") if isinstance(data, dict) else None
    keylines = data.get("__keylines__", {}) if isinstance(data, dict) else {}
    problems: list[Problem] = []
    if isinstance(data, dict):
        fields = model.model_fields
        for key in data:
            if key in ("__line__", "__keylines__") or key in fields:
                continue
            kline = keylines.get(key, line)
            if key in RENAMED and RENAMED[key] in fields:
                msg = f'{where}key "{key}" was renamed to "{RENAMED[key]}"'
            else:
                near = _nearest(str(key), list(fields))
                msg = f'{where}unknown key "{key}"' + (f' (did you mean "{near}"?)' if near else "")
                msg += f"; allowed: {', '.join(fields)}"
            problems.append(Problem(path, msg, kline))
    if problems:
        raise InputError(problems)
    try:
        return model.model_validate(strip_lines(data))
    except ValidationError as e:
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            field_line = _line_at(data, err["loc"], line)
            if err["type"] == "missing":
                msg = f'{where}missing field "{loc}"'
            else:
                text = err["msg"].removeprefix("Value error, ")
                msg = f"{where}{loc}: {text}"
                if "input" in err and not isinstance(err["input"], dict | list):
                    msg += f" (got {err['input']!r})"
            problems.append(Problem(path, msg, field_line))
        raise InputError(problems) from None


def _line_at(data: Any, loc: tuple[Any, ...], line: int | None) -> int | None:
    """The line of the innermost key on the path `loc` (pages.0.questions.1.level)."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            line = data.get("__keylines__", {}).get(part, line)
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
            if isinstance(data, dict):
                line = data.get("__line__", line)
        else:
            break
    return line


def _nearest(word: str, choices: list[str]) -> str | None:
    from rapidfuzz import process

    best = process.extractOne(word, choices, score_cutoff=60)
    return best[0] if best else None


# --- reading the folder -------------------------------------------------------------------------


def load_structure(root: Path) -> StructureMap:
    path = root / "article.yml"
    return validate(StructureMap, read_yaml(path), display_path(path))


def block_lines(root: Path) -> dict[tuple[str, str], tuple[str, int]]:
    """("block", id) -> where the block is written in article.yml (for its summary's links)."""
    path = root / "article.yml"
    data, shown = read_yaml(path), display_path(path)
    found = {}
    for part in data.get("parts", []) if isinstance(data, dict) else []:
        for block in part.get("blocks", []) if isinstance(part, dict) else []:
            if isinstance(block, dict) and "id" in block:
                line = block["__keylines__"].get("summary", block["__line__"])
                found[("block", str(block["id"]))] = (shown, line)
    return found


def load_annotations(root: Path, structure: StructureMap) -> list[LocatedNote]:
    """Every note under annotations/, in file order; files are mappings paragraph-id -> notes."""
    block_ids = [b.id for b in structure.blocks()]
    located: list[LocatedNote] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for path in sorted((root / "annotations").glob("*.yml")):
        shown = display_path(path)
        data = read_yaml(path) or {}
        if not isinstance(data, dict):
            problems.append(Problem(shown, "expected paragraph ids, each with a list of notes", 1))
            continue
        keylines = data.get("__keylines__", {})
        for para, items in strip_keys(data).items():
            pline = keylines.get(para, 1)
            if para not in block_ids:
                near = _nearest(str(para), block_ids)
                hint = f' (did you mean "{near}"?)' if near else ""
                problems.append(Problem(shown, f'unknown paragraph "{para}"{hint}', pline))
                continue
            if not isinstance(items, list):
                problems.append(Problem(shown, f'"{para}" must hold a list of notes', pline))
                continue
            for i, raw in enumerate(items, 1):
                if not isinstance(raw, dict):
                    problems.append(Problem(shown, f"{para} note {i}: expected keys", pline))
                    continue
                try:
                    note = validate(Note, raw, shown, f"{para} note {i}: ")
                except InputError as e:
                    problems.extend(e.problems)
                    continue
                nid = note.id or slugify(note.phrase)
                line = raw["__line__"]
                if nid in seen:
                    first = seen[nid]
                    problems.append(
                        Problem(
                            shown,
                            f'duplicate note id "{nid}" (first at {first[0]}:{first[1]}); '
                            'give one of them an "id"',
                            raw["__keylines__"].get("id", line),
                        )
                    )
                    continue
                seen[nid] = (shown, line)
                located.append(
                    LocatedNote(nid, para, note, shown, line, keys=dict(raw["__keylines__"]))
                )
    if problems:
        raise InputError(problems)
    return located


def strip_keys(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("__line__", "__keylines__")}


def load_mapping(path: Path, model: type[BaseModel]) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML file that maps ids to entries of `model`; returns entries and their lines."""
    if not path.exists():
        return {}, {}
    shown = display_path(path)
    data = read_yaml(path) or {}
    entries: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key, raw in strip_keys(data).items():
        line = data["__keylines__"].get(key, 1)
        if not isinstance(raw, dict):
            problems.append(Problem(shown, f'"{key}": expected keys', line))
            continue
        try:
            entries[str(key)] = validate(model, raw, shown, f"{key}: ")
            lines[str(key)] = line
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return entries, lines


def load_list(path: Path, model: type[BaseModel]) -> tuple[list[Any], list[int]]:
    if not path.exists():
        return [], []
    shown = display_path(path)
    data = read_yaml(path) or []
    if not isinstance(data, list):
        raise InputError(Problem(shown, "expected a list of entries", 1))
    items, lines, problems = [], [], []
    for i, raw in enumerate(data, 1):
        try:
            items.append(validate(model, raw, shown, f"entry {i}: "))
            lines.append(raw.get("__line__", 1) if isinstance(raw, dict) else 1)
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return items, lines


def load_references(root: Path) -> list[dict[str, Any]]:
    """The bibliography as CSL-JSON items (CSL-YAML on disk, the format pandoc also reads)."""
    path = root / "references.yml"
    shown = display_path(path)
    data = read_yaml(path) or []
    if isinstance(data, dict) and "references" in data:
        data = data["references"]
    if not isinstance(data, list):
        raise InputError(Problem(shown, "expected a list of CSL-YAML references", 1))
    problems, seen = [], {}
    for raw in data:
        line = raw.get("__line__", 1) if isinstance(raw, dict) else 1
        if not isinstance(raw, dict) or "id" not in raw or "type" not in raw:
            problems.append(Problem(shown, 'each reference needs at least "id" and "type"', line))
            continue
        if raw["id"] in seen:
            problems.append(Problem(shown, f'duplicate reference id "{raw["id"]}"', line))
        seen[raw["id"]] = line
    if problems:
        raise InputError(problems)
    return [strip_lines(r) for r in data]


def load_notes(root: Path) -> Notes:
    """Read and cross-check the whole notes folder; raises InputError listing every problem."""
    structure = load_structure(root)
    notes = load_annotations(root, structure)
    glossary, glines = load_mapping(root / "glossary.yml", GlossaryEntry)
    actors, alines = load_mapping(root / "people.yml", Actor)
    timeline, tlines = load_list(root / "timeline.yml", TimelineEvent)
    references = load_references(root)
    study = None
    if (root / "study.yml").exists():
        spath = root / "study.yml"
        study = validate(StudyGuide, read_yaml(spath), display_path(spath))
    lines = {("glossary", k): (display_path(root / "glossary.yml"), v) for k, v in glines.items()}
    lines |= {("people", k): (display_path(root / "people.yml"), v) for k, v in alines.items()}
    tpath = display_path(root / "timeline.yml")
    lines |= {("timeline", str(i)): (tpath, v) for i, v in enumerate(tlines, 1)}
    lines |= block_lines(root)
    result = Notes(root, structure, notes, glossary, references, timeline, actors, study, lines)
    check_references(result)
    return result


def check_references(n: Notes) -> None:
    """Every glossary id, bibliography key, note id and paragraph id that is named must exist."""
    problems: list[Problem] = []
    keys = sorted(n.reference_keys)
    terms = sorted(n.glossary)
    note_ids = sorted(x.id for x in n.notes)
    block_ids = [b.id for b in n.structure.blocks()]

    def missing(kind: str, name: str, pool: list[str], path: str, line: int) -> None:
        near = _nearest(name, pool)
        hint = f' (did you mean "{near}"?)' if near else ""
        problems.append(Problem(path, f'unknown {kind} "{name}"{hint}', line))

    if n.structure.metadata.bib_key not in n.reference_keys:
        missing(
            "bibliography key",
            n.structure.metadata.bib_key,
            keys,
            display_path(n.root / "article.yml"),
            1,
        )
    for ln in n.notes:
        for k in ln.note.sources:
            if k not in n.reference_keys:
                missing("bibliography key", k, keys, ln.path, ln.line_of("sources"))
        for t in ln.note.glossary:
            if t not in n.glossary:
                missing("glossary term", t, terms, ln.path, ln.line_of("glossary"))
    for gid, g in n.glossary.items():
        path, line = n.lines[("glossary", gid)]
        for k in [*g.sources, *g.works]:
            if k not in n.reference_keys:
                missing("bibliography key", k, keys, path, line)
        for t in g.related:
            if t not in n.glossary:
                missing("glossary term", t, terms, path, line)
    for aid, a in n.actors.items():
        path, line = n.lines[("people", aid)]
        for k in a.sources:
            if k not in n.reference_keys:
                missing("bibliography key", k, keys, path, line)
        for x in a.notes:
            if x not in note_ids:
                missing("note id", x, note_ids, path, line)
        for t in a.glossary:
            if t not in n.glossary:
                missing("glossary term", t, terms, path, line)
    for i, ev in enumerate(n.timeline, 1):
        tpath, tline = n.lines[("timeline", str(i))]
        for k in ev.sources:
            if k not in n.reference_keys:
                missing("bibliography key", k, keys, tpath, tline)
        for x in ev.notes:
            if x not in note_ids:
                missing("note id", x, note_ids, tpath, tline)
    if n.study:
        spath = display_path(n.root / "study.yml")
        parts = [p.id for p in n.structure.parts]
        for page in n.study.pages:
            if page.part not in parts:
                missing("part", page.part, parts, spath, 1)
            for q in page.questions:
                for x in q.passages:
                    if x not in block_ids and x not in note_ids:
                        missing("passage", x, block_ids + note_ids, spath, 1)
    if problems:
        raise InputError(problems)
