"""Tests that need a system package (bubblewrap, chromium)."""
import os

import pytest


def require_tool(present, what):
    """Skip a test whose system tool is missing on a developer's machine; fail it on CI.

    `.ci/run` installs bubblewrap and chromium, so there a missing tool is a broken setup that
    must not pass as a skip.
    """
    if present:
        return
    message = f"{what} is not installed (apt-get install it; .ci/run does)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
