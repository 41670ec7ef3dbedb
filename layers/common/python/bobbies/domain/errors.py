"""Every rule a request can break, each with the machine code clients see.

The HTTP layer maps the classes to statuses in one table (http.py); nothing matches on message
text or codes. Errors of transport (a body too large, a media type we do not read) are the HTTP
edge's own and live there.
"""


class DomainError(Exception):
    code = "invalid_request"

    def __init__(self, code: str | None = None, **details: object) -> None:
        self.code = code or self.code
        self.details = details
        super().__init__(self.code)


class Malformed(DomainError):
    """The request cannot be read as one: not JSON, an unknown field, a postcode that is no postcode."""

    code = "invalid_body"


class InvalidInput(DomainError):
    """The request reads well but breaks a rule; sending it again will not help."""


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The request is well formed but the state does not allow it now."""


class TooMany(DomainError):
    """More requests of this kind than a limit allows for now; the same request later may succeed."""


class Unauthenticated(DomainError):
    """An admin route called without a valid sign-in (API Gateway's authorizer refuses most first)."""

    code = "sign_in_needed"


class Forbidden(DomainError):
    """Signed in, but not in a group the route is for."""

    code = "wrong_group"
