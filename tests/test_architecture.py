"""The package's layers, checked: import-linter's contracts (``[tool.importlinter]`` in
pyproject.toml) and the rules it cannot express (private names, the public API, notebooks)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import nbformat

from analysis.config import PROJECT_ROOT
from analysis.tools.execute import notebook_paths

PACKAGE = PROJECT_ROOT / "analysis"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def imported_from(node: ast.ImportFrom, path: Path) -> str:
    """The absolute module a ``from ... import`` statement of ``path`` imports from."""
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def private_imports(path: Path, source: str | None = None) -> list[str]:
    """``from x import _y`` and ``x._y`` where ``x`` is another ``analysis`` module (or a name
    imported from one) in the module at ``path`` (or in ``source`` as if it were there), as
    ``file:line: what``."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    found, bound = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = imported_from(node, path)
            if source.split(".")[0] != "analysis":
                continue
            for alias in node.names:
                if is_private(alias.name):
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: from {source} import {alias.name}")
                bound.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            bound |= {alias.asname or alias.name.split(".")[0] for alias in node.names
                      if alias.name.split(".")[0] == "analysis"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in bound:
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_import_contracts_are_kept():
    """Layers only look down, no cycles inside a sub-package, no matplotlib below the plots,
    no statistics in the plots (the contracts and their reasons are in pyproject.toml)."""
    assert LINT_IMPORTS.exists(), (f"{LINT_IMPORTS} not found: install import-linter (pyproject's test extra; "
                                   "make lock pins it)")
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_uses_another_modules_private_names():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in private_imports(path)]
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_the_private_name_check_sees_both_forms():
    source = ("from .counts import _dense, keep_mask\nfrom analysis.measures import counts\n"
              "counts._runs\nkeep_mask.__doc__\n")
    found = private_imports(PACKAGE / "measures" / "keyness.py", source)
    assert [line.split(": ", 1)[1] for line in found] == [
        "from analysis.measures.counts import _dense", "counts._runs"]


def test_the_public_api_imports_no_plots_tools_or_matplotlib():
    code = ("import sys, analysis; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'matplotlib' or m.startswith(('analysis.plots', 'analysis.tools'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_notebooks_never_import_tools():
    found = []
    for path in notebook_paths():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                         else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
                found += [f"{path.name}: {name}" for name in names if name.startswith("analysis.tools")]
    assert not found


#: Modules about 300 lines at most (design/architecture.md): checked for reading, measures and
#: countries, whose long modules were split by job in issue 11.
MAX_MODULE_LINES = 300


def test_reading_measures_and_countries_modules_stay_short():
    long = [f"{path.relative_to(PROJECT_ROOT)}: {lines} lines"
            for package in ("corpus", "measures", "countries") for path in sorted((PACKAGE / package).glob("*.py"))
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not long, f"modules over {MAX_MODULE_LINES} lines (split them by job):\n" + "\n".join(long)
