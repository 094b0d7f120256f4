"""Module 06: federated averaging (FedAvg) of a logistic regression over per-country
partitions, compared with training on the pooled data.

Everything is deterministic, so a result can be checked to many decimals:

- **Model.** Logistic regression of `bought_in_live` (1 if the customer bought during a live
  stream in the last 30 days) on three features: a constant 1, (daily_minutes - 120) / 60 and
  (orders_12m - 3) / 3. P(y = 1) = sigmoid(x . w).
- **Local loss and gradient.** On a partition with n rows, the mean log-loss; its gradient is
  X^T (sigmoid(X w) - y) / n.
- **Pooled training.** Start from w = 0 and take `steps` full-batch gradient steps
  w <- w - lr * gradient on all rows together.
- **FedAvg.** Start from w = 0. In each of `rounds` rounds every partition starts from the
  current global w and takes `local_steps` full-batch gradient steps on its own rows only;
  the server then sets w to the average of the partitions' weights, **weighted by their
  number of rows** (n_k / n). Raw rows never leave their partition; only weights do.

With `local_steps = 1` and `rounds = steps`, weighted FedAvg *is* pooled gradient descent:
the size-weighted average of the partitions' mean gradients is the pooled mean gradient. With
more local steps each partition drifts towards its own optimum between averages, so the
result differs when partitions differ (non-IID data); an unweighted average differs as soon
as partitions have different sizes.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.privacy import PrivacyError

__all__ = [
    "FEATURES", "CENTRE", "SPREAD", "TARGET", "WEIGHT_NAMES", "design", "partitions", "pool", "sigmoid",
    "gradient", "log_loss", "train_pooled", "fedavg", "FedAvgRun", "fedavg_history", "compare",
    "convergence_paths",
]

FEATURES = ("daily_minutes", "orders_12m")
#: fixed centring and scaling constants (not estimated from the data, so every partition
#: builds the same features)
CENTRE = {"daily_minutes": 120.0, "orders_12m": 3.0}
SPREAD = {"daily_minutes": 60.0, "orders_12m": 3.0}
TARGET = "bought_in_live"
#: names of the three weights, in order
WEIGHT_NAMES = ("intercept", "daily_minutes", "orders_12m")

Partition = tuple[np.ndarray, np.ndarray]


def design(frame: pd.DataFrame) -> Partition:
    """X (rows x 3: constant, scaled minutes, scaled orders) and y (0/1) of a table of customers."""
    missing = [c for c in (*FEATURES, TARGET) if c not in frame.columns]
    if missing:
        raise PrivacyError(f"the model needs the column(s) {missing}")
    if frame[list(FEATURES) + [TARGET]].isna().any().any():
        raise PrivacyError("the model's columns have missing values: drop or fill them first")
    n = len(frame)
    X = np.column_stack([
        np.ones(n),
        *[(frame[c].to_numpy(dtype=float) - CENTRE[c]) / SPREAD[c] for c in FEATURES],
    ])
    y = frame[TARGET].astype(float).to_numpy()
    return X, y


def partitions(frame: pd.DataFrame, by: str = "country") -> dict[str, Partition]:
    """One (X, y) per value of `by`, in sorted order: the data each party keeps to itself."""
    if by not in frame.columns:
        raise PrivacyError(f"cannot partition by {by!r}: no such column")
    return {str(key): design(group) for key, group in sorted(frame.groupby(by, observed=True), key=lambda kv: str(kv[0]))}


def pool(parts: Mapping[str, Partition]) -> Partition:
    """All partitions stacked into one (what a central server would hold)."""
    if not parts:
        raise PrivacyError("no partitions")
    return np.vstack([X for X, _ in parts.values()]), np.concatenate([y for _, y in parts.values()])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of the mean log-loss: X^T (sigmoid(X w) - y) / n."""
    return X.T @ (sigmoid(X @ w) - y) / len(y)


def log_loss(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """Mean log-loss of weights w on (X, y)."""
    p = np.clip(sigmoid(X @ w), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _check_schedule(lr: float, **counts: int) -> None:
    if not (isinstance(lr, (int, float)) and lr > 0):
        raise PrivacyError(f"the learning rate must be a positive number, not {lr!r}")
    for name, value in counts.items():
        if isinstance(value, bool) or int(value) != value or value < 1:
            raise PrivacyError(f"{name} must be a whole number of at least 1, not {value!r}")


def train_pooled(X: np.ndarray, y: np.ndarray, steps: int, lr: float) -> np.ndarray:
    """`steps` full-batch gradient steps from w = 0 on all the data."""
    _check_schedule(lr, steps=steps)
    w = np.zeros(X.shape[1])
    for _ in range(int(steps)):
        w = w - lr * gradient(w, X, y)
    return w


@dataclass(frozen=True)
class FedAvgRun:
    """The global weights after each round (row 0: the start, all zeros)."""

    history: np.ndarray
    weighted: bool
    local_steps: int
    lr: float

    @property
    def weights(self) -> np.ndarray:
        return self.history[-1]


def fedavg_history(parts: Mapping[str, Partition], rounds: int, local_steps: int, lr: float, *, weighted: bool = True) -> FedAvgRun:
    """Run FedAvg (see the module docstring) and keep the global weights after every round."""
    _check_schedule(lr, rounds=rounds, local_steps=local_steps)
    if not parts:
        raise PrivacyError("no partitions")
    sizes = np.array([len(y) for _, y in parts.values()], dtype=float)
    if (sizes == 0).any():
        raise PrivacyError("a partition has no rows")
    share = sizes / sizes.sum() if weighted else np.full(len(sizes), 1 / len(sizes))
    w = np.zeros(next(iter(parts.values()))[0].shape[1])
    history = [w]
    for _ in range(int(rounds)):
        local = []
        for X, y in parts.values():
            v = w.copy()
            for _ in range(int(local_steps)):
                v = v - lr * gradient(v, X, y)
            local.append(v)
        w = share @ np.array(local)
        history.append(w)
    return FedAvgRun(np.array(history), weighted, int(local_steps), float(lr))


def fedavg(parts: Mapping[str, Partition], rounds: int, local_steps: int, lr: float, *, weighted: bool = True) -> np.ndarray:
    """The global weights after `rounds` rounds of FedAvg with `local_steps` local steps."""
    return fedavg_history(parts, rounds, local_steps, lr, weighted=weighted).weights


def compare(parts: Mapping[str, Partition], rounds: int, local_steps: int, lr: float) -> pd.DataFrame:
    """Pooled training with the same number of gradient steps per partition (rounds x
    local_steps) next to weighted and unweighted FedAvg: the weights, the pooled log-loss and
    the largest difference from the pooled weights."""
    X, y = pool(parts)
    runs = {
        f"pooled ({rounds * local_steps} steps)": train_pooled(X, y, rounds * local_steps, lr),
        f"FedAvg weighted (E={local_steps}, R={rounds})": fedavg(parts, rounds, local_steps, lr),
        f"FedAvg unweighted (E={local_steps}, R={rounds})": fedavg(parts, rounds, local_steps, lr, weighted=False),
    }
    reference = next(iter(runs.values()))
    rows = []
    for name, w in runs.items():
        rows.append({"training": name, **dict(zip(WEIGHT_NAMES, w)), "log_loss": log_loss(w, X, y), "max_diff_from_pooled": float(np.max(np.abs(w - reference)))})
    return pd.DataFrame(rows)


def convergence_paths(parts: Mapping[str, Partition], total_steps: int, lr: float, *, local_steps: tuple[int, ...] = (1, 5), reference_steps: int = 2000) -> pd.DataFrame:
    """How far each run's weights are from the converged pooled weights (pooled gradient
    descent for `reference_steps` steps) after every round, against the gradient steps each
    party has taken: pooled gradient descent, weighted FedAvg for each number of local steps
    E (rounds = total_steps // E), and unweighted FedAvg for each E > 1. Long format: steps,
    run, distance (Euclidean)."""
    _check_schedule(lr, total_steps=total_steps, reference_steps=reference_steps)
    X, y = pool(parts)
    optimum = train_pooled(X, y, reference_steps, lr)
    rows = []
    w = np.zeros(X.shape[1])
    for t in range(1, int(total_steps) + 1):
        w = w - lr * gradient(w, X, y)
        rows.append({"steps": t, "run": "pooled gradient descent", "distance": float(np.linalg.norm(w - optimum))})
    for e in local_steps:
        variants = [(True, f"FedAvg weighted, E={e}")] + ([(False, f"FedAvg unweighted, E={e}")] if e > 1 else [])
        for weighted, label in variants:
            run = fedavg_history(parts, int(total_steps) // e, e, lr, weighted=weighted)
            for r, weights in enumerate(run.history[1:], start=1):
                rows.append({"steps": r * e, "run": label, "distance": float(np.linalg.norm(weights - optimum))})
    return pd.DataFrame(rows)
