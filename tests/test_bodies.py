"""The bodies' memo (annotated.bodies.Memo): a body rendered by an earlier build is not converted
again while its text, its links' answers and the renderer are the same; its links are asked about
as rendering asks, so problems and used targets come out the same. (Rendering itself, links and
sanitising: tests/test_pages.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest

from annotated import bodies
from annotated.bodies import Memo, Renderer
from annotated.notes import Notes, load_notes
from annotated.site import Site
from site_helpers import FIXTURE

BODY = (
    "See [the term](glossary:balancing), *then* [a note](note:nope) and "
    '<a href="https://example.org/">this</a>.\n\n<script>x()</script>'
)


@pytest.fixture(scope="module")
def notes() -> Notes:
    return load_notes(FIXTURE / "notes")


@pytest.fixture
def converted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Python-Markdown converts, as it converts it."""
    texts: list[str] = []
    convert = markdown.Markdown.convert

    def spy(self: markdown.Markdown, source: str) -> Any:
        texts.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", spy)
    return texts


def _resolver(answers: dict[str, str], asked: list[str]) -> bodies.Resolve:
    def resolve(url: str) -> str:
        asked.append(url)
        return answers.get(url, "#")

    return resolve


ANSWERS = {
    "glossary:balancing": "../glossary/#balancing",
    "https://example.org/": "https://example.org/",
}
URLS = ["glossary:balancing", "note:nope", "https://example.org/"]


@pytest.mark.parametrize("inline", [False, True])
def test_a_memoised_body_is_the_fresh_one_asked_alike_and_not_converted(
    converted: list[str], inline: bool
) -> None:
    fresh_asked: list[str] = []
    fresh = Renderer().render(BODY, _resolver(ANSWERS, fresh_asked), inline)
    memo = Memo()
    first_asked: list[str] = []
    assert Renderer(memo).render(BODY, _resolver(ANSWERS, first_asked), inline) == fresh
    converted.clear()
    again_asked: list[str] = []
    assert Renderer(memo).render(BODY, _resolver(ANSWERS, again_asked), inline) == fresh
    assert converted == []
    assert fresh_asked == first_asked == again_asked == URLS
    assert fresh[1] == ["<script>"]  # what the sanitiser removed is kept too


def test_another_answer_renders_again_asking_each_link_once(converted: list[str]) -> None:
    memo = Memo()
    Renderer(memo).render(BODY, _resolver(ANSWERS, []))
    moved = ANSWERS | {"glossary:balancing": "../../glossary/#balancing"}
    asked: list[str] = []
    converted.clear()
    html, _ = Renderer(memo).render(BODY, _resolver(moved, asked))
    assert len(converted) == 1 and asked == URLS
    assert html == Renderer().render(BODY, _resolver(moved, []))[0]
    assert 'href="../../glossary/#balancing"' in html
    converted.clear()  # both answers are kept: a body on two pages is converted once for each
    Renderer(memo).render(BODY, _resolver(ANSWERS, []))
    Renderer(memo).render(BODY, _resolver(moved, []))
    assert converted == []


def test_a_changed_body_renders_again(converted: list[str]) -> None:
    memo = Memo()
    Renderer(memo).render(BODY, _resolver(ANSWERS, []))
    converted.clear()
    html, _ = Renderer(memo).render(BODY.replace("then", "later"), _resolver(ANSWERS, []))
    assert len(converted) == 1 and "<em>later</em>" in html


def test_the_memo_keeps_what_a_build_used_and_only_for_this_renderer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, converted: list[str]
) -> None:
    path = tmp_path / "cache" / "bodies.json"
    memo = Memo()
    Renderer(memo).render("An *old* body.", lambda url: url)
    memo.save(path)
    used = Memo.load(path)
    Renderer(used).render(BODY, _resolver(ANSWERS, []))  # the old body is not rendered this time
    used.save(path)
    kept = Memo.load(path)
    assert len(kept.links) == 1 and len(kept.rendered) == 1
    converted.clear()
    Renderer(kept).render(BODY, _resolver(ANSWERS, []))
    assert converted == []
    monkeypatch.setattr(bodies, "renderer_version", lambda: "another")
    assert Memo.load(path) == Memo()
    path.write_text("{not json", encoding="utf-8")
    assert Memo.load(path) == Memo()


def test_a_memoised_body_reports_its_broken_links_and_records_its_targets(
    notes: Notes, converted: list[str]
) -> None:
    glossary = next(iter(notes.glossary))
    body = f"[A term](glossary:{glossary}) and [a slip](glossary:{glossary}x)."
    memo = Memo()
    sites = [Site(notes, renderer=Renderer(memo)) for _ in range(2)]
    html = [site.render(body, "reading/introduction.md", ("notes/x.yml", 3)) for site in sites]
    assert len(converted) == 1 and html[0] == html[1]
    assert sites[0].problems == sites[1].problems and len(sites[0].problems) == 1
    assert sites[0].used == sites[1].used == {("glossary", glossary)}
