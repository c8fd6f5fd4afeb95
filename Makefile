# Build and test the knowledge base. A fresh clone needs only python3 and make:
# every target bootstraps .venv from the pinned requirements files.

PYTHON      ?= python3
VENV        ?= .venv
SPHINXOPTS  ?=
JOBS        ?= auto
TEST_JOBS   ?= auto
BENCH_POSTS ?= 100 1000
BENCH_TALKS ?= 50 200 1000
BENCH_RUNS  ?= 3
PORT        ?= 8000
SOURCEDIR    = .
BUILDDIR     = _build
# Doctrees beside the output, never in it: `sphinx-build -M` (the catch-all below) does the same.
DOCTREES     = $(BUILDDIR)/doctrees
BIN          = $(VENV)/bin
SPHINXBUILD  = $(BIN)/sphinx-build
# DRAFTS=1 builds and lists the posts under posts/drafts/ (never on Read the Docs).
ifeq ($(DRAFTS),1)
SPHINXOPTS += -D talks_drafts=1
endif
ALLSPHINXOPTS = -n -W --keep-going -j $(JOBS) $(SPHINXOPTS)
HTMLBUILD     = $(SPHINXBUILD) -b html $(ALLSPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) $(BUILDDIR)/html

.PHONY: help html test clean livehtml linkcheck lint bench bench-web venv test-venv post publish
help:
	@echo "make html       build the site into $(BUILDDIR)/html"
	@echo "make test       run the whole test suite (builds, browser, intersphinx)"
	@echo "make livehtml   serve on http://127.0.0.1:$(PORT), rebuilt on every save (DRAFTS=1: with"
	@echo "                drafts; PORT=<n>: another port); Ctrl-C stops it"
	@echo "make post TALK=<slug>[,<slug>...]  start a draft summary post about one or more talks"
	@echo "make publish POST=<slug> [DATE=YYYY-MM-DD]  publish a draft, dated today, then build"
	@echo "make lint       ruff and mypy over _ext/ and tests/"
	@echo "make linkcheck  check external links (needs the network)"
	@echo "make bench      build-time benchmark, then scaling with BENCH_TALKS synthetic talks"
	@echo "                (default \"$(BENCH_TALKS)\"); make bench-web: Lighthouse figures"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "make pyvideo    the talks as a PyVideo folder in $(BUILDDIR)/pyvideo (conference/data.md)"
	@echo "make latexpdf   the PDF, as Read the Docs makes it (needs latexmk and TeX Live, see .ci/run)"
	@echo "make <builder>  any other Sphinx builder: epub, dirhtml, singlehtml, latex, ..."

# The venv is (re)made when a requirements file changes.
$(VENV)/.stamp-docs: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The live preview's server only: a preview needs no test tools and no npm.
$(VENV)/.stamp-live: $(VENV)/.stamp-docs requirements-live.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-live.txt
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-live requirements-test.txt package.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	npm ci --silent --no-audit --no-fund --ignore-scripts  # vnu-jar's would fetch a Java
	touch $@

venv: $(VENV)/.stamp-docs
test-venv: $(VENV)/.stamp-test

html: venv
	$(HTMLBUILD)
	@echo "Open $(BUILDDIR)/html/index.html"

# The suite runs on every core (pytest-xdist); TEST_JOBS=0 runs it in this one process.
test: test-venv
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist worksteal

lint: test-venv
	$(BIN)/ruff check _ext tests conf.py tools
	$(BIN)/ruff format --check _ext tests conf.py tools
	$(BIN)/mypy

# tools/livehtml.py stops sphinx-autobuild and its builds whenever make stops.
livehtml: $(VENV)/.stamp-live
	exec $(BIN)/python tools/livehtml.py -b html -n -j $(JOBS) $(SPHINXOPTS) -d $(DOCTREES) \
		$(SOURCEDIR) $(BUILDDIR)/html --port $(PORT) \
		--ignore "$(VENV)/*" --ignore "tests/*" --ignore "node_modules/*" --watch _ext

post: venv
	@$(BIN)/python tools/new_post.py $(TALK)

# Moves the draft out of posts/drafts/, dates it, then runs the `html` build.
publish: venv
	@$(BIN)/python tools/publish.py $(if $(DATE),--date $(DATE)) $(POST) -- $(HTMLBUILD)

# Needs the network; never part of `make test`.
linkcheck: venv
	$(SPHINXBUILD) -b linkcheck -n -j $(JOBS) $(SPHINXOPTS) -d $(DOCTREES) $(SOURCEDIR) \
		$(BUILDDIR)/linkcheck

bench: test-venv
	$(BIN)/python bench/build.py
	BENCH_RUNS=$(BENCH_RUNS) $(BIN)/python bench/posts.py $(BENCH_POSTS)
	BENCH_RUNS=$(BENCH_RUNS) $(BIN)/python bench/scale.py $(BENCH_TALKS)

LIGHTHOUSE = node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --no-save --no-audit --no-fund lighthouse@12.8.2

bench-web: test-venv $(LIGHTHOUSE)
	$(BIN)/python bench/web.py

clean:
	rm -rf $(BUILDDIR)

# Any other builder: make epub, make dirhtml, make singlehtml, make latex, ...
%: venv
	$(SPHINXBUILD) -M $@ $(SOURCEDIR) $(BUILDDIR) $(ALLSPHINXOPTS)

# Files the pattern rule above must never try to "build".
Makefile requirements.txt requirements-live.txt requirements-test.txt package.json package-lock.json: ;
