"""The one exception type for mistakes users make."""

from __future__ import annotations


class UserError(Exception):
    """A configuration, argument or input mistake; its message is what the user sees (exit 2)."""
