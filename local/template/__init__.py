"""template.yaml, read for the local runner: what to create, and how each function is wired.

The template is the only list of resources. Local names are the logical ids ("AreasTable"), so they
stay the same from one start to the next. The parts, by job:

    loading.py       the YAML with its CloudFormation tags, parameters, conditions
    intrinsics.py    !Ref, !GetAtt, !Sub, !Join, !If, !Select, ... to local names and ARNs
    functions.py     each function's handler, layers, routes, streams, schedules and environment
    provisioning.py  the tables, topics, queues and secrets, created in moto

Outside the runner:

    tables = create_tables(dynamodb_client)                 # e.g. in moto's mock_aws, for unit tests
    env = function_environment("ApiFunction", tables)       # AREAS_TABLE=AreasTable, ...
"""

from local.template.functions import (
    ApiRoute,
    FunctionSpec,
    Schedule,
    StreamSource,
    api_stage,
    function,
    function_environment,
    functions,
    shared_environment,
)
from local.template.intrinsics import LocalResources, resolve
from local.template.loading import (
    ACCOUNT,
    FUNCTION,
    TABLE,
    TemplateError,
    UnsupportedIntrinsic,
    load_template,
    of_type,
    region,
    template_path,
)
from local.template.provisioning import (
    create_resources,
    create_tables,
    drifted_tables,
    generate_secret_string,
)

__all__ = [
    "ACCOUNT",
    "FUNCTION",
    "TABLE",
    "ApiRoute",
    "FunctionSpec",
    "LocalResources",
    "Schedule",
    "StreamSource",
    "TemplateError",
    "UnsupportedIntrinsic",
    "api_stage",
    "create_resources",
    "create_tables",
    "drifted_tables",
    "function",
    "function_environment",
    "functions",
    "generate_secret_string",
    "load_template",
    "of_type",
    "region",
    "resolve",
    "shared_environment",
    "template_path",
]
