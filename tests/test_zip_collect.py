"""`python -m grading collect-zip`: zips of sample submissions named as Canvas and Moodle name
them (and a plain one) are collected with nbgrader's zip_collect for the right students, the
files that do not fit are reported, a corrupt zip is a clean error, and the collected
submissions are then graded by `python -m grading grade`."""
from __future__ import annotations

import contextlib
import csv
import io
import zipfile

import pytest
from nbgrader.api import Gradebook

from grading import nbgrader_cli, release
from grading.__main__ import main
from grading.paths import gradebook_url, released_notebook
from grading.samples import build, expected_scores, load_samples
from grading.zip_collect import PATTERNS, check_archive, CollectError

A = "01_market_size"
NOTEBOOK = f"{A}.ipynb"
PEOPLE = {  # the gradebook's roster: how each sample student is known to the platforms
    "solution": dict(first_name="John", last_name="Smith", lms_user_id="1001"),  # Canvas: by lms_user_id
    "partial": dict(first_name="Jane", last_name="Doe"),  # Canvas: by the roster
    "mistakes": dict(first_name="Ana", last_name="Lopez"),  # Canvas: by name
    "perfect": dict(first_name="Mary", last_name="Major"),  # Moodle: by name
    "blank": dict(first_name="Bo", last_name="Blank", email="bo@example.org"),  # Moodle: by the grading worksheet
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    ws = tmp_path_factory.mktemp("zip-workspace")
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_GRADING_WORKSPACE", str(ws / "workspace"))
    mp.delenv("COURSE_GRADEBOOK_URL", raising=False)
    nbgrader_cli.ensure_workspace()
    release.register([A])
    with Gradebook(gradebook_url()) as gb:
        for student, fields in PEOPLE.items():
            gb.update_or_create_student(student, **fields)
    notebooks = {s.student_id: build(s) for s in load_samples(A) if s.status != "missing"}
    yield ws, notebooks
    mp.undo()


def make_zip(path, files: dict[str, str | bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def collect(capsys, *args) -> tuple[int, str]:
    code = main(["collect-zip", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def submitted(ws, student):
    return ws / "workspace" / "submitted" / student / A / NOTEBOOK


def run_main(*args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(map(str, args)))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def collected(course, tmp_path_factory):
    """Collect a Canvas zip, a Moodle zip and a plain zip, in this order, into one workspace;
    returns {platform: (exit status, printed report)}."""
    ws, nb = course
    folder = tmp_path_factory.mktemp("downloads")
    results = {}
    canvas = make_zip(folder / "cbec-01-market-size submissions.zip", {
        "smithjohn_1001_7730215_01_market_size.ipynb": nb["solution"],
        "doejane_late_1002_7730299_01_market_size-1.ipynb": nb["partial"],  # uploaded again: -1
        "lopezana_1003_7730301_01_market_size.ipynb": nb["mistakes"],
        "lopezana_1003_7730302_scratch.ipynb": nb["blank"],  # not the assignment's notebook
        "nobodyknown_1099_7730400_01_market_size.ipynb": nb["blank"],  # no such student anywhere
        "smithjohn_1001_7730216_notes.txt": "my notes",
        "01_market_size.ipynb": nb["blank"],  # not a Canvas name
    })
    # Canvas's Grades > Export: ID (Canvas user id) -> SIS Login ID (the nbgrader id)
    canvas_roster = folder / "grades-export.csv"
    canvas_roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Market size (48213)\n"
        "    Points Possible,,,,,19.00\n"
        '"Doe, Jane",1002,,partial,Section A,\n',
        encoding="utf-8",
    )
    results["canvas"] = run_main("collect-zip", canvas, "--assignment", A, "--platform", "canvas", "--roster", canvas_roster)

    moodle = make_zip(folder / "CBEC-01 Market size-42.zip", {
        "Mary Major_2001_assignsubmission_file/01_market_size.ipynb": nb["perfect"],  # by name
        "Participant_2002_assignsubmission_file_01_market_size.ipynb": nb["blank"],  # blind marking: the worksheet
        "Mary Major_2001_assignsubmission_onlinetext/onlinetext.html": "<p>see the notebook</p>",
        "__MACOSX/Mary Major_2001_assignsubmission_file/._01_market_size.ipynb": b"\x00\x05\x16\x07",
    })
    # Moodle's "Download grading worksheet": Identifier -> Email address -> the gradebook's student
    worksheet = folder / "Grades-CBEC-01.csv"
    worksheet.write_text("Identifier,Full name,Email address,Status,Grade\nParticipant 2002,Participant 2002,bo@example.org,Submitted,\n", encoding="utf-8")
    results["moodle"] = run_main("collect-zip", moodle, "--assignment", A, "--roster", worksheet)  # no --platform: Canvas or Moodle names

    plain = make_zip(folder / "submissions.zip", {
        "crash/01_market_size.ipynb": nb["crash"],
        "tampered/01_market_size/01_market_size.ipynb": nb["tampered"],  # nbgrader's own layout
    })
    results["plain"] = run_main("collect-zip", plain, "--assignment", A, "--platform", "plain")
    return results


def test_canvas_zip_lands_for_the_right_students(course, collected):
    ws, nb = course
    code, out = collected["canvas"]
    assert code == 1, out  # collected, but some notebooks were not
    for student in ("solution", "partial", "mistakes"):
        assert submitted(ws, student).read_text(encoding="utf-8") == nb[student], student
    assert "3 notebook(s) collected" in out
    assert "solution  <- smithjohn_1001_7730215_01_market_size.ipynb  (Canvas user 1001 'smithjohn', by lms_user_id)" in out
    assert "partial   <- doejane_late_1002_7730299_01_market_size-1.ipynb  (Canvas user 1002 'doejane', by the roster; late)" in out
    assert "mistakes  <- lopezana_1003_7730301_01_market_size.ipynb  (Canvas user 1003 'lopezana', by name)" in out
    # what was not collected, by name, with the reason
    assert "lopezana_1003_7730302_scratch.ipynb: scratch.ipynb is not the assignment's notebook (01_market_size.ipynb)" in out
    assert "nobodyknown_1099_7730400_01_market_size.ipynb: Canvas user 1099 'nobodyknown': not in the roster grades-export.csv" in out
    assert "01_market_size.ipynb: the name does not fit the file-name pattern" in out
    assert "Ignored, not notebooks: smithjohn_1001_7730216_notes.txt" in out
    assert "Traceback" not in out
    assert not (ws / "workspace" / "submitted" / "nobodyknown").exists()


def test_moodle_zip_in_folders_and_flat(course, collected):
    ws, nb = course
    code, out = collected["moodle"]
    assert code == 0, out
    assert submitted(ws, "perfect").read_text(encoding="utf-8") == nb["perfect"]
    assert submitted(ws, "blank").read_text(encoding="utf-8") == nb["blank"]
    assert "perfect  <- Mary Major_2001_assignsubmission_file/01_market_size.ipynb  (Moodle participant 2001 'Mary Major', by name)" in out
    assert "blank    <- Participant_2002_assignsubmission_file_01_market_size.ipynb  (Moodle participant 2002 'Participant', by the roster)" in out
    assert "onlinetext.html" in out and "Not collected" not in out
    # the Canvas students collected before are still there
    assert submitted(ws, "solution").is_file()


def test_plain_zip_of_student_folders(course, collected):
    ws, nb = course
    code, out = collected["plain"]
    assert code == 0, out
    assert submitted(ws, "crash").read_text(encoding="utf-8") == nb["crash"]
    assert submitted(ws, "tampered").read_text(encoding="utf-8") == nb["tampered"]


def test_a_folder_holding_an_unzipped_download(course, collected, tmp_path, capsys):
    ws, nb = course
    folder = tmp_path / "unzipped download"
    folder.mkdir()
    (folder / "smithjohn_1001_7730215_01_market_size.ipynb").write_text(nb["solution"], encoding="utf-8")
    code, out = collect(capsys, folder, "--assignment", A)
    assert code == 0, out
    assert "solution  <- smithjohn_1001_7730215_01_market_size.ipynb  (Canvas user 1001 'smithjohn', by lms_user_id; replaces the earlier submission)" in out
    assert submitted(ws, "solution").read_text(encoding="utf-8") == nb["solution"]


def test_a_moodle_name_is_not_a_canvas_name(course, tmp_path, capsys):
    ws, nb = course
    download = make_zip(tmp_path / "moodle.zip", {"Mary Major_2001_assignsubmission_file_01_market_size.ipynb": nb["perfect"]})
    code, out = collect(capsys, download, "--assignment", A, "--platform", "canvas")
    assert code == 2, out
    assert "Mary Major_2001_assignsubmission_file_01_market_size.ipynb: the name does not fit the file-name pattern" in out
    assert "Nothing was collected" in out


@pytest.mark.parametrize("damage", ["garbage", "truncated", "checksum"])
def test_a_corrupt_zip_is_a_clear_error(course, tmp_path, capsys, damage):
    ws, nb = course
    good = make_zip(tmp_path / "good.zip", {"smithjohn_1001_7730215_01_market_size.ipynb": nb["solution"]}).read_bytes()
    bad = tmp_path / "submissions.zip"
    if damage == "garbage":
        bad.write_bytes(b"PK\x03\x04" + b"not really a zip" * 50)
    elif damage == "truncated":
        bad.write_bytes(good[: len(good) // 2])
    else:  # one byte of the compressed notebook changed
        data = bytearray(good)
        data[len(data) // 3] ^= 0xFF
        bad.write_bytes(bytes(data))
    code, out = collect(capsys, bad, "--assignment", A)
    assert code == 2, out
    assert out.startswith(f"Cannot collect: {bad}"), out
    assert "download it again" in out and "Traceback" not in out


def test_clear_errors_for_wrong_input(course, tmp_path, capsys):
    ws, nb = course
    code, out = collect(capsys, tmp_path / "absent.zip", "--assignment", A)
    assert code == 2 and f"{tmp_path / 'absent.zip'}: no such file" in out
    code, out = collect(capsys, tmp_path / "absent.zip", "--assignment", "99_nothing")
    assert code == 2 and "99_nothing is not an assignment of this course" in out
    download = make_zip(tmp_path / "x.zip", {"a/01_market_size.ipynb": nb["blank"]})
    roster = tmp_path / "roster.csv"
    roster.write_text("name,number\nBo,1\n", encoding="utf-8")
    code, out = collect(capsys, download, "--assignment", A, "--roster", roster)
    assert code == 2 and "the roster" in out and "expected Canvas's gradebook export" in out
    # a student's zip inside the download that is damaged would stop nbgrader: said up front
    nested = make_zip(tmp_path / "nested.zip", {"smithjohn_1001_1_work.zip": b"PK\x03\x04broken"})
    with pytest.raises(CollectError, match="smithjohn_1001_1_work.zip, which is not a readable zip"):
        check_archive(nested)


def test_patterns_of_the_documented_names():
    import re

    canvas = re.match(PATTERNS["canvas"], "extracted/subs/doejane_late_1002_7730299_01_market_size-1.ipynb").groupdict()
    assert (canvas["lms_name"], canvas["late"], canvas["student_id"], canvas["file_id"]) == ("doejane", "late", "1002", "01_market_size-1.ipynb")
    assert re.match(PATTERNS["canvas"], "o_neilpat_1003_77_01_market_size.ipynb")["lms_name"] == "o_neilpat"
    for name in ("Jane Doe_1234567_assignsubmission_file_01_market_size.ipynb", "Jane Doe_1234567_assignsubmission_file/01_market_size.ipynb"):
        found = re.match(PATTERNS["moodle"], name).groupdict()
        assert (found["lms_name"], found["student_id"], found["file_id"]) == ("Jane Doe", "1234567", NOTEBOOK)
        assert re.match(PATTERNS["lms"], name)["moodle_plugin"]
    assert re.match(PATTERNS["lms"], "smithjohn_1001_7730215_01_market_size.ipynb")["canvas_file_id"] == "7730215"
    assert not re.match(PATTERNS["lms"], "alice/01_market_size.ipynb")


def test_the_collected_submissions_are_graded(course, collected):
    """`python -m grading grade A` grades what collect-zip put in place."""
    ws, _ = course
    code, out = run_main("grade", A)
    assert code == 1, out  # the crash sample crashes, as it should
    with (ws / "workspace" / "reports" / f"{A}_grades.csv").open(encoding="utf-8") as fh:
        rows = {row["student_id"]: row for row in csv.DictReader(fh)}
    expected: dict[str, float] = {}
    statuses = {}
    auto = {c for c in {r["grade_id"] for r in expected_scores(A)} if c.endswith("_test")}
    for row in expected_scores(A):
        statuses[row["student_id"]] = row["status"]
        if row["grade_id"] in auto:
            expected[row["student_id"]] = expected.get(row["student_id"], 0.0) + float(row["score"])
    for student in ("solution", "partial", "mistakes", "perfect", "blank", "crash", "tampered"):
        assert rows[student]["status"] == statuses[student], student
        assert float(rows[student]["autograded_score"]) == expected[student], student
    assert "nobodyknown" not in rows
    assert released_notebook(A).name == NOTEBOOK
