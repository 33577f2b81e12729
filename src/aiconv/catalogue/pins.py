"""Pin grammars: how a dataset reference names its version, and whether that version moves.

Each grammar reads a reference's text (a template: `names.HOLE` marks a part known only at run
time) and returns a `Pin`. Holes are read conservatively: a version is called missing only when
the literal text shows where it would be and shows nothing there. A hole never holds a `/`,
except one at the very end, which may hold the rest of a path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote

from aiconv.config import Datasets
from aiconv.names import HOLE


class State(Enum):
    """What a reference says about its version."""

    MISSING = "missing"  # no version at all: the newest data is read
    FLOATING = "floating"  # an alias that moves: main, latest, Production, @champion
    TAG = "tag"  # a name that may be a tag or a branch: a pin, except in strict mode
    PINNED = "pinned"  # a commit SHA, content hash or version number
    UNKNOWN = "unknown"  # known only at run time: counts as given


@dataclass(frozen=True)
class Pin:
    """A reference's version as written (`ref`: the alias, tag or version) and its state."""

    state: State
    ref: str = ""

    def problem(self, strict: bool) -> State | None:
        """MISSING or FLOATING when this pin is a violation (strict mode: a tag floats)."""
        if self.state in (State.MISSING, State.FLOATING):
            return self.state
        if self.state is State.TAG and strict:
            return State.FLOATING
        return None


_SHA = re.compile(r"(?=[^0-9]*[0-9])[0-9a-f]{7,64}", re.IGNORECASE)
_NUMBER = re.compile(r"v?[0-9]+(\.[0-9]+)*|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def classify_ref(ref: str, floating: frozenset[str], git: bool = False) -> Pin:
    """A version as written. A commit SHA pins; a floating alias moves. A version number pins
    where the store numbers its versions (W&B, MLflow, Delta…), but in a git repository
    (`git`) a name such as `v1.0` is a tag, which strict mode counts as floating. Anything else
    is a tag or a branch: the two cannot be told apart."""
    if HOLE in ref:
        return Pin(State.UNKNOWN, ref)
    if not ref:
        return Pin(State.MISSING)
    if ref.lower().startswith("refs/heads/"):
        return Pin(State.FLOATING, ref)  # spelled as a branch, so it is one
    base = re.split(r"[~^]", ref, maxsplit=1)[0]
    if base.lower() in floating:
        return Pin(State.FLOATING, ref)
    if _SHA.fullmatch(base) or (not git and _NUMBER.fullmatch(base)):
        return Pin(State.PINNED, ref)
    return Pin(State.TAG, ref)


# ---------------------------------------------------------------------------- handles


def kaggle(handle: str, floating: frozenset[str]) -> Pin:
    """A Kaggle dataset handle: `owner/slug/versions/<n>` pins, `owner/slug` is the latest."""
    if "/versions/" in handle:
        version = handle.rsplit("/versions/", 1)[1].split("/")[0]
        if version.isdigit():
            return Pin(State.PINNED, version)
        if version.lower() in floating:
            return Pin(State.FLOATING, version)
        return Pin(State.UNKNOWN, version)
    parts = handle.split("/")
    if handle.endswith(HOLE) or len(parts) != 2 or not all(parts):
        return Pin(State.UNKNOWN)
    return Pin(State.MISSING)


_TFDS_EXACT = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
_TFDS_MAJOR = re.compile(r"[0-9]+\.([0-9]+|\*)\.\*")


def tfds(name: str, floating: frozenset[str]) -> Pin:
    """A TFDS name `name[/config][:version]`: `3.0.1` pins, `3.*.*` pins the records (a tag in
    strict mode), no version means the newest the installed tfds knows."""
    if ":" in name:
        version = name.rsplit(":", 1)[1]
        if HOLE in version:
            return Pin(State.UNKNOWN, version)
        if _TFDS_EXACT.fullmatch(version):
            return Pin(State.PINNED, version)
        if _TFDS_MAJOR.fullmatch(version):
            return Pin(State.TAG, version)
        if version.lower() in floating or version.startswith("*"):
            return Pin(State.FLOATING, version)
        return Pin(State.TAG, version)
    if not name or name.endswith(HOLE):
        return Pin(State.UNKNOWN)
    return Pin(State.MISSING)


def wandb(name: str, floating: frozenset[str]) -> Pin:
    """A W&B artifact name `[entity/project/]name:<version or alias>`; no `:` means `:latest`."""
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        return classify_ref(last.rsplit(":", 1)[1], floating)
    if not last or name.endswith(HOLE):
        return Pin(State.UNKNOWN)
    return Pin(State.MISSING)


HANDLE_GRAMMARS = {"kaggle": kaggle, "tfds": tfds, "wandb": wandb}


# ---------------------------------------------------------------------------- URIs


@dataclass(frozen=True)
class Reference:
    """A dataset URI found in a string: its text, its pin, and how a pinned one is written."""

    uri: str
    pin: Pin
    suggestion: str  # the URI as it would read pinned ("" when no example can be given)
    pattern: str = ""  # the `uri-patterns` entry it matched, for the team's own locations


@dataclass(frozen=True)
class Policy:
    """The `[tool.aiconv.datasets]` settings the grammars read, compiled once."""

    floating: frozenset[str]
    strict: bool
    version: re.Pattern[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def of(cls, datasets: Datasets) -> Policy:
        """Compile the settings."""
        return cls(
            frozenset(datasets.floating),
            datasets.strict,
            re.compile(datasets.version_pattern),
            tuple((glob, glob_regex(glob)) for glob in datasets.uri_patterns),
        )


def glob_regex(glob: str) -> re.Pattern[str]:
    """A `uri-patterns` glob: `*` is one path segment, `**` any number, `?` one character."""
    out = []
    index = 0
    while index < len(glob):
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        char = glob[index]
        out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        index += 1
    return re.compile("".join(out), re.DOTALL)


_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%\([^)\s]*\)[sdr]|%[sdr]|<[^<>\s]+>|\$\{[^}\s]*\}")
_TOKEN = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.\-]*:/{1,2}|\braw\.githubusercontent\.com/)"
    r"[^\s'\"`<>()\[\]{},;|]+"
)
_HUB_URL = re.compile(r"https?://(?:huggingface\.co|hf\.co)/datasets/", re.IGNORECASE)
_RAW = re.compile(r"(?:https?://)?raw\.githubusercontent\.com/", re.IGNORECASE)
_OBJECT_VERSION = {
    "s3": re.compile(r"[?&]versionId=[^&#]+", re.IGNORECASE),
    "gs": re.compile(r"#[0-9\x00]+$|[?&]generation=[0-9\x00]+", re.IGNORECASE),
    "abfs": re.compile(r"[?&]versionid=[^&#]+", re.IGNORECASE),
}
_OBJECT_SCHEMES = {
    "s3": "s3",
    "s3a": "s3",
    "gs": "gs",
    "gcs": "gs",
    "abfs": "abfs",
    "abfss": "abfs",
    "az": "abfs",
}
_OBJECT_HINT = {
    "s3": "?versionId=<version id>",
    "gs": "#<generation>",
    "abfs": "?versionid=<version id>",
}


def show(text: str) -> str:
    """A template as messages show it: each hole as `{…}`."""
    return text.replace(HOLE, "{…}")


def find(text: str, policy: Policy) -> list[Reference]:
    """Every dataset URI in `text` (built-in schemes and `uri-patterns` matches), in order."""
    text = _PLACEHOLDER.sub(HOLE, text)
    found = []
    candidates = [match.group(0).rstrip(".:") for match in _TOKEN.finditer(text)]
    whole = text.strip()
    if (
        policy.patterns
        and whole
        and not any(c.isspace() for c in whole)
        and whole not in candidates
    ):
        candidates.append(whole)
    for uri in candidates:
        reference = _builtin(uri, policy) or _patterned(uri, policy)
        if reference is not None:
            found.append(reference)
    return found


def _builtin(uri: str, policy: Policy) -> Reference | None:
    lowered = uri.lower()
    if lowered.startswith("hf://datasets/"):
        return _hf(uri, len("hf://datasets/"), policy)
    hub = _HUB_URL.match(uri)
    if hub:
        return _hub_url(uri, hub.end(), policy)
    if lowered.startswith("lakefs://"):
        return _lakefs(uri, len("lakefs://"), policy)
    raw = _RAW.match(uri)
    if raw:
        return _github_raw(uri, raw.end(), policy)
    if lowered.startswith("models:/"):
        return _mlflow(uri, len("models:/"), policy)
    return None


def _hf(uri: str, start: int, policy: Policy) -> Reference | None:
    segments = uri[start:].split("/")
    for index in range(min(2, len(segments))):
        if "@" in segments[index]:
            ref = segments[index].split("@", 1)[1]
            at = uri.index("@", start)
            end = uri.find("/", at)
            suggestion = uri[:at] + "@<commit sha>" + (uri[end:] if end >= 0 else "")
            return Reference(uri, classify_ref(unquote(ref), policy.floating, git=True), suggestion)
    if not segments[0] or (len(segments) > 1 and not segments[1]):
        return None  # a prefix that code completes (`"hf://datasets/acme/" + name`)
    repo = "/".join(segments[:2])
    state = State.UNKNOWN if HOLE in repo else State.MISSING
    rest = uri[start + len(repo) :]
    return Reference(uri, Pin(state), uri[: start + len(repo)] + "@<commit sha>" + rest)


def _hub_url(uri: str, start: int, policy: Policy) -> Reference | None:
    match = re.compile(r"/(resolve|raw)/([^/]*)").search(uri, start)
    if match is None or not match.group(2):
        return None  # a page of the Hub, not a file
    suggestion = uri[: match.start(2)] + "<commit sha>" + uri[match.end(2) :]
    return Reference(
        uri, classify_ref(unquote(match.group(2)), policy.floating, git=True), suggestion
    )


def _lakefs(uri: str, start: int, policy: Policy) -> Reference | None:
    segments = uri[start:].split("/")
    if not segments[0]:
        return None
    if len(segments) == 1:
        state = State.UNKNOWN if segments[0].endswith(HOLE) else State.MISSING
        return Reference(uri, Pin(state), f"{uri}/<commit id>/…")
    if not segments[1]:
        return None
    repo_end = start + len(segments[0]) + 1
    suggestion = uri[:repo_end] + "<commit id>" + uri[repo_end + len(segments[1]) :]
    return Reference(uri, classify_ref(segments[1], policy.floating, git=True), suggestion)


def _github_raw(uri: str, start: int, policy: Policy) -> Reference | None:
    segments = uri[start:].split("/")
    if len(segments) < 3 or not all(segments[:3]):
        return None
    ref_start = start + len(segments[0]) + len(segments[1]) + 2
    if segments[2] == "refs" and len(segments) >= 5 and segments[3] in ("heads", "tags"):
        ref = "/".join(segments[2:5])
        pin = classify_ref(ref, policy.floating, git=True)
        if segments[3] == "tags" and pin.state is State.FLOATING:
            pin = classify_ref(segments[4], policy.floating, git=True)
    else:
        ref = segments[2]
        pin = classify_ref(ref, policy.floating, git=True)
    suggestion = uri[:ref_start] + "<commit sha>" + uri[ref_start + len(ref) :]
    return Reference(uri, pin, suggestion)


def _mlflow(uri: str, start: int, policy: Policy) -> Reference | None:
    match = re.compile(r"([^/@]*)(?:@([^/]*)|/([^/]*))?").match(uri, start)
    if match is None or not match.group(1):
        return None
    name = match.group(1)
    suggestion = f"models:/{name}/<version number>"
    if match.group(2) is not None:
        alias = match.group(2)
        if not alias:
            return None
        state = State.UNKNOWN if HOLE in alias else State.FLOATING  # aliases are reassignable
        return Reference(uri, Pin(state, "@" + alias), suggestion)
    if match.group(3) is not None:
        if not match.group(3):
            return None
        return Reference(uri, classify_ref(match.group(3), policy.floating), suggestion)
    state = State.UNKNOWN if name.endswith(HOLE) else State.MISSING
    return Reference(uri, Pin(state), suggestion)


def _patterned(uri: str, policy: Policy) -> Reference | None:
    pattern = next((glob for glob, regex in policy.patterns if regex.fullmatch(uri)), None)
    if pattern is None:
        return None
    scheme = _OBJECT_SCHEMES.get(uri.split("://", 1)[0].lower()) if "://" in uri else None
    hint = _OBJECT_HINT.get(scheme or "", "")
    suggestion = uri + ("&" + hint[1:] if hint.startswith("?") and "?" in uri else hint)
    if policy.version.search(uri) or (scheme and _OBJECT_VERSION[scheme].search(uri)):
        return Reference(uri, Pin(State.PINNED), suggestion, pattern)
    path = uri.split("://", 1)[1].split("/", 1)[-1] if "://" in uri else uri
    for part in re.split(r"[/@=?&#:]", path):
        if part.lower() in policy.floating:
            return Reference(uri, Pin(State.FLOATING, part), suggestion, pattern)
    state = State.UNKNOWN if HOLE in uri else State.MISSING
    return Reference(uri, Pin(state), suggestion if hint else "", pattern)
