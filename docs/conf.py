"""Sphinx configuration of the course's website (built by docs/build.py: `make site`).

Why Sphinx with MyST-NB: it is the engine of Jupyter Book 1 and of QuantEcon's lecture sites,
installs from PyPI and builds with no network at all (its themes, search and notebook
rendering ship in the packages). Jupyter Book 2 (mystmd) fetches its web theme at build time,
which an offline build cannot do. The notebooks arrive executed (docs/build.py executes and
caches them, and replaces widget outputs, whose live embedding needs JavaScript from a CDN, by
their first drawing), so MyST-NB only renders them.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

SITE = tomllib.loads((Path(__file__).resolve().parent / "site.toml").read_text(encoding="utf-8"))

project = SITE["title"]
author = "the course's authors"
copyright = "code MIT, content CC BY 4.0"
language = "en"

# sphinx-mathjax-offline: MathJax from the site's own _static folder, not from a CDN
extensions = ["myst_nb", "sphinx-mathjax-offline"]
exclude_patterns = ["_modules.md", "_readme.md", "**.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "dollarmath", "amsmath", "substitution"]
# {{ repository }} in a page: a link to the course's repository (set once, in site.toml)
myst_substitutions = {"repository": f"[the course's repository]({SITE['repository']})"}
myst_heading_anchors = 3

# the notebooks are executed by docs/build.py; here they are only rendered
nb_execution_mode = "off"
# no widget JavaScript from a CDN: docs/build.py has put each widget's first drawing instead
nb_ipywidgets_js = {}
nb_merge_streams = True

html_theme = "furo"
html_title = SITE["title"]
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_js_files = ["site.js"]
html_show_sourcelink = False
html_copy_source = False
# no "view source" or "edit" buttons: the pages are staged from several sources (docs/build.py)
html_theme_options = {"top_of_page_buttons": []}
# warnings are errors (docs/build.py runs sphinx -W), except a notebook's heading levels that
# skip one (a unit may start at ##) and outputs of a type no page can show
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
