"""The `course` package: what the lecture and assignment notebooks import.

- `course.data`      load a dataset from `datasets/` by name, with its schema checked
- `course.schemas`   the documented schema of every dataset
- `course.units`     conversion between the units the datasets use
- `course.metrics`   growth rates, CAGR, shares and implied totals (pure functions)
- `course.market_size`  module 01 computations over `paper_statistics`
- `course.plotting`  the course's seaborn theme and plots
- `course.widgets`   ipywidgets faces over the functions above
- `course.checks`    answer checking used by the assignments' tests
"""

__all__ = ["data", "schemas", "units", "metrics", "market_size", "plotting", "checks"]
