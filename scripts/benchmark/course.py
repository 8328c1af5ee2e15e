"""An invented course to measure the build at any size: a raw excerpt plus its notes folder.

Common English words in random order and invented names, laid out as a journal excerpt copied from a publisher's
page arrives: a metadata header, running heads at page turns, lines of about 80 characters with words hyphenated
across them, split "fi" ligatures, footnote markers and the "To continue reading" tail. At scale k it has k times
this site's paragraphs, notes, glossary, references, timeline, people and questions."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from annotated.article import Article
from annotated.ingest import ingest_file
from annotated.notes import Notes, load_notes, slugify

# Real English (ingestion checks repairs against a word list); only the names are invented.
WORDS = (
    "the of and a in to that is for as with by on this was which from regime state policy security alliance power "
    "threat balance domestic external support government leaders region economic political military change partner "
    "interest order survival relations strategy choice pressure account explains theory evidence period decade shift "
    "moved closer away turn new old first second both however while although because since its their these those "
    "many several important central international national local public control influence resources energy trade "
    "agreement weak strong rising falling stable"
).split()
LONG = "consolidation independence significant relationship explanation cooperation".split()
LIGATURES = ("fi nally", "signifi cant", "confl ict", "briefl y", "fi nds")  # as PDFs split them
SYLLABLES = "ba ko mi ra tu ve lo sa ni de fo ga pe zu ri ta no le".split()
KINDS = ("theory", "person", "place", "event", "organisation", "term", "question")
NOUNS = ("accord", "doctrine", "summit", "council", "charter", "compact", "forum")
LINE, PAGE_CHARS = 80, 2600  # characters per line and per printed page
RUNNING_HEAD = re.compile(r"Example: Shifting Partners on an Invented Frontier \d+|\d+ Journal of .*")
META: dict[str, Any] = {
    "title": "Shifting Partners on an Invented Frontier", "subtitle": "A Synthetic Article for Measuring a Build",
    "authors": ["Ada Example"], "journal": "Journal of Invented Studies", "year": 2011, "volume": 12, "issue": 4,
    "first_page": 101, "last_page": 119, "doi": "10.5555/synthetic.2011.1",  # a test DOI
    "publisher": "Nobody Press", "published_date": "2011-03-01", "bib_key": "example-2011",
}  # fmt: skip


@dataclass(frozen=True)
class SiteSize:
    paragraphs: int = 6
    notes: int = 36
    glossary: int = 14
    references: int = 20
    timeline: int = 14
    people: int = 14
    questions: int = 12


def site_size(notes_dir: Path, k: int = 1) -> SiteSize:
    """What the real notes folder holds, times k."""
    n = load_notes(notes_dir)
    questions = sum(len(p.questions) for p in n.study.pages) if n.study else 0
    paragraphs = sum(b.type == "paragraph" for b in n.structure.blocks())
    counts = (paragraphs, len(n.notes), len(n.glossary), len(n.references), len(n.timeline), len(n.actors), questions)
    return SiteSize(*(max(1, c * k) for c in counts))


def name(i: int) -> str:
    """A distinct invented proper name for each i >= 0 ('Bako', 'Bakomi', …)."""
    n, parts = i + len(SYLLABLES), []
    while n:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(reversed(parts)).capitalize()


@dataclass
class Paragraph:
    id: str
    tokens: list[tuple[str, bool]]  # (word, may be hyphenated at a line end)
    phrases: list[str]

    @property
    def text(self) -> str:
        return " ".join(t for t, _ in self.tokens)


def _sentence(rng: random.Random, words: int) -> list[tuple[str, bool]]:
    rolls = [rng.random() for _ in range(words)]
    out = [(rng.choice(LIGATURES if r < 0.04 else LONG if r < 0.12 else WORDS), r >= 0.04) for r in rolls]
    out[0] = (out[0][0].capitalize(), out[0][1])
    out[-1] = (out[-1][0] + ".", out[-1][1])
    return out


def _paragraph(rng: random.Random, pid: str, lead: str, phrases: list[str], chars: int) -> Paragraph:
    # The first words are unique (an invented name), so each block's locator finds only it.
    tokens = [(w, False) for w in f"{lead} and its neighbours".split()] + _sentence(rng, 8)
    for phrase in phrases:
        tokens += _sentence(rng, rng.randint(6, 14))
        at = len(tokens) - rng.randint(2, 5)
        tokens[at:at] = [(w, False) for w in phrase.split()]
    while sum(len(t) + 1 for t, _ in tokens) < chars:
        tokens += _sentence(rng, rng.randint(10, 22))
    return Paragraph(pid, tokens, phrases)


def _wrap(tokens: list[tuple[str, bool]], rng: random.Random) -> list[str]:
    """Lines of about 80 characters; now and then a long word is hyphenated across the break."""
    lines, line = [], ""
    for word, breakable in tokens:
        if line and len(line) + 1 + len(word) > LINE:
            room = LINE - len(line) - 2
            hyphenate = breakable and len(word) >= 9 and word.isalpha() and room >= 4 and rng.random() < 0.5
            cut = min(room, len(word) - 3) if hyphenate else 0
            lines.append(f"{line} {word[:cut]}-" if cut else line)
            line = word[cut:]
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


@dataclass(frozen=True)
class Course:
    text: str  # the raw excerpt
    files: dict[str, str]  # the notes folder: relative path -> YAML
    size: SiteSize
    part_ids: list[str]  # the structure map's parts, one reading page each

    def write(self, root: Path) -> tuple[Path, Path]:
        """`article.txt` and `notes/` under root: (source, notes folder)."""
        root.mkdir(parents=True, exist_ok=True)
        (root / "article.txt").write_text(self.text, encoding="utf-8")
        for rel, content in self.files.items():
            (root / "notes" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "notes" / rel).write_text(content, encoding="utf-8")
        return root / "article.txt", root / "notes"


def generate(size: SiteSize, seed: int = 2007, paragraph_chars: int = 900) -> Course:
    """A course of `size.paragraphs` body paragraphs in parts of three, with all its notes."""
    rng, names = random.Random(seed), iter(range(10**9))
    refs = [f"ref-{i + 1}" for i in range(size.references)]
    gloss = [f"g-{name(next(names)).lower()}" for _ in range(size.glossary)]
    per_para = [size.notes // size.paragraphs + (i < size.notes % size.paragraphs) for i in range(size.paragraphs)]
    paragraphs = [
        _paragraph(rng, f"s{i // 3 + 1}-{i % 3 + 1}", name(next(names)),
                   [f"the {name(next(names))} {rng.choice(NOUNS)}" for _ in range(count)], paragraph_chars)
        for i, count in enumerate(per_para)
    ]  # fmt: skip
    parts = [paragraphs[i : i + 3] for i in range(0, len(paragraphs), 3)]
    m, page = META, 101
    lines = [
        f"{m['title']}: {m['subtitle']}", "", f"DOI{m['doi']}", "Published date01 March 2011",
        f"Author{m['authors'][0]}", "Date01 March 2011", "Subject MatterArticles", f"Example: {m['title']} {page}",
        f"{m['journal']} ({m['year']}), Vol. {m['volume']}, No. {m['issue']}, {page}–{page + 18}",
        f"DOI: {m['doi']} © {m['year']} {m['publisher']}", f"{m['publisher']} (Nowhere)",
        f"{m['title']}:", m["subtitle"], m["authors"][0],
    ]  # fmt: skip
    abstract = _wrap([("The invented republic", False), *_sentence(rng, 60)], rng)
    lines += [f"Abstract. {abstract[0]}", *abstract[1:], "Keywords: • Alliances • Alignment • Invented states",
              "Nobody rules the river people, said the elders.", "(An invented saying, in English only.)",
              "(Anonymous, 2010)1"]  # fmt: skip
    front = [("abstract", "The invented republic"), ("keywords", "Alliances"), ("epigraph", "Nobody")]
    structure: list[dict[str, Any]] = [{"id": "front-matter", "title": "Title, abstract and epigraph",
        "blocks": [{"id": t, "type": t, "locator": loc, "pages": [page]} for t, loc in front]}]  # fmt: skip
    on_page, footnote = sum(len(x) + 1 for x in lines), 2
    for p_index, part in enumerate(parts, 1):
        heading = f"{name(next(names))} and the Question of Partners"
        part_map: dict[str, Any] = {"id": f"section-{p_index}", "title": heading, "blocks": []}
        if p_index > 1:
            part_map["heading"] = heading
            part_map["blocks"].append(
                {"id": f"s{p_index}-heading", "type": "heading", "locator": heading, "pages": [page]}
            )
            lines.append(heading)
        for para in part:
            tokens = list(para.tokens)
            if rng.random() < 0.5:  # a footnote marker glued to the final full stop
                tokens[-1], footnote = (tokens[-1][0] + str(footnote), False), footnote + 1
            pages = [page]
            for line in _wrap(tokens, rng):
                if on_page + len(line) > PAGE_CHARS:
                    page, on_page = page + 1, 0
                    pages.append(page)
                    head = f"{page} {m['journal']} {m['volume']}({m['issue']})"
                    lines.append(f"Example: {m['title']} {page}" if page % 2 else head)
                lines.append(line)
                on_page += len(line) + 1
            first = para.text.split()
            block = {"id": para.id, "locator": " ".join(first[:4]), "pages": pages, "summary": f"About {first[0]}."}
            part_map["blocks"].append(block)
        structure.append(part_map)
    structure[-1]["excerpt_ends"] = True
    lines += ["", "To continue reading", "", "Request your trial", ""]
    files = _notes_folder(size, structure, parts, refs, gloss)
    return Course("\n".join(lines) + "\n", files, size, [p["id"] for p in structure])


def _notes_folder(size: SiteSize, structure: list[dict[str, Any]], parts: list[list[Paragraph]], refs: list[str],
                  gloss: list[str]) -> dict[str, str]:  # fmt: skip
    """The course's notes folder: its structure map, references, glossary, notes, timeline, people, questions."""
    m, ref = META, lambda i: [refs[i % len(refs)]]
    own = {"id": m["bib_key"], "type": "article-journal", "title": f"{m['title']}: {m['subtitle']}",
           "author": [{"family": "Example", "given": "Ada"}], "container-title": m["journal"],
           "issued": {"date-parts": [[2011, 3, 1]]}}  # fmt: skip
    files = {"article.yml": _dump({"metadata": m, "parts": structure}), "references.yml": _dump([own] + [
        {"id": k, "type": "book", "title": f"An Invented Book Number {i + 1}", "publisher": "Nobody Press",
         "author": [{"family": name(i), "given": "Pat"}], "issued": {"date-parts": [[1990 + i % 30]]}}
        for i, k in enumerate(refs)])}  # fmt: skip
    files["glossary.yml"] = _dump({
        g: {"term": f"{g[2:].capitalize()} balancing", "definition": f"Invented concept {i + 1}.",
            "application": "It applies to nothing real.", "works": ref(i),
            "related": [gloss[(i + 1) % len(gloss)]] if len(gloss) > 1 else [], "sources": ref(i)}
        for i, g in enumerate(gloss)})  # fmt: skip
    located = [(i, para, phrase) for i, part in enumerate(parts, 1) for para in part for phrase in para.phrases]
    folders: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for count, (p_index, para, phrase) in enumerate(located):
        g = gloss[count % len(gloss)]
        folders.setdefault(p_index, {}).setdefault(para.id, []).append(
            {"phrase": phrase, "kind": KINDS[count % len(KINDS)], "sources": ref(count),
             "body": f"An invented note. See [the glossary](glossary:{g}).",
             "glossary": [g] if count % 3 == 0 else []}
        )  # fmt: skip
    files |= {f"annotations/section-{i}.yml": _dump(mapping) for i, mapping in folders.items()}
    ids = [slugify(phrase) for _, _, phrase in located]
    files["timeline.yml"] = _dump([
        {"date": f"{1990 + i % 30}-{1 + i % 12:02d}", "title": f"Invented event {i + 1}",
         "body": "Something that never happened.", "sources": ref(i), "notes": [ids[i % len(ids)]] if ids else []}
        for i in range(size.timeline)])  # fmt: skip
    files["people.yml"] = _dump({
        f"p-{name(10_000 + i).lower()}": {"name": name(10_000 + i), "kind": "person",
                                          "summary": "An invented actor.", "sources": ref(i)}
        for i in range(size.people)})  # fmt: skip
    study: list[dict[str, Any]] = [{"part": f"section-{p + 1}", "questions": []} for p in range(len(parts))]
    for i in range(size.questions):
        para = parts[i % len(parts)][i % len(parts[i % len(parts)])]
        study[i % len(parts)]["questions"].append({"question": f"What does paragraph {para.id} claim?",
            "passages": [para.id], "level": ("recall", "understanding", "analysis", "argument")[i % 4]})  # fmt: skip
    pages = [s for s in study if s["questions"]]
    files["study.yml"] = _dump({"before_you_read": "Nothing here is real.", "pages": pages})
    return files


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def anchoring_corpus(root: Path, notes: int = 10_000, text_bytes: int = 1_000_000) -> tuple[Article, Notes]:
    """An article and notes for anchoring alone: `notes` notes over about `text_bytes` of text,
    written under root and read by the build's own stages."""
    paragraphs = max(1, text_bytes // 1000)
    course = generate(SiteSize(paragraphs, notes, 1, 1, 1, 1, 1), 1, max(200, text_bytes // paragraphs))
    source, folder = course.write(root)
    return ingest_file(source, folder), load_notes(folder)
