"""autograder/worker.py: the parts that need no kernel."""
import os
import shutil
import tempfile

from autograder import worker


def test_the_kernel_directory_stays_in_a_short_scratch_folder():
    scratch = tempfile.mkdtemp(prefix="s-", dir="/tmp")  # (a test's tmp_path may be too deep already)
    try:
        assert os.path.dirname(worker.kernel_dir(scratch)) == scratch
    finally:
        shutil.rmtree(scratch)


def test_a_scratch_folder_too_deep_for_a_socket_path_gives_a_kernel_directory_in_tmp(tmp_path):
    scratch = tmp_path / ("deep-" * 20)
    scratch.mkdir()
    made = worker.kernel_dir(str(scratch))
    try:
        assert os.path.dirname(made) == "/tmp"
        assert len(os.path.join(made, "kernel-0000000")) <= worker.IPC_PATH_MAX
        assert not any(scratch.iterdir()), "the too-deep directory was left behind"
    finally:
        os.rmdir(made)
