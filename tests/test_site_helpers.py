"""The session's shared builds (site_helpers.Shared) as pytest-xdist's workers use them: one
Shared per worker over one folder, each site built once, and a change seen by every worker."""

from __future__ import annotations

from pathlib import Path

from site_helpers import Shared

DONE = (0, "built site: 1 page\n", "warning: one\n")


def _builder(dest: Path, calls: list[str]):
    def build() -> tuple[int, str, str]:
        calls.append(dest.name)
        (dest / "site").mkdir(parents=True)
        (dest / "site" / "index.html").write_text("<p>built</p>", encoding="utf-8")
        return DONE

    return build


def test_the_second_worker_reads_how_the_first_ones_build_went(tmp_path: Path) -> None:
    first, second = Shared(tmp_path), Shared(tmp_path)
    calls: list[str] = []
    dest = tmp_path / "fixture-full"
    assert first._once(dest, _builder(dest, calls)) == DONE
    assert second._once(dest, _builder(dest, calls)) == DONE
    assert calls == ["fixture-full"]
    assert first.changed() == second.changed() == []


def test_a_change_by_either_worker_is_seen_by_both(tmp_path: Path) -> None:
    first, second = Shared(tmp_path), Shared(tmp_path)
    dest = tmp_path / "project-companion"
    for worker in (first, second):
        worker._once(dest, _builder(dest, []))
    (dest / "site" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    (dest / "site" / "new.html").touch()
    expected = ["project-companion/site/index.html", "project-companion/site/new.html"]
    assert first.changed() == second.changed() == expected
