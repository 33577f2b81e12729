"""Common ML concepts and the ways code spells them: what `aiconv init` counts for a glossary.

Each concept lists its spellings, the full word first (it wins a tie), and a one-sentence
definition a team can start from. A spelling is matched as `terms.Glossary` matches avoided
words: whole words, several words in a row for `data_set`, singular or plural.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    """One concept: its spellings, the full word first, and a starter definition."""

    spellings: tuple[str, ...]
    definition: str

    @property
    def full(self) -> str:
        """The unabbreviated spelling."""
        return self.spellings[0]


# Only abbreviations that mean one thing in ML code: `opt` (options?), `dev` (device?), `embed`
# (a verb) or `grad` (torch's `requires_grad`) would make proposals a team has to argue with.
# No spelling may be a word of another (`epochs` of `num_epochs`): the glossary would then
# flag the other spelling too.
CONCEPTS: tuple[Concept, ...] = (
    Concept(
        ("dataset", "ds", "data_set"),
        "A named, versioned collection of examples; never a loose file.",
    ),
    Concept(
        ("checkpoint", "ckpt", "chkpt"),
        "The saved weights (and optimizer state) of one point of a training run.",
    ),
    Concept(
        ("learning_rate", "lr"),
        "The optimizer step size, before any scheduler scales it.",
    ),
    Concept(
        ("hyperparameters", "hparams", "hyper_params", "hps"),
        "The settings of a run that training does not learn.",
    ),
    Concept(
        ("validation", "val", "valid"),
        "The held-out split used to choose checkpoints and settings; never the test split.",
    ),
    Concept(
        ("config", "cfg", "conf", "configuration"),
        "The settings a program or run reads, from a file or the command line.",
    ),
    Concept(
        ("batch_size", "bs", "bsz"),
        "The number of examples in one optimizer step.",
    ),
    Concept(
        ("optimizer", "optim"),
        "The object that updates the weights from the gradients.",
    ),
    Concept(
        ("tokenizer", "tok", "tokeniser"),
        "The function from text to token ids, and back.",
    ),
    Concept(
        ("embedding", "emb"),
        "A learned vector that stands for a token, an item or an example.",
    ),
    Concept(
        ("prediction", "pred"),
        "What a model outputs for one example, after any post-processing.",
    ),
)
