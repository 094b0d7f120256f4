"""Build the course's website: `make site`, or `python docs/build.py`.

The site is Sphinx with MyST-NB (see docs/conf.py for why). This script stages its source
folder, `docs/_build/source/`, and runs Sphinx on it into `docs/_build/html/`:

- the pages written by hand, `docs/*.md`, copied as they are;
- pages generated here from the course's own sources, never by hand: the lecture units
  (`course/lectures/*.ipynb`, found and grouped by module with `course.lecture_units`),
  executed, with a launch link on the course's JupyterHub and each widget replaced by its
  first drawing and a note; the modules' list of the home page; the syllabus (the assignments
  of `source/`, their dates from `schedule.toml`, their points from the instructor's
  notebooks); the glossary in English and Chinese (`course/glossary.py`); and a page per
  dataset from its datasheet (`datasets/<name>.md`).

Lectures are executed once and kept in `docs/_build/executed/`, keyed by a digest of the
notebook and of everything it reads (the `course` package and `datasets/`), so a second build
with nothing changed executes nothing. `--executed DIR` takes already executed notebooks of
the same names instead (the tests build from the lectures they executed anyway).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import html
import re
import shutil
import sys
import time
import tomllib
import urllib.parse
from pathlib import Path

import nbformat

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
BUILD = DOCS / "_build"
STAGE = BUILD / "source"
HTML = BUILD / "html"
EXECUTED = BUILD / "executed"

sys.path.insert(0, str(ROOT))

from course import lecture_units  # noqa: E402

#: seconds one lecture unit may take to execute (they take 5 to 60 s on two busy cores)
NOTEBOOK_DEADLINE = 480
#: seconds one cell may take (the slowest take a few seconds); see execute()
CELL_TIMEOUT = 120
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MARKDOWN_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")
ALT_TEXT = re.compile(r"Alt text:\s*([^*]+)")


def settings() -> dict:
    """docs/site.toml: the title, the hub's address, the repository and its branch."""
    return tomllib.loads((DOCS / "site.toml").read_text(encoding="utf-8"))


def launch_url(unit: Path, site: dict) -> str:
    """An nbgitpuller link that opens `unit` in JupyterLab on the course's hub, pulling the
    repository into the user's home first."""
    repo = site["repository"].rstrip("/")
    folder = repo.rsplit("/", 1)[-1]
    query = urllib.parse.urlencode({
        "repo": repo,
        "branch": site["branch"],
        "urlpath": f"lab/tree/{folder}/course/lectures/{unit.name}",
    })
    return f"{site['hub_url'].rstrip('/')}/hub/user-redirect/git-pull?{query}"


def repository_url(path: Path, site: dict) -> str:
    """A file or folder of the repository on its host."""
    relative = path.resolve().relative_to(ROOT).as_posix()
    kind = "tree" if path.is_dir() else "blob"
    return f"{site['repository'].rstrip('/')}/{kind}/{site['branch']}/{relative}"


# ------------------------------------------------------------------ links


def rewrite_links(text: str, here: Path, staged: dict[Path, str], page: str, site: dict) -> str:
    """Markdown links relative to `here` (a folder of the repository): to a file that has a
    page on the site, a link to that page (relative to the page `page`, a path in the staged
    source); to any other file of the repository, a link to it on the repository's host."""
    depth = page.count("/")

    def replace(match: re.Match) -> str:
        target, _, anchor = match.group(1).partition("#")
        path = (here / urllib.parse.unquote(target)).resolve()
        if path in staged:
            new = "../" * depth + staged[path]
        elif path.exists() and ROOT in path.parents:
            new = repository_url(path, site)
        else:
            return match.group(0)
        return f"]({new}{'#' + anchor if anchor else ''})"

    return MARKDOWN_LINK.sub(replace, text)


# ------------------------------------------------------------------ lectures


def digest(unit: Path) -> str:
    """What an executed lecture depends on: the notebook, the course's code and its data."""
    h = hashlib.sha256(unit.read_bytes())
    for folder, pattern in ((ROOT / "course", "*.py"), (ROOT / "datasets", "*.csv")):
        for path in sorted(folder.rglob(pattern)):
            h.update(path.relative_to(ROOT).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:20]


def execute(unit: Path) -> nbformat.NotebookNode:
    """The executed unit, from the cache or run now in a fresh kernel with JupyterLab's inline
    backend (figures shown after each cell, as a student sees them)."""
    cached = EXECUTED / f"{unit.stem}-{digest(unit)}.ipynb"
    if cached.is_file():
        return nbformat.read(cached, as_version=4)
    import asyncio
    import os

    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for attempt in (1, 2):
        nb = nbformat.read(unit, as_version=4)
        started = time.monotonic()
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", shutdown_kernel="immediate", resources={"metadata": {"path": str(unit.parent)}})
        try:
            # on a loaded machine a cell's reply can go missing (the kernel idle, the cell done;
            # tests/lecture_run.py), and nbclient waits for it until the cell's timeout; the
            # whole-notebook deadline covers any other wait. One more try in a fresh kernel then
            asyncio.run(asyncio.wait_for(client.async_execute(), NOTEBOOK_DEADLINE))
            break
        except (TimeoutError, CellTimeoutError, DeadKernelError) as exc:  # the deadline stops the kernel: DeadKernelError
            if attempt == 2:
                raise SystemExit(f"{unit.name}: a cell got no reply within {CELL_TIMEOUT} s, the unit did not finish in {NOTEBOOK_DEADLINE} s or its kernel died, twice ({type(exc).__name__})")
            print(f"  {unit.name}: a cell got no reply within {CELL_TIMEOUT} s, the unit did not finish in {NOTEBOOK_DEADLINE} s or its kernel died ({type(exc).__name__}); running it again in a fresh kernel", flush=True)
    print(f"  executed {unit.name} in {time.monotonic() - started:.0f} s", flush=True)
    EXECUTED.mkdir(parents=True, exist_ok=True)
    for old in EXECUTED.glob(f"{unit.stem}-*.ipynb"):
        old.unlink()
    nbformat.write(nb, cached)
    return nb


def widget_outputs(model_id: str, state: dict, seen: set | None = None) -> list[dict]:
    """The outputs a widget and its children hold in the saved widget state: what its Output
    widgets showed when the notebook ran (its first drawing) and its HTML widgets' text."""
    seen = set() if seen is None else seen
    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    model = state[model_id]
    name, values = model.get("model_name"), model.get("state", {})
    if name == "OutputModel":
        return [o for o in values.get("outputs", []) if o.get("output_type") in ("display_data", "execute_result", "stream")]
    found = []
    if name in ("HTMLModel", "HTMLMathModel") and values.get("value"):
        found.append({"output_type": "display_data", "metadata": {}, "data": {"text/html": values["value"]}})
    for child in values.get("children", []):
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            found += widget_outputs(child[len("IPY_MODEL_"):], state, seen)
    return found


def caption_alt(cells: list, index: int) -> str | None:
    """The "Alt text:" sentence of the figure caption that follows code cell `index`."""
    for cell in cells[index + 1:index + 3]:
        if cell.cell_type != "markdown":
            continue
        if cell.source.lstrip("*_ ").startswith("Figure"):
            match = ALT_TEXT.search(cell.source)
            return " ".join(match.group(1).split()) if match else None
        return None
    return None


def widget_note(launch: str) -> dict:
    return {
        "output_type": "display_data", "metadata": {},
        "data": {"text/html": (
            '<p class="widget-note"><strong>Interactive widget.</strong> Its controls run in '
            f'JupyterLab: <a href="{html.escape(launch)}">open this unit on the course hub</a> '
            "(or run <code>make lab</code> in a clone) to move them. Below is its first drawing, "
            "as the notebook ran.</p>")},
    }


def lecture_page(nb: nbformat.NotebookNode, unit: Path, staged: dict[Path, str], page: str, site: dict) -> nbformat.NotebookNode:
    """An executed unit made into a static page: a launch link under its title; every widget
    output replaced by a note and the widget's first drawing; figures given their caption's
    alt text; links into the repository pointed at pages or at the repository's host."""
    nb = copy.deepcopy(nb)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    launch = launch_url(unit, site)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, unit.parent, staged, page, site)
            continue
        if cell.cell_type != "code":
            continue
        outputs, widget_drawn = [], False
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                outputs.append(nbformat.from_dict(widget_note(launch)))
                outputs += [nbformat.from_dict(o) for o in widget_outputs(data[WIDGET_VIEW]["model_id"], state)]
                widget_drawn = True
            else:
                outputs.append(output)
        cell.outputs = outputs
        alt = caption_alt(nb.cells, i)
        if alt is None and widget_drawn:
            alt = "The widget's first drawing, as the notebook ran; the text beside the widget says what it shows."
        if alt is not None:
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alt}
    nb.metadata.pop("widgets", None)  # no widget state: the page loads no widget JavaScript
    title = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.lstrip().startswith("# ")), 0)
    up = "../" * page.count("/")
    nb.cells.insert(title + 1, nbformat.v4.new_markdown_cell(
        f"```{{admonition}} Run this unit\n:class: launch\n"
        f"[Open it in JupyterLab on the course hub]({launch}), or in a clone of the repository with "
        f"`make lab` ([{unit.name}]({repository_url(unit, site)})). The page shows the unit as it ran; "
        f"its widgets move only in JupyterLab. See [which parts run where]({up}students.md#which-parts-run-where).\n```"))
    return nb


def first_heading(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# ------------------------------------------------------------------ generated pages


def modules() -> list[str]:
    """The modules: those of course/schemas.py's MODULES, and any with an assignment in
    source/ or a lecture in course/lectures/."""
    from course.schemas import MODULES

    from grading.paths import assignments

    found = set(MODULES) | set(assignments()) | {lecture_units.module_of(p) for p in lecture_units.all_units()}
    return sorted(found)


def assignment_points(module: str) -> tuple[float, float] | None:
    """(autograded, hand-graded) points of the assignment, from the instructor's notebook."""
    from grading.engine.spec import AssignmentSpec

    notebooks = sorted((ROOT / "source" / module).glob("*.ipynb"))
    if not notebooks:
        return None
    spec = AssignmentSpec.from_notebook(module, notebooks[0])
    return spec.max_score(), sum(m.points for m in spec.manual)


def table(header: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def fmt(points: float) -> str:
    return f"{points:g}"


def syllabus_page(titles: dict[str, str], unit_pages: dict[str, list[tuple[str, str]]]) -> str:
    from grading import schedule as schedule_module

    schedule = schedule_module.load()
    rows = []
    for module in modules():
        dates = schedule.dates(module)
        points = assignment_points(module)
        lectures = ", ".join(f"[{title}]({page})" for page, title in unit_pages.get(module, [])) or "none yet"
        rows.append([
            module[:2], titles.get(module, module), lectures,
            f"{dates.release:%a %d %b %Y, %H:%M}" if dates else "not scheduled",
            f"{dates.due:%a %d %b %Y, %H:%M} ({dates.due_utc:%d %b, %H:%M} UTC)" if dates else "not scheduled",
            f"{fmt(points[0])} autograded, {fmt(points[1])} by hand" if points else "no assignment yet",
        ])
    return (
        "# Syllabus\n\n"
        "For each module, read its lecture units, then do its assignment before the due date. "
        f"Dates are in the course's time zone, **{schedule.timezone.key}** (due dates also in UTC); "
        f"{schedule.late_policy.words()}. The dates come from `schedule.toml`, the points from the "
        "instructor's notebooks in `source/`; this page is generated from them when the site is built.\n\n"
        + table(["#", "module", "lecture units", "released", "due", "points"], rows)
        + "\nAn instructor changes the dates in `schedule.toml` only (see "
        "[the term](instructors.md#the-term-schedule-late-work-extensions-github-classroom-and-similarity)); "
        "the released notebooks' headers, the gradebook, the student repository's README and this page follow.\n"
    )


def glossary_page(titles: dict[str, str]) -> str:
    from course.glossary import glossary_table, terms

    parts = [
        "# Glossary · 术语表\n\n"
        "Each module's key terms in English and in the Chinese the papers use, with a one-sentence "
        "definition and its source: the glossary dataset ([datasheet](datasets/glossary.md)), the same "
        "table each lecture ends with (`show_glossary(\"<module>\")` from `course.glossary`). "
        "Generated from the dataset when the site is built.\n"
    ]
    present = set(terms()["module"].astype(str))
    for module in modules():
        if module not in present:
            continue
        frame = glossary_table(module, "en")
        zh = glossary_table(module, "zh")
        parts.append(f"\n## {titles.get(module, module)}\n\n")
        rows = [[*row, zh.iloc[i, 3]] for i, row in enumerate(frame.astype(str).values.tolist())]
        parts.append(table([*frame.columns, "来源"], rows))
    return "".join(parts)


def dataset_pages(staged: dict[Path, str], site: dict) -> dict[str, str]:
    """datasets/<name>.md → datasets/<name>.md (links fixed), and datasets/README.md as the index."""
    pages = {}
    for sheet in sorted((ROOT / "datasets").glob("*.md")):
        page = "datasets/index.md" if sheet.name == "README.md" else f"datasets/{sheet.name}"
        text = rewrite_links(sheet.read_text(encoding="utf-8"), sheet.parent, staged, page, site)
        if sheet.name != "README.md":
            data = sheet.with_suffix(".csv")
            if data.is_file():
                text += f"\n\n*The data: [`datasets/{data.name}`]({repository_url(data, site)}) in the repository.*\n"
        pages[page] = text
    names = [p.removeprefix("datasets/").removesuffix(".md") for p in pages if p != "datasets/index.md"]
    pages["datasets/index.md"] += "\n```{toctree}\n:hidden:\n\n" + "\n".join(names) + "\n```\n"
    return pages


def modules_fragment(titles: dict[str, str], unit_pages: dict[str, list[tuple[str, str]]]) -> str:
    lines = []
    for module in modules():
        units = unit_pages.get(module, [])
        first = f"[{titles.get(module, module)}]({units[0][0]})" if units else titles.get(module, module)
        more = f" ({len(units)} units)" if len(units) > 1 else ""
        lines.append(f"- **{module[:2]}** {first}{more}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ build


def stage(executed_dir: Path | None = None) -> Path:
    """Write the site's source folder: hand-written pages and generated ones."""
    site = settings()
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    for path in DOCS.iterdir():
        if path.suffix == ".md" or path.name == "_static":
            (shutil.copytree if path.is_dir() else shutil.copy2)(path, STAGE / path.name)
    # the README's repository map, included by the contributing page (one copy of the map)
    shutil.copy2(ROOT / "README.md", STAGE / "_readme.md")

    units = lecture_units.all_units()
    staged = {u.resolve(): f"lectures/{u.name}" for u in units}
    staged |= {p.resolve(): f"datasets/{'index.md' if p.name == 'README.md' else p.name}" for p in (ROOT / "datasets").glob("*.md")}
    staged[(ROOT / "README.md").resolve()] = "index.md"

    titles: dict[str, str] = {}
    unit_pages: dict[str, list[tuple[str, str]]] = {}
    (STAGE / "lectures").mkdir()
    for unit in units:
        module = lecture_units.module_of(unit)
        nb = nbformat.read(executed_dir / unit.name, as_version=4) if executed_dir else execute(unit)
        page = f"lectures/{unit.name}"
        nbformat.write(lecture_page(nb, unit, staged, page, site), STAGE / page)
        title = first_heading(nb, unit.stem)
        titles.setdefault(module, re.sub(r"^Module \d+:\s*", "", title))
        unit_pages.setdefault(module, []).append((page, title))
    lecture_index = ["# Lectures\n\nEvery module's lecture, unit by unit, as it ran: outputs and figures included. "
                     "Each unit links to open it on the course's JupyterHub.\n"]
    for module in modules():
        lecture_index.append(f"\n## {module[:2]} {titles.get(module, module)}\n\n")
        lecture_index += [f"- [{title}]({page.removeprefix('lectures/')})\n" for page, title in unit_pages.get(module, [])]
    lecture_index.append("\n```{toctree}\n:hidden:\n\n" + "\n".join(u.stem for u in units) + "\n```\n")
    (STAGE / "lectures" / "index.md").write_text("".join(lecture_index), encoding="utf-8")

    (STAGE / "_modules.md").write_text(modules_fragment(titles, unit_pages), encoding="utf-8")
    (STAGE / "syllabus.md").write_text(syllabus_page(titles, unit_pages), encoding="utf-8")
    (STAGE / "glossary.md").write_text(glossary_page(titles), encoding="utf-8")
    (STAGE / "datasets").mkdir()
    for page, text in dataset_pages(staged, site).items():
        (STAGE / page).write_text(text, encoding="utf-8")
    for page in STAGE.glob("*.md"):  # the hand-written pages' links into the repository
        if not page.name.startswith("_"):
            page.write_text(rewrite_links(page.read_text(encoding="utf-8"), ROOT, staged, page.name, site), encoding="utf-8")
    return STAGE


def build(executed_dir: Path | None = None, out: Path = HTML) -> Path:
    """Stage the source and run Sphinx (warnings are errors); returns the HTML folder."""
    from sphinx.cmd.build import build_main

    stage(executed_dir)
    code = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(DOCS), "-d", str(BUILD / "doctrees"), str(STAGE), str(out)])
    if code:
        raise SystemExit(f"the site did not build (sphinx exit status {code}); see the warnings above")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executed", type=Path, help="a folder of executed lecture notebooks to use instead of executing")
    parser.add_argument("--to", type=Path, default=HTML, help=f"where the HTML goes (default {HTML.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out = build(args.executed, args.to)
    pages = len(list(out.rglob("*.html"))) - len([p for p in out.rglob("*.html") if p.name in ("genindex.html", "search.html")])
    print(f"site: {pages} pages in {out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
