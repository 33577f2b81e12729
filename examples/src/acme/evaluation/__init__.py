"""Evaluation: the metrics we report, with confidence intervals."""
