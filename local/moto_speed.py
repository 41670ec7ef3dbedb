"""The moto server's own cost per request, cut where moto recomputes what never changes.

Measured in the server (cProfile, one client): of ~1.4 ms of CPU moto spends on the cheapest
DynamoDB request, a quarter went to finding the service for the request's host (each time listing
moto's package folder and matching hundreds of URL patterns) and a tenth to listing the response
class's methods (`inspect.getmembers`, each time). Both answers depend only on their input (the host;
the class), so they are kept. What moto answers is unchanged; only how often it works it out.
"""

import functools
from collections.abc import Callable
from typing import Any


def keep_per_request_lookups() -> None:
    """Installs the caches in this process's moto (the moto server's)."""
    from moto.core import responses
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    responses.method_names_from_class = functools.cache(responses.method_names_from_class)
    find: Callable[[Any, str | None], Any] = DomainDispatcherApplication.get_backend_for_host
    found: dict[str | None, Any] = {}

    def get_backend_for_host(self: Any, host: str | None) -> Any:
        if host not in found:  # called under the dispatcher's lock
            found[host] = find(self, host)
        return found[host]

    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[method-assign]
