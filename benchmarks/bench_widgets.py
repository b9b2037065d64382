"""Widget latency in a real browser: from a key press on a slider to the redrawn figure.

Starts a private JupyterLab (as the browser tests do), runs the scratch notebook's explorer cells in
headless Chromium, and for each explorer presses arrow keys on its sliders (right, then left, so
the settings stay near their defaults). The page itself times each change: from the ``keydown``
to the ``load`` of the new figure image. Prints the median per explorer; the goal for the
playground is a median under 250 ms on the course machine. Results also go to
benchmarks/results/widgets.json.

    .venv/bin/python benchmarks/bench_widgets.py [--rounds N]
"""
import argparse
import json
import pathlib
import re
import statistics
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_support import (CHROMIUM, CHROMIUM_ARGS, LabPage, course_copy, start_lab,  # noqa: E402
                             only_loopback)

FIXTURE = "tests/fixtures/widgets/explorers.ipynb"
GOAL_MS = 250
# explorer -> (the cell to run, the sliders to move)
EXPLORERS = {
    "playground": ("playground(namespace=globals())", ["hidden-units", "learning-rate", "dataset-noise", "l2-strength"]),
    "learning-rate explorer": ("learning_rate_explorer(namespace=globals())", ["learning-rate", "steps"]),
    "depth explorer": ("depth_explorer(namespace=globals())", ["number-of-layers"]),
}

# Timestamps taken in the page: a key press on a slider handle starts the clock, the next load of
# this cell's figure stops it.
JS_INSTRUMENT = """(cell) => {
    const img = cell.querySelector('img.explorer-figure');
    const clock = {start: 0, times: []};
    cell.addEventListener('keydown', () => { clock.start = performance.now(); }, true);
    img.addEventListener('load', () => {
        if (clock.start) { clock.times.push(performance.now() - clock.start); clock.start = 0; }
    });
    window.__benchClock = clock;
}"""


def measure(notebook, name, needle, sliders, rounds):
    page = notebook.page
    cell = notebook.run_cell(needle, name.replace(" ", "-"))
    cell.locator(".explorer-readout").filter(has_text=re.compile(r"\w")).wait_for(timeout=120_000)
    cell.evaluate(JS_INSTRUMENT)
    count = 0
    for _ in range(rounds):
        for key in ("ArrowRight", "ArrowLeft"):
            for slider in sliders:
                handle = cell.locator(f".explorer-{slider} .noUi-handle")
                handle.focus()
                handle.press(key)
                count += 1
                page.wait_for_function("(n) => window.__benchClock.times.length >= n", arg=count, timeout=60_000)
    return page.evaluate("() => window.__benchClock.times")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="right+left presses per slider (default 3)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = pathlib.Path(tempfile.mkdtemp(prefix="bench-lab-"))
    course_copy(root, [FIXTURE])
    server = start_lab(root)
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", only_loopback)
            page = context.new_page()
            page.set_default_timeout(60_000)
            notebook = LabPage(page, server).open(FIXTURE)
            for name, (needle, sliders) in EXPLORERS.items():
                times = measure(notebook, name, needle, sliders, args.rounds)
                results[name] = {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times),
                                 "changes": len(times)}
            notebook.close()
            browser.close()
    finally:
        server.stop()
    for name, r in results.items():
        goal = f"  (goal < {GOAL_MS} ms: {'met' if r['median_ms'] < GOAL_MS else 'NOT met'})" if name == "playground" else ""
        print(f"{name}: median {r['median_ms']:.0f} ms from slider key press to redrawn figure over {r['changes']} "
              f"changes (min {r['min_ms']:.0f}, max {r['max_ms']:.0f}){goal}")
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "widgets.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
