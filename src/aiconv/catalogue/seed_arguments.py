"""The calls that draw and take a seed argument (AIC403; AIC404 for `DataLoader`): which
argument seeds each one, and when the call draws at all.

Facts and reasons: `../shared/catalogue/randomness-and-datasets.md` §1 and §3. Adding an API is
one line; `rules/AIC403.md` and `rules/AIC404.md` show `seeded_call_rows()` (a test keeps page
and data in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from aiconv.catalogue.datasets import Param


def _names(text: str) -> list[str]:
    """Names written as one string, so a long list reads as a paragraph."""
    return text.split()


@dataclass(frozen=True)
class Condition:
    """When a seeded call draws at all: `param` literally True ("true"), not literally False
    ("not-false", where absent means True), or a string in `values` ("in")."""

    param: Param
    kind: str
    values: tuple[str, ...] = ()

    def doc(self) -> str:
        """`shuffle=True`, for the AIC403 page."""
        if self.kind == "true":
            return f"`{self.param.name}=True`"
        if self.kind == "not-false":
            return f"unless `{self.param.name}=False`"
        return " or ".join(f'`{self.param.name}="{value}"`' for value in self.values)


@dataclass(frozen=True)
class SeededCall:
    """A call that draws and takes a seed argument (AIC403; AIC404 for `DataLoader`).

    `function` is fully qualified, or `.method` for a method of a value whose origin (the
    library call it comes from) starts with one of `receivers`; "" in `receivers` also matches
    an unknown receiver when one of `hints` is passed (`.sample(frac=…)`). Any of `seeds`
    given (not None) seeds the call; the fix inserts the first of them, as
    `generator=torch.Generator().manual_seed(…)` when `torch` is set.
    """

    function: str
    seeds: tuple[Param, ...]
    condition: Condition | None = None
    receivers: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    torch: bool = False
    code: str = "AIC403"
    receiver_doc: str = ""


_RANDOM_STATE = (Param("random_state"),)
_SHUFFLE_TRUE = Condition(Param("shuffle"), "true")


def _sklearn(module: str, names: str, condition: Condition | None = None) -> tuple[SeededCall, ...]:
    return tuple(
        SeededCall(f"sklearn.{module}.{name}", _RANDOM_STATE, condition) for name in _names(names)
    )


def _when(param: str, *values: str) -> Condition:
    return Condition(Param(param), "in", values)


def _torch_data(name: str, position: int) -> tuple[SeededCall, ...]:
    seeds = (Param("generator", position),)
    module = "dataset" if name == "random_split" else "sampler"
    return tuple(
        SeededCall(f"torch.utils.data.{where}{name}", seeds, torch=True)
        for where in ("", f"{module}.")
    )


_DATASETS = ("datasets.",)
_TF_DATA = ("tensorflow.data.",)

SEEDED_CALLS: tuple[SeededCall, ...] = (
    *_sklearn(
        "ensemble",
        "RandomForestClassifier RandomForestRegressor RandomTreesEmbedding ExtraTreesClassifier "
        "ExtraTreesRegressor IsolationForest BaggingClassifier BaggingRegressor "
        "AdaBoostClassifier AdaBoostRegressor GradientBoostingClassifier "
        "GradientBoostingRegressor HistGradientBoostingClassifier HistGradientBoostingRegressor",
    ),
    *_sklearn(
        "tree",
        "DecisionTreeClassifier DecisionTreeRegressor ExtraTreeClassifier ExtraTreeRegressor",
    ),
    *_sklearn("cluster", "KMeans MiniBatchKMeans BisectingKMeans SpectralClustering"),
    *_sklearn("mixture", "GaussianMixture BayesianGaussianMixture"),
    *_sklearn("neural_network", "MLPClassifier MLPRegressor BernoulliRBM"),
    *_sklearn(
        "linear_model",
        "SGDClassifier SGDRegressor SGDOneClassSVM Perceptron PassiveAggressiveClassifier "
        "PassiveAggressiveRegressor",
    ),
    *_sklearn("linear_model", "LogisticRegression", _when("solver", "sag", "saga", "liblinear")),
    *_sklearn("linear_model", "Ridge RidgeClassifier", _when("solver", "sag", "saga")),
    *_sklearn("manifold", "TSNE SpectralEmbedding"),
    *_sklearn("decomposition", "NMF MiniBatchNMF LatentDirichletAllocation TruncatedSVD FastICA"),
    *_sklearn("decomposition", "PCA", _when("svd_solver", "randomized", "arpack")),
    *_sklearn("svm", "SVC NuSVC", Condition(Param("probability"), "true")),
    *_sklearn("svm", "LinearSVC", Condition(Param("dual"), "true")),
    *_sklearn("dummy", "DummyClassifier", _when("strategy", "stratified", "uniform")),
    *_sklearn(
        "model_selection",
        "RandomizedSearchCV ParameterSampler ShuffleSplit StratifiedShuffleSplit "
        "GroupShuffleSplit RepeatedKFold RepeatedStratifiedKFold",
    ),
    *_sklearn(
        "model_selection", "KFold StratifiedKFold GroupKFold StratifiedGroupKFold", _SHUFFLE_TRUE
    ),
    *_sklearn("model_selection", "train_test_split", Condition(Param("shuffle"), "not-false")),
    *_sklearn("utils", "shuffle resample"),
    *_sklearn("inspection", "permutation_importance"),
    *_sklearn("feature_selection", "mutual_info_classif mutual_info_regression"),
    *_sklearn(
        "datasets",
        "make_classification make_regression make_blobs make_moons make_circles "
        "make_friedman1 make_friedman2 make_friedman3 make_gaussian_quantiles make_hastie_10_2 "
        "make_low_rank_matrix make_multilabel_classification make_s_curve make_swiss_roll "
        "make_sparse_coded_signal make_sparse_spd_matrix make_sparse_uncorrelated "
        "make_spd_matrix make_biclusters make_checkerboard",
    ),
    SeededCall(
        ".sample",
        (Param("random_state", 4),),
        receivers=("pandas.", ""),
        hints=("frac", "n"),
        receiver_doc="df",
    ),
    SeededCall(
        ".shuffle",
        (Param("seed", 0), Param("generator", 1)),
        receivers=_DATASETS,
        receiver_doc="datasets.Dataset",
    ),
    SeededCall(
        ".train_test_split",
        (Param("seed", 4), Param("generator", 5)),
        Condition(Param("shuffle", 2), "not-false"),
        receivers=_DATASETS,
        receiver_doc="datasets.Dataset",
    ),
    SeededCall(".shuffle", (Param("seed", 1),), receivers=_TF_DATA, receiver_doc="tf.data.Dataset"),
    SeededCall(
        "tensorflow.data.Dataset.list_files",
        (Param("seed", 2),),
        Condition(Param("shuffle", 1), "not-false"),
    ),
    *(
        SeededCall(f"{module}.{name}", (Param("seed"),), Condition(Param("shuffle"), "not-false"))
        for module in ("keras.utils", "tensorflow.keras.utils")
        for name in ("image_dataset_from_directory", "text_dataset_from_directory")
    ),
    *_torch_data("random_split", 2),
    *_torch_data("RandomSampler", 3),
    *_torch_data("SubsetRandomSampler", 1),
    *_torch_data("WeightedRandomSampler", 3),
    *(
        SeededCall(
            f"torch.utils.data.{where}DataLoader",
            (Param("generator", 12),),
            Condition(Param("shuffle", 2), "true"),
            torch=True,
            code="AIC404",
        )
        for where in ("", "dataloader.")
    ),
)

SEEDED_BY_NAME = {call.function: call for call in SEEDED_CALLS if not call.receivers}
SEEDED_METHODS: dict[str, tuple[SeededCall, ...]] = {}
for _call in SEEDED_CALLS:
    if _call.receivers:
        SEEDED_METHODS[_call.function[1:]] = (*SEEDED_METHODS.get(_call.function[1:], ()), _call)


# ---------------------------------------------------------------------------- documentation


def seeded_call_rows(code: str = "AIC403") -> list[str]:
    """The AIC403 (or AIC404) table: the calls of one module with the same seed argument and
    condition share a row."""
    groups: dict[tuple[str, tuple[Param, ...], Condition | None], list[str]] = {}
    for call in SEEDED_CALLS:
        if call.code != code:
            continue
        if call.receivers:
            name = f"`{call.receiver_doc}{call.function}`"
            if call.hints:
                hints = " or ".join(f"`{hint}=`" for hint in call.hints)
                name += f" (or any receiver given {hints})"
            groups[(name, call.seeds, call.condition)] = []
            continue
        module, function = call.function.rsplit(".", 1)
        groups.setdefault((f"`{module}`", call.seeds, call.condition), []).append(function)
    rows = []
    for (shown, seeds, condition), functions in groups.items():
        name = shown
        if functions:
            name = f"{shown}: " + ", ".join(f"`{function}`" for function in functions)
        seed = " or ".join(param.doc() for param in seeds)
        rows.append(f"| {name} | {seed} | {condition.doc() if condition else 'always'} |")
    return rows
