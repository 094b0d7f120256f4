"""The course's website (docs/, `make site`), built and then read in Chromium.

The site is built once for the module by running the build job of `.github/workflows/site.yml`
with tests/workflow_runner.py in a copy of the repository (its Pages deployment job needs
GitHub and is not run). The lectures are not executed again for it: the notebooks
tests/lecture_run.py executed for this run (shared with test_lectures.py and
test_figure_labels.py) are put in the build's cache of executed lectures
(docs/_build/executed/, keyed by docs/build.py's digest of each notebook and of the code and
data it reads), so the build finds them there.

Then one headless Chromium (Debian's /usr/bin/chromium, as test_browser.py; never a downloaded
browser) opens every page through a server on 127.0.0.1: no console error and no failed
request, every image loaded, no widget's text repr, and axe-core (shipped inside the
axe-playwright-python package, never fetched) finds no serious or critical violation of WCAG
2.1 A and AA. The same check runs on a student's feedback HTML and on the instructor report
of 01_market_size's graded samples (the session's shared batch, tests/conftest.py). Every
internal link of every page is resolved on disk, its anchor included.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

import run_notes
from tests.lecture_run import executed
from workflow_runner import run_workflow, working_tree_copy

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "site"
WIDGET_REPR = re.compile(r"\b(?:VBox|HBox|Tab|Accordion|GridBox|interactive|Output)\(children=|\bLayout\(|\bIntSlider\(|\bFloatSlider\(|\bDropdown\(")
SEVERE = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _build_module():
    """docs/build.py, imported (it is a script, not a package's module)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course_site_build", ROOT / "docs" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_run(tmp_path_factory):
    """The workflow's build job run in a copy of the repository, with the lectures this test
    run executed already in the build's cache: (run, the HTML folder)."""
    from course.lecture_units import all_units

    build = _build_module()

    checkout = working_tree_copy(ROOT, tmp_path_factory.mktemp("site") / "repo")
    cache = checkout / "docs" / "_build" / "executed"
    cache.mkdir(parents=True)
    for unit in all_units():
        nbformat.write(executed(unit).notebook, cache / f"{unit.stem}-{build.digest(unit)}.ipynb")
    run = run_workflow(WORKFLOW, checkout, job="build", timeout=600)
    return run, run.artifacts / "github-pages"


@pytest.fixture(scope="module")
def site(build_run):
    run, html = build_run
    assert run.ok, run.report()
    return html


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_build_executed_nothing_and_made_a_page_for_everything(build_run, site):
    from course.lecture_units import all_units
    from course.schemas import MODULES

    run, _ = build_run
    built = run.step("Build the website").output
    assert "executed" not in built, f"the build executed a lecture although the cache had them all:\n{built}"
    names = {p.relative_to(site).as_posix() for p in pages(site)}
    expected = {"index.html", "syllabus.html", "glossary.html", "students.html", "instructors.html", "engine.html", "contributing.html", "lectures/index.html", "datasets/index.html"}
    expected |= {f"lectures/{u.stem}.html" for u in all_units()}
    expected |= {f"datasets/{p.stem}.html" for p in (ROOT / "datasets").glob("*.md") if p.name != "README.md"}
    assert expected <= names, sorted(expected - names)
    home = (site / "index.html").read_text(encoding="utf-8")
    for module in MODULES:
        assert f"<strong>{module[:2]}</strong>" in home, f"the home page's modules list misses {module}"
    run_notes.add([f"[site] {len(names)} pages built in {run.step('Build the website').seconds:.0f} s (lectures from the run's cache)"])


def test_each_unit_links_to_the_hub_and_shows_no_widget_repr(site):
    from course.lecture_units import all_units

    settings = tomllib.loads((ROOT / "docs" / "site.toml").read_text(encoding="utf-8"))
    for unit in all_units():
        text = (site / "lectures" / f"{unit.stem}.html").read_text(encoding="utf-8")
        assert f"{settings['hub_url']}/hub/user-redirect/git-pull?repo=" in text, f"{unit.name}: no launch link"
        assert f"course%2Flectures%2F{unit.name}" in text, f"{unit.name}: the launch link does not open this unit"
        figures = sum(1 for cell in executed(unit).notebook.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {}))
        assert text.count("<img") >= figures, f"{unit.name}: {figures} figures ran, {text.count('<img')} images on the page"
        assert not WIDGET_REPR.search(text), f"{unit.name}: a widget shows as its repr: {WIDGET_REPR.search(text).group(0)}"
        widgets = sum(1 for cell in executed(unit).notebook.cells for o in cell.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
        notes = text.count('class="widget-note"')
        assert notes == widgets, f"{unit.name}: {widgets} widgets ran, {notes} notes on the page"


def test_the_syllabus_and_glossary_come_from_the_sources(site):
    from course.glossary import terms

    from grading import schedule

    syllabus = (site / "syllabus.html").read_text(encoding="utf-8")
    plan = schedule.load()
    for assignment, dates in plan.assignments.items():
        assert f"{dates.due:%a %d %b %Y, %H:%M}" in syllabus, f"the syllabus lacks {assignment}'s due date"
    assert plan.timezone.key in syllabus
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    missing = [t for t in terms()["term_zh"].astype(str) if t not in glossary]
    assert not missing, f"glossary terms missing from the page: {missing[:5]}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value and tag in ("a", "link", "img", "script"):
                self.links.append(value)


@functools.lru_cache(maxsize=None)
def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves(site):
    broken = []
    for page in pages(site):
        for link in _parsed(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parsed(target).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


def test_the_readme_is_the_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 160, f"the README has {len(readme.splitlines())} lines; the rest belongs on the site's pages"
    for page in ("index", "students", "instructors", "engine", "contributing"):
        assert f"(docs/{page}.md)" in readme, f"the README does not link docs/{page}.md"
    for command in ("make          #", "make test     #", "make site"):
        assert command in readme


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def browser(request):
    from test_browser import CHROMIUM, _require_browser

    _require_browser()
    playwright = request.getfixturevalue("playwright_driver")  # tests/conftest.py: one per process
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions"])
    try:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(60_000)
        yield context
        context.close()
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    """An HTTP server on 127.0.0.1 for a folder of the site (and for the graded workspace's
    reports): `served(folder)` gives its base URL."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _favicon(url: str) -> bool:
    return urlsplit(url).path == "/favicon.ico"


class PageChecker:
    """One browser tab that opens page after page (a new tab costs Chromium a renderer
    process: about half a second each on two cores, more than most checks).
    `check(url)` says what is wrong with the page: console errors, failed requests, images
    that did not load or have no alt text, a widget's repr, and (`axe`) serious or critical
    axe-core violations. `elsewhere_ok`: a request to another host than the page's failing
    (offline) is not counted (nbconvert's pages ask a CDN for MathJax and require.js)."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.origin, self.elsewhere_ok = "", False
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text} ({m.location.get('url')})") if m.type == "error" and self._counted(m.location.get("url", "")) else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}") if self._counted(r.url) else None)
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 and self._counted(r.url) else None)

    def _counted(self, where: str) -> bool:
        # the browser's own probe for /favicon.ico is not the page's request
        return not _favicon(where) and not (self.elsewhere_ok and urlsplit(where).netloc not in ("", self.origin))

    def check(self, url: str, axe: bool = True, elsewhere_ok: bool = False) -> list[str]:
        from axe_playwright_python.base import AXE_SCRIPT

        page = self.page
        self.problems, self.origin, self.elsewhere_ok = [], urlsplit(url).netloc, elsewhere_ok
        problems = self.problems
        page.goto(url, wait_until="load")
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        problems += [f"image did not load: {src}" for src in broken]
        unnamed = page.evaluate("[...document.images].filter(i => !(i.getAttribute('alt') || '').trim() && i.getAttribute('role') !== 'presentation').map(i => i.src)")
        problems += [f"image without alt text: {src}" for src in unnamed]
        text = page.inner_text("body")
        if WIDGET_REPR.search(text):
            problems.append(f"widget repr on the page: {WIDGET_REPR.search(text).group(0)}")
        if axe:
            page.evaluate(AXE_SCRIPT)
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
            for violation in result["violations"]:
                if violation.get("impact") in SEVERE:
                    targets = "; ".join(", ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in violation["nodes"][:3])
                    problems.append(f"axe {violation['impact']} {violation['id']}: {violation['help']} ({len(violation['nodes'])} elements: {targets})")
        # what the page does after its checks belongs to no other page: leave it first
        page.goto("about:blank")
        self.problems = []
        return problems

    def close(self) -> None:
        self.page.close()


def _axe_here(name: str, first_of: dict[str, str]) -> bool:
    """axe-core runs on every page written by hand or generated once (home, syllabus,
    glossary, the guides, the indexes), and on the first page of each kind generated many
    times (lecture units, datasets), which share one template: each run takes seconds on two
    cores. Every page still gets the other checks (images and their alt text included).
    COURSE_SITE_AXE=all runs it on every page."""
    folder = name.split("/")[0] if "/" in name else ""
    return os.environ.get("COURSE_SITE_AXE") == "all" or folder not in first_of or name.endswith("index.html") or name == first_of[folder]


def test_every_page_opens_cleanly_and_passes_axe(site, browser, served):
    from course.lecture_units import all_units

    base = served(site)
    first_unit = f"lectures/{all_units()[0].stem}.html"
    first_of = {"lectures": first_unit, "datasets": next(p.relative_to(site).as_posix() for p in pages(site) if p.parent.name == "datasets" and p.name != "index.html")}
    found = {}
    checker = PageChecker(browser)
    for page in pages(site):
        name = page.relative_to(site).as_posix()
        problems = checker.check(base + name, axe=_axe_here(name, first_of))
        if problems:
            found[name] = problems
    checker.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = []
    for name in ("index.html", first_unit):
        page = browser.new_page()
        page.goto(base + name, wait_until="load")
        shot = ARTIFACTS / (name.replace("/", "_").removesuffix(".html") + ".png")
        page.screenshot(path=str(shot))
        page.close()
        shots.append(shot)
    run_notes.add([f"[site] screenshot: {s}" for s in shots])
    assert not found, "\n".join(f"{name}:\n  " + "\n  ".join(p) for name, p in found.items())


def test_feedback_and_instructor_report_pass_axe(graded_market_size, browser, served):
    workspace, code, out = graded_market_size
    assert code == 0, out
    report = workspace / "reports" / "instructor_report.html"
    # the feedback of the samples with the most messages (wrong answers) and with a crash
    feedback = sorted((workspace / "feedback").glob("mistakes/01_market_size/*.html")) + sorted((workspace / "feedback").glob("crash/01_market_size/*.html"))
    assert report.is_file() and feedback, "the graded batch wrote no report or no feedback"
    found = {}
    base = served(workspace)
    checker = PageChecker(browser)
    for path in [report, *feedback]:
        name = path.relative_to(workspace).as_posix()
        problems = checker.check(base + name, elsewhere_ok=True)
        if problems:
            found[name] = problems
    checker.close()
    assert not found, "\n".join(f"{name}:\n  " + "\n  ".join(p) for name, p in found.items())


def test_the_page_check_finds_each_problem_on_its_own_page(browser, served, tmp_path):
    """The one tab that checks page after page reports each page's problems, and only its own."""
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>bad</title></head><body><main>'
        '<img src="missing.png" alt="a chart"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<p>VBox(children=(Dropdown(</p><script>console.error("boom")</script></main></body></html>', encoding="utf-8")
    (tmp_path / "good.html").write_text(
        '<!doctype html><html lang="en"><head><title>good</title></head><body><main><h1>Fine</h1></main></body></html>', encoding="utf-8")
    base = served(tmp_path)
    checker = PageChecker(browser)
    try:
        bad, good = checker.check(base + "bad.html", axe=False), checker.check(base + "good.html")
    finally:
        checker.close()
    said = "\n".join(bad)
    for expected in ("HTTP 404", "image did not load", "image without alt text", "widget repr on the page", "console error: boom"):
        assert expected in said, f"{expected!r} not reported for the bad page: {bad}"
    assert good == [], good
