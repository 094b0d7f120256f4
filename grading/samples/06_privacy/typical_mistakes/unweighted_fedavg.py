# Sample: averages the countries' weights without weighting them by their number of customers
# %% q6_fedavg
w_pooled = fl.train_pooled(*fl.pool(fl.partitions(customers, by="country")), 40, 0.5)
_parts = fl.partitions(customers, by="country")
_w = np.zeros(3)
for _ in range(10):
    _local = []
    for _X, _y in _parts.values():
        _v = _w.copy()
        for _ in range(4):
            _v = _v - 0.5 * _X.T @ (1 / (1 + np.exp(-_X @ _v)) - _y) / len(_y)
        _local.append(_v)
    _w = np.mean(_local, axis=0)
w_fedavg = list(_w)
