"""mkdocs.yml as the build reads it: parsed once per content and environment, each reader given
its own copy (the wording of its errors is pinned in tests/fault_catalogue.py)."""

from __future__ import annotations

from pathlib import Path

from annotated import mkdocs_config
from annotated.mkdocs_config import load_config_data, read_config


def test_the_config_is_parsed_once_per_content_and_each_reader_has_its_own_copy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: A\nnav:\n  - Home: index.md\n", encoding="utf-8")
    mkdocs_config._parsed.cache_clear()
    first = load_config_data(path)
    first["nav"].append("changed by a reader")
    assert load_config_data(path)["nav"] == [{"Home": "index.md"}]
    assert read_config(path).nav == [{"Home": "index.md"}]
    assert mkdocs_config._parsed.cache_info().misses == 1
    path.write_text("site_name: B\nnav:\n  - Other: other.md\n", encoding="utf-8")
    assert read_config(path).nav == [{"Other": "other.md"}]  # new content: parsed again
