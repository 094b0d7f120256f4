"""Simple demand forecasts and their errors: moving average and exponential smoothing.

Both are one-step-ahead forecasts: the forecast for day t uses the actual values up to day
t - 1 only.

- moving average of window k:  F_t = mean(y_{t-k}, ..., y_{t-1}), undefined for the first k days
- simple exponential smoothing with smoothing constant alpha (0 < alpha <= 1):
  F_1 = y_1 (the first day has no history: its forecast is set to its own value and it is left
  out of the errors), then F_{t+1} = alpha * y_t + (1 - alpha) * F_t
- errors over the days that have a forecast (from day 2 for smoothing):
  MAE = mean(|y_t - F_t|),  MAPE = mean(|y_t - F_t| / y_t) x 100 %  (divide by the *actual*)
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from course.logistics import LogisticsError


def _series(values: Sequence[float], name: str = "values") -> pd.Series:
    s = pd.Series(values, dtype="float64") if not isinstance(values, pd.Series) else values.astype("float64")
    if s.isna().any():
        raise LogisticsError(f"{name} has missing values; fill or drop them first")
    if len(s) < 2:
        raise LogisticsError(f"{name} needs at least two values to forecast, got {len(s)}")
    return s


def moving_average_forecast(values: Sequence[float], window: int) -> pd.Series:
    """One-step-ahead moving-average forecast (NaN for the first `window` values)."""
    s = _series(values)
    if not isinstance(window, (int, np.integer)) or window < 1 or window >= len(s):
        raise LogisticsError(f"window must be a whole number from 1 to {len(s) - 1}, not {window!r}")
    return s.rolling(window).mean().shift(1)


def exponential_smoothing_forecast(values: Sequence[float], alpha: float, initial: float | None = None) -> pd.Series:
    """One-step-ahead simple exponential smoothing. The first forecast is `initial` (default:
    the first actual value, so the first day has no error)."""
    s = _series(values)
    try:
        a = float(alpha)
    except (TypeError, ValueError):
        raise LogisticsError(f"alpha must be a number, not {alpha!r}") from None
    if not 0 < a <= 1:
        raise LogisticsError(f"alpha must lie in (0, 1], not {alpha!r}: 0.3 puts 30% of the weight on the latest day")
    y = s.to_numpy()
    forecast = np.empty_like(y)
    forecast[0] = y[0] if initial is None else float(initial)
    for t in range(1, len(y)):
        forecast[t] = a * y[t - 1] + (1 - a) * forecast[t - 1]
    return pd.Series(forecast, index=s.index)


def mae(actual: Sequence[float], forecast: Sequence[float]) -> float:
    """Mean absolute error over the positions where the forecast is defined."""
    a, f = _aligned(actual, forecast)
    return float(np.mean(np.abs(a - f)))


def mape(actual: Sequence[float], forecast: Sequence[float]) -> float:
    """Mean absolute percentage error in percent, dividing each error by the *actual* value."""
    a, f = _aligned(actual, forecast)
    if np.any(a == 0):
        raise LogisticsError("MAPE divides by the actual values, and some are 0: use MAE for such series")
    return float(np.mean(np.abs(a - f) / np.abs(a)) * 100)


def _aligned(actual: Sequence[float], forecast: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    if a.shape != f.shape:
        raise LogisticsError(f"actual and forecast must have the same length ({a.size} vs {f.size})")
    keep = ~np.isnan(f)
    if not keep.any():
        raise LogisticsError("the forecast is undefined everywhere")
    return a[keep], f[keep]


def error_table(actual: pd.Series, forecasts: dict[str, pd.Series], groups: pd.Series | None = None) -> pd.DataFrame:
    """MAE and MAPE of each forecast, overall and per group (e.g. live-stream day or not)."""
    rows = []
    labels = pd.Series("all", index=actual.index) if groups is None else groups
    for name, forecast in forecasts.items():
        for group in ([None] if groups is None else [None, *sorted(labels.unique())]):
            mask = pd.Series(True, index=actual.index) if group is None else labels == group
            a, f = actual[mask], forecast[mask]
            if f.notna().sum() == 0:
                continue
            rows.append({"forecast": name, "days": "all" if group is None else group, "n": int(f.notna().sum()),
                         "MAE": mae(a, f), "MAPE_pct": mape(a, f)})
    return pd.DataFrame(rows)
