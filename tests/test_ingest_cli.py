"""`scripts/build.py ingest`: the exact line and exit code for each kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotated.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "ingest" / "okafor-doe-2019.txt"

# (name, bytes written to it or None, exact stderr). Every one exits 1, with one line.
BAD_INPUT = [
    (
        "missing.txt",
        None,
        "error: missing.txt: file not found; give the path of the raw excerpt (a .txt file)",
    ),
    (
        "empty.txt",
        b"",
        "error: empty.txt: file is empty; expected the text of an article excerpt",
    ),
    (
        "blank.txt",
        b"\n  \r\n\t\n",
        "error: blank.txt: file holds only blank lines and spaces; expected the text of an "
        "article excerpt",
    ),
    (
        "latin1.txt",
        "Title line\nCafé au lait\n".encode("latin-1"),
        "error: latin1.txt:2:4: not UTF-8: byte 0xE9 (byte 14) cannot be decoded; re-save the "
        "file as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8`)",
    ),
    (
        "scan.pdf",
        b"%PDF-1.4\n\x00\x01\x02binary",
        "error: scan.pdf: binary file (NUL byte at byte 9); expected plain text copied from the "
        "article (save it as a .txt file in UTF-8)",
    ),
    (
        "utf16.txt",
        "Title line\n".encode("utf-16"),
        "error: utf16.txt: UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it as "
        "UTF-8",
    ),
    (
        "noise.bin",
        bytes(range(1, 32)) * 4,
        "error: noise.bin: binary file (104 control characters); expected plain text copied "
        "from the article (save it as a .txt file in UTF-8)",
    ),
]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input(
    name: str, data: bytes | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if data is not None:
        Path(name).write_bytes(data)
    assert main(["ingest", name]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", message + "\n")


def test_a_directory(capsys: pytest.CaptureFixture[str]) -> None:
    Path("folder").mkdir()
    assert main(["ingest", "folder"]) == 1
    assert capsys.readouterr().err == (
        "error: folder: is a directory; expected a text file (the raw excerpt)\n"
    )


def test_a_broken_structure_map(capsys: pytest.CaptureFixture[str]) -> None:
    Path("notes").mkdir()
    Path("notes/article.yml").write_text("metadata: [unclosed\n", encoding="utf-8")
    assert main(["ingest", str(FIXTURE), "--notes", "notes"]) == 1
    assert capsys.readouterr().err == (
        "error: notes/article.yml:2:1: YAML syntax error: did not find expected ',' or ']'\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ingest"], "error: the following arguments are required: path"),
        (
            ["ingest", "x.txt", "--format", "xml"],
            "error: argument --format: invalid choice: 'xml' (choose from 'json', 'markdown')",
        ),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == message  # after argparse's usage lines


def test_crlf_and_bom_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    Path("unix.txt").write_bytes(FIXTURE.read_bytes())
    Path("windows.txt").write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["ingest", "unix.txt"]) == 0
    unix = json.loads(capsys.readouterr().out)
    assert main(["ingest", "windows.txt"]) == 0
    windows = json.loads(capsys.readouterr().out)
    assert windows["blocks"] == unix["blocks"] and windows["metadata"] == unix["metadata"]


def test_text_without_structure_is_ingested_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("notes.txt").write_text("Some words.\nMore words here.\n\nAnother paragraph.\n")
    assert main(["ingest", "notes.txt", "--format", "markdown"]) == 0
    out, err = capsys.readouterr()
    assert out == "Some words. More words here.\n\nAnother paragraph.\n"
    assert err.splitlines() == [
        "warning: no structure map at notes/article.yml",
        "warning: notes.txt: no article structure recognised (no journal line, abstract or "
        "keywords); ingested as 2 plain paragraph(s)",
    ]


def test_the_script_itself_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"GIF89a\x00\x01")
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build.py"), "ingest", "bad.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr == (
        "error: bad.txt: binary file (NUL byte at byte 6); expected plain text copied from the "
        "article (save it as a .txt file in UTF-8)\n"
    )


def test_the_script_prints_json_for_a_good_excerpt(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build.py"), "ingest", str(FIXTURE)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    data = json.loads(run.stdout)
    assert set(data) >= {"metadata", "pages", "blocks"}
    assert data["pages"] == [111, 112, 113, 114]
