"""The notes folder read file by file into the models, every entry with its file and line.

Layout of the folder (see notes/README.md, written for instructors):
    article.yml               structure map: metadata, parts, and per paragraph a locator + summary
    annotations/*.yml         notes, grouped by paragraph id
    glossary.yml              glossary entries, keyed by id
    references.yml            the bibliography, in CSL-YAML (read by citeproc-py)
    timeline.yml, people.yml, study.yml
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from annotated.citations import reference_warnings
from annotated.errors import InputError, Problem, display_path, nearest_name
from annotated.notes.crossrefs import check_references
from annotated.notes.messages import shape, validate
from annotated.notes.models import (
    Actor,
    GlossaryEntry,
    LocatedNote,
    Note,
    Notes,
    Reference,
    StudyGuide,
    TimelineEvent,
    check_slug,
)
from annotated.notes.values import check_values
from annotated.notes.yaml_source import Document, ParseMemo, read_yaml
from annotated.schema import slugify
from annotated.structure import StructureMap

M = TypeVar("M", bound=BaseModel)
Lines = dict[tuple[str, ...], tuple[str, int]]
Read = Callable[[Path], Document]  # a YAML file, parsed (read_yaml, or through a ParseMemo)
Warn = Callable[[dict[str, Any]], list[str]]  # citeproc-py's warnings about a reference


def load_structure(root: Path) -> StructureMap:
    return _structure(read_yaml(root / "article.yml"))


def _structure(doc: Document) -> StructureMap:
    structure = validate(StructureMap, doc)
    problems = []
    for i, part in enumerate(structure.parts):
        problems += _slug_problem(doc, part.id, ("parts", i, "id"))
        for j, block in enumerate(part.blocks):
            problems += _slug_problem(doc, block.id, ("parts", i, "blocks", j, "id"))
    if problems:
        raise InputError(problems)
    return structure


def _slug_problem(doc: Document, value: str, loc: tuple[str | int, ...]) -> list[Problem]:
    try:
        check_slug(value)
    except ValueError as e:
        return [Problem(doc.path, str(e), doc.line(*loc))]
    return []


def _block_lines(doc: Document, structure: StructureMap) -> Lines:
    """("block", id) -> where its summary is written (for the summary's links); ("block", id,
    "locator") -> where its locator is."""
    lines: Lines = {}
    for i, p in enumerate(structure.parts):
        for j, b in enumerate(p.blocks):
            lines[("block", b.id)] = (doc.path, doc.line("parts", i, "blocks", j, "summary"))
            at = doc.line("parts", i, "blocks", j, "locator")
            lines[("block", b.id, "locator")] = (doc.path, at)
    return lines


def load_annotations(
    root: Path, structure: StructureMap, read: Read = read_yaml
) -> list[LocatedNote]:
    """Every note under annotations/, in file order; files are mappings paragraph-id -> notes."""
    block_ids = [b.id for b in structure.blocks()]
    located: list[LocatedNote] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    folder = root / "annotations"
    if folder.exists() and not folder.is_dir():
        msg = "not a folder; notes/annotations/ holds one .yml file of notes per part"
        raise InputError(Problem(display_path(folder), msg))
    for path in sorted(folder.glob("*.yml")):
        try:
            doc = read(path)
        except InputError as e:
            problems += e.problems
            continue
        if doc.data is None:
            # Said here, at the file: else every link to its notes fails in other files.
            part = next((p for p in structure.parts if p.id == path.stem), None)
            ids = [b.id for b in part.blocks if b.type != "heading"] if part else block_ids
            example = ids[0] if ids else "intro-1"
            msg = (
                f"the file is empty: no notes; write them under their paragraph ids "
                f"({example}: …), or delete the file"
            )
            problems.append(Problem(doc.path, msg, 1))
            continue
        data = doc.data
        if not isinstance(data, dict):
            msg = f"expected paragraph ids, each with a list of notes; got {shape(data)}"
            problems.append(Problem(doc.path, msg, doc.line()))
            continue
        for para, items in data.items():
            pline = doc.line(para)
            if para not in block_ids:
                near = nearest_name(str(para), block_ids)
                hint = f' (did you mean "{near}"?)' if near else ""
                problems.append(Problem(doc.path, f'unknown paragraph "{para}"{hint}', pline))
                continue
            if not isinstance(items, list):
                msg = f'"{para}" must hold a list of notes; got {shape(items)}'
                problems.append(Problem(doc.path, msg, pline))
                continue
            for i, raw in enumerate(items):
                try:
                    note = validate(Note, doc, (para, i), f"{para} note {i + 1}: ")
                except InputError as e:
                    problems += e.problems
                    continue
                nid = note.id or slugify(note.phrase)
                line = doc.line(para, i)
                keys = {str(k): doc.line(para, i, k) for k in raw}
                if nid in seen:
                    first = seen[nid]
                    msg = (
                        f'duplicate note id "{nid}" (first at {first[0]}:{first[1]}); '
                        'give one of them an "id"'
                    )
                    problems.append(Problem(doc.path, msg, keys.get("id", line)))
                    continue
                seen[nid] = (doc.path, line)
                located.append(LocatedNote(nid, para, note, doc.path, line, keys=keys))
    if problems:
        raise InputError(problems)
    return located


def load_mapping(
    path: Path, model: type[M], kind: str, read: Read = read_yaml
) -> tuple[dict[str, M], Lines]:
    """A YAML file that maps ids to entries of `model`; the entries and the line of each field."""
    if not path.exists():
        return {}, {}
    doc = read(path)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        msg = f"expected entries keyed by id (hedging: …), got {shape(data)}"
        raise InputError(Problem(doc.path, msg, doc.line()))
    entries: dict[str, M] = {}
    lines: Lines = {}
    problems: list[Problem] = []
    for key in data:
        problems += _slug_problem(doc, str(key), (key,))
        try:
            entries[str(key)] = validate(model, doc, (key,), f"{key}: ")
        except InputError as e:
            problems += e.problems
            continue
        lines[(kind, str(key))] = (doc.path, doc.line(key))
        for name in data[key]:
            lines[(kind, str(key), str(name))] = (doc.path, doc.line(key, name))
    if problems:
        raise InputError(problems)
    return entries, lines


def load_list(
    path: Path, model: type[M], kind: str, read: Read = read_yaml
) -> tuple[list[M], Lines]:
    """A YAML file that lists entries of `model`; the entries and the line of each field."""
    if not path.exists():
        return [], {}
    doc = read(path)
    data = doc.data if doc.data is not None else []
    if not isinstance(data, list):
        raise InputError(Problem(doc.path, f"expected a list of entries, got {shape(data)}", 1))
    items: list[M] = []
    lines: Lines = {}
    problems: list[Problem] = []
    for i, raw in enumerate(data):
        try:
            items.append(validate(model, doc, (i,), f"entry {i + 1}: "))
        except InputError as e:
            problems += e.problems
            continue
        lines[(kind, str(i + 1))] = (doc.path, doc.line(i))
        for name in raw:
            lines[(kind, str(i + 1), str(name))] = (doc.path, doc.line(i, name))
    if problems:
        raise InputError(problems)
    return items, lines


def load_references(
    root: Path, read: Read = read_yaml, warn: Warn = reference_warnings
) -> tuple[list[dict[str, Any]], Lines]:
    """The bibliography as CSL-JSON items (CSL-YAML on disk, the format pandoc also reads)."""
    doc = read(root / "references.yml")
    data = doc.data if doc.data is not None else []
    loc: tuple[str, ...] = ()
    if isinstance(data, dict) and "references" in data:  # pandoc's `references:` wrapper
        data, loc = data["references"], ("references",)
    if not isinstance(data, list):
        msg = f"expected a list of CSL-YAML references, got {shape(data)}"
        raise InputError(Problem(doc.path, msg, doc.line()))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    lines: Lines = {}
    for i, raw in enumerate(data):
        named = raw.get("id") if isinstance(raw, dict) else None
        where = f"{named}: " if isinstance(named, str) else f"reference {i + 1}: "
        try:
            ref = validate(Reference, doc, (*loc, i), where)
        except InputError as e:
            problems += e.problems
            continue
        line = doc.line(*loc, i)
        if ref.id in seen:
            msg = f'duplicate reference id "{ref.id}" (first at line {seen[ref.id]})'
            problems.append(Problem(doc.path, msg, line))
            continue
        problems += _slug_problem(doc, ref.id, (*loc, i, "id"))
        problems += [Problem(doc.path, f"{ref.id}: citeproc-py: {w}", line)
                     for w in warn(raw)]  # fmt: skip
        seen[ref.id] = line
        lines[("reference", ref.id)] = (doc.path, line)
    if problems:
        raise InputError(problems)
    return list(data), lines


def load_study(root: Path, read: Read = read_yaml) -> tuple[StudyGuide | None, Lines]:
    path = root / "study.yml"
    if not path.exists():
        return None, {}
    doc = read(path)
    study = validate(StudyGuide, doc)
    lines: Lines = {("study", "before_you_read"): (doc.path, doc.line("before_you_read"))}
    for i, page in enumerate(study.pages):
        lines[("study", str(i), "part")] = (doc.path, doc.line("pages", i, "part"))
        for j, q in enumerate(page.questions):
            at = doc.line("pages", i, "questions", j, "question")
            lines[("study", str(i), str(j), "question")] = (doc.path, at)
            for k, _ in enumerate(q.passages):
                at = doc.line("pages", i, "questions", j, "passages", k)
                lines[("study", str(i), str(j), str(k))] = (doc.path, at)
    return study, lines


def load_notes(
    root: Path, parsed: ParseMemo | None = None, warn: Warn = reference_warnings
) -> Notes:
    """Read and cross-check the whole notes folder; raises InputError listing every problem.
    The build passes its memos: files parsed by an earlier build (`parsed`), citeproc-py's
    warnings about references it has seen (`warn`, annotated.citations.Citer)."""
    if not root.is_dir():
        msg = "no notes folder here; give --notes the folder that holds article.yml"
        raise InputError(Problem(display_path(root), msg))
    problems: list[Problem] = []

    def attempt(load: Any, *args: Any) -> Any:
        try:
            return load(*args)
        except InputError as e:
            problems.extend(e.problems)
            return None

    read = partial(read_yaml, memo=parsed)
    article = attempt(read, root / "article.yml")
    structure = attempt(_structure, article) if article else None
    notes = attempt(load_annotations, root, structure, read) if structure else None
    glossary = attempt(load_mapping, root / "glossary.yml", GlossaryEntry, "glossary", read)
    actors = attempt(load_mapping, root / "people.yml", Actor, "people", read)
    timeline = attempt(load_list, root / "timeline.yml", TimelineEvent, "timeline", read)
    references = attempt(load_references, root, read, warn)
    study = attempt(load_study, root, read)
    if problems or article is None or structure is None or notes is None:
        raise InputError(problems)
    lines: Lines = {("structure", "bib_key"): (article.path, article.line("metadata", "bib_key"))}
    for _, found in (glossary, actors, timeline, references, study):
        lines |= found
    lines |= _block_lines(article, structure)
    result = Notes(
        root, structure, notes, glossary[0], references[0], timeline[0], actors[0], study[0], lines
    )
    check_references(result)
    check_values(result)
    return result
