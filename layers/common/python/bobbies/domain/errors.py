"""Every rule a request can break, each with the machine code clients see.

The HTTP layer maps the classes to statuses in one place; nothing matches on message text.
"""


class DomainError(Exception):
    code = "invalid_request"

    def __init__(self, code: str | None = None, **details: object) -> None:
        self.code = code or self.code
        self.details = details
        super().__init__(self.code)


class InvalidInput(DomainError):
    """The request itself is wrong; sending it again will not help."""


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The request is well formed but the state does not allow it now."""


class TooLarge(DomainError):
    code = "payload_too_large"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"
