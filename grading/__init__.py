"""The course's grading pipeline (run as `python -m grading <command>`).

- `grading.notebooks`  clean and normalise notebooks kept in git
- `grading.release`    generate `release/` from `source/` with nbgrader
- `grading.samples`    build the bundled sample submissions from their specs
- `grading.cycle`      the instructor's cycle: collect, autograde, feedback, export, summary
"""
