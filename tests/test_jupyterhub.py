"""The course's JupyterHub (deploy/jupyterhub/jupyterhub_config.py), run for real on loopback.

One hub for the module: the deployment's own config file, pointed by environment variables
at a temporary folder (database, cookie secret, proxy token, pid files, exchange, grading
workspace, users' homes), with the dummy authenticator and SimpleLocalProcessSpawner (every
user runs as the current unix account, which is fine here: the test checks what the hub
allows, not unix permissions). The hub starts the formgrader service itself, in this
repository with a temporary grading workspace. One assignment is released into the
temporary exchange with `nbgrader release_assignment`.

Checked: an instructor reaches the formgrader; a student reaches nbgrader's assignment list
in their own server, sees the released assignment and can fetch it, and is refused the
formgrader (403) and has none in their own server; the grader's account cannot log in; the
exchange's inbound folder has the mode that keeps students from listing it. A second test runs the per-student collect used
on Kubernetes (grading/hub_exchange.py).

The hub packages come with the course's `test` extra. Without JupyterHub the hub tests are
skipped, unless COURSE_REQUIRE_SERVICES=1 (CI), where that fails too.
"""
from __future__ import annotations

import getpass
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from processes import free_ports, stop_tree

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
BIN = Path(sys.executable).parent
COURSE_ID = "cbec-live"
ASSIGNMENT = "01_market_size"
PASSWORD = "cbec-live-hub-test"
START_TIMEOUT = 60  # seconds for the hub, the formgrader service, or a user's server to come up
FORMGRADER_MARK = "<title>nbgrader formgrade</title>"


def _require_hub_packages():
    """Skip when JupyterHub is not installed (unless COURSE_REQUIRE_SERVICES=1, as in CI);
    with JupyterHub installed, any other missing piece fails."""
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        reason = "JupyterHub is not installed; install the course with its `test` (or `hub`) extra"
        if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
            pytest.fail(reason + " (COURSE_REQUIRE_SERVICES=1)")
        pytest.skip(reason)
    missing = [s for s in ("jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy", "nbgrader")
               if not (BIN / s).exists()]
    if missing:
        pytest.fail(f"console scripts missing from {BIN}: {', '.join(missing)}; "
                    "install the course with its `test` (or `hub`) extra")


class Hub:
    def __init__(self, base: Path):
        self.base = base
        self.state = base / "state"
        self.exchange = base / "exchange"
        self.workspace = base / "workspace"
        self.homes = base / "home"
        for d in (self.state, self.exchange, self.workspace, self.homes):
            d.mkdir(parents=True)
        self.exchange.chmod(0o1777)
        self.log_path = base / "hub.log"
        public, api, proxy_api, formgrader = free_ports(4)
        self.url = f"http://127.0.0.1:{public}"
        self.env = {
            **os.environ,
            "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)]),
            "COURSE_HUB_STATE_DIR": str(self.state),
            "NBGRADER_EXCHANGE": str(self.exchange),
            "COURSE_GRADING_WORKSPACE": str(self.workspace),
            "COURSE_HUB_AUTHENTICATOR": "dummy",
            "COURSE_HUB_DUMMY_PASSWORD": PASSWORD,
            "COURSE_HUB_SPAWNER": "simple",
            "COURSE_GRADER_USER": getpass.getuser(),
            "COURSE_INSTRUCTORS": "instructor1",
            "COURSE_STUDENTS": "student1",
            "COURSE_HUB_BIND_URL": self.url,
            "COURSE_HUB_API_PORT": str(api),
            "COURSE_HUB_PROXY_API_PORT": str(proxy_api),
            "COURSE_FORMGRADER_PORT": str(formgrader),
        }
        for key in ("COURSE_GRADEBOOK_URL", "JUPYTER_CONFIG_PATH", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_USER"):
            self.env.pop(key, None)
        self.proc = None

    def start(self):
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(CONFIG),
             f"--SimpleLocalProcessSpawner.home_dir_template={self.homes}/{{username}}"],
            cwd=self.state, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no hub log)"
        return "\n".join(text.splitlines()[-lines:])

    def fail(self, what: str):
        pytest.fail(f"{what}\n--- last lines of the hub's log ({self.log_path}) ---\n{self.log_tail()}")

    def wait_until(self, what: str, check, timeout: float = START_TIMEOUT):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"JupyterHub exited with status {self.proc.returncode} while waiting for {what}")
            try:
                result = check()
                if result:
                    return result
            except Exception as exc:  # noqa: BLE001 (connection refused while starting, and the like)
                last = exc
            time.sleep(0.5)
        self.fail(f"timed out after {timeout:.0f} s waiting for {what} (last error: {last!r})")

    def stop(self):
        """Stop everything this hub started, even after a failure. SIGTERM to the hub first:
        it stops users' servers, its service and its proxy itself. Then whatever still names
        our folder (the proxy, the service, users' servers and kernels run in sessions of their
        own, out of reach of the hub's process group) gets SIGTERM, and SIGKILL after 3 s."""
        stop_tree(self.proc, str(self.base), grace=6)
        if self.proc is not None:
            self._log.close()


def _release_assignment(hub: Hub) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT],
        cwd=ROOT, env=hub.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    _require_hub_packages()
    hub = Hub(tmp_path_factory.mktemp("jupyterhub"))
    try:
        hub.start()
        release = _release_assignment(hub)  # runs while the hub and its service start
        import requests

        hub.wait_until("the hub's /hub/health", lambda: requests.get(f"{hub.url}/hub/health", timeout=5).status_code == 200)

        def service_up():
            # jupyter server's /api answers without authentication, once the proxy routes to it
            response = requests.get(f"{hub.url}/services/{COURSE_ID}/api", timeout=5)
            return response.status_code == 200 and "version" in response.json()

        hub.wait_until("the formgrader service (the hub starts it)", service_up)
        output, _ = release.communicate(timeout=120)
        if release.returncode != 0:
            pytest.fail(f"nbgrader release_assignment failed:\n{output.decode(errors='replace')}")
        yield hub
    finally:
        hub.stop()


def _login(hub: Hub, username: str):
    import requests

    session = requests.Session()
    page = session.get(f"{hub.url}/hub/login", timeout=10)
    assert page.status_code == 200, page.text[:500]
    match = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
    xsrf = match.group(1) if match else session.cookies.get("_xsrf", "")
    response = session.post(
        f"{hub.url}/hub/login",
        data={"username": username, "password": PASSWORD, "_xsrf": xsrf},
        allow_redirects=False, timeout=10,
    )
    if response.status_code != 302:
        hub.fail(f"logging in as {username} gave {response.status_code}: {response.text[:500]}")
    return session


def _formgrader_url(hub: Hub) -> str:
    return f"{hub.url}/services/{COURSE_ID}/formgrader"


def test_instructor_reaches_the_formgrader(hub):
    session = _login(hub, "instructor1")

    response = session.get(_formgrader_url(hub), timeout=30)
    assert response.status_code == 200, (response.status_code, response.url, response.text[:500])
    assert FORMGRADER_MARK in response.text
    assert "Manage Assignments" in response.text
    assert response.url.startswith(_formgrader_url(hub))
    # the service runs in the course root with the course's nbgrader config, the test's
    # exchange (where the assignment was released) and the temporary grading workspace
    api = session.get(f"{hub.url}/services/{COURSE_ID}/formgrader/api/assignments", timeout=60)
    assert api.status_code == 200, api.text[:500]
    assignments = {a["name"]: a for a in api.json()}
    assert set(assignments) >= {ASSIGNMENT, "09_capstone"}, sorted(assignments)
    assert assignments[ASSIGNMENT]["status"] == "released", assignments[ASSIGNMENT]
    assert (hub.workspace / "gradebook.db").is_file()


def test_student_reaches_the_assignment_list_but_not_the_formgrader(hub):
    session = _login(hub, "student1")

    # the formgrader service refuses a student: the hub does not let its OAuth through
    refused = session.get(_formgrader_url(hub), timeout=10)
    assert refused.status_code == 403, (refused.status_code, refused.url, refused.text[:500])
    assert FORMGRADER_MARK not in refused.text
    assert not refused.url.startswith(_formgrader_url(hub))

    # the student's own server: spawn it and wait for it
    xsrf = session.cookies.get("_xsrf", path="/hub/") or session.cookies.get("_xsrf", "")
    spawn = session.post(f"{hub.url}/hub/spawn", data={"_xsrf": xsrf}, timeout=30, allow_redirects=False)
    assert spawn.status_code in (200, 302), (spawn.status_code, spawn.text[:500])
    user_url = f"{hub.url}/user/student1"

    def lab_page():
        # while spawning this ends on the hub's spawn-pending page; once up, the server's OAuth
        # with the hub runs through the redirects and sets the cookie its API accepts
        response = session.get(f"{user_url}/lab", timeout=30)
        return response.status_code == 200 and response.url.startswith(f"{user_url}/lab")

    hub.wait_until("student1's server", lab_page)
    assert session.get(f"{user_url}/api/status", timeout=10).status_code == 200

    # nbgrader's assignment list (the server extension's endpoint the lab page calls)
    listing = session.get(f"{user_url}/assignments", params={"course_id": COURSE_ID}, timeout=60)
    assert listing.status_code == 200, listing.text[:500]
    answer = listing.json()
    assert answer["success"], answer
    released = [a for a in answer["value"] if a["assignment_id"] == ASSIGNMENT]
    assert released and released[0]["course_id"] == COURSE_ID and released[0]["status"] == "released", answer
    courses = session.get(f"{user_url}/courses", timeout=60).json()
    assert courses == {"success": True, "value": [COURSE_ID]}, courses

    # fetch it, as the Assignments tab's Fetch button does (path_includes_course: ~/cbec-live/<id>/)
    jupyter_xsrf = session.cookies.get("_xsrf", path="/user/student1/") or ""
    fetched = session.post(
        f"{user_url}/assignments/fetch",
        data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT},
        headers={"X-XSRFToken": jupyter_xsrf}, timeout=60,
    )
    assert fetched.status_code == 200, fetched.text[:500]
    assert (hub.homes / "student1" / COURSE_ID / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), fetched.text[:2000]

    # no formgrader in a student's own server either
    own = session.get(f"{user_url}/formgrader", timeout=10)
    assert own.status_code == 404
    assert FORMGRADER_MARK not in own.text


def test_the_graders_account_does_not_log_in(hub):
    """The formgrader's account is a hub user (nbgrader's course groups need it) that the
    config refuses at login, even with the right password."""
    import requests

    session = requests.Session()
    page = session.get(f"{hub.url}/hub/login", timeout=10)
    xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{hub.url}/hub/login",
        data={"username": hub.env["COURSE_GRADER_USER"], "password": PASSWORD, "_xsrf": xsrf},
        allow_redirects=False, timeout=10,
    )
    assert response.status_code == 403, (response.status_code, response.headers.get("location"))
    assert "jupyterhub-session-id" not in session.cookies or not session.get(
        f"{hub.url}/hub/api/user", timeout=10).ok


def test_exchange_inbound_cannot_be_listed_by_students(hub):
    inbound = hub.exchange / COURSE_ID / "inbound"
    mode = inbound.stat().st_mode & 0o7777
    # setgid, rwx for the grader, write and traverse (no read) for everyone else
    assert mode == 0o2733, oct(mode)
    assert (hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT).is_dir()


def test_per_student_inbound_collect(tmp_path, caplog, monkeypatch):
    """The Kubernetes layout: each student's pod writes into a folder of its own; the
    formgrader collects from all of them and skips a submission filed under another name."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config, PyFileConfigLoader

    from grading.hub_exchange import PerStudentInboundCollect

    # the global config selects it where the formgrader's pod says so
    monkeypatch.setenv("COURSE_EXCHANGE_INBOUND", "per-student")
    # the gradebook nbgrader opens runs `alembic`, a console script of this environment
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)]))
    loaded = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "deploy" / "jupyterhub" / "nbgrader-global")).load_config()
    assert loaded.ExchangeFactory.collect == "grading.hub_exchange.PerStudentInboundCollect"
    assert loaded.Exchange.path_includes_course is True

    exchange = tmp_path / "exchange"
    per_student = exchange / COURSE_ID / "inbound-by-student"
    stamp = "2026-12-01 10:00:00.000000 UTC"
    for folder, claimed in (("student1", "student1"), ("student2", "student2"), ("student2", "student1")):
        submission = per_student / folder / f"{claimed}+{ASSIGNMENT}+{stamp}+{folder}x"
        shutil.copytree(ROOT / "release" / ASSIGNMENT, submission)
        (submission / "timestamp.txt").write_text(stamp)
        (submission / "from.txt").write_text(folder)

    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.assignment_id = ASSIGNMENT
    config.CourseDirectory.db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    config.Exchange.root = str(exchange)
    coursedir = CourseDirectory(config=config)
    collect = PerStudentInboundCollect(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
    with caplog.at_level(logging.WARNING):
        collect.log = logging.getLogger("test-per-student-collect")
        collect.start()

    submitted = tmp_path / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["student1", "student2"]
    for student in ("student1", "student2"):
        assert (submitted / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
        # each student's own copy, never the one student2 filed under student1's name
        assert (submitted / student / ASSIGNMENT / "from.txt").read_text() == student
    assert "submitted from the folder of student2" in caplog.text
