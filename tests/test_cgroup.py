"""autograder.cgroup on a fake cgroup v2 tree: where v1 is absent, a group is made under our own
v2 group when the pids controller is delegated to it, and the budget says so."""
from autograder import cgroup, sandbox


def _fake_v2(tmp_path, monkeypatch, delegated):
    mount = tmp_path / "unified"
    (mount / "user.slice" / "grader").mkdir(parents=True)
    (mount / "user.slice" / "grader" / "cgroup.subtree_control").write_text(delegated)
    monkeypatch.setattr(cgroup, "V1", tmp_path / "no-v1")
    monkeypatch.setattr(cgroup, "_v2_mount", lambda: mount)
    monkeypatch.setattr(cgroup, "_own_path", lambda controller: "user.slice/grader" if controller == "" else None)
    monkeypatch.delenv("AUTOGRADER_CGROUPS", raising=False)
    return mount / "user.slice" / "grader"


def test_a_v2_group_with_a_process_budget(tmp_path, monkeypatch):
    parent = _fake_v2(tmp_path, monkeypatch, "cpu pids memory")
    groups = cgroup.create(pids_max=512, memory_bytes=1024, tag="t")
    assert len(groups) == 1 and groups[0].parent == parent
    assert (groups[0] / "pids.max").read_text() == "512" and (groups[0] / "memory.max").read_text() == "1024"
    assert sandbox.process_budget(groups) == "cgroup v2 pids and RLIMIT_NPROC 256"
    assert cgroup.tagged("t") == groups


def test_no_delegated_controller_no_group(tmp_path, monkeypatch):
    _fake_v2(tmp_path, monkeypatch, "cpu")
    assert cgroup.create(pids_max=512, tag="t") == []
    assert sandbox.process_budget([]) == "RLIMIT_NPROC 256"


def test_cgroups_can_be_switched_off(tmp_path, monkeypatch):
    _fake_v2(tmp_path, monkeypatch, "pids")
    monkeypatch.setenv("AUTOGRADER_CGROUPS", "off")
    assert cgroup.create(pids_max=512) == []


def test_the_prelude_sets_the_process_limit():
    argv = sandbox.kernel_command(["python", "-m", "ipykernel"], conn_dir="/tmp/x", uid=201234)
    assert str(sandbox.NPROC) in argv and "201234" in argv
    assert "--unshare-user" not in argv and "CAP_SETUID" in argv
    assert "RLIMIT_NPROC" in argv[argv.index("-c") + 1]
