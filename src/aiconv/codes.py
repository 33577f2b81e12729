"""Every rule code of the specification, implemented or not yet, so config can name any of them."""

from __future__ import annotations

import difflib

# The contract's code table (SPEC §3). Rule classes declare their own metadata; a test checks
# that each implemented rule agrees with this table.
KNOWN_CODES: dict[str, str] = {
    "AIC001": "syntax-error",
    "AIC002": "unreadable-file",
    "AIC101": "avoided-term-in-name",
    "AIC102": "avoided-term-in-path",
    "AIC103": "avoided-term-in-comment",
    "AIC201": "required-path-missing",
    "AIC202": "misplaced-file",
    "AIC203": "bad-file-name",
    "AIC204": "forbidden-path",
    "AIC205": "file-too-large",
    "AIC301": "unversioned-dataset-uri",
    "AIC302": "unversioned-dataset-load",
    "AIC303": "floating-dataset-version",
    "AIC401": "global-rng-call",
    "AIC402": "unseeded-rng",
    "AIC403": "missing-random-state",
    "AIC404": "unseeded-dataloader-shuffle",
    "AIC405": "entrypoint-not-seeded",
    "AIC406": "entropy-seed",
    "AIC501": "forbidden-import",
    "AIC502": "layer-violation",
    "AIC503": "independence-violation",
    "AIC504": "unused-boundary-ignore",
}


def is_known_selector(selector: str) -> bool:
    """True when `selector` is a code or a prefix of at least one code (`AIC`, `AIC4`, `AIC401`)."""
    return bool(selector) and any(code.startswith(selector) for code in KNOWN_CODES)


def matches(code: str, selectors: tuple[str, ...] | list[str]) -> bool:
    """True when `code` is one of `selectors` or starts with one of them."""
    return any(code.startswith(selector) for selector in selectors)


def closest(word: str, candidates: list[str] | None = None) -> list[str]:
    """The codes (or other candidates) that look most like `word`, best first."""
    pool = candidates if candidates is not None else list(KNOWN_CODES)
    wanted = word.upper() if candidates is None else word
    return difflib.get_close_matches(wanted, pool, n=3, cutoff=0.5)
