"""A pretrained BERT encoder with a linear classification head."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from transformers import AutoModel

MAX_LENGTH = 256


def masked_mean(states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The mean of `states` over the positions where `mask` is 1."""
    weights = mask.unsqueeze(-1).to(states.dtype)
    return (states * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


class BertClassifier(nn.Module):
    """Mean-pooled BERT states, dropout, then one linear layer per label."""

    def __init__(self, encoder_name: str, num_labels: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_name)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(self.encoder.config.hidden_size, num_labels)
        # deliberate: AIC101 -- an attribute is part of the class's interface: no automatic fix
        self.ckpt_path: Path | None = None

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Logits of shape (batch, num_labels)."""
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(masked_mean(states, attention_mask)))

    def freeze_encoder(self, layers: int) -> None:
        """Stop training the embeddings and the first `layers` transformer layers."""
        for parameter in self.encoder.embeddings.parameters():
            parameter.requires_grad = False
        for layer in self.encoder.encoder.layer[:layers]:
            for parameter in layer.parameters():
                parameter.requires_grad = False

    def load(self, path: Path) -> None:
        """Load the weights saved by the training loop's checkpoint callback."""
        state = torch.load(path, map_location="cpu", weights_only=True)
        self.load_state_dict(state["model"])
        self.ckpt_path = path
