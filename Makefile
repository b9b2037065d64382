# Backprop from Scratch. Students: `make lab`. Everyone: `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
# nbgrader shells out to alembic: the venv's bin/ must come first on PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
ASSIGNMENTS := $(notdir $(wildcard source/*))
ROOT_FLAG   := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test release student-edition grade bench mistakes ising-samples clean

setup: $(VENV)/.installed

# Rebuilt only when the requirements or the packaging change.
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The course's JupyterLab settings (jupyter/): no news pop-up, no nbgrader Assignment List
# (it needs a JupyterHub exchange); the Formgrader stays.
lab: setup
	JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH)) $(VENV)/bin/jupyter lab --notebook-dir=$(CURDIR) \
	  --LabApp.app_settings_dir=$(CURDIR)/jupyter/lab-settings $(ROOT_FLAG) $(LAB_ARGS)

# Two test processes: much of the suite waits (on kernels, cell timeouts, the browser), so two
# keep both cores busy. Tests sharing an expensive setup stay in one process (tests/conftest.py).
TEST_WORKERS ?= 2
test: setup
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

release: setup
	for a in $(ASSIGNMENTS); do $(VENV)/bin/nbgrader generate_assignment $$a --force || exit 1; done

# dist/student/: release/ notebooks, helpers/ and a student README, Makefile and requirements.
student-edition:
	python3 student/build.py dist/student

grade: setup
	$(PY) -m autograder grade $(GRADE_ARGS)

# Fingerprints of the wrong-answer collection, and helpers/mistakes.json (the visible ones, shipped
# to students): rerun after changing a notebook, a helper or tests/wrong/ (a test says when).
mistakes: setup
	$(PY) -m autograder.diagnose build

# helpers/ising_samples/: the lattices notebook 05 samples, shipped so that no run samples them
# again: rerun after changing helpers/ising*.py or the notebook's data cells (a test says when).
ising-samples: setup
	$(PY) -m autograder.ising_samples

bench: setup
	status=0; for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || status=1; done; exit $$status

clean:
	rm -rf $(VENV) .pytest_cache dist
