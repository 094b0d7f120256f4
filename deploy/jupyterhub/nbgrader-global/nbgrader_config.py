"""The course's global nbgrader configuration on the JupyterHub (every account reads it).

jupyterhub_config.py puts this folder on $JUPYTER_CONFIG_PATH for every user's server and
for the formgrader service; on a machine where the hub does not, copy this file to
/etc/jupyter/nbgrader_config.py. A student's assignment list then shows this course's
released assignments, and Fetch and Submit go to the course's exchange. In the formgrader
service the course's own nbgrader_config.py (in the course root, read after this file)
adds the instructors' settings: folders, gradebook, header, timeouts.
"""
import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "cbec-live"
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
# A fetched assignment lands in ~/cbec-live/<assignment>/, so the courses a student takes
# on the same hub never share a folder.
c.Exchange.path_includes_course = True
# Course membership comes from the hub's groups: `nbgrader-cbec-live` (students) and
# `formgrade-cbec-live` (instructors). A user in neither sees no assignment of this course
# and cannot fetch or submit; enrolling a student in the formgrader adds them to the group.
c.Authenticator.plugin_class = JupyterHubAuthPlugin

# On Kubernetes (deploy/kubernetes/) each student's pod gets an inbound folder of its own;
# the formgrader's pod sets COURSE_EXCHANGE_INBOUND=per-student to collect from all of them.
if os.environ.get("COURSE_EXCHANGE_INBOUND") == "per-student":
    c.ExchangeFactory.collect = "grading.hub_exchange.PerStudentInboundCollect"
