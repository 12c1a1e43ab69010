"""treem's exceptions. Each is raised with the same message as the C++ exception it mirrors.

- ``TreemError``: base of all of them.
- ``ParseError`` (also a ``ValueError``): text that cannot be read; ``source``, ``line``, ``column``.
- ``ValidationError`` (also a ``ValueError``): input that breaks a rule; adds ``field`` and ``rule``.
- ``NotFoundError`` (also a ``LookupError``): a lookup that found nothing; ``kind`` and ``key``.
"""

from ._core import NotFoundError, ParseError, TreemError, ValidationError

__all__ = ["TreemError", "ParseError", "ValidationError", "NotFoundError"]
