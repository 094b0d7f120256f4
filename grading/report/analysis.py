"""Pure computations of the instructor report, on the tidy table of `grading.report.results`.

The tidy table has one row per submission and graded cell:

    assignment, student, question, score, max_score, status, message,
    autograded, pending, submission_message

`score` is NaN while a hand grade is pending; `message` is the test's message when the
question lost points ("" otherwise); `submission_message` is the grader's note on the whole
submission (why it is corrupt, missing or where it crashed).

Every function takes DataFrames and returns a DataFrame; nothing here reads files.

Item analysis, per question, over the submissions that ran to the end (status graded):

- **difficulty** (the classical p-value): mean score / maximum, from 0 (nobody scored) to 1
  (everybody got full marks);
- **discrimination**: the corrected item-total correlation, Pearson's r between the
  question's score and the total of the *other* autograded questions of the assignment (the
  question itself left out, so it does not correlate with itself). Near 0 or negative: the
  question does not separate students who do well on the rest from those who do not;
- **upper_lower**: the upper-lower index: mean score of the best 27% (by total) minus that of
  the worst 27%, divided by the maximum.

A question everyone scored the same on has no discrimination (NaN, with a note); fewer than
`min_n` submissions are flagged as too few to read much into.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

#: the tidy table's columns, in order
TIDY_COLUMNS = ["assignment", "student", "question", "score", "max_score", "status", "message", "autograded", "pending", "submission_message"]

#: statuses whose questions carry scores the student earned
SCORED = ("graded", "crashed")
#: statuses of a submission a person must look at, with what the issue is called
PROBLEM_STATUSES = {"crashed": "crashed", "corrupt": "corrupt notebook", "missing": "missing submission", "error": "grading error"}

ISSUE_MANUAL = "hand grading pending"
ISSUE_TAMPERING = "tampering suspected"
ISSUE_NOTE = "grader's note"
ATTENTION_COLUMNS = ["assignment", "student", "status", "issue", "detail"]
#: the attention list's issues, most serious first
ISSUE_ORDER = [ISSUE_TAMPERING, *PROBLEM_STATUSES.values(), ISSUE_NOTE, ISSUE_MANUAL]

#: Ebel and Frisbie's reading of discrimination indices (lower bounds)
DISCRIMINATION_BANDS = [(0.4, "very good"), (0.3, "good"), (0.2, "fair"), (0.0, "poor")]
POOR_DISCRIMINATION = 0.2
EASY, HARD = 0.9, 0.3
UPPER_LOWER_FRACTION = 0.27


def empty_tidy() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(TIDY_COLUMNS, [str, str, str, float, float, str, str, bool, bool, str])})


def submission_totals(tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per submission: status, autograded score and maximum, `fraction` of it,
    hand grades pending (count and names) and the grader's note."""
    rows = []
    for (assignment, student), group in tidy.groupby(["assignment", "student"], sort=False):
        auto = group[group["autograded"]]
        pending = group.loc[group["pending"], "question"].tolist()
        max_score = float(auto["max_score"].sum())
        score = float(auto["score"].fillna(0).sum())
        rows.append({
            "assignment": assignment,
            "student": student,
            "status": group["status"].iloc[0],
            "score": score,
            "max_score": max_score,
            "fraction": score / max_score if max_score else math.nan,
            "pending": len(pending),
            "pending_questions": ", ".join(pending),
            "message": group["submission_message"].iloc[0],
        })
    return pd.DataFrame(rows, columns=["assignment", "student", "status", "score", "max_score", "fraction", "pending", "pending_questions", "message"])


def pearson(x, y) -> float:
    """Pearson's r of two equal-length sequences; NaN when either does not vary."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2:
        return math.nan
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return math.nan
    return float(dx @ dy) / math.sqrt(sxx * syy)


def discrimination_band(r: float) -> str:
    """'very good', 'good', 'fair', 'poor' or 'negative' (Ebel and Frisbie); '' for NaN."""
    if r is None or math.isnan(r):
        return ""
    if r < 0:
        return "negative"
    return next(name for bound, name in DISCRIMINATION_BANDS if r >= bound)


def _upper_lower(scores: pd.Series, totals: pd.Series, max_score: float) -> float:
    n = len(scores)
    k = max(1, int(round(UPPER_LOWER_FRACTION * n)))
    if n < 2 or not max_score or totals.nunique() < 2:
        return math.nan
    order = totals.sort_values(kind="mergesort").index  # ties keep the table's order
    lower, upper = order[:k], order[-k:]
    return float(scores[upper].mean() - scores[lower].mean()) / max_score


def item_analysis(tidy: pd.DataFrame, *, statuses=("graded",), min_n: int = 5) -> pd.DataFrame:
    """Per assignment and question: n, mean score, difficulty, discrimination (corrected
    item-total r), upper-lower index, their readings, and a note when a number is missing
    or rests on too few submissions (`small_n`: n < min_n)."""
    columns = ["assignment", "question", "autograded", "max_score", "n", "mean_score", "difficulty", "discrimination", "upper_lower", "rating", "small_n", "note"]
    rows = []
    used = tidy[tidy["status"].isin(statuses)]
    for assignment, group in used.groupby("assignment", sort=False):
        questions = list(dict.fromkeys(group["question"]))
        students = list(dict.fromkeys(group["student"]))
        wide = group.pivot(index="student", columns="question", values="score").reindex(index=students, columns=questions).astype(float)
        auto = [q for q in questions if group.loc[group["question"] == q, "autograded"].iloc[0]]
        auto_total = wide[auto].fillna(0).sum(axis=1)
        for q in questions:
            info = group[group["question"] == q]
            max_score = float(info["max_score"].iloc[0])
            is_auto = bool(info["autograded"].iloc[0])
            scores = wide[q].dropna()
            pending = int(info["pending"].sum())
            n = len(scores)
            rest = (auto_total - (wide[q].fillna(0) if is_auto else 0)).loc[scores.index]
            notes = []
            if not is_auto:
                notes.append("graded by hand" + (f"; {pending} pending" if pending else ""))
            mean = float(scores.mean()) if n else math.nan
            difficulty = mean / max_score if n and max_score else math.nan
            r = pearson(scores, rest)
            if n == 0:
                notes.append("no scores yet")
            elif n < 2:
                notes.append("one submission: no correlation")
            elif scores.nunique() < 2:
                notes.append(f"every submission scored {scores.iloc[0]:g}: no discrimination")
            elif rest.nunique() < 2:
                notes.append("the other questions' total is the same for every submission: no discrimination")
            if 0 < n < min_n:
                notes.append(f"only {n} submissions: read with care")
            rows.append({
                "assignment": assignment,
                "question": q,
                "autograded": is_auto,
                "max_score": max_score,
                "n": n,
                "mean_score": mean,
                "difficulty": difficulty,
                "discrimination": r,
                "upper_lower": _upper_lower(scores, auto_total.loc[scores.index], max_score),
                "rating": _rating(difficulty, r),
                "small_n": n < min_n,
                "note": "; ".join(notes),
            })
    return pd.DataFrame(rows, columns=columns)


def _rating(difficulty: float, r: float) -> str:
    words = []
    if not math.isnan(difficulty):
        if difficulty > EASY:
            words.append("very easy")
        elif difficulty < HARD:
            words.append("very hard")
    band = discrimination_band(r)
    if band:
        words.append(f"{band} discrimination")
    return ", ".join(words)


_NUMPY_SCALAR = re.compile(r"\b(?:np|numpy)\.(?:float|int|uint|bool_|str_|datetime64|timedelta64)\w*\(([^()]*)\)")
_VALUE_BEFORE_VERB = re.compile(r"(`[^`]+`|\b\w+) = (.+?)(?= (?:is|are|was|looks|has|does|should|must|cannot)\b)")
_NAME_NOT_DEFINED = re.compile(r"name '[^']+' is not defined")
_NUMBER = re.compile(r"(?<![\w.<])[-+]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?%?(?![\w])")
_PLACEHOLDERS = re.compile(r"[\[\(\{](?:\s*(?:<n>|<value>|'[^']*'|\"[^\"]*\"|True|False|None)\s*[,:]?)+\s*[\]\)\}]")


def normalise_message(message: str) -> str:
    """A failure message with its values taken out, so that the same mistake reads the same
    for every student: numbers become <n>, the value a test shows becomes <value>, the name
    in "name '...' is not defined" becomes <name>; "AssertionError: " is dropped."""
    text = " ".join(str(message).split())
    text = re.sub(r"^AssertionError:\s*", "", text)
    text = _NUMPY_SCALAR.sub(r"\1", text)
    text = _NAME_NOT_DEFINED.sub("name '<name>' is not defined", text)
    text = _VALUE_BEFORE_VERB.sub(r"\1 = <value>", text)
    text = _NUMBER.sub("<n>", text)
    previous = None
    while previous != text:
        previous, text = text, _PLACEHOLDERS.sub("<value>", text)
    return text


def failure_messages(tidy: pd.DataFrame, *, statuses=("graded",)) -> pd.DataFrame:
    """Per assignment, question and normalised message (`pattern`): how many submissions
    lost points with it, who, and one message as written; most frequent first. Only
    submissions that ran to the end count by default: a crash's "Not graded: ..." on every
    later question is one student's problem (the attention list has it), not the class's."""
    columns = ["assignment", "question", "pattern", "count", "students", "example"]
    lost = tidy[tidy["status"].isin(statuses) & (tidy["message"].fillna("") != "") & ~(tidy["score"] >= tidy["max_score"])]
    if lost.empty:
        return pd.DataFrame(columns=columns)
    lost = lost.assign(pattern=lost["message"].map(normalise_message))
    out = (
        lost.groupby(["assignment", "question", "pattern"], sort=False)
        .agg(count=("student", "size"), students=("student", lambda s: ", ".join(s)), example=("message", "first"))
        .reset_index()
    )
    return out.sort_values(["count", "assignment", "question"], ascending=[False, True, True], kind="mergesort").reset_index(drop=True)[columns]


def common_failures(failures: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The `top` most common patterns of each assignment's failures, over its questions:
    assignment, pattern, count (question answers that failed so), questions."""
    columns = ["assignment", "pattern", "count", "questions"]
    if failures.empty:
        return pd.DataFrame(columns=columns)
    out = (
        failures.groupby(["assignment", "pattern"], sort=False)
        .agg(count=("count", "sum"), questions=("question", lambda s: ", ".join(dict.fromkeys(s))))
        .reset_index()
        .sort_values(["count", "assignment"], ascending=[False, True], kind="mergesort")
    )
    return out.head(top).reset_index(drop=True)[columns]


def attention_list(tidy: pd.DataFrame, tampering: pd.DataFrame | None = None) -> pd.DataFrame:
    """Submissions a person must look at, one row per submission and issue, with the reason:
    hand grading pending (which questions), crashed, corrupt, missing, grading error, a note
    of the grader on a graded submission, and suspected tampering (`tampering`: rows of
    assignment, student, detail, as `grading.report.tampering.find_tampering` returns)."""
    rows = []
    totals = submission_totals(tidy)
    for t in totals.itertuples(index=False):
        if t.status in PROBLEM_STATUSES:
            rows.append([t.assignment, t.student, t.status, PROBLEM_STATUSES[t.status], t.message or t.status])
        elif t.message:
            rows.append([t.assignment, t.student, t.status, ISSUE_NOTE, t.message])
        if t.pending:
            rows.append([t.assignment, t.student, t.status, ISSUE_MANUAL, f"{t.pending} answer(s) to grade in formgrader: {t.pending_questions}"])
    if tampering is not None and not tampering.empty:
        status = dict(zip(zip(totals["assignment"], totals["student"]), totals["status"]))
        for t in tampering.itertuples(index=False):
            rows.append([t.assignment, t.student, status.get((t.assignment, t.student), ""), ISSUE_TAMPERING, t.detail])
    out = pd.DataFrame(rows, columns=ATTENTION_COLUMNS)
    order = {name: i for i, name in enumerate(ISSUE_ORDER)}
    out["_order"] = out["issue"].map(order)
    return out.sort_values(["assignment", "_order", "student"], kind="mergesort").drop(columns="_order").reset_index(drop=True)
