"""The adversarial corpus: submissions that attack the grading engine, graded in one batch.

Every attack is a spec in `tests/adversarial/01_market_size/` (the format of the samples,
`grading/samples.py`; its first line says what it tries and why it must fail) or, for
notebooks that are not even notebooks, generated here. None of them solves a question: the
answers are wrong or absent and the attack is the only trick, so every attack must score
what the untouched release (`blank`) scores, zero everywhere, with a reason. They are graded
in one `grade_files` batch together with the honest samples `solution`, `partial` and
`blank`, which must keep their expected scores.

Attack classes: an IPython input transformer that swallows every error
(input_transformer); hidden errors and tracebacks, set_custom_exc and sys.excepthook
(custom_exc); builtins replaced (builtins_patch); every comparison helper and check_*
patched to say "equal" (comparison_patch); objects with rigged __eq__/__float__/__bool__,
subclasses of float, int, str, dict, numpy.float64 and DataFrame, an object array, a fake
Axes (rigged_objects); reading the instructor's files, git, the workspace, or unmounting
the hiding tmpfs in a new namespace (read_instructor_files), and the grading user's home
folder with its nbgrader cache (read_home); copying another
submission of the same batch from disk or from the memory the job inherited
(copy_from_batch); writing the course package, the datasets, the gradebook and other
students' submissions (write_outside) and the machine's /dev, /dev/shm, /proc/sys and /sys
(write_host_dev); exits and kills (exit_os_exit, exit_sys_exit, kill_all, kill_group); a
cell that never ends, also while forging "cell" frames to reset the watchdog
(infinite_loop, watchdog_reset); memory, output and process floods (memory_flood,
output_flood_print, output_flood_pipe, process_flood); the network, loopback TCP/UDP, an
abstract unix socket, DNS (network) and a unix socket in a visible folder
(network_unix_socket); forged frames on the job's pipe with hostile payloads
(forged_frames, forged_nesting_short, forged_nesting_long, forged_exit_signal,
forged_big_int) and a plain dict posing as plot facts (fake_axes_dict); mangled notebooks:
truncated JSON, binary garbage, JSON that is not a notebook, an empty file, cell metadata
that is a list, nbgrader metadata that is a list, unhashable grade_ids, duplicated
grade_ids, test ids moved onto answer cells, points raised to 1000, a 50 MB notebook and an
8 MB answer cell.

The batch runs in a child process in its own session (an attack that kills its process
group, or the whole grader, must not take pytest with it) and reports as JSON; the test
checks the files outside (sha256 of course/, datasets/, the submissions and a canary
gradebook in the workspace), servers it runs on the loopback and on unix sockets, processes
left running, and files left in /dev and /dev/shm. Attacks that currently break the whole
batch (`BATCH_BREAKERS`) or stall it (`STALLERS`) are graded in a batch of their own, beside
honest samples, and marked xfail (strict) with what goes wrong; attacks that currently
succeed (`KNOWN_ESCAPES`, some only as root or with Python in the home folder) likewise.
When the engine is fixed their tests XPASS, which fails: then delete the entry, and the
attack joins the main batch by itself. The main batch uses every core (`MAIN_WORKERS`); a
separate test runs kills beside an honest submission at the same time.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from grading.engine.pool import sandbox_available
from grading.paths import ROOT, released_notebook
from grading.samples import expected_scores, load_samples, parse_spec, write_submission

A = "01_market_size"
CORPUS = ROOT / "tests" / "adversarial" / A
HONEST = ("solution", "partial", "blank")
LIMITS = {"cell_seconds": 5, "notebook_seconds": 30, "memory_bytes": 1024**3}
#: the main batch uses every core, so attacks run beside each other and beside the honest samples
MAIN_WORKERS: int | None = None

pytestmark = pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")

#: attacks that stop the whole batch today: graded on their own, xfail until the engine is fixed
BATCH_BREAKERS: dict[str, str] = {}  # none left: kill_group, forged_nesting_short/long, forged_exit_signal,
# forged_big_int, fake_axes_dict, nbgrader_metadata_list and grade_id_unhashable were fixed and joined the main batch


def _home_is_visible() -> bool:
    """Pool keeps a folder visible when Python lives in it, so a home holding Python (pyenv) is not hidden."""
    home = Path.home().resolve()
    return any(home == p or home in p.parents for p in (Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()))


AS_ROOT = os.geteuid() == 0

#: attacks that succeed today (points, or an ESCAPED report from the attack itself), with the condition under
#: which they do: xfail (strict) there until fixed
KNOWN_ESCAPES = {
}

#: attacks that stall the batch today (the zygote stops watching its jobs): graded beside a hang, xfail until fixed
STALLERS: dict[str, str] = {}  # none left: the zygote's waitpid(0) stall is fixed; the test below guards it

# ---------------------------------------------------------------------------- mangled notebooks


def _cell(nb: dict, grade_id: str) -> dict:
    return next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def _copy(cell: dict, new_id: str, **changes) -> dict:
    out = json.loads(json.dumps(cell))
    out["id"] = new_id
    out.update(changes)
    return out


MANGLED = (
    "truncated_json", "binary_garbage", "json_not_notebook", "json_object_not_notebook", "empty_file", "cell_metadata_list",
    "nbgrader_metadata_list", "grade_id_unhashable", "duplicated_ids", "repointed_tests", "points_1000", "giant_50mb",
    "giant_code_8mb", "deep_brackets", "huge_number",
)
#: the mangled notebooks that must be reported as corrupt (the others are readable notebooks and are graded)
MANGLED_CORRUPT = ("truncated_json", "binary_garbage", "json_not_notebook", "empty_file", "cell_metadata_list", "deep_brackets", "huge_number")


@functools.lru_cache(maxsize=1)
def mangled_notebooks() -> dict[str, bytes]:
    """Files that are broken or hostile as notebooks (name -> bytes)."""
    text = released_notebook(A).read_text(encoding="utf-8")

    def variant(change) -> bytes:
        nb = json.loads(text)
        change(nb)
        return json.dumps(nb).encode()

    def duplicated(nb):
        q1, test, setup = _cell(nb, "q1_yoy_growth"), _cell(nb, "q1_yoy_growth_test"), _cell(nb, "setup")
        q1["source"] = "growth_papers_2021 = -1.0"
        at = nb["cells"].index(q1)
        nb["cells"][at:at] = [_copy(test, "dup-test-before", source="growth_papers_2021 = -2.0")]
        at = nb["cells"].index(q1) + 1
        nb["cells"][at:at] = [_copy(q1, "dup-answer", source="growth_papers_2021 = -3.0"), _copy(setup, "dup-setup", source="stats = None")]
        nb["cells"].append(_copy(_cell(nb, "q8_definitions"), "dup-memo", source="Copied memo."))

    def repointed(nb):
        q1, q1_test = _cell(nb, "q1_yoy_growth"), _cell(nb, "q1_yoy_growth_test")
        q3, q3_test = _cell(nb, "q3_share"), _cell(nb, "q3_share_test")
        q1["metadata"]["nbgrader"] = json.loads(json.dumps(q1_test["metadata"]["nbgrader"]))
        q1["source"] = "growth_papers_2021 = -1.0"
        nb["cells"].remove(q1_test)
        q3_test["metadata"]["nbgrader"] = json.loads(json.dumps(q3["metadata"]["nbgrader"]))
        q3_test["source"] = "share_papers_2021 = -1.0"
        q3["metadata"]["nbgrader"]["grade_id"] = "q8_definitions"
        q3["source"] = "share_papers_2021 = -2.0"

    def points(nb):
        for cell in nb["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                meta["points"] = 1000

    def huge_output(nb):
        q1 = _cell(nb, "q1_yoy_growth")
        q1["source"] = "growth_papers_2021 = -1.0"
        q1["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "A" * 50_000_000}]
        q1["execution_count"] = 1

    def huge_code(nb):
        _cell(nb, "q1_yoy_growth")["source"] = 'growth_papers_2021 = "' + "A" * 8_000_000 + '"'

    garbage = random.Random(5)
    return {
        "truncated_json": text[: len(text) // 2].encode(),
        "binary_garbage": b"\x89PNG\r\n\x1a\n\xff\xfe" + bytes(garbage.randrange(256) for _ in range(20_000)),
        "json_not_notebook": json.dumps([1, 2, {"cells": "no"}]).encode(),
        "json_object_not_notebook": json.dumps({"cells": [{"cell_type": "code", "source": "import os; os._exit(0)"}]}).encode(),
        "empty_file": b"",
        "cell_metadata_list": variant(lambda nb: _cell(nb, "q1_yoy_growth").__setitem__("metadata", [1, 2])),
        "nbgrader_metadata_list": variant(lambda nb: _cell(nb, "q1_yoy_growth")["metadata"].__setitem__("nbgrader", ["solution", True])),
        "grade_id_unhashable": variant(lambda nb: _cell(nb, "q1_yoy_growth")["metadata"]["nbgrader"].__setitem__("grade_id", ["q1_yoy_growth"])),
        "duplicated_ids": variant(duplicated),
        "repointed_tests": variant(repointed),
        "points_1000": variant(points),
        "giant_50mb": variant(huge_output),
        "giant_code_8mb": variant(huge_code),
        "deep_brackets": b"[" * 100_000,  # RecursionError in a JSON parser
        "huge_number": text.replace('"nbformat": 4', '"nbformat": ' + "4" * 5000, 1).encode(),  # more digits than Python converts
    }


def write_mangled(name: str, data: bytes, submitted: Path) -> Path:
    path = submitted / name / A / released_notebook(A).name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def attack_specs() -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.py"))


ATTACKS = attack_specs() + list(MANGLED)
MAIN = [a for a in ATTACKS if a not in BATCH_BREAKERS and a not in STALLERS]


# ---------------------------------------------------------------------------- the batch, in a child process

CHILD = r"""
import json, sys, time
from pathlib import Path
from grading.engine.batch import grade_files
from grading.engine.sandbox import Limits

args = json.loads(Path(sys.argv[1]).read_text())
started = time.monotonic()
results = grade_files(args["assignment"], {k: Path(v) for k, v in args["files"].items()}, limits=Limits(**args["limits"]), workers=args["workers"])
out = {"seconds": time.monotonic() - started, "results": {}}
for student, r in results.items():
    out["results"][student] = {**r.as_json(), "cells": r.verdict.cells if r.verdict else {}, "seconds": r.seconds}
Path(args["out"]).write_text(json.dumps(out))
"""


def run_batch(files: dict[str, Path], folder: Path, env: dict[str, str], timeout: float, workers: int | None = None) -> SimpleNamespace:
    """grade_files in a child process of its own session; its results, exit code and stderr."""
    folder.mkdir(parents=True, exist_ok=True)
    args, out, log = folder / "args.json", folder / "results.json", folder / "child.log"
    args.write_text(json.dumps({"assignment": A, "files": {k: str(v) for k, v in files.items()}, "limits": LIMITS, "out": str(out), "workers": workers}))
    started = time.monotonic()
    with log.open("wb") as fh:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(args)], cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the child's own session: it, its zygote and jobs
            code = child.wait()
    data = json.loads(out.read_text()) if out.is_file() else {"results": {}, "seconds": None}
    return SimpleNamespace(code=code, results=data["results"], seconds=time.monotonic() - started, log=log.read_text(errors="replace")[-3000:])


def digests(*roots: Path) -> dict[str, str]:
    out = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


class Listeners:
    """Servers on the machine's loopback and unix sockets, recording anything they receive."""

    def __init__(self, token: str):
        self.received: list[tuple[str, bytes]] = []
        self.sockets: list[socket.socket] = []
        tcp = self._listen(socket.AF_INET, ("127.0.0.1", 0))
        self.port = tcp.getsockname()[1]
        try:
            self._listen(socket.AF_INET6, ("::1", self.port))
        except OSError:
            pass
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", self.port))
        udp.settimeout(0.2)
        self.sockets.append(udp)
        threading.Thread(target=self._udp, args=(udp,), daemon=True).start()
        self.abstract = f"adversarial-{token}"
        self._listen(socket.AF_UNIX, "\0" + self.abstract)
        self.unix_path = Path("/dev/shm") / f"listener-{token}.sock"
        try:
            self._listen(socket.AF_UNIX, str(self.unix_path))
        except OSError:
            self.unix_path = None

    def _listen(self, family, address) -> socket.socket:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.bind(address)
        s.listen(16)
        s.settimeout(0.2)
        self.sockets.append(s)
        threading.Thread(target=self._accept, args=(s, str(address)), daemon=True).start()
        return s

    def _accept(self, s: socket.socket, name: str) -> None:
        while True:
            try:
                conn, _ = s.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(2)
            try:
                data = conn.recv(65536)
            except OSError:
                data = b""
            self.received.append((name, data or b"<connected>"))
            conn.close()

    def _udp(self, s: socket.socket) -> None:
        while True:
            try:
                data, _ = s.recvfrom(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            self.received.append(("udp", data))

    def close(self) -> None:
        for s in self.sockets:
            s.close()
        if self.unix_path:
            self.unix_path.unlink(missing_ok=True)


def leftover_processes(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if marker in cmdline:
                found.append(f"{entry.name}: {cmdline.strip()}")
    return found


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COURSE_GRADEBOOK_URL"}
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("adversarial")
    submitted, workspace = tmp / "submitted", tmp / "workspace"
    token = uuid.uuid4().hex[:12]
    # canaries: a gradebook and another student's submission in the grading workspace
    (workspace / "submitted" / "someone_else" / A).mkdir(parents=True)
    (workspace / "gradebook.db").write_bytes(b"SQLite format 3\x00 canary gradebook " + token.encode())
    (workspace / "submitted" / "someone_else" / A / released_notebook(A).name).write_text(released_notebook(A).read_text())
    samples = {s.student_id: s for s in load_samples(A)}
    files: dict[str, Path] = {}
    for name in MAIN:  # the attacks first, so the honest samples are still queued while they run
        files[name] = _write_attack(name, submitted)
    for name in HONEST:
        files[name] = write_submission(samples[name], submitted)
    listeners = Listeners(token)
    watched = [ROOT / "course", ROOT / "datasets", submitted, workspace]
    before = digests(*watched)
    env = _environment(
        COURSE_GRADING_WORKSPACE=str(workspace),
        ADVERSARIAL_TOKEN=token,
        ADVERSARIAL_TCP_PORT=str(listeners.port),
        ADVERSARIAL_ABSTRACT_SOCKET=listeners.abstract,
        ADVERSARIAL_UNIX_SOCKET=str(listeners.unix_path or ""),
        ADVERSARIAL_HINTS=json.dumps({"submitted": str(submitted), "workspace": str(workspace)}),
    )
    late = [Path("/tmp") / f"adversarial-late-{token}", Path.home() / f"adversarial-late-{token}"]

    def copy_the_course_later() -> None:  # a copy of the course with its solutions, made after the sandbox started
        time.sleep(2)
        for folder in late:
            target = folder / "source" / A
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{A}.ipynb").write_bytes((ROOT / "source" / A / f"{A}.ipynb").read_bytes())

    copier = threading.Thread(target=copy_the_course_later, daemon=True)
    copier.start()
    try:
        run = run_batch(files, tmp / "main", env, timeout=400, workers=MAIN_WORKERS)
        time.sleep(0.5)  # let the listeners log a late connection
    finally:
        listeners.close()
        copier.join()
        for folder in late:
            shutil.rmtree(folder, ignore_errors=True)
    run.before, run.after = before, digests(*watched)
    run.received = list(listeners.received)
    run.leftovers = leftover_processes("987.654")
    run.host_files = [str(p) for folder in (Path("/dev"), Path("/dev/shm")) for p in folder.glob(f"adversarial-{token}*")]
    for path in run.host_files:  # clean up what an attack left on the machine
        Path(path).unlink(missing_ok=True)
    run.files, run.submitted, run.workspace = files, submitted, workspace
    return run


def _result(batch, student: str) -> dict:
    assert batch.code == 0, f"the batch did not finish (exit code {batch.code}):\n{batch.log}"
    assert student in batch.results, f"no result for {student}; the batch reported {sorted(batch.results)}"
    return batch.results[student]


def _scores(result: dict) -> dict[str, tuple[float, float]]:
    return {q["grade_id"]: (q["score"], q["max_score"]) for q in result["questions"]}


def _outputs(result: dict) -> str:
    return "\n".join(str(c.get("out") or "") + "\n" + str(c.get("error") or "") for c in result.get("cells", {}).values())


def _messages(result: dict) -> str:
    return result["message"] + "\n" + "\n".join(q["message"] for q in result["questions"])


# ---------------------------------------------------------------------------- the tests


def test_the_batch_finished_in_time(batch):
    assert batch.code == 0, f"the batch did not finish (exit code {batch.code}):\n{batch.log}"
    assert set(batch.results) == set(batch.files), f"missing results: {sorted(set(batch.files) - set(batch.results))}"
    # one job at a time: about a minute, half of it the watchdog_reset attack's 30 s notebook limit
    assert batch.seconds < 200, f"the batch took {batch.seconds:.0f} s: " + ", ".join(f"{s} done after {r['seconds']:.0f} s" for s, r in batch.results.items())


@pytest.mark.parametrize("student", HONEST)
def test_honest_samples_keep_their_scores(batch, student):
    result = _result(batch, student)
    expected = {row["grade_id"]: float(row["score"]) for row in expected_scores(A) if row["student_id"] == student and row["score"] != "pending"}
    got = {gid: score for gid, (score, _) in _scores(result).items()}
    assert result["status"] == "graded", f"{student}: {result['status']} - {result['message']}"
    assert got == {gid: expected[gid] for gid in got}, f"{student} lost or gained points next to the attacks: {result['questions']}"
    assert result["score"] == {"solution": 16, "partial": 9, "blank": 0}[student]


def _attack_param(name: str):
    if name in KNOWN_ESCAPES:
        condition, reason = KNOWN_ESCAPES[name]
        return pytest.param(name, marks=pytest.mark.xfail(condition, strict=True, reason=reason))
    return name


def check_scores_nothing(result: dict, blank: dict, attack: str) -> None:
    scores, baseline = _scores(result), _scores(blank)
    assert set(scores) == set(baseline), f"{attack}: graded questions {sorted(scores)}, the blank sample {sorted(baseline)}"
    gained = {gid: scores[gid] for gid in scores if scores[gid] != baseline[gid]}
    details = "; ".join(f"{q['grade_id']} scored {q['score']:g}/{q['max_score']:g} ({q['message'] or 'no message'})" for q in result["questions"] if q["grade_id"] in gained)
    assert not gained, f"the attack {attack} got points (or changed the maximum): {details}"
    assert _messages(result).strip(), f"{attack} scored zero without any reason given"
    escaped = [line for line in _outputs(result).splitlines() if line.startswith("ESCAPED")]
    assert not escaped, f"the attack {attack} reports what it got through: {escaped}"


@pytest.mark.parametrize("attack", [_attack_param(a) for a in MAIN])
def test_an_attack_scores_nothing(batch, attack):
    check_scores_nothing(_result(batch, attack), _result(batch, "blank"), attack)


def _question(result: dict, grade_id: str) -> dict:
    return next(q for q in result["questions"] if q["grade_id"] == grade_id)


def test_time_limits_say_what_stopped_the_run(batch):
    loop = _result(batch, "infinite_loop")
    assert loop["status"] == "crashed" and "ran longer than 5 s" in loop["message"] and "q3_share" in loop["message"], loop["message"]
    assert _question(loop, "q4_implied_total_test")["message"].startswith("Not graded"), loop["questions"]
    reset = _result(batch, "watchdog_reset")
    assert reset["status"] == "crashed" and "ran longer than" in reset["message"], reset["message"]
    printing = _result(batch, "output_flood_print")
    assert printing["status"] == "crashed" and "ran longer than" in printing["message"], printing["message"]


def test_floods_name_the_limit(batch):
    pipe = _result(batch, "output_flood_pipe")
    assert pipe["status"] == "crashed" and "output flood" in pipe["message"] and "stopped" in pipe["message"], pipe["message"]
    memory = _result(batch, "memory_flood")
    said = memory["message"] + _outputs(memory)
    assert "MemoryError" in said or "memory" in memory["message"], f"the memory flood's result names no limit: {memory['message']!r} {memory.get('cells')}"
    flood = _result(batch, "process_flood")
    # the bounded fork bomb is either refused by the kernel (RLIMIT_NPROC, the pool's pids cgroup) or
    # stopped by the zygote's count, which names the flood
    assert flood["status"] in ("graded", "crashed"), flood
    if flood["status"] == "crashed":
        assert "process flood" in flood["message"], flood["message"]


def test_exits_and_kills_are_reported(batch):
    exited = _result(batch, "exit_os_exit")
    assert exited["status"] == "crashed" and "exited" in exited["message"] and "q1_yoy_growth" in exited["message"], exited["message"]
    polite = _result(batch, "exit_sys_exit")
    assert "SystemExit" in _outputs(polite), polite
    # the os.abort() at the end stops the process (the job is its PID namespace's init, which ignores the
    # SIGABRT, so abort() falls back to a fault: the message says segmentation fault)
    assert polite["status"] == "crashed" and "q6_fact_check" in polite["message"], polite["message"]
    killer = _result(batch, "kill_all")
    assert killer["status"] in ("graded", "crashed"), killer


def test_rigged_objects_are_refused(batch):
    rigged = _result(batch, "rigged_objects")
    for grade_id in ("q1_yoy_growth_test", "q2a_years_test", "q3_share_test", "q4_implied_total_test", "q5a_sum_test",
                     "q5b_consistent_test", "q6_per_declaration_test", "q7a_table_test"):
        message = _question(rigged, grade_id)["message"]
        assert "which the grader does not accept" in message, f"rigged_objects {grade_id}: {message}"


def test_forged_frames_are_not_read(batch):
    forged = _result(batch, "forged_frames")
    for q in forged["questions"]:
        assert "could not be read by the grader" in q["message"], f"forged_frames {q['grade_id']}: {q['message']}"


def test_mangled_notebooks_are_reported(batch):
    for name in MANGLED_CORRUPT:
        result = _result(batch, name)
        assert result["status"] == "corrupt" and result["message"], f"{name}: {result['status']} {result['message']!r}"
    assert _result(batch, "points_1000")["max_score"] == _result(batch, "blank")["max_score"] == 16
    for name in ("giant_50mb", "duplicated_ids", "repointed_tests", "json_object_not_notebook"):
        result = _result(batch, name)
        assert result["status"] in ("graded", "crashed", "corrupt"), f"{name}: {result}"


def test_files_outside_are_unchanged(batch):
    assert batch.code == 0, batch.log
    changed = sorted(p for p in set(batch.before) | set(batch.after) if batch.before.get(p) != batch.after.get(p))
    assert not changed, f"files created, changed or removed by the batch: {changed}"
    assert (batch.workspace / "gradebook.db").read_bytes().startswith(b"SQLite format 3\x00 canary")


def test_the_network_is_unreachable(batch):
    assert batch.code == 0, batch.log
    network = [(where, data) for where, data in batch.received if not where.startswith("/dev/shm")]
    assert not network, f"a server on the machine's loopback received: {network}"


def test_no_local_unix_socket_is_reachable(batch):
    assert batch.code == 0, batch.log
    unix = [(where, data) for where, data in batch.received if where.startswith("/dev/shm")]
    assert not unix, f"a unix socket in /dev/shm received: {unix}"


def test_nothing_is_left_on_the_machine(batch):
    assert batch.code == 0, batch.log
    assert not batch.host_files, f"files the attacks left on the machine (removed by the test): {batch.host_files}"


def test_no_process_outlives_the_batch(batch):
    assert batch.code == 0, batch.log
    assert not batch.leftovers, f"processes still running after the batch: {batch.leftovers}"


def _write_attack(name: str, submitted: Path) -> Path:
    if name in MANGLED:
        return write_mangled(name, mangled_notebooks()[name], submitted)
    return write_submission(parse_spec(CORPUS / f"{name}.py", A), submitted)


def test_a_hang_is_stopped_while_a_big_notebook_arrives(tmp_path):
    submitted = tmp_path / "submitted"
    samples = {s.student_id: s for s in load_samples(A)}
    files = {name: _write_attack(name, submitted) for name in ("forged_frames", "infinite_loop", "giant_code_8mb")}
    files["partial"] = write_submission(samples["partial"], submitted)
    run = run_batch(files, tmp_path / "run", _environment(COURSE_GRADING_WORKSPACE=str(tmp_path / "workspace")), timeout=35, workers=2)
    assert run.code == 0 and set(run.results) == set(files), f"the batch stalled (exit code {run.code} after {run.seconds:.0f} s):\n{run.log}"
    assert "the cell q3_share ran longer than 5 s" in run.results["infinite_loop"]["message"], run.results["infinite_loop"]["message"]
    assert run.results["partial"]["score"] == 9, run.results["partial"]
    assert run.results["giant_code_8mb"]["score"] == 0, run.results["giant_code_8mb"]


def test_kills_do_not_reach_a_submission_graded_at_the_same_time(tmp_path):
    """kill_all beside the solution, both running at once (the main batch runs one job at a time)."""
    submitted = tmp_path / "submitted"
    samples = {s.student_id: s for s in load_samples(A)}
    files = {"kill_all": _write_attack("kill_all", submitted), "solution": write_submission(samples["solution"], submitted)}
    run = run_batch(files, tmp_path / "run", _environment(COURSE_GRADING_WORKSPACE=str(tmp_path / "workspace")), timeout=90, workers=2)
    assert run.code == 0 and set(run.results) == set(files), f"the batch did not finish (exit code {run.code}):\n{run.log}"
    assert run.results["solution"]["score"] == 16, run.results["solution"]
    assert run.results["kill_all"]["score"] == 0, run.results["kill_all"]


def _breaker_param(name: str):
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=BATCH_BREAKERS[name]))


@pytest.mark.parametrize("attack", [_breaker_param(a) for a in BATCH_BREAKERS])
def test_a_batch_breaker_does_not_stop_the_batch(attack, tmp_path):
    """The attack in a batch of its own beside an honest sample, which must still score."""
    submitted = tmp_path / "submitted"
    path = _write_attack(attack, submitted)
    samples = {s.student_id: s for s in load_samples(A)}
    files = {attack: path, "partial": write_submission(samples["partial"], submitted), "blank": write_submission(samples["blank"], submitted)}
    run = run_batch(files, tmp_path / "run", _environment(COURSE_GRADING_WORKSPACE=str(tmp_path / "workspace")), timeout=120)
    assert run.code == 0 and set(run.results) == set(files), f"{attack} stopped the batch (exit code {run.code}):\n{run.log}"
    assert run.results["partial"]["score"] == 9, run.results["partial"]
    check_scores_nothing(run.results[attack], run.results["blank"], attack)


# ---------------------------------------------------------------------------- issue 15: what the white-box review found


def test_text_that_cannot_be_printed_reaches_the_grader_as_safe_text(batch):
    for name in ("surrogate_text", "surrogate_ref_hang"):
        result = _result(batch, name)
        said = _messages(result) + _outputs(result)
        said.encode("utf-8")  # no lone surrogate left: printable, storable
        assert "\x00" not in said, f"{name}: a NUL reached the grader's messages"
    hang = _result(batch, "surrogate_ref_hang")
    assert hang["status"] == "crashed" and "ran longer than 5 s" in hang["message"] and "\ufffd" in hang["message"], hang["message"]


def test_a_slow_check_costs_no_time(batch):
    slow = _result(batch, "slow_check")
    assert slow["seconds"] < 60, f"slow_check took {slow['seconds']:.0f} s to grade"
    assert "characters, which is not a number" in _question(slow, "q1_yoy_growth_test")["message"], slow["questions"]


def test_a_forged_dtype_allocates_nothing(batch):
    forged = _result(batch, "forged_huge_dtype")
    q1 = _question(forged, "q1_yoy_growth_test")["message"]
    # the dtype's claimed width is cut to its data's (one character): read as 40 short strings, not 15 GiB
    assert "holds 40 values" in q1, q1


def test_a_plot_of_a_grid_is_not_the_answer(batch):
    message = _question(_result(batch, "plot_grid"), "q7b_plot_test")["message"]
    assert "values that are not the figures the question asks for" in message, message


def test_the_job_limits_count_threads_nested_processes_and_all_memory(batch):
    for name in ("thread_flood", "nested_pid_flood", "memory_children", "dev_devices", "abstract_socket_a", "abstract_socket_b", "late_copy", "other_batch"):
        result = _result(batch, name)
        escaped = [line for line in _outputs(result).splitlines() if line.startswith("ESCAPED")]
        assert not escaped, f"{name}: {escaped}"
    threads = _outputs(_result(batch, "thread_flood"))
    assert "threads started" in threads, threads[:500]


def _write_honest(name: str, submitted: Path) -> Path:
    return write_submission({s.student_id: s for s in load_samples(A)}[name], submitted)


def test_two_batches_at_once_cannot_see_each_other(tmp_path):
    """Two grading runs at the same time: an attack in each looks for the other's jobs folder,
    root and processes, and reads whatever answers it finds; each run's honest students keep
    their scores."""
    runs: dict[str, SimpleNamespace] = {}

    def one(label: str) -> None:
        submitted = tmp_path / label / "submitted"
        files = {"other_batch": _write_attack("other_batch", submitted), "late_copy": _write_attack("late_copy", submitted),
                 "solution": _write_honest("solution", submitted), "partial": _write_honest("partial", submitted)}
        runs[label] = run_batch(files, tmp_path / label / "run", _environment(COURSE_GRADING_WORKSPACE=str(tmp_path / label / "workspace")), timeout=180, workers=1)

    threads = [threading.Thread(target=one, args=(label,)) for label in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for label, run in runs.items():
        assert run.code == 0, f"{label}: exit code {run.code}\n{run.log}"
        assert run.results["solution"]["score"] == 16 and run.results["partial"]["score"] == 9, run.results
        for attack in ("other_batch", "late_copy"):
            escaped = [line for line in _outputs(run.results[attack]).splitlines() if line.startswith("ESCAPED")]
            assert not escaped and run.results[attack]["score"] == 0, f"{label} {attack}: {escaped} {run.results[attack]['score']}"


def test_the_grade_command_records_an_unprintable_reason_and_resumes(tmp_path):
    """`python -m grading grade` over a submission whose frames hold lone surrogates, beside an
    honest one: the command finishes, the progress line, the CSV and the journal hold the
    reason as safe text, and `--resume` keeps both grades."""
    ws = tmp_path / "workspace"
    env = _environment(COURSE_GRADING_WORKSPACE=str(ws), PYTHONIOENCODING="utf-8:strict")
    recorded = subprocess.run([sys.executable, "-m", "grading", "release", "--record-only", A], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert recorded.returncode == 0, recorded.stderr[-2000:]
    for name in ("surrogate_text", "partial"):
        path = ws / "submitted" / name / A / released_notebook(A).name
        path.parent.mkdir(parents=True, exist_ok=True)
        source = _write_attack(name, tmp_path / "specs") if name != "partial" else _write_honest(name, tmp_path / "specs")
        path.write_bytes(source.read_bytes())
    graded = subprocess.run([sys.executable, "-m", "grading", "grade", A, "--allow-ungraded"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    assert "surrogate_text: crashed 0/16" in graded.stdout, graded.stdout[-3000:]
    csv_text = (ws / "reports" / f"{A}_grades.csv").read_text(encoding="utf-8")
    assert "surrogate_text" in csv_text and "partial" in csv_text
    journal = [json.loads(line) for line in (ws / "engine" / f"{A}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["student_id"] for e in journal} == {"surrogate_text", "partial"}
    again = subprocess.run([sys.executable, "-m", "grading", "grade", A, "--allow-ungraded", "--resume"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and again.stdout.count("already graded") == 2, again.stdout[-3000:] + again.stderr[-3000:]


@pytest.mark.skipif(sandbox_available() is not None, reason=f"no sandbox here: {sandbox_available()}")
def test_a_sandbox_kept_for_the_next_batch_carries_nothing_of_the_last_ones_attacks(tmp_path, launched_sandboxes):
    """Inside `reusing_sandboxes()` (the instructor's cycle) the next batch runs in the sandbox
    the last batch left. Attacks that kill every process they reach, flood processes in nested
    PID namespaces and fork memory-hungry children score zero in the first batch, and the
    second batch, in the same zygote, grades honest work as a fresh sandbox does."""
    from grading.engine.batch import grade_files
    from grading.engine.shelf import reusing_sandboxes

    launched = launched_sandboxes
    attacks = ("kill_all", "process_flood", "nested_pid_flood", "memory_children")
    first = {name: _write_attack(name, tmp_path / "first") for name in attacks}
    first["solution"] = _write_honest("solution", tmp_path / "first")
    second = {name: _write_honest(name, tmp_path / "second") for name in ("solution", "partial")}
    with reusing_sandboxes():
        before = grade_files(A, first)
        after = grade_files(A, second)
    assert len(launched) == 1, "the second batch did not run in the first batch's sandbox"
    assert {name: before[name].score for name in attacks} == dict.fromkeys(attacks, 0), {n: before[n].message for n in attacks}
    assert before["solution"].score == 16, before["solution"].message
    assert {s: r.score for s, r in after.items()} == {"solution": 16, "partial": 9}, {s: r.message for s, r in after.items()}
    assert launched[0].proc is None
