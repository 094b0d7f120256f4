"""nbgrader configuration for the course (read by every `nbgrader` command run from here).

Layout:
  source/<assignment>/               instructor versions (solutions, hidden tests)
  release/<assignment>/              student versions, made by `python -m grading release`
  grading/workspace/submitted/       collected submissions  <student>/<assignment>/*.ipynb
  grading/workspace/autograded/      autograded copies
  grading/workspace/feedback/        feedback HTML
  grading/workspace/gradebook.db     the gradebook (SQLite; set COURSE_GRADEBOOK_URL for
                                     PostgreSQL or another database SQLAlchemy supports)
  grading/workspace/exchange/        the exchange for release/fetch/submit/collect on one
                                     machine (set NBGRADER_EXCHANGE for a shared one)
"""
import os

from grading.paths import COURSE_ID, ROOT, SOURCE, gradebook_url, workspace

WORKSPACE = workspace()

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
# nbgrader joins these to `root`; relative paths keep its path matching simple
_workspace = os.path.relpath(WORKSPACE, ROOT)
c.CourseDirectory.submitted_directory = os.path.join(_workspace, "submitted")
c.CourseDirectory.autograded_directory = os.path.join(_workspace, "autograded")
c.CourseDirectory.feedback_directory = os.path.join(_workspace, "feedback")
c.CourseDirectory.db_url = gradebook_url()
# other files that travel with an assignment (none yet: data are read through `course.data`)
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", str(WORKSPACE / "exchange"))

# Every student notebook starts with the course header (honour code, how to validate)
c.IncludeHeaderFooter.header = str(SOURCE / "header.ipynb")

# Students fill in `raise NotImplementedError()` stubs; markdown answers start blank
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A cell that runs away is stopped; the rest of the notebook still runs and is graded
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
# Once the last cell has run, the kernel is stopped at once: its outputs are in already. A polite
# shutdown request is sometimes not answered (ipykernel 6 and 7: the control thread waits on an
# output flush while the kernel closes), and the client then waits 2.5 s and more before it
# terminates the kernel anyway: in about one notebook in six on a busy machine.
c.Execute.shutdown_kernel = "immediate"

# Feedback shows the tests' messages, never the hidden tests' code (see grading/feedback.py)
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.ClearHiddenTests",
    "grading.feedback.ConciseErrors",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# ... in nbgrader's feedback page made accessible: a language, readable links, wrapped code
# (grading/templates/course_feedback, which extends nbgrader's `feedback` template). Set for
# GenerateFeedback's exporter only, so formgrader's own pages keep their templates.
import nbgrader.server_extensions.formgrader as _formgrader  # noqa: E402

c.GenerateFeedback.HTMLExporter.template_name = "course_feedback"
c.GenerateFeedback.HTMLExporter.template_file = "course_feedback.html.j2"
c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [
    str(ROOT / "grading" / "templates"),
    os.path.join(os.path.dirname(_formgrader.__file__), "templates"),
]

# --- zip_collect: a zip of submissions downloaded from Canvas or Moodle --------------------------
# `python -m grading collect-zip ZIP --assignment A` (grading/zip_collect.py) puts ZIP in
# <workspace>/downloaded/A/archive/ and runs `nbgrader zip_collect A --force`, which extracts it
# to .../extracted/ and copies each notebook to <workspace>/submitted/<student>/A/. File names:
#   Canvas  <lastfirst>[_late]_<canvas user id>_<file id>_<name>     smithjohn_48213_7730215_01_market_size.ipynb
#   Moodle  <Full Name>_<participant id>_assignsubmission_file_<name>  Jane Doe_1234567_assignsubmission_file_01_market_size.ipynb
#           (or, downloaded in folders, Jane Doe_1234567_assignsubmission_file/01_market_size.ipynb)
# The collector maps the platform's id to the nbgrader student id: a roster CSV
# (--LmsFileNameCollector.roster=FILE: Canvas's gradebook export, Moodle's grading worksheet, or
# lms_id,student_id), the gradebook's lms_user_id (Canvas), or the student's name in the gradebook.
from grading.zip_collect import LMS_PATTERN  # noqa: E402

c.ZipCollectApp.downloaded_directory = os.path.join(_workspace, "downloaded")
c.ZipCollectApp.collector_plugin = "grading.zip_collect.LmsFileNameCollector"
c.FileNameCollectorPlugin.named_regexp = LMS_PATTERN
# only zips are unpacked: a student's data.csv.gz is a file of the submission, not an archive
c.ExtractorPlugin.zip_ext = [".zip"]

# --- the late penalty: schedule.toml's [late_policy] (grading/schedule.py) -----------------------
# nbgrader's AssignLatePenalties, in stock autograde and in `python -m grading grade` alike
# (grading/late_penalty.py), asks this plugin for the penalty of a late submission. A line
# below this block overrides the schedule (e.g. c.LateSubmissionPlugin.penalty_method = "zero"
# together with c.AssignLatePenalties.plugin_class = "nbgrader.plugins.LateSubmissionPlugin").
from grading.schedule import ScheduleError as _ScheduleError  # noqa: E402
from grading.schedule import load as _load_schedule  # noqa: E402

try:
    _schedule = _load_schedule()
except _ScheduleError as _problem:
    # nbgrader would log a traceback and go on without this whole file (another course id,
    # the default gradebook): stop instead, with the problem in one line
    import sys

    sys.exit(f"nbgrader_config.py: the schedule cannot be read: {_problem}")
for _section, _values in _schedule.late_policy.nbgrader_config().items():
    for _name, _value in _values.items():
        setattr(c[_section], _name, _value)

# --- the released notebooks' header says when the assignment is due (grading/due_header.py) -----
from nbgrader.converters import GenerateAssignment as _GenerateAssignment  # noqa: E402

from grading.due_header import DueDateHeader  # noqa: E402

_steps = list(_GenerateAssignment.class_traits()["preprocessors"].default())
c.GenerateAssignment.preprocessors = [*_steps[:1], DueDateHeader, *_steps[1:]]  # after IncludeHeaderFooter
