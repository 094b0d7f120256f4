"""nbgrader's collect for an exchange whose inbound folder is split per student (Kubernetes).

nbgrader keeps students apart in its exchange with unix permissions: the grader owns
`<exchange>/<course>/inbound` (mode 2733), so a student can write a submission there but
cannot list anyone else's. On Zero to JupyterHub every user's pod runs as the same uid
(1000), which defeats that. deploy/kubernetes/config.yaml therefore mounts, into each
student's pod only, a folder of their own as the inbound folder:

    <exchange volume>/cbec-live/inbound-by-student/<username>/  ->  <exchange>/cbec-live/inbound

so `nbgrader submit` works unchanged and a student's pod holds no path to another's work.
The formgrader's pod mounts the whole volume and collects with this class
(`c.ExchangeFactory.collect = "grading.hub_exchange.PerStudentInboundCollect"`), which reads
every student's folder. A submission whose name claims another student than the folder it
sits in is skipped with a warning: a student can write only into their own folder, so that
is a forgery.
"""
from __future__ import annotations

import glob
import os

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect, groupby
from traitlets import Unicode, default


class PerStudentInboundCollect(ExchangeCollect):
    inbound_folder = Unicode(
        "inbound-by-student",
        help="The folder of the course in the exchange that holds one inbound folder per student.",
    ).tag(config=True)

    @default("check_owner")
    def _check_owner_default(self):
        # every pod runs as uid 1000, so a folder's owner says nothing; its name does (above)
        return False

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        # relative to inbound_path, so copy_files finds it one folder down
        record["filename"] = os.path.relpath(path, self.inbound_path)
        record["folder"] = os.path.basename(os.path.dirname(path))
        return record

    def init_src(self):
        # nbgrader 0.9's ExchangeCollect.init_src, reading <inbound_folder>/*/ instead of inbound/
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, self.inbound_folder)
        if not os.path.isdir(self.inbound_path):
            self.fail("Course not found: {}".format(self.inbound_path))
        student_id = self.coursedir.student_id if self.coursedir.student_id else "*"
        pattern = os.path.join(self.inbound_path, "*", "{}+{}+*".format(student_id, self.coursedir.assignment_id))
        records = []
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            if record["folder"] != record["username"]:
                self.log.warning(
                    "Skipping %s: it names student %s but was submitted from the folder of %s",
                    path, record["username"], record["folder"])
                continue
            records.append(record)
        usergroups = groupby(records, lambda item: item["username"])

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        if self.duedate is None or not self.before_duedate:
            self.src_records = [self._sort_by_timestamp(v)[0] for v in usergroups.values()]
        else:
            self.src_records = []
            for v in usergroups.values():
                ordered = self._sort_by_timestamp(v)
                before = [r for r in ordered if r["timestamp"] <= self.duedate]
                self.src_records.append(before[0] if before else ordered[0])
