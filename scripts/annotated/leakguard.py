"""The companion edition must never carry the article's text: no run of RUN consecutive words.

Words are compared in lower case, typographic apostrophes as straight ones, hyphenation and split
ligatures joined. Two ways to check: against the text itself when the build has a copy, and
against committed fingerprints (salted hashes of every RUN-word run, no text) everywhere else, so
that a contributor's clone and CI check the public edition too.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated import build_cache
from annotated.errors import InputError, Problem, display_path

RUN = 12
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ’']+")
FINGERPRINT_HEADER = "# annotated-reading leak fingerprints v1"


def words(text: str) -> list[str]:
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"\b(f[il]|ff|ff[il]) (\w)", r"\1\2", text)
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def shingles(ws: list[str], run: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + run]) for i in range(len(ws) - run + 1)}


@dataclass(frozen=True)
class Leak:
    where: str
    words: str  # the first leaked run, so a person can find it ("" when only its hash is known)


def banned_runs(
    source_texts: list[str], allowed: Sequence[str] = (), run: int = RUN
) -> set[tuple[str, ...]]:
    """Every run of the sources, but those of `allowed` texts (the title: citing it is fine)."""
    banned: set[tuple[str, ...]] = set()
    for t in source_texts:
        banned |= shingles(words(t), run)
    for t in allowed:
        banned -= shingles(words(t), run)
    return banned


def find_leaks(
    source_texts: list[str], outputs: dict[str, str], run: int = RUN, allowed: Sequence[str] = ()
) -> list[Leak]:
    """Outputs (name -> text) that contain `run` consecutive words of any source text."""
    banned = banned_runs(source_texts, allowed, run)
    leaks = []
    for name, text in sorted(outputs.items()):
        ws = words(text)
        for i in range(len(ws) - run + 1):
            if tuple(ws[i : i + run]) in banned:
                leaks.append(Leak(name, " ".join(ws[i : i + run])))
                break
    return leaks


# --- fingerprints -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprints:
    salt: str
    hashes: frozenset[str]
    run: int = RUN

    def digest(self, run_words: Iterable[str]) -> str:
        return self.digest_run(" ".join(run_words))

    def digest_run(self, run: str) -> str:
        """The hash of a run: sha256 of the salt, a newline, its words joined by single spaces."""
        # 16 hex digits (64 bits): no false alarm in a site's few hundred thousand runs.
        digest = self._salted.copy()  # the salt hashed once: a site has 60,000 runs to hash
        digest.update(run.encode("utf-8"))
        return digest.hexdigest()[:16]

    @cached_property
    def _salted(self) -> Any:
        return hashlib.sha256((self.salt + "\n").encode("utf-8"))

    def identity(self) -> str:
        """A digest of the whole set (salt, run length and hashes)."""
        return hashlib.sha256(self.text().encode("utf-8")).hexdigest()

    def text(self) -> str:
        lines = [FINGERPRINT_HEADER, f"salt {self.salt}", f"run {self.run}", *sorted(self.hashes)]
        return "\n".join(lines) + "\n"


def make_fingerprints(
    source_texts: list[str], salt: str | None = None, allowed: Sequence[str] = ()
) -> Fingerprints:
    empty = Fingerprints(salt or secrets.token_hex(16), frozenset())
    runs = banned_runs(source_texts, allowed)
    return Fingerprints(empty.salt, frozenset(empty.digest(r) for r in runs))


def read_fingerprints(path: Path) -> Fingerprints:
    shown = display_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) < 3 or lines[0] != FINGERPRINT_HEADER or not lines[1].startswith("salt "):
        msg = "not a fingerprint file; make it again with: scripts/build.py fingerprint PATH"
        raise InputError(Problem(shown, msg, 1))
    run = int(lines[2].removeprefix("run ")) if lines[2].startswith("run ") else RUN
    return Fingerprints(lines[1].removeprefix("salt "), frozenset(lines[3:]), run)


@dataclass
class Checked:
    """Texts found clean by earlier builds (build/cache/leakguard.json), each by a digest of
    the text, the fingerprints and this module: a page that did not change is not hashed run by
    run again. Only clean texts are kept, so a leak is found and reported in every build."""

    clean: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Checked:
        return build_cache.read(path, MADE_BY, lambda data: cls(set(data["clean"]))) or cls()

    def save(self, path: Path) -> None:
        """Keep only what this build checked, so the file never grows with stale entries."""
        build_cache.write(path, MADE_BY, {"clean": sorted(self.clean & self.used)})


MADE_BY = "leakguard"  # each entry's key holds this module's source (_checker) and fingerprints


def _checker() -> bytes:
    return Path(__file__).read_bytes()  # the words' normalisation and the runs' hashing


def find_fingerprinted(
    fp: Fingerprints, outputs: dict[str, str], checked: Checked | None = None
) -> list[Leak]:
    """Outputs that contain a run whose salted hash is among the article's. `checked`: texts
    found clean before, which are skipped, and to which the clean texts are added."""
    leaks = []
    context = _checker() + fp.identity().encode()  # what decides a text's findings but the text
    for name, text in sorted(outputs.items()):
        key = hashlib.sha256(context + text.encode("utf-8")).hexdigest()
        if checked is not None:
            checked.used.add(key)
            if key in checked.clean:
                continue
        ws = words(text)
        for i in range(len(ws) - fp.run + 1):
            run = " ".join(ws[i : i + fp.run])
            if fp.digest_run(run) in fp.hashes:
                leaks.append(Leak(name, run))
                break
        else:
            if checked is not None:
                checked.clean.add(key)
    return leaks


# --- the built site -----------------------------------------------------------------------------


def html_text(html: str) -> str:
    """The visible text of a built page (scripts and styles left out)."""
    tree = HTMLParser(html)
    for node in tree.css("script, style"):
        node.decompose()
    return tree.body.text(separator=" ") if tree.body else ""


def site_texts(site: Path, generated: dict[str, str]) -> dict[str, str]:
    """What a companion edition shows, by where: generated pages, built pages, search index."""
    outputs = {f"generated {rel}": text for rel, text in generated.items()}
    for f in sorted(site.rglob("*.html")):
        outputs[f.relative_to(site).as_posix()] = html_text(f.read_text("utf-8"))
    index = site / "search" / "search_index.json"
    if index.is_file():
        outputs["search/search_index.json"] = index.read_text("utf-8")
    return outputs


def leak_problems(leaks: list[Leak]) -> list[Problem]:
    return [
        Problem(
            leak.where,
            f"the companion edition repeats {RUN} or more words of the article: "
            f'"{leak.words}"; say it in your own words',
        )
        for leak in leaks
    ]
