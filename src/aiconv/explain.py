"""`aiconv explain`: a rule's page, or what the glossary prescribes for a word."""

from __future__ import annotations

from aiconv import codes, ruledocs
from aiconv.config import Settings, Term
from aiconv.errors import UserError
from aiconv.terms import Glossary, split_words, suggest


def explain(topic: str, settings: Settings) -> str:
    """The text `aiconv explain TOPIC` prints."""
    docs = ruledocs.load_all()
    wanted = topic.strip()
    by_name = {doc.name: doc for doc in docs.values()}
    doc = docs.get(wanted.upper()) or by_name.get(wanted.lower())
    if doc is not None:
        return doc.text.rstrip() + "\n"
    if wanted.upper() in codes.KNOWN_CODES:
        return (f"{wanted.upper()} {codes.KNOWN_CODES[wanted.upper()]} is part of the "
                "specification but not implemented in this release of aiconv yet.\n")
    glossary_text = _glossary(wanted, settings)
    if glossary_text:
        return glossary_text
    candidates = list(docs) + list(by_name) + [word for term in settings.terminology.terms
                                               for word in (term.preferred, *term.avoided)]
    close = codes.closest(wanted, candidates) or codes.closest(wanted)
    hint = f" Closest: {', '.join(close)}." if close else ""
    raise UserError(f"{wanted!r} is neither a rule code, a rule name nor a word of this "
                    f"project's glossary.{hint} `aiconv rules` lists every rule.")


def _examples(term: Term, avoided: str) -> str:
    glossary = Glossary((Term(term.preferred, (avoided,)),))
    words = split_words(avoided)
    samples = ["train_" + "_".join(words), "train" + "".join(w.capitalize() for w in words),
               "_".join(words).upper() + "_PATH"]
    shown = [f"`{name}` → `{suggest(name, glossary.find(name))}`" for name in samples]
    return ", ".join(shown)


def _glossary(word: str, settings: Settings) -> str:
    lowered = tuple(split_words(word))
    source = settings.config_display
    for term in settings.terminology.terms:
        definition = f"\n{term.definition}\n" if term.definition else ""
        if lowered == split_words(term.preferred):
            avoided = ", ".join(f'"{a}"' for a in term.avoided) or "nothing"
            return (f'"{term.preferred}" is a preferred term of this project\'s glossary '
                    f"({source}).{definition}\nAvoid: {avoided}.\n")
        for avoided in term.avoided:
            if lowered == split_words(avoided) or Glossary((Term(term.preferred, (avoided,)),)
                                                           ).find(word):
                others = [a for a in term.avoided if a != avoided]
                also = f"\nAlso avoided for it: {', '.join(others)}.\n" if others else ""
                return (f'"{word}" is an avoided word in this project\'s glossary ({source}): '
                        f'say "{term.preferred}".{definition}\n'
                        f"In names, aiconv suggests: {_examples(term, avoided)}.\n{also}"
                        "Rules that check it: AIC101 (names), AIC102 (file and folder names), "
                        "AIC103 (comments, opt-in).\n")
    return ""
