"""An invented course to measure the build at any size: a raw excerpt plus its notes folder.

Everything here is made up (common English words in random order, and invented names), laid out
the way a journal excerpt copied from a publisher's page arrives: a metadata header, running
heads at each page turn, lines broken at about 80 characters with words hyphenated across lines,
split "fi" ligatures, footnote markers after full stops, and the publisher's "To continue reading"
tail. At scale k the course has k times this site's paragraphs, notes, glossary, references,
timeline, people and questions, so the growth of the build with k can be measured.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Plain words only: ingestion may check repairs against a word list, so the filler must be real
# English; only the names that notes point at are invented (and so unique by construction).
_WORDS = [
    "the",
    "of",
    "and",
    "a",
    "in",
    "to",
    "that",
    "is",
    "for",
    "as",
    "with",
    "by",
    "on",
    "this",
    "was",
    "which",
    "from",
    "regime",
    "state",
    "policy",
    "security",
    "alliance",
    "power",
    "threat",
    "balance",
    "domestic",
    "external",
    "support",
    "government",
    "leaders",
    "region",
    "economic",
    "political",
    "military",
    "change",
    "partner",
    "interest",
    "order",
    "survival",
    "relations",
    "strategy",
    "choice",
    "pressure",
    "account",
    "explains",
    "theory",
    "evidence",
    "period",
    "decade",
    "shift",
    "moved",
    "closer",
    "away",
    "turn",
    "new",
    "old",
    "first",
    "second",
    "both",
    "however",
    "while",
    "although",
    "because",
    "since",
    "its",
    "their",
    "these",
    "those",
    "many",
    "several",
    "important",
    "central",
    "international",
    "national",
    "local",
    "public",
    "control",
    "influence",
    "resources",
    "energy",
    "trade",
    "agreement",
    "weak",
    "strong",
    "rising",
    "falling",
    "stable",
]
_LONG_WORDS = (
    "international", "consolidation", "independence", "significant", "relationship",
    "explanation", "cooperation", "institutional", "development", "legitimacy",
)  # fmt: skip
# Ligature splits as a PDF copy leaves them ("fi nally"); repairs should join them again.
_LIGATURE_WORDS = ("fi nally", "signifi cant", "confl ict", "briefl y", "fi nds")
_SYLLABLES = [
    "ba",
    "ko",
    "mi",
    "ra",
    "tu",
    "ve",
    "lo",
    "sa",
    "ni",
    "de",
    "fo",
    "ga",
    "pe",
    "zu",
    "ri",
    "ta",
    "no",
    "le",
]
_KINDS = ("theory", "person", "place", "event", "organisation", "term", "question")
_PLACE_NOUNS = ("accord", "doctrine", "summit", "council", "charter", "compact", "forum")
_LINE = 80
_PAGE_CHARS = 2600  # about one printed page of an article like ours


@dataclass(frozen=True)
class SiteSize:
    """How big "this site" is: counts from the real notes folder (or typical values)."""

    paragraphs: int = 6
    notes: int = 36
    glossary: int = 14
    references: int = 20
    timeline: int = 14
    people: int = 14
    questions: int = 12

    def scaled(self, k: int) -> SiteSize:
        return SiteSize(*(max(1, v * k) for v in self.__dict__.values()))


def measure_site(notes_dir: Path) -> SiteSize:
    """Count what the real notes folder holds; fall back to typical values for what is missing."""
    default = SiteSize()

    def load(name: str) -> Any:
        path = notes_dir / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None

    article = load("article.yml") or {}
    paragraphs = sum(
        1
        for part in article.get("parts", [])
        for b in part.get("blocks", [])
        if b.get("type", "paragraph") == "paragraph"
    )
    notes = 0
    for path in sorted((notes_dir / "annotations").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        notes += sum(len(v or []) for v in data.values() if isinstance(v, list))
    study = load("study.yml") or {}
    questions = sum(len(p.get("questions", [])) for p in study.get("pages", []))
    return SiteSize(
        paragraphs=paragraphs or default.paragraphs,
        notes=notes or default.notes,
        glossary=len(load("glossary.yml") or {}) or default.glossary,
        references=len(load("references.yml") or []) or default.references,
        timeline=len(load("timeline.yml") or []) or default.timeline,
        people=len(load("people.yml") or {}) or default.people,
        questions=questions or default.questions,
    )


def name(i: int) -> str:
    """A distinct invented proper name for each i >= 0 ('Bako', 'Bakomi', …)."""
    n, parts = i + len(_SYLLABLES), []
    while n:
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(reversed(parts)).capitalize()


@dataclass
class _Token:
    text: str
    breakable: bool = True  # may be hyphenated across a line end (never inside a note's phrase)


@dataclass
class Paragraph:
    id: str
    tokens: list[_Token]
    phrases: list[str] = field(default_factory=list)
    footnote: int | None = None

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def _sentence(rng: random.Random, words: int) -> list[_Token]:
    out = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.04:
            out.append(_Token(rng.choice(_LIGATURE_WORDS), breakable=False))
        elif roll < 0.12:
            out.append(_Token(rng.choice(_LONG_WORDS)))
        else:
            out.append(_Token(rng.choice(_WORDS)))
    out[0] = _Token(out[0].text.capitalize(), out[0].breakable)
    out[-1] = _Token(out[-1].text + ".", out[-1].breakable)
    return out


def _paragraph(
    rng: random.Random, pid: str, lead: str, phrases: list[str], chars: int
) -> Paragraph:
    # The first words are unique (an invented name), so each block's locator finds only it.
    tokens = [_Token(w, breakable=False) for w in f"{lead} and its neighbours".split()]
    tokens += _sentence(rng, 8)
    for phrase in phrases:
        tokens += _sentence(rng, rng.randint(6, 14))
        at = len(tokens) - rng.randint(2, 5)
        tokens[at:at] = [_Token(w, breakable=False) for w in phrase.split()]
    while sum(len(t.text) + 1 for t in tokens) < chars:
        tokens += _sentence(rng, rng.randint(10, 22))
    return Paragraph(pid, tokens, phrases)


def _wrap(tokens: list[_Token], rng: random.Random) -> list[str]:
    """Lines of about 80 characters; now and then a long word is hyphenated across the break."""
    lines, line = [], ""
    for tok in tokens:
        word = tok.text
        if line and len(line) + 1 + len(word) > _LINE:
            room = _LINE - len(line) - 2
            if (
                tok.breakable
                and len(word) >= 9
                and word.isalpha()
                and room >= 4
                and rng.random() < 0.5
            ):
                cut = min(room, len(word) - 3)
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Course:
    """The raw excerpt and the notes folder's files, as text (relative path -> content)."""

    text: str
    files: dict[str, str]
    size: SiteSize
    pages: int
    paragraphs: list[Paragraph]

    @property
    def part_ids(self) -> list[str]:
        return [p["id"] for p in yaml.safe_load(self.files["article.yml"])["parts"]]

    def write(self, root: Path) -> tuple[Path, Path]:
        """Write `article.txt` and `notes/` under root; returns (source, notes folder)."""
        source = root / "article.txt"
        source.write_text(self.text, encoding="utf-8")
        notes = root / "notes"
        for rel, content in self.files.items():
            path = notes / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return source, notes


_META = {
    "title": "Shifting Partners on an Invented Frontier",
    "subtitle": "A Synthetic Article for Measuring a Build",
    "author": "Ada Example",
    "journal": "Journal of Invented Studies",
    "year": 2011,
    "volume": 12,
    "issue": 4,
    # Crossref's prefix for test DOIs: not a real publication.
    "doi": "10.5555/synthetic.2011.1",
    "publisher": "Nobody Press",
}


def generate(size: SiteSize, seed: int = 2007, paragraph_chars: int = 900) -> Course:
    """A course of `size.paragraphs` body paragraphs in parts of three, with all its notes."""
    rng = random.Random(seed)
    names = iter(range(10**9))
    refs = [f"ref-{i + 1}" for i in range(size.references)]
    gloss = {f"g-{name(next(names)).lower()}": None for _ in range(size.glossary)}
    gloss_ids = list(gloss)

    # Spread the notes over the paragraphs, in order.
    paragraphs: list[Paragraph] = []
    per_para = [size.notes // size.paragraphs] * size.paragraphs
    for i in range(size.notes % size.paragraphs):
        per_para[i] += 1
    for i, count in enumerate(per_para):
        phrases = [f"the {name(next(names))} {rng.choice(_PLACE_NOUNS)}" for _ in range(count)]
        lead = name(next(names))
        paragraphs.append(
            _paragraph(rng, f"s{i // 3 + 1}-{i % 3 + 1}", lead, phrases, paragraph_chars)
        )
    parts = [paragraphs[i : i + 3] for i in range(0, len(paragraphs), 3)]

    lines, pages, page = _front_matter(rng)
    structure_parts: list[dict[str, Any]] = [
        {
            "id": "front-matter",
            "title": "Title, abstract and epigraph",
            "blocks": [
                {"id": "abstract", "type": "abstract", "locator": "The invented republic"},
                {"id": "keywords", "type": "keywords", "locator": "Alliances"},
                {"id": "epigraph", "type": "epigraph", "locator": "Nobody rules"},
            ],
        }
    ]
    for b in structure_parts[0]["blocks"]:
        b["pages"] = [page]
    chars_on_page = sum(len(x) + 1 for x in lines)
    footnote = 2
    for p_index, part in enumerate(parts, 1):
        heading = f"{name(next(names))} and the Question of Partners"
        part_map: dict[str, Any] = {"id": f"section-{p_index}", "title": heading, "blocks": []}
        if p_index > 1:
            part_map["heading"] = heading
            part_map["blocks"].append(
                {
                    "id": f"s{p_index}-heading",
                    "type": "heading",
                    "locator": heading,
                    "pages": [page],
                }
            )
            lines.append(heading)
        for para in part:
            tokens = list(para.tokens)
            if rng.random() < 0.5:  # a footnote marker glued to the final full stop, as printed
                tokens[-1] = _Token(tokens[-1].text + str(footnote), breakable=False)
                para.footnote = footnote
                footnote += 1
            on = [page]
            for line in _wrap(tokens, rng):
                if chars_on_page + len(line) > _PAGE_CHARS:
                    page += 1
                    on.append(page)
                    lines.append(_running_head(page))
                    chars_on_page = 0
                lines.append(line)
                chars_on_page += len(line) + 1
            part_map["blocks"].append(
                {
                    "id": para.id,
                    "locator": " ".join(para.text.split()[:4]),
                    "pages": on,
                    "summary": f"An invented paragraph about {para.text.split()[0]}.",
                }
            )
        structure_parts.append(part_map)
    structure_parts[-1]["excerpt_ends"] = True
    pages = list(range(pages[0], page + 1))
    lines += ["", "To continue reading", "", "Request your trial", ""]
    text = "\n".join(lines) + "\n"

    files = {
        "article.yml": _dump({"metadata": _metadata(pages), "parts": structure_parts}),
        "references.yml": _dump(_references(refs)),
        "glossary.yml": _dump(_glossary(gloss_ids, refs)),
    }
    notes_by_part: dict[str, dict[str, list[dict[str, Any]]]] = {}
    count = 0
    for p_index, part in enumerate(parts, 1):
        for para in part:
            for phrase in para.phrases:
                note: dict[str, Any] = {
                    "phrase": phrase,
                    "kind": _KINDS[count % len(_KINDS)],
                    "body": f"An invented note on {phrase.split()[1]}, to measure the build. "
                    f"See [the glossary](glossary:{gloss_ids[count % len(gloss_ids)]}).",
                    "sources": [refs[count % len(refs)]],
                }
                if count % 3 == 0:
                    note["glossary"] = [gloss_ids[count % len(gloss_ids)]]
                notes_by_part.setdefault(f"section-{p_index}", {}).setdefault(para.id, [])
                notes_by_part[f"section-{p_index}"][para.id].append(note)
                count += 1
    for part_id, mapping in notes_by_part.items():
        files[f"annotations/{part_id}.yml"] = _dump(mapping)
    note_ids = [_slug(ph) for p in paragraphs for ph in p.phrases]
    files["timeline.yml"] = _dump(_timeline(size.timeline, refs, note_ids))
    files["people.yml"] = _dump(_people(size.people, refs, note_ids, rng))
    files["study.yml"] = _dump(_study(size.questions, parts))
    return Course(text, files, size, len(pages), paragraphs)


def _front_matter(rng: random.Random) -> tuple[list[str], list[int], int]:
    m, first = _META, 101
    abstract = _Token("The invented republic")
    words = [abstract, *_sentence(rng, 60)]
    lines = [
        f"{m['title']}: {m['subtitle']}",
        "",
        f"DOI{m['doi']}",
        "Published date01 March 2011",
        f"Author{m['author']}",
        "Date01 March 2011",
        "Subject MatterArticles",
        f"Example: {m['title']} {first}",
        f"{m['journal']} ({m['year']}), Vol. {m['volume']}, No. {m['issue']}, {first}–{first + 18}",
        f"DOI: {m['doi']} © {m['year']} {m['publisher']}",
        f"{m['publisher']} (Nowhere)",
        f"{m['title']}:",
        m["subtitle"],
        m["author"],
    ]
    abstract_lines = _wrap(words, rng)
    lines += [f"Abstract. {abstract_lines[0]}", *abstract_lines[1:]]
    lines += [
        "Keywords: • Alliances • Alignment • Invented states",
        "Nobody rules the river people, said the elders.",
        "(An invented saying, in English only.)",
        "(Anonymous, 2010)1",
    ]
    return lines, [first], first


def _running_head(page: int) -> str:
    m = _META
    if page % 2:
        return f"Example: {m['title']} {page}"
    return f"{page} {m['journal']} {m['volume']}({m['issue']})"


def _metadata(pages: list[int]) -> dict[str, Any]:
    m = _META
    return {
        "title": m["title"],
        "subtitle": m["subtitle"],
        "authors": [m["author"]],
        "journal": m["journal"],
        "year": m["year"],
        "volume": m["volume"],
        "issue": m["issue"],
        "first_page": pages[0],
        "last_page": pages[0] + 18,
        "doi": m["doi"],
        "publisher": m["publisher"],
        "published_date": "2011-03-01",
        "bib_key": "example-2011",
    }


def _references(keys: list[str]) -> list[dict[str, Any]]:
    m = _META
    own = {
        "id": "example-2011",
        "type": "article-journal",
        "title": f"{m['title']}: {m['subtitle']}",
        "author": [{"family": "Example", "given": "Ada"}],
        "container-title": m["journal"],
        "issued": {"date-parts": [[m["year"], 3, 1]]},
    }
    return [own] + [
        {
            "id": key,
            "type": "book",
            "title": f"An Invented Book Number {i + 1}",
            "author": [{"family": name(i), "given": "Pat"}],
            "publisher": "Nobody Press",
            "issued": {"date-parts": [[1990 + i % 30]]},
        }
        for i, key in enumerate(keys)
    ]


def _glossary(ids: list[str], refs: list[str]) -> dict[str, Any]:
    return {
        gid: {
            "term": f"{gid[2:].capitalize()} balancing",
            "definition": f"An invented concept number {i + 1}, defined only to be measured.",
            "application": "It applies to nothing real.",
            "works": [refs[i % len(refs)]],
            "related": [ids[(i + 1) % len(ids)]] if len(ids) > 1 else [],
            "sources": [refs[i % len(refs)]],
        }
        for i, gid in enumerate(ids)
    }


def _timeline(n: int, refs: list[str], note_ids: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "date": f"{1990 + i % 30}-{1 + i % 12:02d}",
            "title": f"Invented event {i + 1}",
            "body": "Something that never happened.",
            "sources": [refs[i % len(refs)]],
            "notes": [note_ids[i % len(note_ids)]] if note_ids else [],
        }
        for i in range(n)
    ]


def _people(n: int, refs: list[str], note_ids: list[str], rng: random.Random) -> dict[str, Any]:
    return {
        f"p-{name(10_000 + i).lower()}": {
            "name": f"{name(10_000 + i)} {name(20_000 + i)}",
            "kind": rng.choice(("person", "organisation", "place")),
            "summary": "An invented actor.",
            "sources": [refs[i % len(refs)]],
            "notes": [note_ids[i % len(note_ids)]] if note_ids else [],
        }
        for i in range(n)
    }


def _study(n: int, parts: list[list[Paragraph]]) -> dict[str, Any]:
    pages: list[dict[str, Any]] = []
    for i in range(n):
        p = i % len(parts)
        if len(pages) <= p:
            pages.append({"part": f"section-{p + 1}", "questions": []})
        para = parts[p][i % len(parts[p])]
        pages[p]["questions"].append(
            {
                "question": f"What does invented paragraph {para.id} claim?",
                "level": ("recall", "understanding", "analysis", "argument")[i % 4],
                "passages": [para.id],
            }
        )
    return {"before_you_read": "Nothing here is real.", "pages": pages}


def _slug(phrase: str) -> str:
    from annotated.notes import slugify

    return slugify(phrase)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def anchoring_corpus(notes: int = 10_000, text_bytes: int = 1_000_000, seed: int = 1):
    """An article and notes for the anchoring benchmark alone (no ingest, no YAML on disk).

    Returns (Article, Notes): `notes` notes spread over paragraphs of about 1 KB that together
    hold about `text_bytes` of text.
    """
    from annotated.article import Article, Block, Metadata
    from annotated.notes import LocatedNote, Note, StructureMap, slugify

    paragraphs = max(1, text_bytes // 1000)
    # A paragraph grows to `chars` (the sentences holding its notes' phrases count toward it).
    chars = max(200, text_bytes // paragraphs)
    course = generate(SiteSize(paragraphs, notes, 1, 1, 1, 1, 1), seed, chars)
    structure = StructureMap.model_validate(yaml.safe_load(course.files["article.yml"]))
    blocks = [Block(p.id, "paragraph", p.text, [101]) for p in course.paragraphs]
    located = [
        LocatedNote(
            slugify(ph),
            p.id,
            Note(phrase=ph, kind="term", body="An invented note.", sources=["ref-1"]),
            "notes/annotations/bench.yml",
            1,
        )
        for p in course.paragraphs
        for ph in p.phrases
    ]
    from annotated.notes import Notes

    notes_obj = Notes(Path("notes"), structure, located, {}, [{"id": "ref-1", "type": "book"}])
    return Article(Metadata(), [101], blocks, "structure-map"), notes_obj
