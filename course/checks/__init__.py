"""Answer checks for the assignments' autograder tests.

Each check raises `AssertionError` with a message that tells the student what was expected
and why (the words "is not right" start every verdict on a wrong answer), never only
"assertion failed", and accepts every correct form of an answer. Import them from here:

    from course.checks import check_number, check_ranking

- `numbers`: numbers, rates, lists and maps of numbers, intervals, tables and plots
  (`check_number`, `check_number_any`, `check_number_list`, `check_number_map`,
  `check_mapping`, `check_interval`, `check_frame`, `check_plot`, ...), and for visible
  tests `check_not_mistaken` (a known mistake's message without the answer) and
  `own_answer` (another question's answer, or None);
- `labels`: sets of names, hex digests, one label of a few, an option named in text,
  missing values (`check_string_set`, `check_hex_digest`, `check_choice`, `check_option`,
  `check_missing`);
- `times`: clock times and dates (`check_clock_time`, `check_date`);
- `orders`: rankings and groupings of markets (`check_ranking`, `check_score_ranking`,
  `check_grouping`).

Importing this package in a notebook kernel also installs `lab_messages`: an unanswered
question's NameError gets the grader's explanation there too.
"""
from course.checks.labels import *  # noqa: F401,F403
from course.checks.labels import __all__ as _labels
from course.checks.numbers import *  # noqa: F401,F403
from course.checks.numbers import __all__ as _numbers
from course.checks.orders import *  # noqa: F401,F403
from course.checks.orders import __all__ as _orders
from course.checks.times import *  # noqa: F401,F403
from course.checks.times import __all__ as _times

__all__ = [*_numbers, *_labels, *_times, *_orders]

# In a notebook kernel, an unanswered question's NameError gets the grader's explanation.
from course.checks import lab_messages as _lab_messages  # noqa: E402

_lab_messages.install()
