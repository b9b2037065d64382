"""nbgrader configuration of the course; the repository root is the course root."""
import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = ROOT
c.CourseDirectory.course_id = "backprop-from-scratch"
# SQLite is the default gradebook; a bigger course points NBGRADER_DB_URL at PostgreSQL,
# e.g. postgresql+psycopg://grader@dbhost/backprop (driver: psycopg, in requirements.txt)
c.CourseDirectory.db_url = os.environ.get("NBGRADER_DB_URL", f"sqlite:///{os.path.join(ROOT, 'gradebook.db')}")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".cache"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Honest work may train for a while; an infinite loop may not stall grading forever.
c.Execute.timeout = 120

# Grading and feedback (autograder/): a test cell deleted from a submission is put back and
# graded; feedback never shows hidden tests, their tracebacks or evidence records, also when
# `nbgrader generate_feedback` is run by hand.
# nbgrader's own feedback steps, with ours right after GetGrades (which reads the scores).
from nbgrader.converters import GenerateFeedback  # noqa: E402

c.OverwriteCells.add_missing_cells = True
_feedback = GenerateFeedback.class_traits()["preprocessors"].default()
_after = next(k for k, step in enumerate(_feedback) if getattr(step, "__name__", step).endswith("GetGrades")) + 1
c.GenerateFeedback.preprocessors = _feedback[:_after] + ["autograder.feedback.HideHiddenTests"] + _feedback[_after:]
# A written answer waiting for hand grading reads "pending" in the feedback, not "Score: 0.0".
c.HTMLExporter.filters = {"float": "autograder.feedback.score_number"}

# Run All reaches the end of a student's notebook: test and solution cells get the
# `raises-exception` tag (autograder/run_all.py), so JupyterLab and nbconvert show their errors
# and go on. nbgrader's own list comes first, unchanged.
from nbgrader.converters import GenerateAssignment  # noqa: E402

c.GenerateAssignment.preprocessors = GenerateAssignment.class_traits()["preprocessors"].default() + [
    "autograder.run_all.TagCellsThatMayRaise"]

# Feedback pages without nbconvert's whole-page BeautifulSoup pass, about half the cost of a page
# (autograder/feedback_page.py); the same page otherwise.
c.GenerateFeedback.exporter_class = "autograder.feedback_page.FeedbackHTMLExporter"
