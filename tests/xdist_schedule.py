"""How `make test`'s two pytest-xdist workers share the suite: heavy work first, split where
it can be.

xdist's `loadscope` hands a worker a whole test module (or class) at a time, so that what a
module starts once (a server, a batch) starts once, and by default it hands out the modules
with the most tests first. Two things made the suite's wall time longer than its work needed:
- a module of a few slow, independent tests (a Python's install, a stock-nbgrader run per
  assignment, a lecture in the browser) ran on one worker, one test after the other, while the
  other worker idled at the end;
- the slowest modules, which have few tests, came last.

`HeavyFirstScheduling` is loadscope with two changes: the tests of `SPLIT` modules are each
a scope of their own (their module fixtures then start once on each worker that runs some
of them), and scopes are handed out in collection order, which `order_heavy_first` sorts so
that `HEAVY_FIRST` modules come first, in that order. The rest keep pytest's order.
"""
from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

#: modules whose tests are independent and slow: every test is a scope of its own
SPLIT = (
    "tests/test_python_versions.py",  # a fresh environment and install per Python (minutes each)
    "tests/test_equivalence.py",  # stock nbgrader per assignment and per late policy
    "tests/test_browser.py",  # each lecture unit in JupyterLab (a lab server per worker)
)
#: handed out first, in this order: the longest single pieces of work
HEAVY_FIRST = (
    # the instructor's cycle on every sample (`graded_course`), which the equivalence tests
    # and others read: started first, it is ready before the other worker needs it
    "tests/test_grading_cycle.py",
    "tests/test_python_versions.py",
    "tests/test_equivalence.py",
    "tests/test_browser.py",
    "tests/test_grading_workflow.py",
    "tests/test_jupyterhub.py",
    "tests/test_postgres_gradebook.py",
    "tests/test_bundle.py",
    "tests/test_site.py",
)


def module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


class HeavyFirstScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep the collection's order (heavy first)

    def _split_scope(self, nodeid: str) -> str:
        if module_of(nodeid) in SPLIT:
            return nodeid
        return super()._split_scope(nodeid)


def order_heavy_first(items: list) -> None:
    """Sort collected items in place: HEAVY_FIRST modules first (in that order), the rest as
    collected. Every worker sorts the same way, so their collections stay identical."""
    rank = {module: i for i, module in enumerate(HEAVY_FIRST)}
    order = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (rank.get(module_of(item.nodeid), len(rank)), order[id(item)]))
