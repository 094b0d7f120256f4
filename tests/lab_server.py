"""A throwaway JupyterLab server on loopback, for the browser tests (tests/test_browser.py).

`LabServer(base, root)` runs `jupyter lab` from this environment with `root` as its root
folder, on 127.0.0.1, a free port and a random token, and with nothing of the machine's own
Jupyter state: HOME, the Jupyter config, data and runtime folders, IPython's and
matplotlib's folders and JupyterLab's settings and workspaces all live in `base` (a
temporary folder). The environment's own installation (the kernel, nbgrader's and
ipywidgets' lab and server extensions) is found as usual through sys.prefix. Nothing is
fetched from the network: news and update checks are off and the extension manager is
read-only. Autosave is off: the tests save with File > Save when they mean to.

`stop()` ends the server and everything it started (kernels run in process groups of their
own, so whatever still names `base` in its environment or command line is ended too).
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from processes import free_ports, stop_tree

BIN = Path(sys.executable).parent
START_TIMEOUT = 90  # seconds for `jupyter lab` to answer /api/status on two busy cores


class LabServerError(RuntimeError):
    pass


def isolated_env(base: Path, **extra: str) -> dict[str, str]:
    """This process's environment with every per-user Jupyter, IPython and matplotlib folder
    moved into `base`, and `extra` on top."""
    dirs = {
        "HOME": base / "home",
        "JUPYTER_CONFIG_DIR": base / "jupyter-config",
        "JUPYTER_DATA_DIR": base / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": base / "jupyter-runtime",
        "IPYTHONDIR": base / "ipython",
        "MPLCONFIGDIR": base / "matplotlib",
        "XDG_CACHE_HOME": base / "cache",
        "XDG_CONFIG_HOME": base / "config",
    }
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}}
    env["PATH"] = os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)])
    # the kernel must use matplotlib's inline backend, as a student's does (the test suite's
    # conftest sets MPLBACKEND=Agg for itself, which would make plt.show() draw nothing)
    for key in ("MPLBACKEND", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH", "JUPYTERLAB_SETTINGS_DIR",
                "JUPYTERLAB_WORKSPACES_DIR", "JUPYTER_TOKEN", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_USER",
                "COURSE_GRADEBOOK_URL", "PYTHONPATH"):
        env.pop(key, None)
    env.update(extra)
    return env


class LabServer:
    def __init__(self, base: Path, root: Path, env: dict[str, str] | None = None):
        self.base = Path(base)
        self.root = Path(root)
        self.env = env or isolated_env(self.base)
        self.port = free_ports(1)[0]
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.base / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None
        self._log = None
        self._write_settings()

    def _write_settings(self) -> None:
        config = Path(self.env["JUPYTER_CONFIG_DIR"])
        # no request leaves the machine: no news feed, no update check, no extension search
        (config / "jupyter_server_config.json").write_text(json.dumps({
            # expose_app_in_browser: window.jupyterapp, so a test opens notebook after notebook
            # in one booted page (docmanager:open) instead of booting JupyterLab for each
            "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                       "extension_manager": "readonly", "expose_app_in_browser": True},
            # a test's kernels are shut down when it ends; one that does not answer the polite
            # request (about one in six: see nbgrader_config.py) is killed after 1 s, not 5 s
            "KernelManager": {"shutdown_wait_time": 1.0},
        }, indent=2))
        notification = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
        notification.parent.mkdir(parents=True, exist_ok=True)
        notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        # the tests save when they mean to (File > Save) and then read the file through the
        # contents API; an autosave in between could be caught half-written by that read
        docmanager = config / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
        docmanager.parent.mkdir(parents=True, exist_ok=True)
        docmanager.write_text(json.dumps({"autosave": False}))

    def start(self) -> None:
        args = [
            str(BIN / "jupyter"), "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
        ]
        if os.geteuid() == 0:
            args.append("--ServerApp.allow_root=True")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, cwd=self.root, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    def api(self, method: str, path: str, **kwargs):
        import requests

        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=kwargs.pop("timeout", 30), **kwargs)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise LabServerError(f"jupyter lab exited with status {self.proc.returncode} while starting\n{self.log_tail()}")
            try:
                response = self.api("GET", "/api/status", timeout=5)
                if response.status_code == 200 and "started" in response.json():
                    return
                last = f"HTTP {response.status_code}"
            except Exception as exc:  # noqa: BLE001 (connection refused while it starts)
                last = repr(exc)
            time.sleep(0.5)
        raise LabServerError(f"jupyter lab did not answer /api/status within {timeout:.0f} s (last: {last})\n{self.log_tail()}")

    def shutdown_kernels(self) -> None:
        """Shut down every session's kernel (each test leaves the server as it found it)."""
        try:
            for session in self.api("GET", "/api/sessions").json():
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except Exception:  # noqa: BLE001 (the server is gone: stop() ends its kernels)
            pass

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return f"--- last lines of the JupyterLab log ({self.log_path}) ---\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to the server (it shuts its kernels down), SIGKILL to its process group
        after 10 s, then SIGTERM and SIGKILL to whatever still names our folder."""
        stop_tree(self.proc, str(self.base))
        if self._log is not None:
            self._log.close()
            self._log = None
