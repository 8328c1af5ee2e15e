"""The files the own-copy reader needs in the site (README: "Read with your own copy").

A student gives the published companion edition their own PDF or text; the browser turns it into
the full edition with nothing uploaded. For that it needs, beside its scripts in
docs/assets/your-copy/: the structure map and the notes (the fields the anchoring reads), the
markup a full edition's `.para-body` is made of as shells of the reading template's macros
(`annotated.pages.reading.BodyShells`, and each note's `NoteShells`: markup with named holes,
which the browser fills and joins at offsets), the word list the repairs ask, and pdf.js, served
from the site itself.

Inputs in, site files out; the only files read are pdf.js's, from the folder given, and the word
list's copy in the build's cache.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from annotated import build_cache
from annotated.bodies import Renderer
from annotated.citations import Citer
from annotated.errors import Problem, warning
from annotated.ingest import wordlist
from annotated.notes import LocatedNote, Notes
from annotated.pages import with_previews
from annotated.pages.reading import body_shells, epigraph_langs, note_shells
from annotated.site import Site, reading_page

ROOT = "assets/your-copy"
# What npm ci installs from package-lock.json; the browser build of pdf.js (ES modules).
PDFJS = Path(__file__).resolve().parents[2] / "node_modules" / "pdfjs-dist"
PDFJS_FILES = {"build/pdf.min.mjs": "pdf.min.mjs", "build/pdf.worker.min.mjs": "pdf.worker.min.mjs",
               "LICENSE": "LICENSE"}  # fmt: skip
LEFT_OUT = (
    "pdf.js is not installed (run npm ci): the own-copy reader of this site reads pasted text "
    "only, and its panel says that PDFs are left out"
)


@dataclass
class OwnCopyFiles:
    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def note_data(ln: LocatedNote, site: Site) -> dict[str, object]:
    """One note as the browser's anchoring (anchor.mjs) and rendering (render.mjs) read it."""
    shells = note_shells(ln, site, site.block_page[ln.paragraph])
    note = ln.note
    return {
        "id": ln.id,
        "paragraph": ln.paragraph,
        "phrase": note.phrase,
        "before": note.before,
        "after": note.after,
        "occurrence": note.occurrence,
        "kind": note.kind,
        "mark_open": shells.mark_open,
        # Its links to the glossary open a preview, as on the built page (`with_previews`).
        "note_after": [with_previews(piece) for piece in shells.note_after],
    }


def reader_data(
    notes: Notes, pdf: bool, citer: Citer | None = None, renderer: Renderer | None = None
) -> dict[str, object]:
    # The build's citer and renderer: labels and bodies from their memos.
    site = Site(notes, citations=citer or Citer(), renderer=renderer or Renderer())
    structure = notes.structure
    return {
        "structure": structure.model_dump(mode="json"),
        "pages": {p.id: reading_page(p.id) for p in structure.parts},
        "notes": [note_data(ln, site) for ln in notes.notes],
        "shells": dataclasses.asdict(body_shells(epigraph_langs(notes))),
        "words": "words.gz",
        "pdf": {"lib": "pdfjs/pdf.min.mjs", "worker": "pdfjs/pdf.worker.min.mjs"} if pdf else None,
    }


def words_gz(cache: Path | None) -> bytes:
    """The word list (`wordlist.wordlist_bytes`), kept in the build's cache: reading wordfreq's
    list takes about a second, and it changes only with wordfreq or with the list's format."""
    if cache is None:
        return wordlist.wordlist_bytes()
    path = words_file(cache)
    if path.is_file():
        return path.read_bytes()
    data = wordlist.wordlist_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data


def words_file(cache: Path) -> Path:
    """Where the build's cache keeps the word list: named for the code and wordfreq that made it."""
    return cache / f"words-{build_cache.made_by([Path(wordlist.__file__)], ['wordfreq'])}.gz"


def cached_words(cache: Path) -> dict[str, float] | None:
    """The word list an earlier build kept, as the table ingestion asks (`wordlist.given`); None
    when there is none (or it cannot be read), and ingestion asks wordfreq itself."""
    try:
        return wordlist.parse(words_file(cache).read_bytes())
    except (OSError, ValueError, EOFError):
        return None


def site_files(
    notes: Notes,
    pdfjs: Path | None,
    cache: Path | None = None,
    citer: Citer | None = None,
    renderer: Renderer | None = None,
) -> OwnCopyFiles:
    """Every file of the reader that the build writes, by its path in the stage; `cache` is
    where the word list is kept between builds."""
    out = OwnCopyFiles()
    have_pdf = pdfjs is not None and all((pdfjs / f).is_file() for f in PDFJS_FILES)
    if have_pdf:
        assert pdfjs is not None
        for src, name in PDFJS_FILES.items():
            out.files[f"{ROOT}/pdfjs/{name}"] = (pdfjs / src).read_bytes()
    else:
        out.warnings.append(warning("", LEFT_OUT))
    data = reader_data(notes, have_pdf, citer, renderer)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out.files[f"{ROOT}/data.json"] = text.encode("utf-8")
    out.files[f"{ROOT}/words.gz"] = words_gz(cache)
    return out
