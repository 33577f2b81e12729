"""The handbook's layout tree: every folder and file the layout config names, with what lives
there, drawn like `tree` draws a folder.

Globs are placed at their literal folder (`src/**/*.py` under `src/`); a glob with no literal
folder (`**/*.ckpt`, `*.ipynb`) belongs to the whole repository, on the root line.
"""

from __future__ import annotations

from aiconv.config import Layout

_GLOB = ("*", "?", "[")


def split_glob(pattern: str) -> tuple[str, str]:
    """(literal folder or file, the rest of the glob): `src/**/*.py` -> ("src/", "**/*.py")."""
    parts = pattern.strip().lstrip("/").split("/")
    literal: list[str] = []
    for index, part in enumerate(parts):
        if any(char in part for char in _GLOB):
            return "".join(p + "/" for p in literal), "/".join(parts[index:])
        literal.append(part)
    if literal and literal[-1] == "":  # a trailing slash: the pattern is a folder
        return "/".join(literal[:-1]) + "/", ""
    return "/".join(literal), ""


def _style(style: str) -> str:
    return f"`{style[len('regex:') :]}`" if style.startswith("regex:") else style


def notes(layout: Layout) -> dict[str, list[str]]:
    """Path ("" for the root) -> what the config says of it, in config order."""
    found: dict[str, list[str]] = {}

    def add(path: str, note: str) -> None:
        found.setdefault(path, []).append(note)

    for entry in layout.required:
        path, rest = split_glob(entry.value)
        add(path, f"`{rest}` required" if rest else "required")
    for pattern, folders in layout.placement:
        for folder in folders:
            path, rest = split_glob(folder)
            where = f" (in `{rest}`)" if rest else ""
            add(path, f"`{pattern}` files live here{where}")
    for pattern, style in layout.naming:
        path, rest = split_glob(pattern)
        if not rest:  # one file or folder by name: the note goes on its folder
            add(_parent(path), f"`{path}` named {_style(style)}")
        else:
            what = "folders below" if rest == "**/" else f"`{rest}`"
            add(path, f"{what} named {_style(style)}")
    for pattern in layout.forbidden:
        path, rest = split_glob(pattern)
        # Only whole folders: file globs are listed under the tree, they would crowd it.
        if path.endswith("/") and rest in ("", "**") and not pattern.startswith("!"):
            add(path, "nothing committed")
    return found


def _parent(path: str) -> str:
    trimmed = path.rstrip("/")
    return trimmed.rsplit("/", 1)[0] + "/" if "/" in trimmed else ""


def render(layout: Layout) -> str:
    """The tree as text lines (no fence): `.` first, then the named paths, sorted."""
    described = notes(layout)
    children: dict[str, set[str]] = {}
    for path in described:
        while path:
            parent = _parent(path)
            children.setdefault(parent, set()).add(path)
            path = parent
    rows: list[tuple[str, str]] = [(".", "; ".join(described.get("", [])))]

    def walk(folder: str, indent: str) -> None:
        entries = sorted(children.get(folder, ()), key=lambda p: (p.rstrip("/").lower(), p))
        for index, path in enumerate(entries):
            last = index == len(entries) - 1
            name = path.rstrip("/").rsplit("/", 1)[-1] + ("/" if path.endswith("/") else "")
            branch = indent + ("└── " if last else "├── ") + name
            rows.append((branch, "; ".join(described.get(path, []))))
            walk(path, indent + ("    " if last else "│   "))

    walk("", "")
    width = max(len(label) for label, _ in rows) + 2
    lines = [(label.ljust(width) + note).rstrip() if note else label for label, note in rows]
    return "\n".join(lines) + "\n"
