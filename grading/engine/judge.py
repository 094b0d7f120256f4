"""The grader's side: decide every score in a process where no student code has run.

`Judge(spec).judge(frames, end)` reads what a submission's process sent (text lines) and
the zygote's end event, and returns a `Verdict`: a score, maximum and message for every
autograded test, in the assignment's order, plus what happened to the run.

- The instructor's setup cells run here, in the grader's own namespace, so tests use the
  instructor's `load`, `pd` and `check_*` functions whatever the student rebound.
- Each test runs exactly as the instructor wrote it (hidden part included), with the
  student's values, decoded by `plain_data.decode`, bound to the names it reads. A value
  that is not plain data arrives as a refusal and scores zero with the reason.
- Scoring follows nbgrader's rules: an error, or anything written to stderr, gives zero; a
  number as the cell's last value gives partial credit (`nbgrader.utils.get_partial_grade`);
  otherwise full marks.
- A test the run never reached (a crash, an exit, a time or memory limit) scores zero, and
  its message says what stopped the run.
"""
from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import reprlib
import signal as signals
import warnings
from dataclasses import dataclass, field

from course.checks import AxesSnapshot
from grading import plain_data
from grading.engine.spec import AssignmentSpec, TestCell

FINISHED, CRASHED = "graded", "crashed"
#: the longest message and printed output of one test kept (a check may quote a student's answer)
MESSAGE_CHARS, STDOUT_CHARS = 4000, 20_000


@dataclass
class Question:
    grade_id: str
    score: float
    max_score: float
    message: str = ""  # why points were lost ("" for full marks)
    stdout: str = ""
    #: for a test that lost points on answers the grader could read: (a digest of the values
    #: the test read, a short text of them), so that the report can find the same wrong values
    #: in few students' work (`grading.report.similarity.shared_wrong_answers`)
    answer: tuple[str, str] | None = None


@dataclass
class Verdict:
    status: str  # graded: the notebook ran to the end; crashed: it stopped early (see incident)
    questions: list[Question]
    incident: str = ""  # what stopped the run, if anything
    cells: dict[str, dict] = field(default_factory=dict)  # answer grade_id -> {"error", "out"}

    @property
    def score(self) -> float:
        return sum(q.score for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.max_score for q in self.questions)


_SIGNALS = {
    getattr(signals, name): text  # Windows has neither SIGKILL nor SIGXCPU nor SIGXFSZ
    for name, text in (
        ("SIGKILL", "was killed (the memory limit, or a kill from its own code)"),
        ("SIGXCPU", "used up its CPU time limit"),
        ("SIGXFSZ", "wrote a file larger than the limit"),
        ("SIGSEGV", "crashed with a segmentation fault"),
        ("SIGABRT", "aborted"),
    )
    if hasattr(signals, name)
}


def incident_of(end: dict, messages: list[dict]) -> str:
    """Why a run stopped before its end, in words ('' if it finished)."""
    if any(m.get("t") == "done" for m in messages):
        return ""
    last = next((m for m in reversed(messages) if m.get("t") == "cell"), None)
    where = f" in the cell {last.get('ref') or '(a cell you added)'}" if last else ""
    fatal = next((m for m in messages if m.get("t") == "fatal"), None)
    if end.get("reason"):
        return f"the notebook stopped{where}: {end['reason']}"
    exit_info = end.get("exit") or {}
    if type(exit_info.get("signal")) is int:
        sig = exit_info["signal"]
        what = _SIGNALS.get(sig, f"was stopped by signal {sig}")
        return f"the notebook's process {what}{where}"
    if fatal:
        return f"the notebook could not be run: {fatal.get('error')}"
    code = exit_info.get("code")
    return f"the notebook's process exited{where} (exit code {code}: os._exit, a crash, or the kernel died) before it finished"


def _decode_lines(frames: list[str]) -> list[dict]:
    messages = []
    for line in frames:
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            continue  # not a frame the runner writes: forged or cut short
        if isinstance(message, dict) and isinstance(message.get("t"), str):
            messages.append(message)
    return messages


def _plot(value):
    if type(value) is dict and value.get("__course_axes__") == 1 and all(type(k) is str for k in value):
        return AxesSnapshot.from_dict(value)
    return value


class Judge:
    def __init__(self, spec: AssignmentSpec, *, partial_credit: bool = True):
        self.spec = spec
        # visible tests of a release end on a form check whose value is not a grade
        self.partial_credit = partial_credit
        self._setup = [(gid, compile(code_without_magics(code), f"<setup {gid}>", "exec")) for gid, code in spec.setup]
        self._tests = {t.grade_id: _compile_test(t) for t in spec.tests}

    def base_namespace(self) -> dict:
        ns: dict = {"__name__": "__main__"}
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for gid, code in self._setup:
                exec(code, ns)  # the instructor's code, in the grader's process
        return ns

    def read(self, frames: list[str], end: dict) -> tuple[str, dict[str, dict], dict[str, dict]]:
        """What the run sent, as the grader reads it: the incident (why the run stopped, ''
        if it finished), the snapshots by test grade id and the answer cells' outcomes. All
        text is made safe to print and store (`plain_data.safe_text`) and bounded."""
        messages = _decode_lines(frames)
        incident = plain_data.safe_text(incident_of(end, messages), 2000)
        snaps: dict[str, dict] = {}
        cells: dict[str, dict] = {}
        for m in messages:
            if m["t"] == "snap" and isinstance(m.get("ref"), str) and m["ref"] not in snaps:
                snaps[m["ref"]] = m
            elif m["t"] == "result" and isinstance(m.get("ref"), str) and m["ref"] in self.spec.answers and m["ref"] not in cells:
                error = plain_data.safe_text(m.get("error") or "", 2000) or None
                cells[m["ref"]] = {"error": error, "out": plain_data.safe_text(m.get("out") or "", 50_000)}
        return incident, snaps, cells

    def judge(self, frames: list[str], end: dict) -> Verdict:
        """Every test in this process (see `judge_process.judge_isolated` for the same under a
        time and memory limit, as the batch grades)."""
        incident, snaps, cells = self.read(frames, end)
        ns = self.base_namespace()
        questions = [self.question(test, snaps.get(test.grade_id), ns, incident, cells) for test in self.spec.tests]
        return Verdict(CRASHED if incident else FINISHED, questions, incident, cells)

    def question(self, test: TestCell, snap: dict | None, ns: dict, incident: str, cells: dict[str, dict]) -> Question:
        """One test's score and message; the answers it decoded leave `ns` afterwards, so that
        values of several tests never add up in memory."""
        try:
            q, read_all = self._one(test, snap, ns, incident, cells)
            if read_all and q.score < q.max_score:  # only a wrong answer is kept, after its test
                q.answer = answer_fingerprint({name: snap["values"][name] for name in test.reads}, {name: ns[name] for name in test.reads})
        finally:
            for name in test.reads:
                ns.pop(name, None)
        q.message = plain_data.safe_text(q.message, MESSAGE_CHARS)
        q.stdout = plain_data.safe_text(q.stdout, STDOUT_CHARS)
        return q

    def _one(self, test: TestCell, snap: dict | None, ns: dict, incident: str, cells: dict[str, dict]) -> tuple[Question, bool]:
        """The test's outcome, and whether every answer it reads was sent and decoded."""
        q = Question(test.grade_id, 0.0, test.points)
        if snap is None:
            q.message = f"Not graded: {incident}." if incident else "Not graded: the notebook sent no answer for this test."
            return q, False
        values = snap.get("values") if isinstance(snap.get("values"), dict) else {}
        missing = [n for n in test.reads if n not in values]
        for name in test.reads:
            ns.pop(name, None)
        for name in test.reads:
            if name in missing:
                continue
            try:
                value = _plot(plain_data.decode(values[name]))
            except Exception as exc:  # noqa: BLE001 - whatever a payload does, it is this answer's zero
                q.message = f"`{name}` could not be read by the grader: {type(exc).__name__}: {str(exc)[:300]}"
                return q, False
            if isinstance(value, plain_data.Refused):
                q.message = f"`{name}` is {value}. Assign plain values: numbers, strings, booleans, lists, dicts or pandas tables."
                return q, False
            ns[name] = value
        read_all = bool(test.reads) and not missing  # every answer the test reads was sent and decoded
        body, last = self._tests[test.grade_id]
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: err.write(f"{category.__name__}: {message}\n")
                exec(body, ns)
                result = eval(last, ns) if last is not None else None
        except Exception as exc:  # noqa: BLE001 - every failure of a test is a zero with its message
            q.message = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, NameError) and any(n in str(exc) for n in missing):
                q.message = f"NameError: {exc}" + (f" (the notebook stopped early: {incident})" if incident else self._why_undefined(exc, cells))
            q.stdout = out.getvalue()
            return q, read_all
        q.stdout = out.getvalue()
        if err.getvalue().strip():
            q.message = f"The test wrote to stderr, which nbgrader counts as a failure: {err.getvalue().strip()[:500]}"
            return q, read_all
        if result is not None and self.partial_credit:
            from nbgrader.utils import get_partial_grade  # nbgrader's own rule; a slow import, rarely needed

            try:
                q.score = float(get_partial_grade({"data": {"text/plain": repr(result)}}, test.points))
            except ValueError as exc:
                q.message = f"The test's partial credit is not valid: {exc}"
                return q, read_all
            if q.score < test.points:
                q.message = f"partial credit: {q.score:g} of {test.points:g}"
        else:
            q.score = test.points
        return q, read_all

    def _why_undefined(self, exc: NameError, cells: dict[str, dict]) -> str:
        """What the student should do about a name the test reads and the notebook never
        assigned, from what happened in the answer cell whose solution assigns it."""
        gid = self.spec.assigned_by.get(getattr(exc, "name", None) or "")
        if gid is None:
            return ""
        if gid not in cells:
            return ". Its answer cell was not run: is it still in the notebook, with its cell metadata?"
        error = cells[gid].get("error") or ""
        if error.startswith("NotImplementedError"):
            return (". Its answer cell still raises NotImplementedError: replace `raise NotImplementedError()` "
                    "with your answer and run the cell.")
        if error:
            return f". Its answer cell stopped with {error.partition(':')[0]} before assigning it: fix that error (see the cell's output)."
        return ". Its answer cell ran without assigning it: check the name's spelling, the test reads exactly this name."


#: the longest text of a wrong answer kept for the report
ANSWER_CHARS = 200


#: the text of a wrong answer: containers cut short, never the whole of a large value
_SHORT = reprlib.Repr()  # (keyword arguments only from Python 3.12)
_SHORT.maxlist = _SHORT.maxtuple = 12
_SHORT.maxdict = _SHORT.maxset = 8
_SHORT.maxstring = _SHORT.maxother = ANSWER_CHARS


def answer_fingerprint(payloads: dict, values: dict) -> tuple[str, str] | None:
    """(sha256 of the answers as the notebook sent them, in a canonical form; a short text of
    the decoded values): equal digests mean the very same values. Called only for a test that
    lost points, after it ran; None if the answers are too large to fingerprint here (the
    question keeps its score and message either way)."""
    try:
        canonical = json.dumps(payloads, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()
    except (MemoryError, RecursionError, ValueError, TypeError):
        return None
    shown = []
    for name, value in values.items():
        try:
            text = " ".join(_SHORT.repr(value).split())
        except Exception:  # noqa: BLE001 - a value whose text cannot be made still has its digest
            text = f"<{type(value).__name__}>"
        shown.append(f"{name} = {text[:ANSWER_CHARS]}")
    text = "; ".join(shown)
    text = text if len(text) <= ANSWER_CHARS else text[: ANSWER_CHARS - 1] + "…"
    return digest, plain_data.safe_text(text, ANSWER_CHARS)


def code_without_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


def _compile_test(test: TestCell):
    """The test's code, split so that its last expression's value (partial credit) is kept."""
    tree = ast.parse(code_without_magics(test.code))
    last = None
    # IPython shows the last expression's value unless the cell ends with a semicolon
    lines = [line.split("#")[0].rstrip() for line in test.code.strip().splitlines()]
    silenced = bool(lines) and lines[-1].endswith(";")
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not silenced:
        last = compile(ast.Expression(tree.body.pop().value), f"<test {test.grade_id}>", "eval")
    return compile(tree, f"<test {test.grade_id}>", "exec"), last
