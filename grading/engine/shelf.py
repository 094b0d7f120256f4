"""Sandboxes kept between batches: `with reusing_sandboxes(): ...`.

Starting a sandbox (`pool.Pool`) costs about 1.7 s of CPU: its zygote imports pandas,
matplotlib, seaborn, scipy and the course before it forks the first job. The instructor's
cycle grades nine assignments one after the other with the same settings (and `check`, the
notebooks of each assignment it is given: a student's CI run checks all nine), so inside
`reusing_sandboxes()` a batch that ends puts its sandbox on a shelf, and the next batch of
this process with the same settings takes it instead of starting its own.

What stays the same:
- a sandbox serves one batch at a time (a batch takes it off the shelf; two batches at once
  get two sandboxes);
- it is shelved only when its batch ended normally, with no job left pending or running
  and its zygote alive; a sandbox that stopped or failed, or a batch that raised, closes it;
- the settings must be equal: the pool class, the number of workers, the limits, and what
  the zygote was started with (the folders jobs see and the environment it passes on);
- the zygote never holds a student's code or answers (each job reads its own steps from a
  file only its supervisor reads, and the jobs are its forked children), so what one batch's
  jobs did can reach the next batch's jobs no more than it can reach another job of the
  same batch.
Outside the block nothing is kept: every batch starts and closes its own sandbox. The block
closes what is on the shelf when it ends.
"""
from __future__ import annotations

import contextlib
import threading
from dataclasses import astuple

from grading.engine.pool import Pool, default_workers, kept_paths, zygote_environment
from grading.engine.sandbox import Limits

_lock = threading.Lock()
_shelf: dict[tuple, list[Pool]] | None = None  # None: outside `reusing_sandboxes()`
_depth = 0


def settings_key(pool_class: type, workers: int | None, limits: Limits | None) -> tuple:
    """What a sandbox is started with (`pool_class(workers, limits=limits)` in this process's
    environment): only a sandbox with the same key may be reused."""
    return (pool_class, default_workers(workers), astuple(limits or Limits()), tuple(str(p) for p in kept_paths()),
            tuple(sorted(zygote_environment().items())))


@contextlib.contextmanager
def reusing_sandboxes():
    """Within the block, batches of this process share idle sandboxes (see the module's doc)."""
    global _shelf, _depth
    with _lock:
        _depth += 1
        if _shelf is None:
            _shelf = {}
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                shelf, _shelf = _shelf, None
            else:
                shelf = None
        for pools in (shelf or {}).values():
            for pool in pools:
                pool.close()


def take(key: tuple) -> Pool | None:
    """An idle, live sandbox started with `key`, or None (also outside the block)."""
    dead = []
    found = None
    with _lock:
        pools = (_shelf or {}).get(key, [])
        while pools:
            pool = pools.pop()
            if pool.reusable():
                found = pool
                break
            dead.append(pool)
    for pool in dead:
        pool.close()
    return found


def put_back(key: tuple, pool: Pool) -> None:
    """Shelve `pool` after a batch that ended normally; close it when there is no shelf or it
    is not idle and alive."""
    reusable = pool.reusable()
    with _lock:
        if _shelf is not None and reusable:
            _shelf.setdefault(key, []).append(pool)
            return
    pool.close()
