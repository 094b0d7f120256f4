"""JupyterHub for the cbec-live course: instructors and students on one machine.

Run it from the course's virtual environment (the same one `make` builds), as root so it
can start every user's server as that user:

    COURSE_INSTRUCTORS=alice,bob COURSE_ROSTER=/srv/cbec-live/students.csv \
        /srv/cbec-live/.venv/bin/jupyterhub -f /srv/cbec-live/deploy/jupyterhub/jupyterhub_config.py

What it sets up (docs/instructors.md, "JupyterHub for a multi-user course"):

- Groups. `instructors` and `students`, plus nbgrader's course groups:
  `formgrade-cbec-live` (the instructors: nbgrader's course list links them to the
  formgrader) and `nbgrader-cbec-live` (the students: nbgrader's JupyterHubAuthPlugin shows
  them this course's assignments and lets them fetch and submit). Instructors come from
  $COURSE_INSTRUCTORS, students from $COURSE_STUDENTS and/or the roster CSV
  $COURSE_ROSTER (nbgrader's `nbgrader db student import` format, column `id`). Loading
  groups only adds members; remove one through the admin page or the REST API.
- Roles. `cbec-live-instructor` (on the `instructors` group) grants
  `access:services!service=cbec-live`, the formgrader. Students get no such scope, so the
  hub refuses them the formgrader with 403. `cbec-live-formgrader` lets the formgrader
  service put students it enrols into `nbgrader-cbec-live`. The `server` role (the token of
  every user's own server) may read its user's groups and the service list, which
  nbgrader's assignment list and course list ask the hub for.
- The formgrader is a hub-managed service named after the course id (nbgrader's
  convention): `jupyterhub-singleuser` with nbgrader's formgrader, run as the grader account
  $COURSE_GRADER_USER in the course root, at /services/cbec-live/formgrader.
- Users' own servers load `user-config/` (formgrader and Create Assignment switched off:
  grading happens in the service) and `nbgrader-global/nbgrader_config.py` (course id,
  exchange, JupyterHubAuthPlugin, path_includes_course) through $JUPYTER_CONFIG_PATH, so
  nothing has to be copied to /etc/jupyter.
- The exchange ($NBGRADER_EXCHANGE, default /srv/nbgrader/exchange). nbgrader's own
  permissions keep students apart, *provided every user is a separate unix account* (PAM
  and LocalProcessSpawner, the defaults here): the grader owns `cbec-live/inbound` with mode
  2733, so students can write a submission into it but cannot list it, and each submission
  is named `<student>+<assignment>+<timestamp>+<72 random bits>`; released feedback sits in
  a 0711 folder under names derived from a per-submission secret. A student who somehow
  learns another submission's full name can read it (its files are 0644): the guarantee is
  "cannot find", not "cannot open". Under a spawner that runs every user as the same unix
  account (SimpleLocalProcessSpawner, or containers that all run as uid 1000) there is no
  separation at all; on Kubernetes, deploy/kubernetes/config.yaml gives each student a
  private inbound volume instead.

Every path, port and class can be changed by an environment variable, so the test
(tests/test_jupyterhub.py) runs this very file on loopback, in a temporary folder, with
the dummy authenticator and the simple spawner.
"""
import csv
import os
import pwd
import secrets
import shutil
import stat
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when JupyterHub loads this file)

HERE = Path(__file__).resolve().parent
COURSE_ID = "cbec-live"
SERVICE = COURSE_ID  # nbgrader's course list expects the formgrader service to be named after the course


def env_list(name: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, "").split(",") if x.strip()]


def roster(path: str) -> list[str]:
    """Student ids from a roster CSV in nbgrader's import format (a column `id`)."""
    if not path:
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return [row["id"].strip() for row in csv.DictReader(fh) if row.get("id", "").strip()]


def is_root(account: str = "") -> bool:
    """Whether a process run as `account` ("" = the hub's own) is root: jupyter server then
    needs --allow-root (only in tests, where everything runs as the hub's account)."""
    if not account:
        return os.geteuid() == 0
    try:
        return pwd.getpwnam(account).pw_uid == 0
    except KeyError:
        return False


def executable(name: str) -> str:
    """A console script of the environment this hub runs from (its bin/ holds the hub too)."""
    return shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name) or name


# -- where things are ----------------------------------------------------------------------
# The course: a clone of this repository (its nbgrader_config.py is the instructors' config).
COURSE_ROOT = Path(os.environ.get("COURSE_ROOT", HERE.parent.parent)).resolve()
# The exchange shared by all accounts; it must exist with mode 1777 (see docs/instructors.md).
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
# The hub's own state: its database, cookie secret, proxy token and pid files.
STATE = Path(os.environ.get("COURSE_HUB_STATE_DIR", "/srv/jupyterhub"))
STATE.mkdir(parents=True, exist_ok=True)
# The unix account the formgrader runs as; it owns the course's gradebook and workspace.
# (a system account without a password, e.g. `useradd --system --create-home grader-cbec-live`)
GRADER_USER = os.environ.get("COURSE_GRADER_USER") or f"grader-{COURSE_ID}"

# -- network -------------------------------------------------------------------------------
# Loopback by default: put a TLS-terminating reverse proxy (nginx, Caddy) in front, or set
# COURSE_HUB_BIND_URL=http://:8000 (and JupyterHub's ssl_cert/ssl_key) to listen publicly.
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{int(os.environ.get('COURSE_HUB_API_PORT', '8081'))}"
FORMGRADER_PORT = int(os.environ.get("COURSE_FORMGRADER_PORT", "9999"))

c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# The proxy: the pure-Python configurable-http-proxy from PyPI (this environment's
# `configurable-http-proxy`, installed with the course's `hub` extra), so no Node is needed.
# Its token is kept in the state folder, so a restarted hub can talk to a proxy that kept
# running.
c.ConfigurableHTTPProxy.command = [executable("configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(os.environ.get('COURSE_HUB_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
_token_file = STATE / "proxy_auth_token"
if not _token_file.exists():
    _token_file.touch(mode=0o600)
    _token_file.write_text(secrets.token_hex(32))
c.ConfigurableHTTPProxy.auth_token = _token_file.read_text().strip()

# -- who may log in ------------------------------------------------------------------------
c.JupyterHub.authenticator_class = os.environ.get("COURSE_HUB_AUTHENTICATOR", "pam")
if c.JupyterHub.authenticator_class == "dummy":
    # for tests and demonstrations only: every user shares this password
    c.DummyAuthenticator.password = os.environ["COURSE_HUB_DUMMY_PASSWORD"]

INSTRUCTORS = env_list("COURSE_INSTRUCTORS")
STUDENTS = sorted(set(env_list("COURSE_STUDENTS")) | set(roster(os.environ.get("COURSE_ROSTER", ""))))
c.Authenticator.allowed_users = set(INSTRUCTORS) | set(STUDENTS)
# users added later through the admin page or the REST API may log in too
c.Authenticator.allow_existing_users = True
c.Authenticator.admin_users = set(env_list("COURSE_HUB_ADMINS"))


# The grader account is a hub user only so that nbgrader's JupyterHubAuthPlugin, asked by the
# formgrader which courses "its" user grades, finds it in formgrade-cbec-live. It never logs
# in. (Not through blocked_users: the hub takes blocked users out of every group.)
def refuse_grader_login(authenticator, handler, authentication):
    if authentication["name"] == GRADER_USER:
        authenticator.log.warning("%s is the formgrader's account; it does not log in", GRADER_USER)
        return None
    return authentication


c.Authenticator.post_auth_hook = refuse_grader_login

c.JupyterHub.load_groups = {
    "instructors": {"users": INSTRUCTORS},
    "students": {"users": STUDENTS},
    f"formgrade-{COURSE_ID}": {"users": INSTRUCTORS + [GRADER_USER]},
    f"nbgrader-{COURSE_ID}": {"users": STUDENTS},
}

c.JupyterHub.load_roles = [
    {
        "name": f"{COURSE_ID}-instructor",
        "description": "Use the course's formgrader and see the course's users",
        "groups": ["instructors"],
        "scopes": [
            f"access:services!service={SERVICE}",
            f"read:services!service={SERVICE}",
            "list:users",
            "read:users:name",
            "read:users:groups",
        ],
    },
    {
        "name": f"{COURSE_ID}-formgrader",
        "description": "nbgrader's JupyterHubAuthPlugin: enrol students in the course group",
        "services": [SERVICE],
        "scopes": [
            "list:users",
            "read:users",
            "list:groups",
            f"read:groups!group=nbgrader-{COURSE_ID}",
            f"groups!group=nbgrader-{COURSE_ID}",
        ],
    },
    {
        # the token each user's own server gets (JupyterHub's default plus what nbgrader reads)
        "name": "server",
        "scopes": [
            "users:activity!user",
            "access:servers!server",
            "read:users:name!user",
            "read:users:groups!user",
            "list:services",
            "read:services",
        ],
    },
]

# -- the formgrader, a hub-managed service ---------------------------------------------------
_passed_on = {k: os.environ[k] for k in ("COURSE_GRADING_WORKSPACE", "COURSE_GRADEBOOK_URL") if k in os.environ}
formgrader = {
    "name": SERVICE,
    "url": f"http://127.0.0.1:{FORMGRADER_PORT}",
    "command": [
        executable("jupyterhub-singleuser"),
        f"--ServerApp.root_dir={COURSE_ROOT}",
        "--ServerApp.default_url=/formgrader",
    ],
    # nbgrader reads the course's nbgrader_config.py from the folder it starts in
    "cwd": str(COURSE_ROOT),
    "environment": {
        **_passed_on,
        "NBGRADER_EXCHANGE": EXCHANGE,
        "JUPYTER_CONFIG_PATH": str(HERE / "nbgrader-global"),
        "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", os.defpath)]),
    },
    # JUPYTERHUB_USER of the service, which nbgrader's JupyterHubAuthPlugin asks the hub about
    "user": GRADER_USER,
    "oauth_no_confirm": True,
    "info": {"description": "nbgrader formgrader of the cbec-live course (instructors only)"},
}
if is_root(GRADER_USER):
    formgrader["command"].append("--allow-root")
c.JupyterHub.services = [formgrader]

# -- everyone's own server -------------------------------------------------------------------
c.JupyterHub.spawner_class = os.environ.get("COURSE_HUB_SPAWNER", "localprocess")
c.Spawner.cmd = [executable("jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "NBGRADER_EXCHANGE": EXCHANGE,
    # user-config first: it switches the formgrader off in users' own servers
    "JUPYTER_CONFIG_PATH": os.pathsep.join([str(HERE / "user-config"), str(HERE / "nbgrader-global")]),
}
# Culling: kernels idle for 30 minutes are stopped, and a server with no kernels and no
# activity for an hour shuts itself down (the hub shows it as stopped; the next visit starts it).
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
    "--ServerApp.shutdown_no_activity_timeout=3600",
]
if c.JupyterHub.spawner_class in ("simple", "jupyterhub.spawner.SimpleLocalProcessSpawner") and is_root():
    c.Spawner.args.append("--allow-root")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60


# -- a word at start-up about what the exchange does and does not guarantee here -----------------
def _exchange_warnings() -> list[str]:
    notes = []
    spawner = str(c.JupyterHub.spawner_class)
    if spawner in ("simple", "jupyterhub.spawner.SimpleLocalProcessSpawner"):
        notes.append(
            "every user runs as the hub's own unix account (SimpleLocalProcessSpawner): the exchange "
            "does not keep students' submissions apart; use this only for tests"
        )
    root = Path(EXCHANGE)
    if not root.is_dir():
        notes.append(f"the exchange {root} does not exist; create it with mode 1777 before releasing")
    else:
        inbound = root / COURSE_ID / "inbound"
        if inbound.is_dir() and inbound.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
            notes.append(f"{inbound} can be listed by other accounts; nbgrader makes it 2733")
    return notes


for _note in _exchange_warnings():
    print(f"[cbec-live jupyterhub_config] warning: {_note}", file=sys.stderr)
