# Attack: answers are objects that claim to equal anything (a float subclass whose __eq__ is always True, an object with rigged __eq__/__float__/__bool__/__index__, subclasses of int, str, dict, numpy.float64 and DataFrame, an object-dtype array of them, a fake matplotlib Axes); must score zero because only exact plain types cross to the grader
# %% q1_yoy_growth
import numpy as np
import pandas as pd


def _true(self, *args):
    return True


def _false(self, *args):
    return False


class AlwaysEqualFloat(float):
    __eq__ = __le__ = __ge__ = __lt__ = __gt__ = _true
    __ne__ = _false
    __hash__ = float.__hash__

    def __abs__(self):
        return AlwaysEqualFloat(0.0)

    def __sub__(self, other):
        return AlwaysEqualFloat(0.0)

    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __sub__


class Rigged:
    __eq__ = __le__ = __ge__ = __lt__ = __gt__ = __contains__ = _true
    __ne__ = _false
    __hash__ = object.__hash__

    def __bool__(self):
        return True

    def __float__(self):
        return AlwaysEqualFloat(0.0)

    def __int__(self):
        return 0

    __index__ = __int__

    def __abs__(self):
        return AlwaysEqualFloat(0.0)

    def __sub__(self, other):
        return AlwaysEqualFloat(0.0)

    __rsub__ = __add__ = __radd__ = __truediv__ = __rtruediv__ = __sub__

    def __len__(self):
        return 5

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __repr__(self):
        return "0.0"


class AlwaysEqualInt(int):
    __eq__ = _true
    __ne__ = _false
    __hash__ = int.__hash__


class AlwaysEqualStr(str):
    __eq__ = __contains__ = _true
    __ne__ = _false
    __hash__ = str.__hash__


class RiggedFloat64(np.float64):
    __eq__ = _true
    __ne__ = _false
    __hash__ = np.float64.__hash__


class RiggedDict(dict):
    __eq__ = _true
    __ne__ = _false


class RiggedFrame(pd.DataFrame):
    _metadata = ["rigged"]

    @property
    def _constructor(self):
        return RiggedFrame

    def equals(self, other):
        return True

    def __eq__(self, other):
        return True

    def __len__(self):
        return 5


growth_papers_2021 = AlwaysEqualFloat(0.0)
# %% q2_cagr
cbec_years = Rigged()
cagr_cbec = np.array([AlwaysEqualFloat(0.0)], dtype=object)
# %% q3_share
share_papers_2021 = RiggedFloat64(0.0)
# %% q4_implied_total
implied_users_2019 = AlwaysEqualStr("0")
# %% q5_fact_check
papers_2019_2021 = AlwaysEqualInt(0)
tian_papers_consistent = Rigged()
# %% q6_fact_check
value_per_declaration = RiggedDict(value=0.0)
# %% q7_plot
cbec_levels = RiggedFrame({"stat_id": ["x"] * 5, "year": [0] * 5, "trillion_cny": [0.0] * 5})


class _Line:
    def get_ydata(self):
        return [AlwaysEqualFloat(0.0)]


class Axes:  # looks like matplotlib's Axes to a check that reads the class name and module
    __module__ = "matplotlib.axes._axes"
    patches = collections = ()

    def get_lines(self):
        return [_Line()]

    def get_xlabel(self):
        return AlwaysEqualStr("year")

    get_ylabel = get_title = get_xlabel

    def __eq__(self, other):
        return True


ax = Axes()
