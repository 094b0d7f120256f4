"""The `course` package: what the lecture and assignment notebooks import.

Shared
- `course.data`      load a dataset from `datasets/` by name, with its schema checked
- `course.schemas`   the documented schema of every dataset
- `course.units`     conversion between the units the datasets use
- `course.metrics`   growth rates, CAGR, shares and implied totals (pure functions)
- `course.plotting`  the course's seaborn theme; `course.plotting.<topic>` each module's plots
- `course.widgets`   ipywidgets faces over the computations, one module per lecture
- `course.checks`    answer checking used by the assignments' tests
- `course.language`  the course's language setting ("en" or "zh") for widget labels:
  `course.set_language("zh")`, or `COURSE_LANGUAGE=zh`; the labels are in `course.labels`
- `course.glossary`  each lecture's glossary of key terms in English and Chinese

Computations by module (pure functions, no display)
- 01 `market_size`
- 02 `live_commerce` (funnel, GMV decomposition, two-proportion test, DAU/MAU), `scheduling`
  (prime time across time zones)
- 03 `swot` (IFE/EFE matrices, TOWS, quadrant, flip threshold)
- 04 `culture` (Hofstede profiles, Kogut-Singh distance, grouping), `culture_rules` (script
  choices, festival dates)
- 05 `logistics` (lead times, on-time rates), `landed_cost`, `inventory` (warehouse or direct,
  newsvendor, safety stock), `demand_forecast`
- 06 `privacy` (minimisation, consent, pseudonyms, residency), `anonymity`,
  `differential_privacy`, `federated`
- 09 `market_entry` (decision matrix, sensitivity to the weights)
"""

from course.language import get_language, set_language

__all__ = [
    "set_language", "get_language",
    "data", "schemas", "units", "metrics", "plotting", "widgets", "checks", "language", "labels", "glossary",
    "market_size", "live_commerce", "scheduling", "swot", "culture", "culture_rules",
    "logistics", "landed_cost", "inventory", "demand_forecast",
    "privacy", "anonymity", "differential_privacy", "federated", "market_entry",
]
