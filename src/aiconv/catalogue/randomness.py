"""The randomness catalogue: which calls draw from a global random state, which create a
generator, which take a seed argument, which seed, and what counts as entropy.

Facts and the reasons behind each entry: `../shared/catalogue/randomness-and-datasets.md` §1
and §3. Adding an API is one line. The rule pages (`rules/AIC401.md` … `AIC406.md`) show the
`*_rows()` tables, and a test keeps pages and data in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiconv.catalogue.datasets import Param
from aiconv.catalogue.seed_arguments import SEEDED_BY_NAME

# The libraries with a global random state this catalogue knows, as messages name them.
LIBRARIES = {"random": "random", "numpy": "NumPy", "torch": "torch", "tensorflow": "TensorFlow"}
ALL_LIBRARIES = tuple(LIBRARIES)
# How to seed each library, for messages.
HOW_TO_SEED = {
    "random": "random.seed(…)",
    "numpy": "numpy.random.seed(…)",
    "torch": "torch.manual_seed(…)",
    "tensorflow": "tf.random.set_seed(…)",
}


@dataclass(frozen=True)
class Draw:
    """A call that draws from a library's global random state (AIC401, AIC405).

    `layer` calls build weights or dropout from the global state (`torch.nn.Linear`): they count
    for AIC405 only, since the call itself is not the mistake. A call given `seed` (not None)
    draws from its own seed or generator instead.
    """

    function: str
    library: str
    seed: Param | None = None
    layer: bool = False


@dataclass(frozen=True)
class Constructor:
    """A random generator constructor (AIC402): unseeded without its seed argument.

    `fix`: "argument" inserts the seed as `seed`; "manual_seed" chains `.manual_seed(seed)`
    (torch.Generator); "from_seed" rewrites `from_non_deterministic_state()`; "" is always
    unseeded and has no fix.
    """

    function: str
    seed: Param | None
    fix: str = "argument"


@dataclass(frozen=True)
class Seeder:
    """A call that seeds the global state of `libraries`.

    `entropy_when_absent`: without a seed (or with None) it seeds from OS entropy (AIC406).
    A seeder with no libraries only reseeds from entropy (`torch.seed()`).
    """

    function: str
    libraries: tuple[str, ...]
    seed: Param | None = Param("seed", 0)
    entropy_when_absent: bool = False


def _names(text: str) -> list[str]:
    """Names written as one string, so a long list reads as a paragraph."""
    return text.split()


def _draws(library: str, module: str, names: str, seed: Param | None = None) -> tuple[Draw, ...]:
    return tuple(Draw(f"{module}.{name}", library, seed) for name in _names(names))


def _layers(library: str, module: str, names: str) -> tuple[Draw, ...]:
    return tuple(Draw(f"{module}.{name}", library, layer=True) for name in _names(names))


_GENERATOR = Param("generator")
_OP_SEED = Param("seed")

DRAWS: tuple[Draw, ...] = (
    *_draws(
        "random",
        "random",
        "random uniform randint randrange choice choices sample shuffle gauss normalvariate "
        "lognormvariate expovariate gammavariate betavariate paretovariate weibullvariate "
        "vonmisesvariate triangular getrandbits randbytes binomialvariate",
    ),
    *_draws(
        "numpy",
        "numpy.random",
        "rand randn randint random random_sample ranf sample choice shuffle permutation bytes "
        "normal uniform binomial poisson beta gamma exponential multinomial "
        "multivariate_normal dirichlet chisquare f geometric gumbel hypergeometric laplace "
        "logistic lognormal logseries negative_binomial noncentral_chisquare noncentral_f "
        "pareto power rayleigh standard_cauchy standard_exponential standard_gamma "
        "standard_normal standard_t triangular vonmises wald weibull zipf random_integers",
    ),
    *_draws(
        "torch",
        "torch",
        "rand randn randint randperm normal bernoulli multinomial rand_like randn_like "
        "randint_like",
        _GENERATOR,
    ),
    Draw("torch.poisson", "torch", Param("generator", 1)),
    *_draws(
        "torch",
        "torch.nn.init",
        "uniform_ normal_ trunc_normal_ xavier_uniform_ xavier_normal_ kaiming_uniform_ "
        "kaiming_normal_ orthogonal_ sparse_",
        _GENERATOR,
    ),
    *_draws(
        "tensorflow",
        "tensorflow.random",
        "uniform normal truncated_normal shuffle categorical gamma poisson",
        _OP_SEED,
    ),
    Draw("tensorflow.nn.dropout", "tensorflow", Param("seed", 3)),
    *_draws(
        "tensorflow",
        "tensorflow.image",
        "random_flip_left_right random_flip_up_down random_brightness random_contrast "
        "random_crop random_hue random_saturation random_jpeg_quality",
        _OP_SEED,
    ),
    *_layers(
        "torch",
        "torch.nn",
        "Linear Bilinear LazyLinear Conv1d Conv2d Conv3d ConvTranspose1d ConvTranspose2d "
        "ConvTranspose3d LazyConv1d LazyConv2d LazyConv3d Embedding EmbeddingBag RNN LSTM GRU "
        "RNNCell LSTMCell GRUCell MultiheadAttention Transformer TransformerEncoderLayer "
        "TransformerDecoderLayer Dropout Dropout1d Dropout2d Dropout3d AlphaDropout "
        "FeatureAlphaDropout RReLU",
    ),
    *_layers(
        "torch",
        "torch.nn.functional",
        "dropout dropout1d dropout2d dropout3d alpha_dropout feature_alpha_dropout rrelu "
        "gumbel_softmax",
    ),
    *(
        Draw(f"{module}.{name}", "tensorflow", Param("seed"), layer=True)
        for module in ("keras.layers", "tensorflow.keras.layers")
        for name in _names(
            "Dense EinsumDense Conv1D Conv2D Conv3D Conv1DTranspose Conv2DTranspose "
            "Conv3DTranspose SeparableConv1D SeparableConv2D DepthwiseConv1D DepthwiseConv2D "
            "Embedding LSTM GRU SimpleRNN MultiHeadAttention Dropout SpatialDropout1D "
            "SpatialDropout2D SpatialDropout3D GaussianNoise GaussianDropout AlphaDropout"
        )
    ),
)

GENERATORS: tuple[Constructor, ...] = (
    Constructor("numpy.random.default_rng", Param("seed", 0)),
    Constructor("numpy.random.RandomState", Param("seed", 0)),
    Constructor("numpy.random.SeedSequence", Param("entropy", 0)),
    *(
        Constructor(f"numpy.random.{name}", Param("seed", 0))
        for name in ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
    ),
    Constructor("random.Random", Param("x", 0)),
    Constructor("torch.Generator", None, fix="manual_seed"),
    Constructor("tensorflow.random.Generator.from_non_deterministic_state", None, fix="from_seed"),
)

_PYTHON_NUMPY_TORCH = ("random", "numpy", "torch")

SEEDERS: tuple[Seeder, ...] = (
    Seeder("random.seed", ("random",), Param("a", 0), entropy_when_absent=True),
    Seeder("random.setstate", ("random",), Param("state", 0)),
    Seeder("numpy.random.seed", ("numpy",), entropy_when_absent=True),
    Seeder("numpy.random.set_state", ("numpy",), Param("state", 0)),
    Seeder("torch.manual_seed", ("torch",)),
    Seeder("torch.random.manual_seed", ("torch",)),
    Seeder("torch.cuda.manual_seed", ("torch",)),
    Seeder("torch.cuda.manual_seed_all", ("torch",)),
    Seeder("torch.set_rng_state", ("torch",), Param("new_state", 0)),
    Seeder("torch.seed", (), None),
    Seeder("torch.random.seed", (), None),
    Seeder("torch.cuda.seed", (), None),
    Seeder("torch.cuda.seed_all", (), None),
    Seeder("tensorflow.random.set_seed", ("tensorflow",), entropy_when_absent=True),
    Seeder("tensorflow.compat.v1.set_random_seed", ("tensorflow",), entropy_when_absent=True),
    Seeder(
        "tensorflow.compat.v1.random.set_random_seed", ("tensorflow",), entropy_when_absent=True
    ),
    Seeder("keras.utils.set_random_seed", ALL_LIBRARIES),
    Seeder("tensorflow.keras.utils.set_random_seed", ALL_LIBRARIES),
    Seeder("transformers.set_seed", _PYTHON_NUMPY_TORCH),
    Seeder("transformers.trainer_utils.set_seed", _PYTHON_NUMPY_TORCH),
    Seeder("transformers.enable_full_determinism", _PYTHON_NUMPY_TORCH),
    Seeder("accelerate.utils.set_seed", _PYTHON_NUMPY_TORCH),
    *(
        Seeder(f"{module}.seed_everything", _PYTHON_NUMPY_TORCH, entropy_when_absent=True)
        for module in (
            "lightning",
            "lightning.pytorch",
            "lightning.fabric",
            "pytorch_lightning",
            "lightning_fabric",
        )
    ),
    # The Trainer calls set_seed(args.seed) (default 42) when it is built.
    Seeder("transformers.Trainer", _PYTHON_NUMPY_TORCH, None),
    Seeder("transformers.Seq2SeqTrainer", _PYTHON_NUMPY_TORCH, None),
)

# Calls whose seed argument is only judged for entropy (AIC406): seeded by design otherwise.
SEED_ARGUMENTS: dict[str, Param] = {
    "jax.random.PRNGKey": Param("seed", 0),
    "jax.random.key": Param("seed", 0),
    "tensorflow.random.Generator.from_seed": Param("seed", 0),
    "torch.utils.data.distributed.DistributedSampler": Param("seed", 5),
    "torch.utils.data.DistributedSampler": Param("seed", 5),
    "transformers.TrainingArguments": Param("seed"),
}

# Qualified-name prefixes of values that are entropy, never a reproducible seed.
ENTROPY_SOURCES = (
    "time.", "os.urandom", "os.getrandom", "secrets.", "uuid.", "random.SystemRandom",
)  # fmt: skip

DRAW_BY_NAME = {draw.function: draw for draw in DRAWS}
GENERATOR_BY_NAME = {constructor.function: constructor for constructor in GENERATORS}
SEEDER_BY_NAME = {seeder.function: seeder for seeder in SEEDERS}
# Top-level modules of everything above: a file that names none of them (and no method the
# catalogue matches on any receiver) cannot hold a call this catalogue knows.
TOP_LEVELS = frozenset(
    name.split(".")[0]
    for name in (
        *DRAW_BY_NAME,
        *GENERATOR_BY_NAME,
        *SEEDER_BY_NAME,
        *SEEDED_BY_NAME,
        *SEED_ARGUMENTS,
        "datasets",
        "tensorflow",
    )
)


def state(library: str) -> str:
    """How messages name a library's global random state."""
    if library == "random":
        return "the global state of `random`"
    return f"{LIBRARIES.get(library, library)}'s global random state"


def library_names(libraries: tuple[str, ...] | list[str]) -> str:
    """`numpy and torch`, as messages list libraries."""
    names = [LIBRARIES.get(library, library) for library in libraries]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------------------- documentation


def _short(functions: list[str], module: str) -> str:
    return ", ".join(f"`{name[len(module) + 1 :]}`" for name in functions)


def draw_rows(layers: bool = False) -> list[str]:
    """The AIC401 (global draws) or AIC405 (layers) table rows: one per module."""
    modules: dict[str, list[Draw]] = {}
    for draw in DRAWS:
        if draw.layer == layers:
            modules.setdefault(draw.function.rsplit(".", 1)[0], []).append(draw)
    rows = []
    for module, draws in modules.items():
        seed = draws[0].seed
        unless = f"`{seed.name}=`" if seed else "—"
        names = _short([draw.function for draw in draws], module)
        rows.append(f"| `{module}` | {draws[0].library} | {names} | {unless} |")
    return rows


def seeder_rows() -> list[str]:
    """The seeders table (AIC401 and AIC405 pages)."""
    return [
        f"| `{seeder.function}` | {', '.join(seeder.libraries)} |"
        for seeder in SEEDERS
        if seeder.libraries
    ]


def generator_rows() -> list[str]:
    """The AIC402 table: each constructor and how a seed is given."""
    rows = []
    for constructor in GENERATORS:
        if constructor.fix == "manual_seed":
            how = "`.manual_seed(…)` called on it (chained, or on the name it is assigned to)"
        elif constructor.fix == "from_seed":
            how = "never: use `Generator.from_seed(…)`"
        else:
            assert constructor.seed is not None
            how = constructor.seed.doc()
        rows.append(f"| `{constructor.function}` | {how} |")
    return rows


def entropy_rows() -> list[str]:
    """The AIC406 table: seeders that seed from entropy without a seed, and reseeders."""
    rows = []
    for seeder in SEEDERS:
        if not seeder.libraries:
            rows.append(f"| `{seeder.function}()` | always: it reseeds from OS entropy |")
        elif seeder.entropy_when_absent:
            rows.append(f"| `{seeder.function}` | with no seed, or `None` |")
    return rows
