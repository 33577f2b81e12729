"""Bad input (SPEC §7): reported with an exact message and exit code, never a crash."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import run, write

DS = "ds = 1\n"  # one AIC101 under GLOSSARY


def concise(root: Path, *args: str) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of `aiconv lint --format concise ARGS`."""
    result = run(["lint", "--format", "concise", *args], root)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout.splitlines(), result.stderr


def compile_error(text: str) -> tuple[int, int]:
    """Where Python's own compiler puts the syntax error of `text`."""
    try:
        compile(text, "<test>", "exec")
    except SyntaxError as error:
        assert error.lineno is not None and error.offset is not None
        return error.lineno, error.offset
    raise AssertionError("the example must not compile")


# ---------------------------------------------------------------------------- syntax errors

SYNTAX_ERRORS = {
    "bad-parameter": "def f(:\n    pass\n",
    "unexpected-indent": "x = 1\n    y = 2\n",
    "unclosed-bracket": "total = sum(\n    [1, 2],\n",
    "unterminated-string": 'a = 1\nb = "abc\n',
    "late-error": "import os\n\n\ndef f():\n    return os.sep\n\n\nclass C\n    pass\n",
    "non-ascii-before": 'name = "café"; x = = 1\n',
}


@pytest.mark.parametrize("text", SYNTAX_ERRORS.values(), ids=SYNTAX_ERRORS.keys())
def test_a_syntax_error_is_aic001_where_compile_puts_it(project: Path, text: str) -> None:
    write(project, {"broken.py": text})
    result = run(["lint", "--format", "json"], project)
    assert result.exit_code == 1
    [violation] = result.json()["violations"]
    assert violation["code"] == "AIC001"
    assert (violation["line"], violation["column"]) == compile_error(text)
    assert violation["message"].startswith("syntax error: ")


def test_a_syntax_error_concise_line_reads_path_line_column_code_message(project: Path) -> None:
    write(project, {"broken.py": "def f(:\n    pass\n"})
    code, lines, _ = concise(project)
    assert code == 1
    assert lines == ["broken.py:1:7: AIC001 syntax error: invalid syntax"]


def test_the_run_goes_on_after_a_syntax_error(project: Path) -> None:
    write(project, {"a_broken.py": "def f(:\n", "b_train.py": DS})
    result = run(["lint", "--format", "json"], project)
    assert result.exit_code == 1
    assert result.found() == [("AIC001", "a_broken.py", 1), ("AIC101", "b_train.py", 1)]


# ---------------------------------------------------------------------------- encodings


def test_a_binary_py_file_is_aic002(project: Path) -> None:
    write(project, {"blob.py": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "train.py": DS})
    code, lines, _ = concise(project)
    assert code == 1
    assert lines[0] == "blob.py:1:1: AIC002 binary file (it holds NUL bytes), not Python source"
    assert lines[1].startswith("train.py:1:1: AIC101 ")


def test_a_latin_1_file_without_a_coding_line_is_aic002_saying_how_to_fix_it(
    project: Path,
) -> None:
    write(project, {"legacy.py": 'label = "caf\xe9"\n'.encode("latin-1")})
    code, lines, _ = concise(project)
    assert code == 1
    assert lines == [
        "legacy.py:1:1: AIC002 not valid UTF-8 (byte 0xe9 on line 1); re-save the file as "
        "UTF-8 or declare its encoding, e.g. `# -*- coding: latin-1 -*-`"
    ]


def test_a_latin_1_byte_after_the_first_two_lines_names_its_line(project: Path) -> None:
    write(project, {"legacy.py": 'import os\n\n\nlabel = "caf\xe9"\n'.encode("latin-1")})
    _, lines, _ = concise(project)
    assert lines == [
        "legacy.py:1:1: AIC002 not valid UTF-8 (byte 0xe9 on line 4); re-save the file as "
        "UTF-8 or declare its encoding, e.g. `# -*- coding: latin-1 -*-`"
    ]


def test_a_latin_1_file_with_a_coding_line_is_decoded(project: Path) -> None:
    text = '# -*- coding: latin-1 -*-\nlabel = "caf\xe9"\nds = label\n'
    write(project, {"legacy.py": text.encode("latin-1")})
    result = run(["lint", "--format", "json"], project)
    assert result.found() == [("AIC101", "legacy.py", 3)]


def test_an_unknown_coding_declaration_is_aic002(project: Path) -> None:
    write(project, {"odd.py": b"# coding: klingon\nx = 1\n"})
    _, lines, _ = concise(project)
    assert lines == [
        "odd.py:1:1: AIC002 unknown encoding: klingon; fix or remove the coding declaration"
    ]


def test_a_utf_8_file_with_a_bom_is_decoded_and_columns_ignore_the_bom(project: Path) -> None:
    write(project, {"bom.py": b"\xef\xbb\xbfds = 1\n"})
    result = run(["lint", "--format", "json"], project)
    [violation] = result.json()["violations"]
    assert (violation["code"], violation["line"], violation["column"]) == ("AIC101", 1, 1)


def test_an_empty_file_reports_nothing(project: Path) -> None:
    write(project, {"__init__.py": ""})
    result = run(["lint", "--format", "json"], project)
    assert result.exit_code == 0
    assert result.json()["violations"] == []


# ---------------------------------------------------------------------------- odd files


def test_a_symlink_loop_is_aic002_and_the_run_goes_on(project: Path) -> None:
    write(project, {"train.py": DS})
    os.symlink("loop.py", project / "loop.py")
    code, lines, _ = concise(project)
    assert code == 1
    assert lines[0] == (
        "loop.py:1:1: AIC002 symlink loop: following the link leads back to it; "
        "remove or repoint the link"
    )
    assert lines[1].startswith("train.py:1:1: AIC101 ")


def test_a_two_link_loop_reports_both_links(project: Path) -> None:
    os.symlink("b.py", project / "a.py")
    os.symlink("a.py", project / "b.py")
    _, lines, _ = concise(project)
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["a.py:1:1:", "AIC002"],
        ["b.py:1:1:", "AIC002"],
    ]


def test_a_symlink_loop_passed_explicitly_is_aic002_not_a_crash(project: Path) -> None:
    os.symlink("loop.py", project / "loop.py")
    code, lines, _ = concise(project, "loop.py")
    assert code == 1
    assert lines[0].startswith("loop.py:1:1: AIC002 symlink loop")


def test_a_dangling_symlink_is_aic002_naming_its_target(project: Path) -> None:
    os.symlink("gone.py", project / "dangling.py")
    code, lines, _ = concise(project)
    assert code == 1
    assert lines == [
        "dangling.py:1:1: AIC002 broken symlink: its target 'gone.py' does not exist; "
        "remove or repoint the link"
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file"
)
def test_an_unreadable_file_is_aic002(project: Path) -> None:
    write(project, {"secret.py": DS, "train.py": DS})
    (project / "secret.py").chmod(0)
    try:
        code, lines, _ = concise(project)
    finally:
        (project / "secret.py").chmod(0o644)
    assert code == 1
    assert lines[0] == "secret.py:1:1: AIC002 cannot read the file: Permission denied"
    assert lines[1].startswith("train.py:1:1: AIC101 ")


def test_a_read_error_is_aic002_and_the_run_goes_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same failure as chmod 000, made in a way that holds when the tests run as root.
    write(project, {"secret.py": DS, "train.py": DS})
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "secret.py":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, lines, _ = concise(project, "--no-cache")
    assert code == 1
    assert lines[0] == "secret.py:1:1: AIC002 cannot read the file: Permission denied"
    assert lines[1].startswith("train.py:1:1: AIC101 ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_aic002_and_not_read(project: Path) -> None:
    # Opening a pipe nobody writes to would block the run forever. The writer below lets a
    # wrongful read end (and this test fail) instead of hanging; the final non-blocking open
    # releases the writer when, rightly, nothing read the pipe.
    write(project, {"train.py": DS})
    pipe = project / "pipe.py"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: open(pipe, "wb").close(), daemon=True)
    writer.start()
    try:
        code, lines, _ = concise(project, "--no-cache")
    finally:
        release = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
        writer.join()
        os.close(release)
    assert code == 1
    assert lines[0] == (
        "pipe.py:1:1: AIC002 not a regular file (a named pipe, socket or device); "
        "aiconv reads regular files only"
    )
    assert lines[1].startswith("train.py:1:1: AIC101 ")


def test_a_path_that_does_not_exist_is_aic002(project: Path) -> None:
    write(project, {"train.py": DS})
    code, lines, _ = concise(project, "missing.py", "train.py")
    assert code == 1
    assert lines[0] == "missing.py:1:1: AIC002 no such file or folder"
    assert lines[1].startswith("train.py:1:1: AIC101 ")


# ---------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_code_is_exit_2_with_the_closest_codes(project: Path, option: str) -> None:
    code, lines, stderr = concise(project, option, "AIC1O1")
    assert code == 2
    assert lines == []
    assert stderr.startswith(f"aiconv: error: {option}: unknown rule code or prefix 'AIC1O1'")
    assert "did you mean AIC101" in stderr
    assert "\n\n" not in stderr.strip()


def test_an_unknown_code_among_known_ones_is_exit_2(project: Path) -> None:
    code, _, stderr = concise(project, "--select", "AIC1,AIC777")
    assert code == 2
    assert "'AIC777'" in stderr


def test_fix_and_diff_together_are_exit_2(project: Path) -> None:
    write(project, {"train.py": "def f():\n    ds = 1\n    return ds\n"})
    code, lines, stderr = concise(project, "--fix", "--diff")
    assert code == 2
    assert lines == []
    assert stderr == (
        "aiconv: error: --fix and --diff exclude each other: --diff shows what --fix would do\n"
    )
    assert (project / "train.py").read_text() == "def f():\n    ds = 1\n    return ds\n"


def test_an_unknown_option_is_exit_2(project: Path) -> None:
    code, _, stderr = concise(project, "--colour")
    assert code == 2
    assert "--colour" in stderr
