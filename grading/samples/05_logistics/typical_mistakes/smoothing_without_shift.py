# Sample: takes the smoothed level of day t as day t's forecast (no one-day shift), and the festival stream among the sessions
# %% q6_newsvendor
cr_stream = (24 - 9) / (24 - 4)
_h = daily[daily["live_stream"].astype(bool) & (daily["date"] < "2024-07-01")]["featured_units"].astype(float)
from scipy.stats import norm as _norm
stock_units = _h.mean() + _norm.ppf(cr_stream) * _h.std()
# %% q7_forecast
_y = daily[(daily["date"] >= "2024-10-01") & (daily["date"] <= "2024-10-31")]["orders"].astype(float).reset_index(drop=True)
_f = _y.ewm(alpha=0.3, adjust=False).mean()
mae_oct = (_y[1:] - _f[1:]).abs().mean()
mape_oct = ((_y[1:] - _f[1:]).abs() / _y[1:]).mean() * 100
