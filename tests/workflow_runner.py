"""Run a GitHub Actions workflow's steps here, without GitHub, so a broken step fails a test.

    run = run_workflow(path_to_yml, checkout, inputs={"assignment": "01_market_size"})
    assert run.ok, run.report()

Every `run:` step is executed as written, with bash (`-eo pipefail`, as Actions does), in the
checkout, with the variables Actions provides (GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY,
GITHUB_OUTPUT, GITHUB_ENV, RUNNER_TEMP, CI) and the `${{ }}` expressions the course's workflows
use (inputs, github.workspace, runner.temp, env, steps.<id>.outputs). The actions they `uses:`
are stood in for by what they do on a runner:

- `actions/checkout`: the checkout is already there (the test prepares it);
- `actions/setup-python`: a fresh virtual environment whose `python` sees this test
  environment's packages (so `pip install -e .` installs the checkout itself, offline:
  PIP_NO_INDEX, no build isolation); the requested version must be this interpreter's;
- `actions/upload-artifact`: the paths are copied to `artifacts/<name>/`, below their least
  common ancestor as on GitHub; a path that matches nothing fails the step (so the
  workflows set `if-no-files-found: error`, which makes GitHub do the same);
- `actions/upload-pages-artifact`: the folder `path` is copied to `artifacts/github-pages/`
  (GitHub tars it for the Pages deployment); a missing or empty folder fails the step.

A workflow's other jobs (such as the Pages deployment, which needs GitHub) are not run: one
job runs at a time, named by `job`.

Anything else (another action, an expression or an `if:` it does not know) fails loudly
instead of being skipped, so the stand-in cannot pass a workflow GitHub would reject.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class WorkflowError(RuntimeError):
    """The workflow uses something this stand-in cannot run faithfully."""


@dataclass
class StepResult:
    name: str
    status: str  # "success", "failure" or "skipped"
    output: str = ""
    seconds: float = 0.0


@dataclass
class WorkflowRun:
    steps: list[StepResult] = field(default_factory=list)
    summary: str = ""
    artifacts: Path | None = None

    @property
    def ok(self) -> bool:
        return all(s.status != "failure" for s in self.steps)

    def step(self, name: str) -> StepResult:
        return next(s for s in self.steps if s.name == name)

    def report(self) -> str:
        lines = []
        for s in self.steps:
            lines.append(f"[{s.status}] {s.name} ({s.seconds:.1f} s)")
            if s.status == "failure":
                lines.append("    " + s.output[-3000:].replace("\n", "\n    "))
        return "\n".join(lines)


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load(workflow: Path) -> dict:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def _requires_python() -> str:
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["requires-python"]


def _supported(version: str) -> bool:
    """Whether Python `version` ("3.12") satisfies the course's requires-python."""
    from packaging.specifiers import SpecifierSet

    return bool(re.fullmatch(r"\d+\.\d+", version)) and SpecifierSet(_requires_python()).contains(f"{version}.0")


def python_environment(where: Path) -> Path:
    """A venv without pip of its own whose interpreter also sees this environment's
    site-packages (pip, setuptools and the course's dependencies), through a .pth file."""
    if not (where / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
        site = Path(subprocess.run([str(where / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip())
        ours = [p for p in sys.path if p.endswith("site-packages")] or [sysconfig.get_paths()["purelib"]]
        (site / "_course_test_environment.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
        # the data files the packages installed (nbconvert's templates, nbgrader's and
        # JupyterLab's extensions), as pip would have put them under this prefix
        (where / "share").mkdir(exist_ok=True)
        if (Path(sys.prefix) / "share" / "jupyter").is_dir() and not (where / "share" / "jupyter").exists():
            (where / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
        # the console scripts (nbgrader, jupyter, alembic...), run by this environment's python
        python = where / "bin" / "python"
        for script in Path(sys.executable).parent.iterdir():
            target = where / "bin" / script.name
            if target.exists() or not script.is_file():
                continue
            with open(script, "rb") as fh:
                first = fh.readline()
            if first.startswith(b"#!") and b"python" in first:
                target.write_bytes(f"#!{python}\n".encode() + script.read_bytes().split(b"\n", 1)[1])
                target.chmod(0o755)
    return where


def run_workflow(workflow: Path, checkout: Path, *, inputs: dict[str, str] | None = None, job: str | None = None, timeout: float = 900, stop_after: str | None = None) -> WorkflowRun:
    """Run one job of `workflow` in `checkout`; `stop_after` names a step after which the
    run ends (the rest is recorded as skipped), for a test of one branch of a workflow."""
    data = load(workflow)
    jobs = data.get("jobs", {})
    if job is None:
        if len(jobs) != 1:
            raise WorkflowError(f"{workflow.name}: name the job to run (one of {', '.join(jobs)})")
        job = next(iter(jobs))
    spec = jobs[job]
    declared = ((data.get("on") or {}).get("workflow_dispatch") or {}).get("inputs") or {} if isinstance(data.get("on"), dict) else {}
    values = {name: str(meta.get("default", "")) for name, meta in declared.items()}
    for name in inputs or {}:
        if name not in declared:
            raise WorkflowError(f"{workflow.name}: no input {name!r} (it declares {', '.join(declared) or 'none'})")
    values.update(inputs or {})
    missing = [n for n, meta in declared.items() if meta.get("required") and not values.get(n)]
    if missing:
        raise WorkflowError(f"{workflow.name}: required inputs not given: {', '.join(missing)}")

    runner_temp = checkout.parent / f"{checkout.name}-runner"
    runner_temp.mkdir(exist_ok=True)
    files = {k: runner_temp / f"{k}.txt" for k in ("summary", "output", "env")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    shims = runner_temp / "shims"
    shims.mkdir(exist_ok=True)
    if shutil.which("sudo") is None:  # runners have password-less sudo; here we are the user
        (shims / "sudo").write_text('#!/bin/sh\nexec "$@"\n')
        (shims / "sudo").chmod(0o755)
    run = WorkflowRun(artifacts=runner_temp / "artifacts")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "VIRTUAL_ENV", "COURSE_"))},
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(checkout), "RUNNER_TEMP": str(runner_temp),
        "GITHUB_STEP_SUMMARY": str(files["summary"]), "GITHUB_OUTPUT": str(files["output"]), "GITHUB_ENV": str(files["env"]),
        "PATH": os.pathsep.join([str(shims), os.environ.get("PATH", "")]),
    }
    outputs: dict[str, dict[str, str]] = {}

    def evaluate(expr: str) -> str:
        expr = expr.strip()
        if m := re.fullmatch(r"(?:github\.event\.)?inputs\.([A-Za-z_][\w-]*)", expr):
            return values.get(m.group(1), "")
        if expr == "github.workspace":
            return str(checkout)
        if expr == "runner.temp":
            return str(runner_temp)
        if m := re.fullmatch(r"env\.(\w+)", expr):
            return env.get(m.group(1), "")
        if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr):
            return outputs.get(m.group(1), {}).get(m.group(2), "")
        raise WorkflowError(f"{workflow.name}: expression ${{{{ {expr} }}}} is not supported here")

    def expand(text) -> str:
        return EXPRESSION.sub(lambda m: evaluate(m.group(1)), str(text))

    for level in (data, spec):  # the workflow's, then the job's variables, expressions expanded
        env.update({k: expand(v) for k, v in (level.get("env") or {}).items()})
    failed = False
    for number, step in enumerate(spec.get("steps", []), 1):
        name = step.get("name") or step.get("uses") or f"step {number}"
        condition = str(step.get("if", "success()")).strip()
        condition = EXPRESSION.sub(lambda m: m.group(1), condition)
        if condition == "always()":
            wanted = True
        elif condition == "success()":
            wanted = not failed
        elif condition == "failure()":
            wanted = failed
        else:
            raise WorkflowError(f"{workflow.name}: step {name!r}: condition {condition!r} is not supported here")
        if not wanted:
            run.steps.append(StepResult(name, "skipped"))
            if stop_after is not None and name == stop_after:
                stopped = True
                break
            continue
        started = time.monotonic()
        step_env = {**env, **{k: expand(v) for k, v in (step.get("env") or {}).items()}}
        if "uses" in step:
            result = _action(step, name, checkout, runner_temp, expand, env, run)
        else:
            cwd = checkout / expand(step.get("working-directory", "."))
            files["output"].write_text("", encoding="utf-8")
            script = expand(step["run"])
            try:
                done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=step_env, capture_output=True, text=True, timeout=timeout)
                result = StepResult(name, "success" if done.returncode == 0 else "failure", done.stdout + done.stderr + f"\n(exit status {done.returncode})")
            except subprocess.TimeoutExpired as exc:
                result = StepResult(name, "failure", f"timed out after {timeout:.0f} s: {exc.stdout or ''}")
            if "id" in step:
                outputs[step["id"]] = _key_values(files["output"].read_text(encoding="utf-8"))
            env.update(_key_values(files["env"].read_text(encoding="utf-8")))
        result.seconds = time.monotonic() - started
        run.steps.append(result)
        failed = failed or result.status == "failure"
        if stop_after is not None and name == stop_after:
            stopped = True
            break
    else:
        stopped = False
    if stop_after is not None and not stopped:
        raise WorkflowError(f"{workflow.name}: no step named {stop_after!r}")
    run.summary = files["summary"].read_text(encoding="utf-8")
    return run


def working_tree_copy(root: Path, target: Path) -> Path:
    """A copy of `root`'s working tree as git would check it out (tracked and new files, not
    ignored ones) in `target`, for a workflow to run in."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source = root / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _key_values(text: str) -> dict[str, str]:
    pairs = {}
    for line in text.splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            pairs[key.strip()] = value
    return pairs


def _action(step: dict, name: str, checkout: Path, runner_temp: Path, expand, env: dict, run: WorkflowRun) -> StepResult:
    uses, given = step["uses"], {k: expand(v) for k, v in (step.get("with") or {}).items()}
    action = uses.split("@")[0]
    if action == "actions/checkout":
        return StepResult(name, "success", f"checkout at {checkout}")
    if action == "actions/setup-python":
        wanted = str(given.get("python-version", "")).strip()
        have = f"{sys.version_info.major}.{sys.version_info.minor}"
        note = ""
        if wanted and not have.startswith(wanted):
            # the stand-in has one Python, the suite's; a workflow that asks for another version
            # the course supports (pyproject.toml's requires-python) runs on it, with a note (each
            # supported version is smoke-tested in test_python_versions.py); any other is refused
            if not (_supported(wanted) and _supported(have)):
                return StepResult(name, "failure", f"the workflow asks for Python {wanted}; this stand-in has {have}, and the course supports {_requires_python()}")
            note = f" (the workflow asks for {wanted}: both are supported, {_requires_python()})"
        venv = python_environment(runner_temp / "python")
        env["PATH"] = os.pathsep.join([str(venv / "bin"), env["PATH"]])
        env.update({"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "pythonLocation": str(venv)})
        return StepResult(name, "success", f"Python {have} in {venv}{note}")
    if action == "actions/upload-artifact":
        target = run.artifacts / given["name"]
        copied: list[Path] = []
        for pattern in str(given.get("path", "")).split("\n"):
            pattern = pattern.strip()
            for match in glob.glob(str(checkout / pattern), recursive=True) if pattern else []:
                source = Path(match)
                copied += sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
        # as upload-artifact does: paths are kept below the matches' least common ancestor
        base = Path(os.path.commonpath([str(p.parent) for p in copied])) if copied else checkout
        for source in copied:
            dest = target / source.relative_to(base)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
        if not copied:
            return StepResult(name, "failure", f"upload-artifact {given.get('name')}: no file matches {given.get('path')!r}")
        return StepResult(name, "success", f"uploaded {len(copied)} file(s)")
    if action == "actions/upload-pages-artifact":
        source = checkout / given.get("path", "_site")
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []
        if not files:
            return StepResult(name, "failure", f"upload-pages-artifact: {given.get('path')!r} is not a folder with files")
        target = run.artifacts / given.get("name", "github-pages")
        shutil.copytree(source, target, dirs_exist_ok=True)
        return StepResult(name, "success", f"uploaded {len(files)} file(s) for GitHub Pages")
    raise WorkflowError(f"step {name!r} uses {uses}, which this stand-in does not run")
