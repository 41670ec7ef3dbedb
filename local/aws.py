"""Nothing local reaches a real AWS account: the one set of dummy credentials the runner, the
functions it runs and the tests use, whatever the machine's own AWS settings."""

from collections.abc import Mapping

from local.template import region

DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def offline_aws(environ: Mapping[str, str]) -> dict[str, str]:
    """The AWS settings of a local process: the environment's region or ours, dummy credentials
    unless the environment has its own, and DynamoDB Streams calls kept on the service endpoint
    (botocore would otherwise send them to an account endpoint moto does not serve)."""
    return {
        "AWS_DEFAULT_REGION": environ.get("AWS_DEFAULT_REGION") or region(),
        **{name: environ.get(name, value) for name, value in DUMMY_CREDENTIALS.items()},
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    }
