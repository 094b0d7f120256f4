# Sample: counts the equivalence classes instead of the smallest class's size, the small classes instead of their rows, and l before suppression
# %% q4_anonymity
_levels = {"birth_date": 2, "postcode": 5, "gender": 1, "country": 2}
_rel = anonymity.generalise(customers, _levels, countries=countries, keep=["top_category"])
_sizes = _rel.groupby(list(_levels)).size()
k_release = len(_sizes)
rows_suppressed = int((_sizes < 5).sum())
l_release = int(_rel.groupby(list(_levels))["top_category"].nunique().min())
