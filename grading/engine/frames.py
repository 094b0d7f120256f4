"""What a job writes to its pipe, as the watchdog reads it (the zygote's and the unsandboxed pool's).

A job sends JSON lines. The watchdog counts every byte against the output limit, cuts the
stream into lines (keeping an unfinished line for later), and parses only the short ones
that could be its own control frames. One rule restarts the cell clock: a "cell" frame whose
index is higher than the last one, at most once per code step of the job, so forged frames
cannot keep a hanging cell alive past its limit. The job object needs the attributes `sent`,
`buffer`, `last_cell`, `cells`, `cells_started`, `cell_started` and `cell_ref`.
"""
from __future__ import annotations

import json
import time

#: a control frame is short; a longer line is passed on without being parsed here
CONTROL_CHARS = 4096


def split_lines(job, data: bytes) -> list[str]:
    """Count `data` against the job's output and return the complete lines it finishes."""
    job.sent += len(data)
    job.buffer += data
    *lines, job.buffer = job.buffer.split(b"\n")
    return [raw.decode("utf-8", "replace") for raw in lines]


def control_message(line: str) -> dict | None:
    """The line as a JSON object if it is short enough to be a control frame, else None."""
    if len(line) >= CONTROL_CHARS:
        return None
    try:
        message = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return message if isinstance(message, dict) else None


def starts_cell(job, message: dict) -> bool:
    """Restart the job's cell clock if `message` starts a new code step (see the module's rule)."""
    index = message.get("i")
    if message.get("t") != "cell" or type(index) is not int or index <= job.last_cell or job.cells_started >= job.cells:
        return False
    job.last_cell, job.cells_started = index, job.cells_started + 1
    job.cell_started, job.cell_ref = time.monotonic(), str(message.get("ref", ""))[:100]
    return True


def output_flood(job) -> str | None:
    """The reason to stop a job that sent more than its output limit, else None."""
    limit = job.limits.get("output_bytes", 4 * 1024**2)
    if job.sent > limit:
        return f"sent more than {limit // 1024} KiB of output and answers (an output flood), so it was stopped"
    return None
