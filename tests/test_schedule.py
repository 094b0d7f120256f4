"""The course's schedule (schedule.toml), its due dates in the gradebook, and extensions."""
from __future__ import annotations

import datetime as dt

import pytest

from grading import extend
from grading.__main__ import main
from grading.extend import ExtensionError
from grading.gradebook import ensure_student, open_gradebook
from grading.late_penalty import PercentPerDay, course_config
from grading.paths import assignments, gradebook_url
from grading.schedule import LatePolicy, ScheduleError, load, record_due_dates, relative

UTC = dt.timezone.utc
A = "01_market_size"


def write(tmp_path, text: str):
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_course_schedule_covers_every_assignment_in_order():
    schedule = load()
    assert schedule.timezone.key == "Asia/Shanghai"
    assert sorted(schedule.assignments) == assignments()
    dues = [schedule.assignments[a].due for a in assignments()]
    assert dues == sorted(dues)
    for dates in schedule.assignments.values():
        assert dates.release < dates.due


def test_due_line_in_the_course_zone_and_utc():
    schedule = load()
    assert schedule.due_line(A) == (
        "Due Friday 12 March 2027, 23:59 Asia/Shanghai (15:59 UTC); late work loses 10% of its score "
        "for each day or part of a day late, at most 50%."
    )
    now = dt.datetime(2027, 3, 9, 20, 0, tzinfo=UTC)
    assert schedule.due_from_now(A, now) == "due Friday 12 March 23:59 Asia/Shanghai, in 2 days"


def test_due_line_when_utc_is_another_day(tmp_path):
    path = write(tmp_path, f'timezone = "Asia/Shanghai"\n[assignments.{A}]\ndue = 2027-03-13T06:00:00\n')
    assert load(path).due_line(A) == "Due Saturday 13 March 2027, 06:00 Asia/Shanghai (Friday 12 March 2027, 22:00 UTC); late work is graded in full, without penalty."


def test_relative():
    assert relative(dt.timedelta(days=3, hours=1)) == "in 3 days"
    assert relative(dt.timedelta(hours=5)) == "in 5 hours"
    assert relative(dt.timedelta(hours=-50)) == "2 days ago"
    assert relative(dt.timedelta(seconds=30)) == "now"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("timezone = ", "not valid TOML"),
        ('timezone = "Mars/Olympus"', "is not an IANA time zone"),
        ('timezone = "UTC"\n[late_policy]\nmethod = "half"', "late_policy.method 'half' is not one of none, zero, percent_per_day"),
        ('timezone = "UTC"\n[late_policy]\nmethod = "percent_per_day"\npercent_per_day = 0', "must be above 0"),
        ('timezone = "UTC"\n[assignments.99_nothing]\ndue = 2027-03-12T23:59:00', "[assignments.99_nothing] is not an assignment of the course"),
        (f'timezone = "UTC"\n[assignments.{A}]\nrelease = 2027-03-01T00:00:00', "has no due date"),
        (f'timezone = "UTC"\n[assignments.{A}]\ndue = "Friday"', "not a TOML date and time"),
        (f'timezone = "UTC"\n[assignments.{A}]\nrelease = 2027-03-13T00:00:00\ndue = 2027-03-12T23:59:00', "is due (2027-03-12 23:59) before it is released"),
    ],
)
def test_bad_schedules_name_the_file_and_the_problem(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(ScheduleError) as info:
        load(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_missing_schedule(tmp_path):
    with pytest.raises(ScheduleError, match="no such schedule file"):
        load(tmp_path / "nope.toml")


def test_the_policy_configures_nbgrader(tmp_path, monkeypatch):
    assert LatePolicy("zero").nbgrader_config() == {"LateSubmissionPlugin": {"penalty_method": "zero"}}
    monkeypatch.setenv("COURSE_SCHEDULE", str(write(tmp_path, 'timezone = "UTC"\n[late_policy]\nmethod = "percent_per_day"\npercent_per_day = 5\nmax_percent = 20\n')))
    config = course_config()  # what nbgrader reads from nbgrader_config.py
    assert config.AssignLatePenalties.plugin_class == "grading.late_penalty.PercentPerDay"
    assert config.PercentPerDay.percent_per_day == 5 and config.PercentPerDay.max_percent == 20


def test_percent_per_day():
    plugin = PercentPerDay(percent_per_day=10, max_percent=50)
    assert plugin.late_submission_penalty("s", 20.0, 0) is None
    assert plugin.late_submission_penalty("s", 20.0, 1) == pytest.approx(2.0)  # a second late is a started day
    assert plugin.late_submission_penalty("s", 20.0, 86400) == pytest.approx(2.0)
    assert plugin.late_submission_penalty("s", 20.0, 86401) == pytest.approx(4.0)
    assert plugin.late_submission_penalty("s", 20.0, 30 * 86400) == pytest.approx(10.0)


@pytest.fixture
def gradebook(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.delenv("COURSE_GRADEBOOK_URL", raising=False)
    monkeypatch.delenv("COURSE_SCHEDULE", raising=False)
    (tmp_path / "workspace").mkdir()
    record_due_dates(gradebook_url(), load(), [A, "02_live_commerce"])
    with open_gradebook(gradebook_url()) as gb:
        ensure_student(gb, "alice")
        gb.update_or_create_assignment("03_swot")  # recorded without a due date
    return gradebook_url()


NOW = dt.datetime(2027, 3, 1, tzinfo=UTC)


def test_due_dates_are_recorded_in_utc(gradebook):
    with open_gradebook(gradebook) as gb:
        assert gb.find_assignment(A).duedate == dt.datetime(2027, 3, 12, 15, 59)
        assert gb.find_assignment("02_live_commerce").duedate == dt.datetime(2027, 3, 19, 15, 59)


def test_an_extension_is_nbgraders_and_replaces_the_last(gradebook):
    ext = extend.grant(gradebook, "alice", A, hours=48, now=NOW)
    assert ext.until == dt.datetime(2027, 3, 14, 15, 59, tzinfo=UTC)
    zone = load().timezone
    ext = extend.grant(gradebook, "alice", A, until=extend.parse_when("2027-03-13 23:59", zone), now=NOW)
    assert ext.extension == dt.timedelta(days=1)
    with open_gradebook(gradebook) as gb:
        submission = gb.find_submission(A, "alice")
        assert submission.extension == dt.timedelta(days=1)
        submission.timestamp = dt.datetime(2027, 3, 13, 15, 0)
        assert submission.total_seconds_late == 0
        submission.timestamp = dt.datetime(2027, 3, 13, 16, 59)
        assert submission.total_seconds_late == 3600
    assert [(e.student_id, e.assignment, e.extension) for e in extend.extensions(gradebook)] == [("alice", A, dt.timedelta(days=1))]


@pytest.mark.parametrize(
    ("student", "assignment", "kwargs", "problem"),
    [
        ("zoe", A, {"hours": 5}, "no student 'zoe' in the gradebook"),
        ("alice", "99_nothing", {"hours": 5}, "no assignment '99_nothing' in the gradebook"),
        ("alice", "03_swot", {"hours": 5}, "03_swot has no due date in the gradebook"),
        ("alice", A, {"hours": -2}, "--hours must be above 0"),
        ("alice", A, {"until": dt.datetime(2027, 2, 1, tzinfo=UTC)}, "is in the past"),
        ("alice", A, {"until": dt.datetime(2027, 3, 10, tzinfo=UTC)}, "is not after the due date 2027-03-12 15:59 UTC"),
    ],
)
def test_bad_extensions(gradebook, student, assignment, kwargs, problem):
    with pytest.raises(ExtensionError, match=problem):
        extend.grant(gradebook, student, assignment, now=NOW, **kwargs)


def test_unreadable_time():
    with pytest.raises(ExtensionError, match="cannot read the time 'next friday'"):
        extend.parse_when("next friday", UTC)
    assert extend.parse_when("2027-03-14", UTC) == dt.datetime(2027, 3, 14, 23, 59, tzinfo=UTC)
    assert extend.parse_when("2027-03-14T10:00+08:00", UTC).utcoffset() == dt.timedelta(hours=8)


def test_command_line(gradebook, capsys):
    assert main(["extend", "alice", A, "--until", "2099-01-01 12:00"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("extension recorded: alice  01_market_size  +") and "until 2099-01-01 12:00 Asia/Shanghai (2099-01-01 04:00 UTC)" in out
    assert main(["extend", "--list"]) == 0
    assert "alice  01_market_size" in capsys.readouterr().out
    assert main(["extend", "bob", A, "--hours", "3"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "extension not recorded: no student 'bob' in the gradebook; add them with `nbgrader db student add bob`"
    assert main(["extend", "alice", A, "--until", "soon"]) == 2
    assert "cannot read the time 'soon'" in capsys.readouterr().err


def test_the_check_summary_says_when_work_is_due():
    from grading.ci import markdown

    result = {"assignment": A, "notebook": "a.ipynb", "status": "graded", "score": 1, "max_score": 2, "tests": "visible", "message": "", "questions": []}
    text = markdown(result, now=dt.datetime(2027, 3, 9, 15, 0, tzinfo=UTC))
    assert "`a.ipynb`, graded (visible tests only: early feedback, not the grade); **due Friday 12 March 23:59 Asia/Shanghai, in 3 days**" in text


def test_the_released_header_has_the_due_line():
    import nbformat

    from grading.paths import released_notebook

    for assignment in assignments():
        header = nbformat.read(released_notebook(assignment), as_version=4).cells[0]
        assert header.get("id") == "course-header"
        assert header.source.endswith(f"**{load().due_line(assignment)}**")


def test_the_reports_late_work_table(gradebook):
    from zoneinfo import ZoneInfo

    from grading.gradebook import ensure_submission
    from grading.report.lateness import late_work

    with open_gradebook(gradebook) as gb:
        for student in ("bob", "cat"):
            ensure_student(gb, student)
        ensure_submission(gb, A, "alice", timestamp=dt.datetime(2027, 3, 13, 15, 59))  # a day late
        ensure_submission(gb, A, "bob", timestamp=dt.datetime(2027, 3, 12, 10, 0))  # on time
        ensure_submission(gb, A, "cat", timestamp=dt.datetime(2027, 3, 13, 0, 0))  # within her extension
    extend.grant(gradebook, "cat", A, hours=24, now=NOW)
    table = late_work(gradebook, [A, "99_nothing"], ZoneInfo("Asia/Shanghai"))
    assert list(table["student"]) == ["alice", "cat"]
    alice, cat = table.iloc[0], table.iloc[1]
    assert (alice["submitted"], alice["due"], alice["extension_hours"], alice["hours_late"]) == ("2027-03-13 23:59", "2027-03-12 23:59", 0.0, 24.0)
    assert (cat["due"], cat["extension_hours"], cat["hours_late"]) == ("2027-03-13 23:59", 24.0, 0.0)
    assert len(late_work(gradebook, [A], ZoneInfo("UTC"), everyone=True)) == 3


def test_a_broken_schedule_stops_grading_and_nbgrader_with_one_line(tmp_path, monkeypatch):
    import subprocess
    import sys

    from grading import late_penalty
    from grading.paths import ROOT

    bad = write(tmp_path, 'timezone = "Mars/Olympus"\n')
    monkeypatch.setenv("COURSE_SCHEDULE", str(bad))
    monkeypatch.setenv("COURSE_GRADING_WORKSPACE", str(tmp_path / "ws"))
    late_penalty.clear_cache()
    with pytest.raises(late_penalty.LatePolicyError, match="the schedule cannot be read: .*Mars/Olympus"):
        late_penalty.check_config()
    late_penalty.clear_cache()
    for command in (["-m", "grading", "grade", A], ["-m", "nbgrader", "db", "assignment", "list"]):
        run = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert run.returncode != 0 and "Traceback" not in run.stderr
        assert "the schedule cannot be read" in run.stderr and "is not an IANA time zone name" in run.stderr


def test_the_grading_summary_lines_on_late_work(gradebook):
    from zoneinfo import ZoneInfo

    from grading.gradebook import ensure_submission
    from grading.report.lateness import late_lines

    with open_gradebook(gradebook) as gb:
        ensure_student(gb, "bob")
        ensure_submission(gb, A, "alice", timestamp=dt.datetime(2027, 3, 12, 17, 59))
        ensure_submission(gb, A, "bob", timestamp=dt.datetime(2027, 3, 12, 17, 0))
    extend.grant(gradebook, "bob", A, hours=2, now=NOW)
    assert late_lines(gradebook, A, ZoneInfo("Asia/Shanghai")) == [
        "late: alice, 2.0 h after 2027-03-12 23:59 (extension 0 h): penalty 0 of 0",
        "extension: bob, due 2027-03-13 01:59 (2 h more), submitted on time",
    ]
