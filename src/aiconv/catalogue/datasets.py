"""The dataset loader catalogue: which calls read a dataset and which argument pins its version.

Facts and the reasons behind each entry: `../shared/catalogue/randomness-and-datasets.md` §2–3.
`rules/AIC302.md` shows `doc_rows()` (a test keeps the two in step), and
`[[tool.aiconv.datasets.loaders]]` adds the team's own loaders (`loaders()`).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiconv.config import Datasets


@dataclass(frozen=True)
class Param:
    """An argument: its keyword, and its 0-based position when it may be passed positionally."""

    name: str
    position: int | None = None

    def doc(self) -> str:
        """`revision=` (position 12)."""
        keyword = f"`{self.name}=`" if self.name else "the argument"
        return keyword if self.position is None else f"{keyword} (position {self.position})"


@dataclass(frozen=True)
class Condition:
    """When a call of the loader reads a dataset at all.

    kinds: `hub` (the handle is a Hub dataset id: not a local path, not a packaged builder),
    `equals` (an argument is the literal `value`), `remote` (an argument is a remote git URL),
    `given` (one of the arguments is passed), `delta-format` (a Spark read whose format is
    Delta).
    """

    kind: str
    params: tuple[Param, ...] = ()
    value: str = ""
    doc: str = ""


@dataclass(frozen=True)
class DatasetLoader:
    """A call that reads a dataset, and how its version is given."""

    function: str  # fully qualified; `.name` is a method matched on any receiver
    versions: tuple[Param, ...] = ()  # arguments that pin the version (any one of them)
    handle: Param | None = None  # the argument naming the dataset
    grammar: str = ""  # kaggle, tfds, wandb: the version is written inside the handle
    condition: Condition | None = None
    pinned_later: tuple[str, ...] = ()  # methods that pin the returned object afterwards
    suggestion: str = ""  # how a pin is written: `revision="<commit sha>"`, `:v<n>`
    configured: bool = False  # from `datasets.loaders`
    receiver: str = ""  # for a method: how its receiver usually reads, for the docs
    git: bool = False  # the version is a git revision: `v1.0` is a tag there, not a number

    def doc_row(self) -> str:
        """This loader as a row of the table in rules/AIC302.md."""
        if self.grammar:
            pinned = f"the name: `{GRAMMAR_DOCS[self.grammar]}`"
            if self.versions:
                pinned += " or " + " or ".join(param.doc() for param in self.versions)
        else:
            pinned = " or ".join(param.doc() for param in self.versions)
        when = self.condition.doc if self.condition else "always"
        if self.pinned_later:
            when += "; a later " + " / ".join(f"`.{m}()`" for m in self.pinned_later) + " pins it"
        name = (
            f"`{self.receiver}{self.function}` (any receiver)"
            if self.receiver
            else f"`{self.function}`"
        )
        return f"| {name} | {pinned} | {when} |"


GRAMMAR_DOCS = {
    "kaggle": "owner/slug/versions/<n>",
    "tfds": "name[/config]:<x.y.z>",
    "wandb": "[entity/project/]name:v<n>",
}

_HUB = Condition(
    "hub",
    (Param("path", 0),),
    doc="the name is a Hub dataset: not a local path, "
    'not a packaged builder such as `"csv"` (judge its `data_files` instead)',
)
_DATASET_REPO = Condition(
    "equals", (Param("repo_type"),), "dataset", doc='`repo_type="dataset"` (the default is a model)'
)
_REMOTE = Condition(
    "remote",
    (Param("repo", 1),),
    doc="`repo=` is a remote git URL (without it "
    "the data is pinned by the committed `.dvc` / `dvc.lock`)",
)
_SHA = 'revision="<commit sha>"'
_REV = 'rev="<commit sha or tag>"'
_VERSION = "version=<n>"

BUILT_IN: tuple[DatasetLoader, ...] = (
    DatasetLoader(
        "datasets.load_dataset",
        (Param("revision", 12),),
        Param("path", 0),
        condition=_HUB,
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        "huggingface_hub.hf_hub_download",
        (Param("revision"),),
        Param("repo_id", 0),
        condition=_DATASET_REPO,
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        "huggingface_hub.snapshot_download",
        (Param("revision"),),
        Param("repo_id", 0),
        condition=_DATASET_REPO,
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        "huggingface_hub.HfApi().hf_hub_download",
        (Param("revision"),),
        Param("repo_id", 0),
        condition=_DATASET_REPO,
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        "huggingface_hub.HfApi().snapshot_download",
        (Param("revision"),),
        Param("repo_id", 0),
        condition=_DATASET_REPO,
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        "dvc.api.open",
        (Param("rev", 2),),
        Param("path", 0),
        condition=_REMOTE,
        suggestion=_REV,
        git=True,
    ),
    DatasetLoader(
        "dvc.api.read",
        (Param("rev", 2),),
        Param("path", 0),
        condition=_REMOTE,
        suggestion=_REV,
        git=True,
    ),
    DatasetLoader(
        "dvc.api.get_url",
        (Param("rev", 2),),
        Param("path", 0),
        condition=_REMOTE,
        suggestion=_REV,
        git=True,
    ),
    DatasetLoader(
        "dvc.api.DVCFileSystem",
        (Param("rev"),),
        Param("url", 0),
        condition=Condition(
            "remote", (Param("url", 0), Param("repo")), doc="its repository is a remote git URL"
        ),
        suggestion=_REV,
        git=True,
    ),
    DatasetLoader(
        "dvc.api.artifacts_show",
        (Param("version", 1), Param("stage", 2)),
        Param("name", 0),
        suggestion='version="<n>"',
    ),
    DatasetLoader(
        "kagglehub.dataset_download",
        (),
        Param("handle", 0),
        grammar="kaggle",
        suggestion="/versions/<n>",
    ),
    DatasetLoader(
        "kagglehub.dataset_load",
        (),
        Param("handle", 1),
        grammar="kaggle",
        suggestion="/versions/<n>",
    ),
    DatasetLoader(
        "kagglehub.load_dataset",
        (),
        Param("handle", 1),
        grammar="kaggle",
        suggestion="/versions/<n>",
    ),
    DatasetLoader(
        "tensorflow_datasets.load",
        (Param("builder_kwargs"),),
        Param("name", 0),
        grammar="tfds",
        suggestion=":<x.y.z>",
    ),
    DatasetLoader(
        "tensorflow_datasets.builder",
        (Param("version"),),
        Param("name", 0),
        grammar="tfds",
        suggestion=":<x.y.z>",
    ),
    DatasetLoader(
        ".use_artifact",
        (),
        Param("artifact_or_name", 0),
        grammar="wandb",
        suggestion=":v<n>",
        receiver="run",
    ),
    DatasetLoader(
        "wandb.use_artifact", (), Param("artifact_or_name", 0), grammar="wandb", suggestion=":v<n>"
    ),
    DatasetLoader(
        "wandb.Api().artifact", (), Param("name", 0), grammar="wandb", suggestion=":v<n>"
    ),
    DatasetLoader(
        "sklearn.datasets.fetch_openml",
        (Param("version"), Param("data_id")),
        Param("name", 0),
        suggestion=_VERSION,
    ),
    DatasetLoader(
        "deltalake.DeltaTable",
        (Param("version", 1),),
        Param("table_uri", 0),
        pinned_later=("load_as_version", "load_with_datetime", "load_version"),
        suggestion=_VERSION,
    ),
    DatasetLoader(
        "polars.read_delta", (Param("version"),), Param("source", 0), suggestion=_VERSION
    ),
    DatasetLoader(
        "polars.scan_delta", (Param("version"),), Param("source", 0), suggestion=_VERSION
    ),
    DatasetLoader(
        "mlflow.data.load_delta",
        (Param("version", 2),),
        Param("path", 0),
        condition=Condition(
            "given",
            (Param("path", 0), Param("table_name", 1)),
            doc="`path=` or `table_name=` is given",
        ),
        suggestion=_VERSION,
    ),
    DatasetLoader(
        "mlflow.data.from_spark",
        (Param("version", 3),),
        Param("path", 1),
        condition=Condition(
            "given",
            (Param("path", 1), Param("table_name", 2)),
            doc="`path=` or `table_name=` is given",
        ),
        suggestion=_VERSION,
    ),
    DatasetLoader(
        "mlflow.data.from_huggingface",
        (Param("revision", 5),),
        Param("path", 1),
        condition=Condition("given", (Param("path", 1),), doc="`path=` is given"),
        suggestion=_SHA,
        git=True,
    ),
    DatasetLoader(
        ".load",
        (Param("versionAsOf"), Param("timestampAsOf")),
        Param("path", 0),
        condition=Condition(
            "delta-format",
            doc='a Spark read with `.format("delta")` '
            'or `format="delta"`; `.option("versionAsOf", <n>)` or '
            '`"timestampAsOf"` in the chain pins it',
        ),
        suggestion='.option("versionAsOf", <n>)',
        receiver='spark.read.format("delta")',
    ),
)

# Arguments of these calls are written, not read (`df.to_parquet("s3://…")`).
WRITES = frozenset(
    {
        "to_parquet",
        "to_csv",
        "to_json",
        "to_feather",
        "to_pickle",
        "to_hdf",
        "to_excel",
        "to_orc",
        "to_sql",
        "to_delta",
        "to_zarr",
        "to_netcdf",
        "write_parquet",
        "write_csv",
        "write_json",
        "write_ndjson",
        "write_ipc",
        "write_delta",
        "write_avro",
        "write_excel",
        "write_database",
        "write_table",
        "write_dataset",
        "write_deltalake",
        "sink_parquet",
        "sink_csv",
        "sink_ipc",
        "save",
        "save_to_disk",
        "push_to_hub",
        "upload",
        "upload_file",
        "upload_folder",
        "upload_fileobj",
        "put",
        "put_file",
        "put_object",
        "log_artifact",
        "log_artifacts",
        "log_model",
        "log_table",
        "add_reference",
        "add_file",
        "add_dir",
        "insertInto",
        "saveAsTable",
    }
)
# Builders of the `datasets` library itself: their data is `data_files` / `data_dir`.
PACKAGED_BUILDERS = frozenset(
    {
        "json",
        "csv",
        "parquet",
        "text",
        "arrow",
        "imagefolder",
        "audiofolder",
        "videofolder",
        "webdataset",
        "pandas",
        "sql",
        "xml",
        "spark",
        "generator",
        "cache",
        "pdffolder",
    }
)
PATH_FUNCTIONS = frozenset(
    {
        "os.path.join",
        "os.path.abspath",
        "os.path.expanduser",
        "os.path.dirname",
        "os.path.realpath",
        "os.path.normpath",
        "os.getcwd",
        "os.fspath",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PosixPath",
        "pathlib.WindowsPath",
    }
)


def loaders(datasets: Datasets) -> dict[str, DatasetLoader]:
    """The built-in catalogue plus `datasets.loaders` (a configured loader replaces a built-in
    entry of the same function), by function name."""
    table = {loader.function: loader for loader in BUILT_IN}
    for custom in datasets.loaders:
        position = custom.version_position
        table[custom.function] = DatasetLoader(
            custom.function,
            (Param(custom.version_arg, position),),
            Param("", 0) if position != 0 else None,
            suggestion=f"{custom.version_arg}=<version>",
            configured=True,
        )
    return table


def doc_rows() -> list[str]:
    """The catalogue as the Markdown table rows rules/AIC302.md lists."""
    return [loader.doc_row() for loader in BUILT_IN]
