"""JupyterLab driven the way a student drives it: Debian's Chromium under Playwright.

One JupyterLab server for the module (tests/lab_server.py): on 127.0.0.1, a free port and a
random token, isolated from the machine's Jupyter state, with its root folder a temporary
copy of what a student has: the student bundle (`grading.bundle.build`: assignments/,
release/, course/ with the lectures, datasets/) plus the course's nbgrader_config.py, as in
`make lab`. The tests never touch the repository's files (lectures are saved when run: the
copy is). 01_market_size is released into a temporary exchange with `nbgrader
release_assignment` while the server starts.

For every lecture unit that shows a widget (the others run in tests/test_lectures.py), in one
headless browser per worker, in one tab where JupyterLab boots once (each test closes what
it opened and shuts its kernels down; a failed test makes the next one boot JupyterLab again):
  open course/lectures/<id>.ipynb, wait for its kernel, Run > Run All Cells, wait until every
  code cell has an execution count and the kernel is idle, File > Save (and wait until the
  notebook says its save completed); then
  - no cell shows an error: no error output in the saved notebook and no stderr output with
    a traceback on the page (warnings on stderr are allowed and reported at the end);
  - every widget renders: each cell shows as many rendered widget views as the saved
    notebook has widget outputs in that cell, and no "Loading widget..." or "Error
    displaying widget" is left;
  - the first widget is screenshotted to tests/artifacts/screenshots/<id>.png, then its
    first control (a dropdown: another option; a slider: one arrow-key step) is moved, and
    the widget's output (its plots, text and HTML) changes, with no traceback in it.
Controls are found by kind and position, never by label text.

For the assignment: Validate on the untouched release (nbgrader's dialog lists the failed
cells), Validate on a solved copy (the `perfect` sample of grading/samples: a student's
correct answers in the release, in assignments/01_market_size/: "Success! Your notebook
passes all the tests."), and the
Assignments tab (Nbgrader > Assignment List) listing the released assignment, whose Fetch
button copies it into the student's folder.

Skipped where /usr/bin/chromium (.ci/install-chromium) or the playwright package (the
`test` extra) is missing, unless COURSE_REQUIRE_SERVICES=1 (CI), where that fails.
Playwright never downloads a browser here: it launches /usr/bin/chromium.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

import run_notes
from course.lecture_units import all_units, shows_widgets
from lab_server import BIN, LabServer, LabServerError, isolated_env

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
#: the lecture units that show a widget. A unit without one is run top to bottom by
#: tests/test_lectures.py in a kernel of its own, with the same checks (no error output, no
#: traceback on stderr); what only a browser can check is that widgets render and respond
LECTURES = [p.stem for p in all_units(ROOT / "course" / "lectures") if shows_widgets(p)]
ASSIGNMENT = "01_market_size"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

RUN_ALL_TIMEOUT = 300  # s for Run All Cells of one lecture (most take 5-30 s on two cores)
VALIDATE_TIMEOUT = 180  # s for nbgrader's Validate (it runs the whole notebook in a new kernel)
WIDGET_TIMEOUT = 60  # s for widgets to render, and for a widget to answer a moved control

#: what the session saw besides pass or fail, printed at its end
REPORT: dict[str, list[str]] = {"screenshots": [], "notes": []}


def _require_browser() -> None:
    problems = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(f"{CHROMIUM} is missing (run .ci/install-chromium: Debian's chromium and fonts-noto-cjk)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is missing (install the course with its `test` extra: pip install -e '.[test]')")
    if problems:
        message = "browser tests need Chromium and Playwright: " + "; ".join(problems)
        if os.environ.get("COURSE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message} (COURSE_REQUIRE_SERVICES=1: the browser tests must run; .ci/install-chromium installs the browser)", pytrace=False)
        pytest.skip(message)


# -- the student's copy and the server -----------------------------------------------------------

def _student_copy(target: Path) -> Path:
    """The student bundle with the course's nbgrader config, and a solved notebook in the
    student's working folder assignments/01_market_size/."""
    from grading.bundle import build
    from grading.samples import build as build_sample, load_samples

    build(target)
    shutil.copy2(ROOT / "nbgrader_config.py", target / "nbgrader_config.py")
    solution = next(s for s in load_samples(ASSIGNMENT) if s.student_id == "perfect")
    solved = target / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    solved.write_text(build_sample(solution, target / "release"), encoding="utf-8")
    return target


# module-scoped, not session: the server and the browser stop once this module's tests on a
# worker are done (an idle JupyterLab with its browser still takes a few per cent of a core)
@pytest.fixture(scope="module")
def lab(browser_context):
    # a folder of our own, removed at the end, rather than pytest's tmp folders (kept for the
    # last three runs): the student copy holds a sample with the correct answers
    base = Path(tempfile.mkdtemp(prefix="cbec-browser-"))
    root = _student_copy(base / "student")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    env = isolated_env(base, NBGRADER_EXCHANGE=str(exchange), COURSE_GRADING_WORKSPACE=str(base / "workspace"))
    server = LabServer(base, root, env)
    try:
        server.start()
        # the instructor releases the assignment while the server starts (nbgrader reads the
        # copy's nbgrader_config.py, so nothing is written to the repository)
        release = subprocess.run([str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT], cwd=root, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=180)
        if release.returncode != 0:
            pytest.fail(f"nbgrader release_assignment {ASSIGNMENT} failed:\n{release.stdout.decode(errors='replace')}")
        try:
            server.wait_ready()
        except LabServerError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def browser_context(request):
    _require_browser()
    playwright = request.getfixturevalue("playwright_driver")  # tests/conftest.py: one per process
    browser = None
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions"],
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        yield context
        context.close()
    finally:
        if browser is not None:
            browser.close()
        # shown at the end of the run (tests/run_notes.py), even when pytest captures output
        # and from an xdist worker: where the screenshots are, what was noted
        lines = [f"screenshot: {p}" for p in REPORT["screenshots"]] + [f"note: {n}" for n in REPORT["notes"]]
        run_notes.add([f"[browser tests] {line}" for line in lines])
        REPORT["screenshots"].clear()
        REPORT["notes"].clear()


class Page:
    """One browser tab on the lab for the module: JupyterLab boots in it once (about two
    seconds of CPU on two cores) and each test opens its notebook there, after the last
    test's documents are closed and its kernels shut down. A test that fails leaves the tab
    to be booted again, so what it left open cannot reach the next test."""

    def __init__(self, context, lab: LabServer):
        self.lab = lab
        self.name = "browser"
        self.page = context.new_page()
        self.console: list[str] = []
        self.booted = False
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text[:300]}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {str(e)[:300]}"))

    def start_test(self, name: str) -> None:
        self.name = name
        self.console.clear()

    def boot(self) -> None:
        # a workspace of its own, reset, so nothing another run had open is reopened
        self.page.goto(f"{self.lab.url}/lab/workspaces/tests?reset&token={self.lab.token}")
        self.page.wait_for_selector("#jp-MainMenu .lm-MenuBar-item")
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')")
        self.booted = True

    def open(self, path: str = "") -> None:
        """The booted JupyterLab with nothing open, then the document at `path` (if any)
        opened as File > Open would."""
        if not self.booted:
            self.boot()
        if path:
            self.page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', {path})", path)

    def menu(self, top: str, command: str) -> None:
        """Click a main-menu entry: the top menu by its title, the entry by its command id."""
        self.page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(rf"^\s*{top}\s*$")).click()
        self.page.locator(f".lm-Menu-item[data-command='{command}']").click()

    def wait_for_kernel_idle(self, timeout: float = 120) -> None:
        self.page.wait_for_function(
            "() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')"
            " && document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'",
            timeout=timeout * 1000, polling=250)

    def save(self, timeout: float = 60) -> None:
        """File > Save, and wait until the document says its save completed (a status bar
        message would still show the last test's save)."""
        self.page.evaluate("""() => {
            const context = window.jupyterapp.shell.currentWidget.context;
            window.cbecSaves = [];
            context.saveState.connect((_, state) => window.cbecSaves.push(state));
        }""")
        self.menu("File", "docmanager:save")
        self.page.wait_for_function("() => window.cbecSaves.some(s => s !== 'started')", timeout=timeout * 1000, polling=100)
        states = self.page.evaluate("() => window.cbecSaves")
        assert "completed" in states, f"File > Save did not complete: {states}"

    @contextlib.contextmanager
    def diagnosed(self):
        """On a failure, keep a screenshot of the whole page and print (pytest shows it) the
        browser's console errors and the end of the server's log."""
        try:
            yield
        except BaseException:
            self.booted = False  # what the failed test left open is not the next test's
            shot = ARTIFACTS / "failures" / f"{self.name}.png"
            with contextlib.suppress(Exception):
                shot.parent.mkdir(parents=True, exist_ok=True)
                self.page.screenshot(path=str(shot), full_page=True)
                print(f"screenshot of the page at the failure: {shot}")
            print("browser console errors:\n  " + ("\n  ".join(self.console[-20:]) or "(none)"))
            print(self.lab.log_tail())
            raise

    def close_documents(self) -> None:
        """Close what the test opened, without asking to save, and shut its kernels down."""
        if self.booted:
            try:
                self.page.evaluate("""() => {
                    for (const widget of Array.from(window.jupyterapp.shell.widgets('main'))) {
                        if (widget.context) { widget.context.model.dirty = false; }
                        widget.dispose();
                    }
                }""")
                # JupyterLab puts a launcher into an empty main area: that one may stay
                self.page.wait_for_function("() => Array.from(window.jupyterapp.shell.widgets('main'))"
                                            ".every(w => w.node.querySelector('.jp-Launcher'))", timeout=10_000)
            except Exception:  # noqa: BLE001 (boot again rather than guess what is left)
                self.booted = False
        self.lab.shutdown_kernels()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.close()
        self.lab.shutdown_kernels()


@pytest.fixture(scope="module")
def lab_tab(browser_context, lab):
    tab = Page(browser_context, lab)
    yield tab
    tab.close()


@pytest.fixture
def lab_page(lab_tab, request):
    lab_tab.start_test(re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-"))
    yield lab_tab
    lab_tab.close_documents()


# -- the lectures --------------------------------------------------------------------------------

#: per cell of the open notebook: rendered widget views among its own outputs (not those
#: nested in an Output widget), leftover loading or error placeholders, stderr texts
CELLS_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')].map((cell, index) => {
  const top = [...cell.querySelectorAll('.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output')];
  const text = cell.querySelector('.jp-Cell-outputWrapper')?.textContent || '';
  return {
    index,
    code: cell.classList.contains('jp-CodeCell'),
    prompt: (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim(),
    widgets: top.filter(o => [...o.children].some(c => c.classList.contains('jupyter-widgets') && c.children.length > 0)).length,
    loading: text.includes('Loading widget'),
    broken: text.includes('Error displaying widget'),
    stderr: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')].map(e => e.textContent),
  };
})"""

RUN_DONE_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')];
  const pending = cells.filter(c => {
    const prompt = (c.querySelector('.jp-InputPrompt')?.textContent || '').trim();
    const source = (c.querySelector('.jp-InputArea-editor')?.textContent || '').trim();
    return source !== '' && !/^\\[\\d+\\]:$/.test(prompt);
  });
  const status = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator')?.dataset.status;
  return cells.length > 0 && pending.length === 0 && status === 'idle';
}"""

#: what a widget shows, as a hash: the text and images of its Output widgets and its HTML widgets
SIGNATURE_JS = """(root) => {
  const parts = [];
  root.querySelectorAll('.widget-output, .widget-html-content').forEach(e => parts.push(e.textContent));
  root.querySelectorAll('.widget-output img').forEach(i => parts.push(i.getAttribute('src') || ''));
  const s = parts.join('\\u0001');
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  const busy = root.textContent.includes('Loading widget');
  return {hash: `${h}:${s.length}`, busy, images: root.querySelectorAll('.widget-output img').length,
          text: (root.querySelector('.widget-output')?.textContent || '').slice(0, 200)};
}"""

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b", re.M)


def _save_and_read(lab_page, path: str, code_cells: int) -> dict:
    """File > Save, wait until the page says the save completed, then read the notebook from
    the server, once. (Never read while a save may be in flight: jupyter_server's reader
    takes a notebook caught half-written for a broken one, moves it aside as `.invalid` and
    restores the previous version.)"""
    lab_page.save()
    response = lab_page.lab.api("GET", f"/api/contents/{path}", params={"content": 1})
    assert response.ok, f"{path}: reading the saved notebook gave HTTP {response.status_code}: {response.text[:300]}"
    nb = response.json()["content"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    unrun = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and "".join(c["source"]).strip() and not c.get("execution_count")]
    assert len(code) == code_cells and not unrun, (
        f"{path}: the saved notebook has {len(code)} code cells (the page shows {code_cells}); "
        f"cells without an execution count: {unrun[:10]}")
    return nb


def _move_first_control(root) -> str:
    """Move the first control of a widget view (a dropdown or a slider, in page order) and
    say what was done; labels are read for the message only."""
    control = root.locator("select, .noUi-handle").first
    if control.count() == 0:
        pytest.fail("the lecture's first widget has no dropdown and no slider to move")
    control.scroll_into_view_if_needed()
    label = control.evaluate("e => (e.closest('.widget-inline-hbox')?.querySelector('.widget-label')?.textContent || '').trim()")
    if control.evaluate("e => e.tagName") == "SELECT":
        state = control.evaluate("e => ({n: e.options.length, i: e.selectedIndex, text: [...e.options].map(o => o.textContent)})")
        if state["n"] < 2:
            pytest.fail(f"the first widget's dropdown {label!r} has only one option")
        new = state["i"] + 1 if state["i"] + 1 < state["n"] else state["i"] - 1
        control.select_option(index=new)
        return f"dropdown {label!r}: {state['text'][state['i']]!r} -> {state['text'][new]!r}"
    now = float(control.get_attribute("aria-valuenow"))
    top = float(control.get_attribute("aria-valuemax"))
    key = "ArrowRight" if now < top else "ArrowLeft"
    control.focus()
    control.press(key)
    return f"slider {label!r} at {now:g}: {key}"


def _screenshot_whole(page, element, path: Path) -> None:
    """An element screenshot of `element`, all of it: the notebook scrolls inside a panel as
    high as the window, so for a widget taller than that the window grows for the shot."""
    viewport = page.viewport_size
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    if box and box["height"] > viewport["height"] - 250:
        page.set_viewport_size({"width": viewport["width"], "height": int(box["height"]) + 300})
        page.wait_for_timeout(500)  # JupyterLab lays itself out for the new size
        element.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # let the browser paint the cell it scrolled to
    element.screenshot(path=str(path))
    page.set_viewport_size(viewport)
    page.wait_for_timeout(300)


@pytest.mark.parametrize("lecture", LECTURES)
def test_lecture_runs_and_its_widgets_respond(lab_page, lab, lecture):
    path = f"course/lectures/{lecture}.ipynb"
    page = lab_page.page
    with lab_page.diagnosed():
        lab_page.open(path)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        lab_page.wait_for_kernel_idle()

        started = time.monotonic()
        lab_page.menu("Run", "runmenu:run-all")  # Run > Run All Cells
        page.wait_for_function(RUN_DONE_JS, timeout=RUN_ALL_TIMEOUT * 1000, polling=500)
        ran = time.monotonic() - started
        code_cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").count()
        saved = _save_and_read(lab_page, path, code_cells)

        # no errors: in the saved outputs, and on the page (tracebacks in stderr)
        errors = []
        for i, cell in enumerate(saved["cells"]):
            for out in cell.get("outputs", []):
                if out["output_type"] == "error":
                    errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
                elif out["output_type"] == "stream" and out.get("name") == "stderr":
                    text = "".join(out["text"])
                    if TRACEBACK.search(text):
                        errors.append(f"cell {i}: stderr {text[-500:]!r}")
                    else:
                        REPORT["notes"].append(f"{lecture} cell {i} writes to stderr (allowed, not an error): {text.strip()[:200]!r}")
        assert not errors, f"{lecture}: cells show errors:\n  " + "\n  ".join(errors)

        # every widget output renders as a widget view, cell by cell
        expected = [sum(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", [])) for cell in saved["cells"]]
        assert sum(expected) > 0, f"{lecture}: the lecture displays no widget"
        deadline = time.monotonic() + WIDGET_TIMEOUT
        while True:
            cells = page.evaluate(CELLS_JS)
            shown = [c["widgets"] for c in cells]
            pending = [c["index"] for c in cells if c["loading"]]
            if (shown == expected and not pending) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert len(cells) == len(saved["cells"]), f"{lecture}: the page shows {len(cells)} cells, the saved notebook has {len(saved['cells'])}"
        wrong = [f"cell {i}: {e} widget output(s) in the notebook, {s} rendered" for i, (e, s) in enumerate(zip(expected, shown)) if e != s]
        wrong += [f"cell {c['index']}: still 'Loading widget...'" for c in cells if c["loading"]]
        wrong += [f"cell {c['index']}: 'Error displaying widget'" for c in cells if c["broken"]]
        assert not wrong, f"{lecture}: widgets did not render:\n  " + "\n  ".join(wrong)
        tracebacks = [f"cell {c['index']}: {t[-500:]!r}" for c in cells for t in c["stderr"] if TRACEBACK.search(t)]
        assert not tracebacks, f"{lecture}: the page shows tracebacks:\n  " + "\n  ".join(tracebacks)

        if sum(expected) == 0:  # a unit of one sitting without an explorer (another unit of its module has one)
            print(f"{lecture}: ran all cells in {ran:.1f} s; no widget")
            return

        # the first widget: screenshot, move its first control, see its output change
        root = page.locator(".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output > .jupyter-widgets").first
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{lecture}.png"
        _screenshot_whole(page, root, shot)
        REPORT["screenshots"].append(str(shot))
        print(f"{lecture}: ran all cells in {ran:.1f} s; first widget: {shot}")

        before = root.evaluate(SIGNATURE_JS)
        moved = _move_first_control(root)
        deadline = time.monotonic() + WIDGET_TIMEOUT
        after = before
        while time.monotonic() < deadline:
            after = root.evaluate(SIGNATURE_JS)
            if after["hash"] != before["hash"] and not after["busy"]:
                break
            time.sleep(0.25)
        assert after["hash"] != before["hash"], (
            f"{lecture}: moving the first widget's control ({moved}) did not change its output within "
            f"{WIDGET_TIMEOUT} s; it shows {before['images']} image(s) and the text {before['text']!r}")
        # let the redraw finish (plot and text arrive one after the other), then look for errors
        settled = time.monotonic() + 10
        while time.monotonic() < settled:
            time.sleep(0.5)
            latest = root.evaluate(SIGNATURE_JS)
            if latest["hash"] == after["hash"]:
                break
            after = latest
        inside = root.evaluate("r => [...r.querySelectorAll('[data-mime-type=\"application/vnd.jupyter.stderr\"]')].map(e => e.textContent)")
        bad = [t[-500:] for t in inside if TRACEBACK.search(t)]
        assert not bad, f"{lecture}: after {moved} the first widget shows an error: {bad}"
        print(f"{lecture}: {moved} changed the first widget's output")


# -- the assignment ------------------------------------------------------------------------------

def _validate(lab_page, path: str) -> tuple[str, str]:
    """Open `path`, press the notebook toolbar's Validate button, return the class and the
    text of nbgrader's 'Validation Results' dialog (and close it)."""
    page = lab_page.page
    lab_page.open(path)
    lab_page.wait_for_kernel_idle()
    button = page.locator(".jp-NotebookPanel-toolbar .validate-button")
    button.wait_for()
    button.click()
    message = page.locator(".jp-Dialog #validation-message")
    message.wait_for(timeout=VALIDATE_TIMEOUT * 1000)
    verdict = (message.get_attribute("class") or "", message.inner_text())
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached")
    return verdict


def test_validate_the_untouched_release(lab_page):
    with lab_page.diagnosed():
        classes, text = _validate(lab_page, f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        failed = text.count("The following cell failed:")
        assert "validation-failed" in classes.split(), (classes, text[:2000])
        assert failed >= 1, text[:2000]
        assert "Success!" not in text
        print(f"Validate on the untouched release: {failed} failed cell(s) listed")


def test_validate_a_solved_notebook(lab_page):
    with lab_page.diagnosed():
        classes, text = _validate(lab_page, f"assignments/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        assert "validation-success" in classes.split(), (classes, text[:2000])
        assert "Success! Your notebook passes all the tests." in text


def test_assignment_list_shows_and_fetches_the_released_assignment(lab_page, lab):
    page = lab_page.page
    with lab_page.diagnosed():
        lab_page.open()
        lab_page.menu("Nbgrader", "nbgrader:open-assignment-list")
        panel = page.locator(".nbgrader-mainarea-widget")
        released = panel.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
        released.wait_for()
        for section in ("#released_assignments_list", "#fetched_assignments_list", "#submitted_assignments_list"):
            assert panel.locator(section).count() == 1, f"the assignment list has no {section} section"
        assert "cbec-live" in released.inner_text()
        released.get_by_role("button", name="Fetch").click()
        fetched = panel.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT)
        fetched.first.wait_for()
        assert (lab.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file(), "Fetch did not copy the notebook into the student's folder"
