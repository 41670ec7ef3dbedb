"""The runner's settings: read once from the environment, a bad one refused by name."""

from pathlib import Path

import pytest
from local.paths import REPO
from local.settings import RunnerSettings, SettingsError


def test_with_nothing_set_the_runner_takes_its_documented_defaults() -> None:
    settings = RunnerSettings.from_environment({})
    assert settings.port == 3000 and settings.moto_port is None and settings.seed
    assert settings.state_dir == REPO / ".local" and settings.template == REPO / "template.yaml"
    assert settings.region == "eu-west-2"


def test_each_variable_sets_its_setting(tmp_path: Path) -> None:
    settings = RunnerSettings.from_environment(
        {
            "PORT": "3100",
            "MOTO_PORT": "5123",
            "BOBBIES_STATE_DIR": str(tmp_path),
            "BOBBIES_TEMPLATE": str(tmp_path / "other.yaml"),
            "BOBBIES_SEED": "0",
            "AWS_DEFAULT_REGION": "eu-west-1",
        }
    )
    assert (settings.port, settings.moto_port, settings.seed, settings.region) == (
        3100,
        5123,
        False,
        "eu-west-1",
    )
    assert settings.paths.recording == tmp_path / "recording.jsonl"
    assert settings.template == tmp_path / "other.yaml"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "abc", "PORT must be a port number from 1 to 65535, not 'abc'"),
        ("PORT", "70000", "PORT must be a port number from 1 to 65535, not '70000'"),
        ("MOTO_PORT", "-1", "MOTO_PORT must be a port number from 1 to 65535, not '-1'"),
        ("BOBBIES_SEED", "maybe", "BOBBIES_SEED must be 1 or 0, not 'maybe'"),
    ],
)
def test_a_value_the_runner_cannot_use_is_refused_naming_the_variable(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        RunnerSettings.from_environment({name: value})
    assert str(refused.value) == message


def test_the_settings_cannot_be_changed_once_read() -> None:
    settings = RunnerSettings.from_environment({})
    with pytest.raises(AttributeError):
        settings.port = 1  # type: ignore[misc]


@pytest.mark.parametrize(("given", "verifying"), [({}, True), ({"BOBBIES_VERIFICATION": "0"}, False)])
def test_verification_is_on_as_the_template_says_unless_turned_off(
    given: dict[str, str], verifying: bool
) -> None:
    assert RunnerSettings.from_environment(given).verification is verifying


def test_a_verification_switch_the_runner_cannot_read_is_refused_by_name() -> None:
    with pytest.raises(SettingsError, match="BOBBIES_VERIFICATION"):
        RunnerSettings.from_environment({"BOBBIES_VERIFICATION": "maybe"})
