"""Data the rules read: dataset loaders and the pin grammars of dataset references."""
