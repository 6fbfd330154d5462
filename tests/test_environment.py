"""requirements.lock and environment.yml describe the same pinned set; pyproject ranges admit it."""
import re
import tomllib

from analysis.tools.environment import ENV_FILE, LOCK_FILE, environment_pins, environment_yml, read_lock
from analysis.config import PROJECT_ROOT


def test_environment_yml_pins_equal_the_lock():
    assert environment_pins() == read_lock()


def test_environment_yml_is_the_generated_text():
    assert ENV_FILE.read_text(encoding="utf-8") == environment_yml(read_lock())


def test_environment_yml_is_for_conda_forge_python_311_with_editable_install():
    text = ENV_FILE.read_text(encoding="utf-8")
    assert "conda-forge" in text and "python=3.11" in text and "- -e ." in text


def test_every_direct_dependency_is_pinned_in_the_lock():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    pinned = {re.split("==", p)[0].lower().replace("_", "-") for p in read_lock()}
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group().lower().replace("_", "-")
        assert name in pinned, f"{name} is in pyproject.toml but not pinned in {LOCK_FILE.name}"


def test_every_pin_is_exact():
    for pin in read_lock():
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+!-]+", pin), pin


def test_conda_activation_sets_the_memory_settings():
    import yaml

    from analysis.config import MEMORY_SETTINGS

    assert yaml.safe_load(ENV_FILE.read_text(encoding="utf-8"))["variables"] == MEMORY_SETTINGS
