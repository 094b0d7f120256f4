"""Run one submission's tests in a child of the grader, under a time and a memory limit.

The tests are the instructor's code, but they run on a student's values: a check that
backtracks on a crafted string, or an answer whose decoding or comparison takes all the
memory there is, must cost that submission a question, never the class its grades. So the
grader forks a child (it has the instructor's imports and setup already, and no student code
has ever run in it), which decodes the answers and runs the tests one after another,
writing one JSON line per question to a pipe. The grader waits for each line at most
`test_seconds`; a test that takes longer is killed with the child and scores zero with a
reason, and a new child goes on with the next test. A child that dies (the memory limit,
a crash in a C extension) likewise costs the question it was on. Nothing the child writes
is trusted beyond being data: every string is made safe and bounded here.
"""
from __future__ import annotations

import json
import os
import re
import select
import signal
import sys
import time
import warnings
from dataclasses import dataclass

from grading import plain_data
from grading.engine.judge import ANSWER_CHARS, CRASHED, FINISHED, MESSAGE_CHARS, STDOUT_CHARS, Judge, Question, Verdict

_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class JudgeLimits:
    """What one submission's tests may use in the grader's child (the README lists them)."""

    test_seconds: float = 30.0  # wall time of one test, decoding its answers included
    setup_seconds: float = 120.0  # the instructor's setup cells, once per child
    memory_bytes: int = 2 * 1024**3  # address space on top of what the grader already maps


def _vm_size() -> int:
    with open("/proc/self/status", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(judge: Judge, tests, snaps: dict, cells: dict, incident: str, write_fd: int, memory_bytes: int) -> None:
    """In the forked child (never returns): limit memory, run the setup, then each test."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if memory_bytes and os.path.exists("/proc/self/status"):
            import resource

            limit = _vm_size() + memory_bytes
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        ns = judge.base_namespace()
        os.write(write_fd, b'{"t": "ready"}\n')
        for test in tests:
            try:
                q = judge.question(test, snaps.get(test.grade_id), ns, incident, cells)
            except MemoryError:
                q = Question(test.grade_id, 0.0, test.points, "The grader ran out of memory on this answer (it holds more data than a question needs), so it scores zero.")
            line = json.dumps({"t": "q", "grade_id": q.grade_id, "score": q.score, "message": q.message, "stdout": q.stdout, "answer": q.answer}, ensure_ascii=True) + "\n"
            data = memoryview(line.encode("ascii"))
            while data:
                data = data[os.write(write_fd, data):]
    except BaseException:  # noqa: BLE001 - the grader sees the missing line and names the question
        pass
    finally:
        os._exit(0)


def _fork() -> int:
    with warnings.catch_warnings():  # the grader's reader threads never run in the child
        warnings.simplefilter("ignore", DeprecationWarning)
        return os.fork()


def _lines(fd: int, buffer: bytearray, deadline: float):
    """The next complete line from `fd`, or None at end of file, or TimeoutError at `deadline`."""
    while b"\n" not in buffer:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return None
        buffer.extend(chunk)
        if len(buffer) > 4 * (MESSAGE_CHARS + STDOUT_CHARS) * 6 + 4096:
            return None  # not what the child writes: treat as its death
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return line


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def judge_isolated(judge: Judge, frames: list[str], end: dict, limits: JudgeLimits | None = None) -> Verdict:
    """`judge.judge(frames, end)`, each test in a child process under `limits`."""
    if not sys.platform.startswith("linux"):
        # a student's own visible-only check on macOS or Windows (engine/unsandboxed.py): no fork
        # there to rely on, and a slow check costs only the student who runs it
        return judge.judge(frames, end)
    limits = limits or JudgeLimits()
    incident, snaps, cells = judge.read(frames, end)
    tests = list(judge.spec.tests)
    done: dict[str, Question] = {}
    while len(done) < len(tests):
        todo = [t for t in tests if t.grade_id not in done]
        read_fd, write_fd = os.pipe()
        pid = _fork()
        if pid == 0:
            os.close(read_fd)
            _child(judge, todo, snaps, cells, incident, write_fd, limits.memory_bytes)
        os.close(write_fd)
        buffer = bytearray()
        try:
            try:
                line = _lines(read_fd, buffer, time.monotonic() + limits.setup_seconds)
            except TimeoutError:
                line = None
            if line is None:  # the setup itself failed in the child: the in-process judge says why
                return _fallback(judge, tests, done, snaps, cells, incident)
            for test in todo:
                try:
                    line = _lines(read_fd, buffer, time.monotonic() + limits.test_seconds)
                except TimeoutError:
                    done[test.grade_id] = Question(test.grade_id, 0.0, test.points, (
                        f"The test took longer than {limits.test_seconds:g} s on this answer and was stopped, so it scores zero "
                        "(an answer far larger or stranger than the question needs can do this)."))
                    break
                q = _question(line, test)
                if q is None:
                    done[test.grade_id] = Question(test.grade_id, 0.0, test.points, (
                        "The grader's process stopped while testing this answer (it ran out of memory or crashed), "
                        "so it scores zero. An answer far larger than the question needs can do this."))
                    break
                done[test.grade_id] = q
        finally:
            os.close(read_fd)
            _stop(pid)
    questions = [done[t.grade_id] for t in tests]
    return Verdict(CRASHED if incident else FINISHED, questions, incident, cells)


def _question(line: bytes | None, test) -> Question | None:
    if line is None:
        return None
    try:
        data = json.loads(line)
        score = float(data["score"])
        if data.get("grade_id") != test.grade_id or not 0 <= score <= test.points:
            return None
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    answer = data.get("answer")
    if not (isinstance(answer, list) and len(answer) == 2 and isinstance(answer[0], str) and _DIGEST.fullmatch(answer[0]) and isinstance(answer[1], str)) or score >= test.points:
        answer = None
    return Question(test.grade_id, score, test.points, plain_data.safe_text(data.get("message") or "", MESSAGE_CHARS),
                    plain_data.safe_text(data.get("stdout") or "", STDOUT_CHARS),
                    (answer[0], plain_data.safe_text(answer[1], ANSWER_CHARS)) if answer else None)


def _fallback(judge: Judge, tests, done: dict, snaps, cells, incident) -> Verdict:
    """The setup did not finish in the child: say so for every test not yet scored."""
    why = "The grader could not run the instructor's setup for the tests (it stopped or took too long); grade this submission by hand."
    questions = [done.get(t.grade_id) or Question(t.grade_id, 0.0, t.points, why) for t in tests]
    return Verdict(CRASHED if incident else FINISHED, questions, incident, cells)
