"""The baseline (SPEC §4): turn aiconv on today, report only what is new, burn down the rest.

A baseline file records violations by path, code and the text of the flagged line (stripped
of surrounding whitespace), with a count for identical ones; never by line number, so an edit
that shifts lines or re-indents a block leaves its entries matching. Of several identical
violations beyond the recorded count, the last ones in output order are the new ones.

It is applied to the finished `Report` (the CLI calls `adopt`), not inside `lint()`: fixes,
suppressions and selection have already run, so the baseline sees exactly what would be
reported. Two ways to write it, as Psalm's `--set-baseline` and `--update-baseline`:

- `--write-baseline FILE` records every current violation (new ones are accepted);
- `--baseline FILE --write-baseline FILE` only prunes: entries that no longer match are
  dropped, new violations stay reported.

An entry is "fixed" only when this run could have seen it: the whole project was linted and
its code was checked. A pre-commit batch or `--select AIC1` says nothing about the others, so
their entries are kept as they are.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiconv.errors import UserError
from aiconv.violation import Report, Violation

FORMAT_VERSION = 1

Key = tuple[str, str, str]  # path, code, text of the flagged line


def identity(violation: Violation) -> Key:
    """What a violation is across edits: path, code and its line's text, not its line number."""
    return (violation.path, violation.code, violation.line_text.strip())


@dataclass(frozen=True)
class Adoption:
    """A report with the baseline applied, and what to tell the user about it on stderr."""

    report: Report
    notes: tuple[str, ...]


def adopt(report: Report, baseline: Path | None, write: Path | None) -> Adoption:
    """Apply `--baseline` (report only new violations) and `--write-baseline` to `report`."""
    current = Counter(identity(violation) for violation in report.violations)
    old: Counter[Key] = load(baseline) if baseline is not None else Counter()
    notes = []
    if baseline is not None:
        new = _unmatched(report.violations, old)
        matched = len(report.violations) - len(new)
        notes.append(
            f"baseline {baseline}: {_count(matched, 'violation')} matched "
            f"(not reported), {len(new)} new"
        )
        fixed = _fixed(old, current, report)
        if fixed and write is None:
            total = sum(fixed.values())
            verb = "matches" if total == 1 else "match"
            listed = "".join(f"\n{_describe(key, count)}" for key, count in sorted(fixed.items()))
            notes.append(
                f"baseline {baseline}: {_count(total, 'entry', 'entries')} no longer "
                f"{verb} (fixed); `--baseline {baseline} --write-baseline {baseline}` "
                f"prunes {'it' if total == 1 else 'them'}:{listed}"
            )
    if write is None:
        return Adoption(_only(report, old), tuple(notes))

    if baseline is not None:  # prune only: never accept a new violation
        before = old
        recorded = Counter(
            {
                key: min(count, current[key]) if _covered(key, report) else count
                for key, count in old.items()
            }
        )
    else:  # record: the current violations, and what this run did not check as it was
        before = load(write) if write.exists() else Counter()
        recorded = Counter(
            {
                key: current[key] if _covered(key, report) else max(before[key], current[key])
                for key in before | current
            }
        )
    recorded = +recorded  # drop entries that reached zero
    pruned = sum((before - recorded).values())
    _save(write, recorded)
    partial = "" if report.whole else "; a partial run: entries it did not check are kept"
    notes.append(
        f"wrote {write}: {_count(sum(recorded.values()), 'violation')} "
        f"({_count(pruned, 'fixed entry', 'fixed entries')} pruned){partial}"
    )
    return Adoption(_only(report, recorded), tuple(notes))


def load(path: Path) -> Counter[Key]:
    """The entries of a baseline file, counted; a UserError names what is wrong with it."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(
            f"baseline {path}: no such file; record one with `aiconv lint --write-baseline {path}`"
        ) from None
    except OSError as error:
        raise UserError(f"baseline {path}: cannot read it: {error.strerror}") from None
    except ValueError as error:
        raise UserError(f"baseline {path}: not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise UserError(
            f'baseline {path}: expected an object with "version": {FORMAT_VERSION} '
            "(a file written by `aiconv lint --write-baseline`)"
        )
    entries = document.get("violations")
    if not isinstance(entries, list):
        raise UserError(f'baseline {path}: "violations" must be an array')
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        counts[_entry(entry, f"baseline {path}: violations[{index}]")] += entry["count"]
    return counts


def _entry(entry: Any, where: str) -> Key:
    fields = ("path", "code", "line_text")
    if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in fields):
        raise UserError(f"{where}: expected an object with string path, code and line_text")
    count = entry.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise UserError(f"{where}: count must be a whole number of at least 1, got {count!r}")
    return (entry["path"], entry["code"], entry["line_text"])


def _save(path: Path, counts: Counter[Key]) -> None:
    # Sorted, one entry per identity and no line numbers: a re-recorded baseline diffs only
    # where violations really came or went.
    document = {
        "version": FORMAT_VERSION,
        "violations": [
            {"path": p, "code": c, "line_text": t, "count": n}
            for (p, c, t), n in sorted(counts.items())
        ],
    }
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(f"--write-baseline {path}: cannot write it: {error.strerror}") from None


def _unmatched(violations: tuple[Violation, ...], counts: Counter[Key]) -> list[Violation]:
    """The violations left once each baseline entry has absorbed up to its count, in order."""
    remaining = Counter(counts)
    new = []
    for violation in violations:
        key = identity(violation)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(violation)
    return new


def _only(report: Report, counts: Counter[Key]) -> Report:
    return dataclasses.replace(report, violations=tuple(_unmatched(report.violations, counts)))


def _covered(key: Key, report: Report) -> bool:
    """True when this run would have reported `key`'s violations, had they still been there."""
    return report.whole and key[1] in report.codes


def _fixed(old: Counter[Key], current: Counter[Key], report: Report) -> Counter[Key]:
    return Counter(
        {
            key: count - current[key]
            for key, count in old.items()
            if count > current[key] and _covered(key, report)
        }
    )


def _describe(key: Key, count: int) -> str:
    path, code, text = key
    times = f" (x{count})" if count > 1 else ""
    return f"  {path}: {code} `{text}`{times}" if text else f"  {path}: {code}{times}"


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
