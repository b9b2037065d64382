"""A private JupyterLab server and a headless Chromium for the browser tests.

The server runs on a free loopback port over a temporary copy of the notebooks it needs, with
Jupyter's config, data, runtime, settings and workspace directories all in temporary folders, so no
user setting or saved workspace leaks in; the course's own settings (``jupyter/``) apply, as in
``make lab``. The page reaches nothing but 127.0.0.1.
"""
import contextlib
import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# JupyterLab settings for a quiet, test-friendly Lab: no news or update checks, every cell kept in
# the DOM (no windowing), no extension manager.
# The news pop-up and nbgrader's Assignment List are turned off by the course's own settings
# (jupyter/, which `make lab` loads too), so the tests see what a student sees.
COURSE_JUPYTER = REPO / "jupyter"
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(root, attempts=3):
    """A ``LabServer``; tried again on another port if the free port was taken in between."""
    for attempt in range(attempts):
        try:
            return LabServer(root)
        except RuntimeError:
            if attempt == attempts - 1:
                raise


class LabServer:
    """``jupyter lab`` over ``root`` (a folder of notebooks), reachable at ``self.url``."""

    def __init__(self, root, startup_timeout=90):
        self.root = pathlib.Path(root)
        self.home = pathlib.Path(tempfile.mkdtemp(prefix="lab-home-"))
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env.pop("NBGRADER_EXECUTION", None)  # the explorers must run in full
        env["JUPYTER_CONFIG_PATH"] = str(COURSE_JUPYTER)
        for name, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                          ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                          ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython"),
                          ("MPLCONFIGDIR", "matplotlib")]:
            env[name] = str(self.home / sub)
            (self.home / sub).mkdir()
        for relative, values in LAB_SETTINGS.items():
            path = self.home / "settings" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={self.port}", "--ServerApp.port_retries=0",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   "--LabApp.expose_app_in_browser=True", f"--LabApp.app_settings_dir={COURSE_JUPYTER / 'lab-settings'}",
                   f"--LabApp.workspaces_dir={self.home / 'workspaces'}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(self.home / "server.log", "wb")
        self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_up(startup_timeout)

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _wait_until_up(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_text()
                self.stop()
                raise RuntimeError(f"jupyter lab exited early:\n{log}")
            try:
                self.api("status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        log = self.log_text()
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{log}")

    def log_text(self):
        self.log.flush()
        return (self.home / "server.log").read_text(errors="replace")[-4000:]

    def shutdown_kernels(self):
        with contextlib.suppress(Exception):
            for session in self.api("sessions"):
                self.api(f"sessions/{session['id']}", method="DELETE")

    def stop(self):
        self.shutdown_kernels()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def notebook_url(self, relative):
        return f"{self.url}/lab/tree/{relative}?token={self.token}"


def course_copy(destination, notebooks):
    """Copy ``notebooks`` (paths relative to the repo) under ``destination``, keeping their folders."""
    destination = pathlib.Path(destination)
    for relative in notebooks:
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, target)
    return destination


def only_loopback(route):
    """Playwright route handler: the page may talk to 127.0.0.1 and nothing else."""
    url = route.request.url
    if url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


# JavaScript run in the page through JupyterLab's app object (``--LabApp.expose_app_in_browser``).
# Notebooks are opened inside one loaded Lab page (reloading Lab for each costs seconds) and kept
# in ``window.__testPanels`` by path.
JS_LAB_RESTORED = """async () => {
    await window.jupyterapp.restored;
    window.__testPanels = window.__testPanels || {};
    return true;
}"""

JS_OPEN = """async (path) => {
    const panel = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    window.__testPanels[path] = panel;
    return true;
}"""

JS_NOTEBOOK_READY = """(path) => {
    const panel = window.__testPanels[path];
    if (!panel || !panel.context.isReady) return false;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}"""

JS_RUN_CELL = """async ({path, needle, mark}) => {
    const app = window.jupyterapp;
    const panel = window.__testPanels[path];
    app.shell.activateById(panel.id);
    const notebook = panel.content;
    const cells = notebook.model.cells;
    let index = -1;
    for (let i = 0; i < cells.length; i++) {
        if (cells.get(i).sharedModel.getSource().includes(needle)) { index = i; break; }
    }
    if (index < 0) return -1;
    notebook.activeCellIndex = index;
    notebook.widgets[index].node.setAttribute('data-test-cell', mark);
    await app.commands.execute('notebook:run-cell');
    return index;
}"""

JS_CLOSE = """async (path) => {
    const panel = window.__testPanels[path];
    delete window.__testPanels[path];
    if (!panel) return;
    await panel.sessionContext.shutdown();
    panel.dispose();  // no "save changes?" dialog: the copy is thrown away
}"""


JS_RUN_ALL = """(path) => {
    const app = window.jupyterapp;
    const panel = window.__testPanels[path];
    app.shell.activateById(panel.id);
    // Not awaited: the command's promise settles at the first error, while later cells still run.
    app.commands.execute('notebook:run-all-cells').catch(() => {});
    return true;
}"""

JS_RUN_ALL_STATE = """(path) => {
    const panel = window.__testPanels[path];
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    const cells = panel.content.widgets.filter((cell) => cell.model.type === 'code');
    return {
        executed: cells.filter((cell) => cell.model.executionCount !== null).length,
        last: cells.length > 0 && cells[cells.length - 1].model.executionCount !== null,
        // A running or queued cell shows [*] as its prompt.
        busy: cells.some((cell) => cell.promptNode && cell.promptNode.textContent.includes('*')),
        idle: !!kernel && kernel.status === 'idle',
    };
}"""


class LabPage:
    """JupyterLab loaded once in a browser page; notebooks are opened and closed inside it."""

    def __init__(self, page, server, timeout=120_000):
        self.page = page
        page.goto(f"{server.url}/lab?token={server.token}")
        page.wait_for_function("() => !!window.jupyterapp", timeout=timeout, polling=200)
        page.evaluate(JS_LAB_RESTORED)

    def open(self, relative, timeout=120_000):
        return NotebookPage(self.page, relative, timeout)


class NotebookPage:
    """One notebook open in Lab with its kernel idle: run a cell by its source, find its output."""

    def __init__(self, page, relative, timeout):
        self.page, self.relative = page, relative
        page.evaluate(JS_OPEN, relative)
        deadline = time.monotonic() + timeout / 1000
        while not page.evaluate(JS_NOTEBOOK_READY, relative):
            # A notebook without kernel metadata asks which kernel to use: take the default.
            dialog = page.locator(".jp-Dialog .jp-mod-accept")
            if dialog.count():
                dialog.first.click()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{relative}: no idle kernel after {timeout / 1000:.0f} s")
            time.sleep(0.2)

    def run_cell(self, needle, mark):
        """Run the first cell whose source contains ``needle``; returns a locator of that cell."""
        index = self.page.evaluate(JS_RUN_CELL, {"path": self.relative, "needle": needle, "mark": mark})
        assert index >= 0, f"no cell containing {needle!r} in {self.relative}"
        return self.page.locator(f"[data-test-cell='{mark}']")

    def run_all(self, timeout=600, settled=20):
        """Run → Run All Cells, as a student clicks it; returns the notebook (nbformat JSON) when the
        last cell has run and the kernel is idle, or when nothing has changed for ``settled`` s
        (Run All stopped early: the caller sees cells without an execution count)."""
        self.page.evaluate(JS_RUN_ALL, self.relative)
        deadline, last_change, seen = time.monotonic() + timeout, time.monotonic(), None
        while time.monotonic() < deadline:
            state = self.page.evaluate(JS_RUN_ALL_STATE, self.relative)
            quiet = state["idle"] and not state["busy"]
            if state["executed"] != seen:
                seen, last_change = state["executed"], time.monotonic()
            elif quiet and (state["last"] and time.monotonic() - last_change > 1.0
                            or time.monotonic() - last_change > settled):
                break
            time.sleep(0.5)
        return self.page.evaluate("(path) => window.__testPanels[path].content.model.toJSON()", self.relative)

    def close(self):
        """Shut the notebook's kernel down and close its tab."""
        self.page.evaluate(JS_CLOSE, self.relative)


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    """Save a screenshot to tests/artifacts/<name>.png when the block fails, then re-raise."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise
