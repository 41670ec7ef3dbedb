"""Every checkov check the project skips says why: in .checkov.yaml (the whole stack) as a comment on
its line, in a resource's Metadata as the skip's comment. `make security` runs checkov itself."""

import re
from pathlib import Path
from typing import Any

import pytest
from cfn_tools import load_yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [ROOT / "template.yaml", ROOT / "edge" / "web-acl.yaml"]
SKIP_LINE = re.compile(r"^\s*-\s*(CKV2?_[A-Z0-9_]+)\s*(?:#\s*(.*))?$")


def stack_wide_skips(config: str) -> dict[str, str]:
    lines = config.splitlines()
    start = lines.index("skip-check:")
    skips = {}
    for line in lines[start + 1 :]:
        if not line.startswith((" ", "-")):
            break
        found = SKIP_LINE.match(line)
        assert found, f"not a skip: {line!r}"
        skips[found[1]] = (found[2] or "").strip()
    return skips


def resource_skips(template: Path) -> dict[str, str]:
    resources: dict[str, Any] = load_yaml(template.read_text(encoding="utf-8"))["Resources"]
    return {
        f"{logical_id} {skip['id']}": str(skip.get("comment") or "").strip()
        for logical_id, resource in resources.items()
        for skip in (resource.get("Metadata") or {}).get("checkov", {}).get("skip", [])
    }


def test_every_stack_wide_skip_gives_its_reason() -> None:
    skips = stack_wide_skips((ROOT / ".checkov.yaml").read_text(encoding="utf-8"))
    assert skips, "the skip list was not found"
    assert [check for check, reason in skips.items() if len(reason) < 20] == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_every_skip_on_a_resource_gives_its_reason(template: Path) -> None:
    assert [skip for skip, reason in resource_skips(template).items() if len(reason) < 20] == []


def test_a_skip_without_a_reason_is_found() -> None:
    config = "skip-check:\n  - CKV_AWS_1 # a reason long enough to read\n  - CKV_AWS_2\nother: 1\n"
    assert stack_wide_skips(config) == {"CKV_AWS_1": "a reason long enough to read", "CKV_AWS_2": ""}
