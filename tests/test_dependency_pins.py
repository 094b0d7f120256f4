"""The two upper bounds of pyproject.toml that exist for a defect of a dependency, checked in the
environment the suite runs in (a resolver that ignored them would bring the defect back)."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version


def test_the_kernel_is_an_ipykernel_before_7():
    # ipykernel 7 can leave a shell request unread while it sends a reply (ipython/ipykernel#1554):
    # the request waits until the next connection, and a cell or a kernel's first message hangs
    major = int(version("ipykernel").split(".")[0])
    assert major < 7, f"ipykernel {version('ipykernel')} is installed; pyproject.toml asks for <7 (ipython/ipykernel#1554)"


def test_reading_notebooks_does_not_import_the_slow_iri_checker():
    # jsonschema 4.25+ imports rfc3987-syntax, which builds about 35 parsers (0.8 s of CPU) in
    # every process that imports nbformat
    code = "import sys, nbformat, nbformat.validator; print('rfc3987_syntax' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False", f"importing nbformat imported rfc3987_syntax (jsonschema {version('jsonschema')}; pyproject.toml asks for <4.25)"
