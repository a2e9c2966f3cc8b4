"""A built, non-editable wheel carries the schemas and data it needs: it validates the template from a
folder outside the source tree, with the package imported from the installed wheel only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT, TEMPLATE


def test_installed_wheel_validates_the_template_outside_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [wheel] = list(wheels.glob("itstyr-*.whl"))
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert (site / "itstyr" / "schemas" / "defs.schema.json").is_file()
    repository = tmp_path / "work" / "styrning"
    shutil.copytree(TEMPLATE, repository)
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    code = (
        "import itstyr, sys; from itstyr.cli.app import main;"
        "print(itstyr.__file__, file=sys.stderr);"
        "main(['validate', 'styrning', '--format', 'json'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repository.parent, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[0].startswith(str(site))
    assert '"errors": 0' in result.stdout
