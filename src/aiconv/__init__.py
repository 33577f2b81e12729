"""aiconv: lint an ML team's conventions."""

__version__ = "0.1.0"
