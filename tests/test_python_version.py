"""The declared minimum Python of each package matches what its code uses.

The course package (``pyproject.toml``: helpers, autograder) and the student edition
(``student/pyproject.toml``: helpers alone) each declare ``requires-python``; their code must
parse with that version's grammar and import no standard module that came later.
"""
import ast
import pathlib
import re
import tomllib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Standard modules added since 3.9, with the version that brought them.
NEWER_STDLIB = {"tomllib": (3, 11), "wsgiref.types": (3, 11)}


def _minimum(pyproject):
    spec = tomllib.loads(pyproject.read_text())["project"]["requires-python"]
    found = re.fullmatch(r">=\s*3\.(\d+)", spec.strip())
    assert found, f"{pyproject}: requires-python {spec!r} is not of the form >=3.N"
    return 3, int(found[1])


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize("pyproject, packages", [("pyproject.toml", ("helpers", "autograder")),
                                                 ("student/pyproject.toml", ("helpers",))])
def test_the_code_runs_on_the_declared_minimum(pyproject, packages):
    minimum = _minimum(ROOT / pyproject)
    for package in packages:
        for path in sorted((ROOT / package).glob("*.py")):
            tree = ast.parse(path.read_text(), str(path), feature_version=minimum)
            for name in _imports(tree):
                needs = NEWER_STDLIB.get(name)
                assert needs is None or needs <= minimum, \
                    f"{path.relative_to(ROOT)} imports {name} (Python {needs[0]}.{needs[1]}), but {pyproject} says {minimum}"


def test_the_course_package_needs_3_11_for_tomllib():
    assert _minimum(ROOT / "pyproject.toml") == (3, 11)
