"""A bidirectional LSTM baseline: cheap to train, and the floor BERT has to beat."""

from __future__ import annotations

import torch
from torch import nn

# deliberate: AIC503 -- the model families must not depend on each other; copy the helper or
# move it to a shared module below both
from acme.models.bert import masked_mean


class LstmClassifier(nn.Module):
    """Embeddings, a two-layer bidirectional LSTM, mean pooling and a linear head."""

    def __init__(self, vocabulary_size: int, num_labels: int, embedding_dim: int = 128,
                 hidden_size: int = 256, dropout: float = 0.2) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocabulary_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, num_layers=2, batch_first=True,
                            bidirectional=True, dropout=dropout)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(2 * hidden_size, num_labels)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        """Logits of shape (batch, num_labels); token id 0 is padding."""
        mask = (input_ids != 0).long()
        states, _ = self.lstm(self.embedding(input_ids))
        return self.head(self.dropout(masked_mean(states, mask)))

    @torch.no_grad()
    def predict(self, input_ids: torch.Tensor) -> torch.Tensor:
        """The most likely label of every row."""
        self.eval()
        return self.forward(input_ids).argmax(dim=-1)
