# Sample: smooths with alpha = 0.7 (the weight on the old forecast) and divides the errors by the forecast in MAPE
# %% q7_forecast
_y = daily[(daily["date"] >= "2024-10-01") & (daily["date"] <= "2024-10-31")]["orders"].astype(float).tolist()
_f = [_y[0]]
for _t in range(1, len(_y)):
    _f.append(0.7 * _y[_t - 1] + 0.3 * _f[-1])
mae_oct = sum(abs(a - f) for a, f in zip(_y[1:], _f[1:])) / 30
_ff = [_y[0]]
for _t in range(1, len(_y)):
    _ff.append(0.3 * _y[_t - 1] + 0.7 * _ff[-1])
mape_oct = sum(abs(a - f) / f for a, f in zip(_y[1:], _ff[1:])) / 30
