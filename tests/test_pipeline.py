"""nbgrader end to end on the real course: release in sync, full marks, zeros, feedback, no leaks."""
import re

import nbformat
import pytest

from course import BY_ID, ROOT, built_assignments, read, release_path, source_path

pytestmark = pytest.mark.slow
ASSIGNMENTS = built_assignments()


def _cells(nb):
    return [(c.cell_type, c.source, c.metadata.get("nbgrader", {})) for c in nb.cells]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_release_is_what_nbgrader_makes(graded_course, assignment):
    root, _ = graded_course
    made = sorted(p.relative_to(root / "release" / assignment) for p in (root / "release" / assignment).rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ROOT / "release" / assignment) for p in (ROOT / "release" / assignment).rglob("*")
                       if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    assert made == committed, "release/ holds other files than nbgrader makes: run `make release`"
    notebook = BY_ID[assignment]["notebook"]
    fresh = nbformat.read(root / "release" / assignment / notebook, as_version=4)
    assert fresh == read(release_path(assignment)), "release/ is out of date with source/: run `make release`"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(graded_course, assignment):
    _, results = graded_course
    auto = {k: v for k, v in results[assignment]["solution"].items() if v[2] == "code"}
    assert auto, "no autograded cells"
    lost = {k: v for k, v in auto.items() if v[0] != v[1]}
    assert not lost, f"the solution loses points in {lost}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_scores_zero(graded_course, assignment):
    _, results = graded_course
    auto = {k: v for k, v in results[assignment]["untouched"].items() if v[2] == "code"}
    assert auto and all(score == 0 for score, _, _ in auto.values()), auto


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_without_errors_or_stderr(graded_course, assignment):
    """Every cell of the source notebook, as nbgrader executed it: no error, nothing on stderr."""
    root, _ = graded_course
    nb = read(root / "autograded" / "solution" / assignment / BY_ID[assignment]["notebook"])
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"cell {i} raised {out.get('ename')}: {out.get('evalue')}"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i} wrote to stderr: {out.text[:300]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_fails_only_in_test_cells(graded_course, assignment):
    """A student who opens the release and runs everything sees no traceback outside test cells."""
    root, _ = graded_course
    nb = read(root / "autograded" / "untouched" / assignment / BY_ID[assignment]["notebook"])
    for i, cell in enumerate(nb.cells):
        is_test = cell.metadata.get("nbgrader", {}).get("grade", False)
        for out in cell.get("outputs", []):
            if out.output_type == "error" and not is_test:
                pytest.fail(f"cell {i} (not a test) raised {out.ename}: {out.evalue}")


def test_no_notebook_samples_data_the_course_ships(graded_course):
    """Every run above started with empty data caches: the Monte Carlo lattices notebook 05 loads all
    come from helpers/ising_samples/, none was sampled again (rebuild it: `make ising-samples`)."""
    root, _ = graded_course
    sampled = sorted(str(p.relative_to(root)) for p in root.rglob("*.npz"))
    assert not sampled, f"sampled although not shipped: {sampled}"


# nbgrader's feedback template heads each notebook with "<notebook> (Score: X / Y)".
# "(Score: 25.0 / 27.0)", or with written answers waiting: "(Score: 25.0 + 2.0 pending (hand grading) / 27.0)".
FEEDBACK_SCORE = re.compile(r"\(Score: ([\d.]+)(?: \+ ([\d.]+) pending \(hand grading\))? / ([\d.]+)\)")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_is_generated_with_the_gradebooks_score(graded_course, assignment):
    root, results = graded_course
    stem = BY_ID[assignment]["notebook"].replace(".ipynb", ".html")
    for student in ("solution", "untouched"):
        html = (root / "feedback" / student / assignment / stem).read_text()
        header = FEEDBACK_SCORE.search(html)
        assert header, f"{student}: the feedback shows no score"
        grades = results[assignment][student].values()
        expected = (sum(score or 0 for score, _, _ in grades), sum(points for score, points, _ in grades if score is None),
                    sum(points for _, points, _ in grades))
        shown = (float(header[1]), float(header[2] or 0), float(header[3]))
        assert shown == pytest.approx(expected, abs=0.01), student


def _block_lines(source, begin, end):
    inside, lines = False, []
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_leaks_no_solution_and_no_hidden_test(assignment):
    source, release = read(source_path(assignment)), read(release_path(assignment))
    release_text = "\n".join(c.source for c in release.cells)
    assert not re.search(r"BEGIN (SOLUTION|HIDDEN TESTS)|END (SOLUTION|HIDDEN TESTS)", release_text)
    outside = set()
    secret = set()
    for cell in source.cells:
        secret.update(_block_lines(cell.source, "BEGIN SOLUTION", "END SOLUTION"))
        secret.update(_block_lines(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"))
        stripped = re.sub(r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END (SOLUTION|HIDDEN TESTS)", "", cell.source, flags=re.S)
        outside.update(line.strip() for line in stripped.splitlines())
    # Lines that also stand outside the blocks (imports, `return x`) reveal nothing.
    revealing = {line for line in secret if len(line) > 15 and line not in outside and not line.startswith("#")}
    release_lines = {line.strip() for line in release_text.splitlines()}
    leaked = sorted(revealing & release_lines)
    assert not leaked, f"release shows solution or hidden-test lines: {leaked[:5]}"


def test_every_source_has_a_release():
    for assignment in ASSIGNMENTS:
        assert release_path(assignment).exists(), f"no release for {assignment}: run `make release`"
