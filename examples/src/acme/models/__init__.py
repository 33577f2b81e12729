"""The two model families: a fine-tuned BERT encoder and a small LSTM baseline."""
