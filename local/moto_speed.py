"""The moto server's own cost per request, cut where moto recomputes what never changes.

Measured in the server (cProfile, one client): of ~1.4 ms of CPU moto spends on the cheapest
DynamoDB request, a quarter went to finding the service for the request's host (each time listing
moto's package folder and matching hundreds of URL patterns) and a tenth to listing the response
class's methods (`inspect.getmembers`, each time); and half of a ballot's transaction went to
parsing its condition expressions, each twice. Each answer depends only on its input (the host; the
class; the expression with its names and values), so it is kept. What moto answers is unchanged;
only how often it works it out.
"""

import functools
import json
from collections.abc import Callable
from typing import Any


def keep_per_request_lookups() -> None:
    """Installs the caches in this process's moto (the moto server's)."""
    from moto.core import responses
    from moto.dynamodb import models
    from moto.dynamodb.models import table
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    responses.method_names_from_class = functools.cache(responses.method_names_from_class)
    find: Callable[[Any, str | None], Any] = DomainDispatcherApplication.get_backend_for_host
    found: dict[str | None, Any] = {}

    def get_backend_for_host(self: Any, host: str | None) -> Any:
        if host not in found:  # called under the dispatcher's lock
            found[host] = find(self, host)
        return found[host]

    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[method-assign]
    _keep_parsed_conditions(models, table)


def _keep_parsed_conditions(models: Any, table: Any) -> None:
    from moto.dynamodb import comparisons
    from moto.dynamodb import responses as dynamodb_responses

    create = comparisons.create_condition_expression_parser

    @functools.lru_cache(maxsize=4096)
    def parsed(expression: str | None, names: str, values: str) -> _Parsed:
        return _parse(create, expression, json.loads(names), json.loads(values))

    def create_condition_expression_parser(expression: str | None, names: Any, values: Any) -> _Parsed:
        try:
            key = json.dumps(names, sort_keys=True), json.dumps(values, sort_keys=True)
        except TypeError:  # a value JSON cannot hold: parsed as moto would, and not kept
            return _parse(create, expression, names, values)
        return parsed(expression, *key)

    def get_filter_expression(expression: str | None, names: Any, values: Any) -> Any:
        return create_condition_expression_parser(expression, names, values).parse()

    dynamodb_responses.create_condition_expression_parser = create_condition_expression_parser  # type: ignore[assignment]
    models.get_filter_expression = table.get_filter_expression = get_filter_expression


class _Parsed:
    """What moto asks of its condition parser once it has parsed: the tree (which holds no state of
    an evaluation, so one serves every request and thread sending the same expression), and the
    names and values the expression used (new lists each time: moto extends them)."""

    def __init__(self, tree: Any, names: tuple[str, ...], values: tuple[str, ...]) -> None:
        self._tree, self._names, self._values = tree, names, values

    def parse(self) -> Any:
        return self._tree

    @property
    def expr_attr_names_found(self) -> list[str]:
        return list(self._names)

    @property
    def expr_attr_values_found(self) -> list[str]:
        return list(self._values)


def _parse(create: Callable[..., Any], expression: str | None, names: Any, values: Any) -> _Parsed:
    parser = create(expression, names, values)
    tree = parser.parse()
    return _Parsed(tree, tuple(parser.expr_attr_names_found), tuple(parser.expr_attr_values_found))
