# The course's two commands (see README):
#   make        set up .venv (first run only) and run the main job: regenerate the
#               student release and grade the bundled sample submissions
#   make test   set up .venv (first run only) and run the test suite
# Other targets: make install (set up .venv only; PYTHON=python3.13 picks the interpreter
# of a new .venv), make release (regenerate release/ from source/), make data (regenerate
# the synthetic datasets from their seeded generators), make lab (open
# JupyterLab), make clean-notebooks (strip outputs from committed notebooks), make site (build
# the course's website into docs/_build/html: docs/build.py).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: all install demo test release data lab site clean-notebooks clean

all: demo

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	PYTHONUNBUFFERED=1 $(BIN)/python -m grading cycle

test: $(STAMP)
	$(BIN)/python -m pytest

release: $(STAMP)
	$(BIN)/python -m grading release

data: $(STAMP)
	$(BIN)/python datasets/generate.py

lab: $(STAMP)
	$(BIN)/jupyter lab

site: $(STAMP)
	PYTHONUNBUFFERED=1 $(BIN)/python docs/build.py

clean-notebooks: $(STAMP)
	$(BIN)/python -m grading normalize

clean:
	rm -rf grading/workspace
