"""plainlint: a linter for plain, accessible, respectful council documents."""

__version__ = "0.1.0"
