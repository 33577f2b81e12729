"""`aiconv explain`: a rule's page, or what the glossary prescribes for a word."""

from __future__ import annotations

from aiconv import codes, ruledocs
from aiconv.config import Settings, Term
from aiconv.errors import UserError
from aiconv.terms import Glossary, singular, split_words, suggest


def explain(topic: str, settings: Settings) -> str:
    """The text `aiconv explain TOPIC` prints."""
    docs = ruledocs.load_all()
    wanted = topic.strip()
    by_name = {doc.name: doc for doc in docs.values()}
    doc = docs.get(wanted.upper()) or by_name.get(wanted.lower())
    if doc is not None:
        if settings.config_file is None:
            return doc.text.rstrip() + "\n"
        # As the rule reads in the handbook (`aiconv guide`): its page, then this project's say.
        return f"{doc.text.rstrip()}\n\n## In this project\n\n{rule_notes(doc.code, settings)}"
    if wanted.upper() in codes.KNOWN_CODES:
        return (
            f"{wanted.upper()} {codes.KNOWN_CODES[wanted.upper()]} is part of the "
            "specification but not implemented in this release of aiconv yet.\n"
        )
    glossary_text = _glossary(wanted, settings)
    if glossary_text:
        return glossary_text
    candidates = (
        list(docs)
        + list(by_name)
        + [word for term in settings.terminology.terms for word in (term.preferred, *term.avoided)]
    )
    close = codes.closest(wanted, candidates) or codes.closest(wanted)
    hint = f" Closest: {', '.join(close)}." if close else ""
    raise UserError(
        f"{wanted!r} is neither a rule code, a rule name nor a word of this "
        f"project's glossary.{hint} `aiconv rules` lists every rule."
    )


def rule_notes(code: str, settings: Settings) -> str:
    """What this project's configuration does with rule `code`, and how to make an exception.

    Markdown paragraphs, shared by `aiconv explain CODE` and the handbook's rule pages.
    """
    from aiconv import rules  # the registry imports every rule family: only when needed

    rule = rules.BY_CODE.get(code)
    selection = rules.select(settings)
    source = settings.config_display
    if not selection.enabled(code):
        status = f"Not enabled by {source} (`select`, `ignore`, or an opt-in rule not selected)."
    elif rule is not None and not rule.configured(settings):
        status = "Enabled, but it has nothing to check until its options (above) are set."
    else:
        status = f"Enabled by {source}."
    ignored = [
        pattern
        for pattern, selectors in settings.per_file_ignores
        if codes.matches(code, selectors)
    ]
    if ignored:
        status += (
            " Not reported in " + ", ".join(f"`{p}`" for p in ignored) + " (`per-file-ignores`)."
        )
    scope = rule.scope if rule is not None else "file"
    return f"{status}\n\n{silencing(code, scope, source)}\n"


def silencing(code: str, scope: str, config_name: str = "pyproject.toml") -> str:
    """How to make an exception to `code`, by where its reports point."""
    per_file = f'`per-file-ignores` (`"path/**" = ["{code}"]`)'
    if code in ("AIC201", "AIC504"):
        return (
            f"Reported on the config file: correct or remove the entry it points at. To "
            f'silence it anyway: `per-file-ignores` (`"{config_name}" = ["{code}"]`).'
        )
    if code == "AIC002":
        return f"aiconv cannot read such a file's comments: silence it with {per_file}."
    if scope == "path":
        return (
            f"Silence one Python file with `# aiconv: ignore[{code}]` on its first line; any "
            f"other file (a notebook, a checkpoint, a folder) with {per_file}."
        )
    return (
        f"Silence one report with `# aiconv: ignore[{code}]` at the end of the reported line, "
        f"a whole file with `# aiconv: ignore-file[{code}]` on a line of its own, or a set "
        f"of files with {per_file}. Say why in the same comment."
    )


def rename_examples(term: Term, avoided: str) -> str:
    """How three names holding `avoided` would be renamed, one per naming style."""
    glossary = Glossary((Term(term.preferred, (avoided,)),))
    words = split_words(avoided)
    samples = [
        "train_" + "_".join(words),
        "train" + "".join(word.capitalize() for word in words),
        "_".join(words).upper() + "_PATH",
    ]
    return ", ".join(f"`{name}` → `{suggest(name, glossary.find(name))}`" for name in samples)


def _same_term(word: str, phrase: str) -> bool:
    """True when `word` is `phrase`, up to case, separators and the number of its last word."""
    words, wanted = split_words(word), split_words(phrase)
    if not words or len(words) != len(wanted) or words[:-1] != wanted[:-1]:
        return False
    last, target = words[-1], wanted[-1]
    return last in (target, target + "s", target + "es") or last == singular(target)


def _glossary(word: str, settings: Settings) -> str:
    """What the glossary says of `word`, or "" when it is neither preferred nor avoided."""
    source = settings.config_display
    checked = "Rules that check it: AIC101 (names), AIC102 (file and folder names), AIC103 "
    checked += "(comments and docstrings, opt-in).\n"
    for term in settings.terminology.terms:
        definition = f"\n{term.preferred}: {term.definition.strip()}\n\n" if term.definition else ""
        if _same_term(word, term.preferred):
            avoided = ", ".join(f'"{a}"' for a in term.avoided) or "nothing"
            return (
                f'"{word}" is a preferred term of this project\'s glossary ({source}).\n'
                f"{definition}Avoid: {avoided}.\n{checked}"
            )
        for avoided in term.avoided:
            if not _same_term(word, avoided):
                continue
            written = "" if split_words(word) == split_words(avoided) else f', written "{avoided}"'
            others = ", ".join(f'"{a}"' for a in term.avoided if a != avoided)
            also = f"Also avoided for it: {others}.\n" if others else ""
            return (
                f'"{word}" is an avoided word in this project\'s glossary ({source}){written}: '
                f'say "{term.preferred}".\n{definition}'
                f"In names, aiconv suggests: {rename_examples(term, avoided)}.\n{also}{checked}"
            )
    return ""
