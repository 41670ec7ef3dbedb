"""One rule for the values the deployed code passes around (bobbies/domain/model.py): a value that
never changes is a NamedTuple, not a frozen dataclass, which compiles its methods at every import
(~0.7 ms a class of a cold start)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOYED = [ROOT / "layers" / "common" / "python", ROOT / "functions"]


def _frozen_dataclasses(source: Path) -> list[str]:
    """The classes in a module decorated `@dataclass(frozen=True)` (or `dataclasses.dataclass`)."""
    found = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ClassDef):
            continue
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call):
                continue
            name = ast.unparse(decorator.func)
            frozen = any(
                word.arg == "frozen" and ast.literal_eval(word.value) is True for word in decorator.keywords
            )
            if name in {"dataclass", "dataclasses.dataclass"} and frozen:
                found.append(f"{source.relative_to(ROOT)}:{node.lineno} {node.name}")
    return found


def test_no_deployed_module_makes_a_frozen_dataclass() -> None:
    # Given every module of the layer and of the functions
    modules = sorted(path for folder in DEPLOYED for path in folder.rglob("*.py"))
    assert len(modules) > 50
    # Then none makes a frozen dataclass: an immutable value is a NamedTuple
    assert [found for module in modules for found in _frozen_dataclasses(module)] == []
