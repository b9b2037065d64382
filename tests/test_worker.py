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


def test_the_sandboxs_processes_and_threads_are_counted_down_the_tree():
    import subprocess
    import sys
    # A child that starts a grandchild and a second thread: 1 + 2 (child) + 1 (grandchild).
    code = ("import subprocess, sys, threading, time\n"
            "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
            "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'])\n"
            "print('ready', flush=True)\n"
            "time.sleep(30)\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert worker.sandbox_tasks(child.pid) == 3
    finally:
        subprocess.run(["pkill", "-P", str(child.pid)])
        child.kill()
        child.wait()
    assert worker.sandbox_tasks(child.pid) == 0


def test_a_run_that_broke_off_at_the_process_limit_says_so_in_words():
    broken = ValueError("Invalid Signature: b'392ffc63'")
    said = worker.failure_reason(broken, 250, 256)
    assert said.startswith("the kernel stopped: the sandbox's process limit was reached (250 processes")
    assert "Invalid Signature" not in said
    assert worker.failure_reason(broken, 12, 256) == "execution failed: ValueError: Invalid Signature: b'392ffc63'"
