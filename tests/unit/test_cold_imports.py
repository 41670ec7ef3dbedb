"""A cold start imports only what a cold request uses (issue 12): each function's handler module,
imported in a fresh interpreter as a new Lambda instance does, brings none of the heavy modules its
first request does without. Which modules, not how long: bench/cold_start.py measures the time."""

import json
import subprocess
import sys

import pytest
from local.template import functions

# Heavy for every function, and needed by no cold request of any.
EVERY = {
    "pydantic": "only GET /api/openapi.json makes the document with it",
    "bobbies.api_document": "only GET /api/openapi.json",
    "aws_xray_sdk": "only when tracing is on (bobbies.observability)",
    "boto3": "the stores use pynamodb on botocore; boto3 comes with the voter key or a replay",
    "aws_lambda_powertools.utilities.parameters": "only a request that reads the voter key",
    "phonenumbers": "only POST /api/verifications",
}
# Heavy for one function: what its own cold request does without.
OWN = {
    "ApiFunction": {"pynamodb": "each route imports its use case when called"},
    "AdminFunction": {
        "pynamodb": "each console route imports its use case when called",
        "bobbies.domain.proposals": "only the moderators' queue and decisions",
    },
    "AggregateBallotsFunction": {
        "asyncio": "Powertools' batch utility imports it: only a replay of parked batches uses it",
        "bobbies.usecases.replay": "only a replay of parked batches",
        "aws_lambda_powertools.utilities.data_classes": "its package imports every event class; the "
        "stream's records are read by bobbies.stream_event and the ballots table's own model",
        "bobbies.store.residents_models": "proposals and verdicts: no stream record touches them",
        "bobbies.store.verification_models": "verification and round secrets: no stream record touches them",
        "bobbies.store.ballots": "casting a ballot: the stream's images are read by store.counting",
        "bobbies.store.receipts": "a receipt is written with a ballot cast",
        "aws_lambda_powertools.utilities.typing": "LambdaContext is a type only, for the checker",
    },
    "NightlyTaskingsFunction": {
        "aws_lambda_powertools.utilities.data_classes": "the rebuild of an aggregate reads no stream record",
        "asyncio": "nothing the nightly run does is asynchronous",
        "bobbies.store.verdicts": "only a resident's verdict on a tasking",
        "bobbies.store.residents_models": "proposals only on a closing night (imported then); verdicts never",
        "bobbies.store.ballots": "casting a ballot: a closed round's ballots are read by store.counting",
        "bobbies.store.receipts": "a receipt is written with a ballot cast",
        "aws_lambda_powertools.utilities.typing": "LambdaContext is a type only, for the checker",
    },
}
SPECS = {spec.logical_id: spec for spec in functions()}

# Dataclasses a function with no routes to pick from may make at import: each compiles its methods
# then (~0.7 ms a class). The values that never change are NamedTuples (see domain/model.py).
DATACLASSES = {
    "bobbies.domain.model.Tally": "a tally changes as changes are folded in",
}

IMPORT = """
import json, sys
sys.path[:0] = {paths!r}
import {module}
{report}
"""
HEAVY = "print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))"
OUR_DATACLASSES = """
import dataclasses
print(json.dumps(sorted(
    f"{name}.{value.__name__}"
    for name, module in list(sys.modules.items()) if name.startswith("bobbies")
    for value in vars(module).values()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name
)))
"""


def _after_import(logical_id: str, report: str) -> list[str]:
    """What `report` prints (a JSON list) after a fresh interpreter imports the function's handler."""
    spec = SPECS[logical_id]
    paths = [str(spec.code_dir), *map(str, spec.layer_paths)]
    code = IMPORT.format(paths=paths, module=spec.module_file.stem, report=report)
    env = {"POWERTOOLS_TRACE_DISABLED": "true", "AWS_DEFAULT_REGION": "eu-west-2"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def imported(logical_id: str, heavy: list[str]) -> list[str]:
    """Which of `heavy` importing the function's handler module put in sys.modules."""
    return _after_import(logical_id, HEAVY.format(heavy=heavy))


def test_every_function_in_the_template_is_named_here() -> None:
    assert set(OWN) == set(SPECS)


@pytest.mark.parametrize("logical_id", sorted(SPECS))
def test_a_cold_start_imports_no_module_its_first_request_does_without(logical_id: str) -> None:
    # Given the heavy modules this function's cold request does without (and why)
    unneeded = {**EVERY, **OWN.get(logical_id, {})}
    # When a fresh interpreter imports its handler, Then none of them was imported
    found = imported(logical_id, sorted(unneeded))
    assert {name: unneeded[name] for name in found} == {}


@pytest.mark.parametrize("logical_id", ["AggregateBallotsFunction", "NightlyTaskingsFunction"])
def test_the_nightly_and_stream_functions_make_no_dataclass_for_a_value_that_never_changes(
    logical_id: str,
) -> None:
    # When a fresh interpreter imports the handler, Then each of our dataclasses it made is one named
    found = _after_import(logical_id, OUR_DATACLASSES)
    assert set(found) - set(DATACLASSES) == set()
