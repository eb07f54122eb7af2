"""Document metrics (readability, framing ...), registered with `plainlint.engine.metric`.

Each module here registers one metric when imported; the engine imports this package once.
"""

from plainlint.metrics import framing, readability  # noqa: F401
