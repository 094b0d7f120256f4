"""Every supported Python: a smoke test on each one other than the suite's own.

The full suite runs on one interpreter (the one `make test` made .venv with). For each other
version that pyproject.toml supports (3.11 to 3.13), this copies the repository's files into
a temporary folder, installs the course there as docs/contributing.md says (`make install PYTHON=...`:
a fresh .venv and `pip install -e '.[test]'`), and with that environment runs one lecture top
to bottom, grades the bundled samples of one assignment with the engine and checks one
sample in CI mode, all against the expected scores (tests/python_smoke.py).

Interpreters are looked for in pyenv's versions (`pyenv root`, or $PYENV_ROOT) and on PATH
(`python3.12`). Where one is missing the test skips with the reason; with
COURSE_REQUIRE_SERVICES=1 (as .ci/run sets) it fails instead. Slow: most of its time is
pip installing the course (several minutes per interpreter on two cores).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ["3.11", "3.12", "3.13"]
OTHERS = [v for v in SUPPORTED if v != f"{sys.version_info.major}.{sys.version_info.minor}"]


def _pyenv_root() -> Path | None:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    if shutil.which("pyenv"):
        done = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            return Path(done.stdout.strip())
    return None


def _version_of(python: str) -> str | None:
    try:
        done = subprocess.run([python, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def find_interpreter(version: str) -> tuple[str | None, list[str]]:
    """The path of a Python `version` with its venv module, and where it was looked for."""
    candidates, looked = [], []
    root = _pyenv_root()
    if root is not None:
        looked.append(f"{root}/versions/{version}.*")
        candidates += sorted((root / "versions").glob(f"{version}.*/bin/python{version}"), reverse=True)
    looked.append(f"python{version} on PATH")
    if shutil.which(f"python{version}"):
        candidates.append(shutil.which(f"python{version}"))
    for candidate in candidates:
        if _version_of(str(candidate)) == version:
            return str(candidate), looked
    return None, looked


def _copy_repository(target: Path) -> None:
    """The repository's files as git sees them (tracked, and new ones not ignored), with
    the working tree's content: a fresh clone of what is being tested."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def require_interpreter(version: str) -> str:
    """The interpreter's path; skips the test where there is none, fails it under CI."""
    python, looked = find_interpreter(version)
    if python is None:
        message = f"no Python {version} with venv here (looked in {', '.join(looked)}); pyenv install {version} provides one"
        if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message} (COURSE_REQUIRE_SERVICES=1: every supported Python must be smoke-tested)", pytrace=False)
        pytest.skip(message)
    return python


def test_a_missing_interpreter_skips_with_the_reason_and_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))  # an empty pyenv
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("COURSE_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"no Python 3\.12 with venv here \(looked in .*versions/3\.12\.\*, python3\.12 on PATH\)"):
        require_interpreter("3.12")
    monkeypatch.setenv("COURSE_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="COURSE_REQUIRE_SERVICES=1: every supported Python must be smoke-tested"):
        require_interpreter("3.12")


def install_and_grade_on(version: str, tmp_path: Path) -> None:
    python = require_interpreter(version)
    clone = tmp_path / "clone"
    _copy_repository(clone)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "COURSE_", "JUPYTER", "IPYTHON", "PYENV_VERSION"))}
    # the environment's own kernel and Jupyter folders, never the user's or this suite's
    env.update({"HOME": str(tmp_path / "home"), "JUPYTER_CONFIG_DIR": str(tmp_path / "home" / ".jupyter"),
                "JUPYTER_DATA_DIR": str(tmp_path / "home" / ".local" / "share" / "jupyter"),
                "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
                # pip does not byte-compile the ~20,000 modules it installs (a third of the install's
                # CPU here); Python compiles the few the run imports. (PIP_COMPILE=0, never the
                # inverted PIP_NO_COMPILE, whose "1" means compile)
                "PIP_COMPILE": "0",
                "COURSE_GRADING_WORKSPACE": str(tmp_path / "workspace"), "MPLBACKEND": "Agg"})
    (tmp_path / "home").mkdir()
    install = subprocess.run(["make", "install", f"PYTHON={python}"], cwd=clone, env=env, capture_output=True, text=True, timeout=1800)
    assert install.returncode == 0, f"make install with {python} failed:\n{install.stdout[-3000:]}\n{install.stderr[-5000:]}"
    venv_python = clone / ".venv" / "bin" / "python"
    assert _version_of(str(venv_python)) == version
    smoke = subprocess.run([str(venv_python), "tests/python_smoke.py", str(tmp_path / "out")], cwd=clone, env=env, capture_output=True, text=True, timeout=1800)
    assert smoke.returncode == 0, f"the smoke run on {version} failed:\n{smoke.stderr[-5000:]}"
    report = json.loads(smoke.stdout.strip().splitlines()[-1])
    assert report["python"].startswith(version + ".")
    assert report["kernel_python"].startswith(version + "."), f"the lecture ran in a Python {report['kernel_python']} kernel"
    assert report["lecture_errors"] == [], report["lecture_errors"]
    wrong = [r for r in report["engine"] if r["got"] != r["expected"]]
    assert report["engine"] and not wrong, f"engine scores on {version} differ from expected_scores.csv: {wrong}"
    check = report["check"]
    assert check["exit"] == 0, check["stderr"]
    got = {q["grade_id"]: q["score"] for q in check["result"]["questions"]}
    assert got and got == check["expected"], (got, check["expected"])


# One class per interpreter: under `pytest -n 2 --dist loadscope` a class is a scope of its
# own, so the two workers install and grade on two Pythons at once (a parametrized function
# would keep both on one worker, one after the other).
for _version in OTHERS:
    _name = "TestSlowInstallAndGradeOnPython" + _version.replace(".", "")
    globals()[_name] = type(_name, (), {
        "version": _version,
        "test_slow_install_and_grade_on_another_python": lambda self, tmp_path: install_and_grade_on(self.version, tmp_path),
        "__doc__": f"make install with Python {_version}, then a lecture, a batch and a CI check on it",
    })
del _version, _name
