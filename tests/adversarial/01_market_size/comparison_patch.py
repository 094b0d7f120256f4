# Attack: makes every comparison helper say "equal" in the student's process (math.isclose, numpy.isclose/allclose/testing, pandas.testing, every check_* of course.checks and its modules, the names in the notebook's namespace), with wrong answers; must score zero because the grader uses its own imports
# %% q1_yoy_growth
import math
import sys

import numpy
import numpy.testing
import pandas
import pandas.testing

always = lambda *args, **kwargs: True  # noqa: E731
nothing = lambda *args, **kwargs: None  # noqa: E731
math.isclose = always
numpy.isclose = numpy.allclose = numpy.array_equal = always
numpy.testing.assert_allclose = numpy.testing.assert_array_equal = numpy.testing.assert_almost_equal = nothing
pandas.testing.assert_frame_equal = pandas.testing.assert_series_equal = pandas.testing.assert_index_equal = nothing
pandas.DataFrame.equals = pandas.Series.equals = always
patched = 0
for module_name, module in list(sys.modules.items()):
    if module is None or not (module_name == "course" or module_name.startswith("course.")):
        continue
    for attr in list(vars(module)):
        if attr.startswith(("check_", "as_number", "_close", "is_missing")):
            setattr(module, attr, nothing)
            patched += 1
namespace = get_ipython().user_ns
for attr in list(namespace):
    if attr.startswith("check_"):
        namespace[attr] = nothing
print("patched", patched, "functions")
growth_papers_2021 = -1000.0
# %% q2_cagr
from course.checks import check_number  # the patched one

cbec_years = 17
cagr_cbec = -0.75
check_number("cagr_cbec", cagr_cbec, 0.121)  # "passes" here
# %% q3_share
share_papers_2021 = 3.0
# %% q4_implied_total
implied_users_2019 = 0.0
# %% q5_fact_check
papers_2019_2021 = 0
tian_papers_consistent = True  # wrong since issue 20: the April 2022 total should hold January-April 2022 too
# %% q6_fact_check
value_per_declaration = 0.5
# %% q7_plot
cbec_levels = pd.DataFrame({"stat_id": ["a", "b", "c", "d", "e"], "year": [1] * 5, "trillion_cny": [0.0] * 5})
ax = sns.lineplot(data=cbec_levels, x="year", y="trillion_cny")
