"""`make console-config STACK=<stack>`: the police console's web/police/config.json for a deployed
stack, from its outputs (StaffRegion, StaffUserPoolId, StaffConsoleClientId). Upload web/ after it.

The local runner serves its own config.json (local/console_sign_in.py); this one is for AWS, where the
page calls Cognito itself.
"""

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import boto3

from local.paths import REPO

TARGET = REPO / "web" / "police" / "config.json"
_FROM_OUTPUTS = {"region": "StaffRegion", "userPoolId": "StaffUserPoolId", "clientId": "StaffConsoleClientId"}


class MissingOutput(LookupError):
    pass


def console_config(outputs: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """config.json from a stack's Outputs ([{OutputKey, OutputValue}, ...])."""
    values = {output["OutputKey"]: str(output["OutputValue"]) for output in outputs}
    missing = [key for key in _FROM_OUTPUTS.values() if key not in values]
    if missing:
        raise MissingOutput(f"the stack has no output {', '.join(missing)}: deploy the current template.yaml")
    config = {name: values[key] for name, key in _FROM_OUTPUTS.items()}
    return {**config, "cognitoEndpoint": f"https://cognito-idp.{config['region']}.amazonaws.com/"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("stack", help="the deployed stack's name")
    parser.add_argument("--region", help="the stack's region (default: the AWS settings')")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    try:
        config = write_config(boto3.client("cloudformation", region_name=args.region), args.stack, args.out)
    except MissingOutput as missing:
        print(f"{args.stack}: {missing}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} for the user pool {config['userPoolId']}")
    return 0


def write_config(cloudformation: Any, stack_name: str, out: Path) -> dict[str, str]:
    """Writes the stack's config.json to `out` (a CloudFormation client, or anything answering as one)."""
    stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
    config = console_config(stack.get("Outputs", []))
    out.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config


if __name__ == "__main__":
    sys.exit(main())
