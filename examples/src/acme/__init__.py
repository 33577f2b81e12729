"""acme: text classification for support tickets and product reviews."""

__version__ = "0.4.0"
