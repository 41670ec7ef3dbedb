"""SnapStart: a snapshot holds the code a request needs, and nothing that must be unique to an
instance (connections and their credentials, the voter key, kept rounds); those come after restore."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from local.template import function, template_path

from tests.conftest import api_event

# Lambda's runtime registry (snapshot_restore_py), as the runtime uses it: hooks are kept at init,
# the "before" ones run, the snapshot is taken, and on restore the "after" ones run.
RUNTIME = """
before, after = [], []
def register_before_snapshot(hook, *args, **kwargs): before.append(hook)
def register_after_restore(hook, *args, **kwargs): after.append(hook)
"""
LIFE = """
import gc, json, sys
sys.path[:0] = {paths!r}
import app, snapshot_restore_py as runtime
import botocore.client

def held():
    from bobbies.store import models
    from bobbies.usecases import voting
    from aws_lambda_powertools.utilities.parameters.base import DEFAULT_PROVIDERS
    gc.collect()
    return {{
        "clients": sum(isinstance(o, botocore.client.BaseClient) for o in gc.get_objects()),
        "connections": models._connection.cache_info().currsize
        + sum(model._connection is not None for model in models._TABLES),
        "kept rounds": len(voting._kept),
        "secret providers": len(DEFAULT_PROVIDERS),
    }}

for hook in runtime.before: hook()
primed = {{"bobbies.usecases.voting", "aws_lambda_powertools.utilities.parameters"}} <= set(sys.modules)
snapshot = {{"primed": primed, **held()}}
app.lambda_handler({event!r}, type("Context", (), {{"function_name": "f", "memory_limit_in_mb": 128,
    "aws_request_id": "r", "invoked_function_arn": "arn:aws:lambda:eu-west-2:1:function:f"}})())
used = held()
for hook in runtime.after: hook()
print(json.dumps({{"snapshot": snapshot, "used": used, "restored": held()}}))
"""


def lifecycle(tmp_path: Path) -> dict[str, dict[str, int]]:
    (tmp_path / "snapshot_restore_py.py").write_text(RUNTIME, encoding="utf-8")
    spec = function("ApiFunction")
    paths = [str(tmp_path), str(spec.code_dir), *map(str, spec.layer_paths)]
    ballot = {"voter": "resident-token-0123456789", "allocations": {"speeding": 10}}
    event = api_event("POST", "/api/areas/bangor/ballots", json.dumps(ballot))
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # the request is refused at the network, once
        "AWS_MAX_ATTEMPTS": "1",
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
    code = LIFE.format(paths=paths, event=event)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_snapshot_holds_the_code_and_no_connection_secret_or_kept_round(
    aws: object, tmp_path: Path
) -> None:
    # Given the API function initialised and its before-snapshot hooks run, as Lambda does at publish
    seen = lifecycle(tmp_path)
    # Then what a request imports is in the snapshot, and nothing unique to an instance is
    assert seen["snapshot"] == {
        "primed": True,
        "clients": 0,
        "connections": 0,
        "kept rounds": 0,
        "secret providers": 0,
    }
    # When a restored instance serves a ballot, it makes its own connection (after the restore)
    assert seen["used"]["connections"] >= 1 and seen["used"]["clients"] >= 1
    # And the after-restore hook forgets whatever was made, should anything be made before a snapshot
    assert seen["restored"] == {"clients": 0, "connections": 0, "kept rounds": 0, "secret providers": 0}


def test_the_api_function_is_published_with_snapstart_behind_an_alias() -> None:
    template = yaml.load(template_path().read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    api = template["Resources"]["ApiFunction"]["Properties"]
    assert api["AutoPublishAlias"] == "live"
    assert api["SnapStart"] == {"ApplyOn": "PublishedVersions"}
