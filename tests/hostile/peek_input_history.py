"""Wrong, but reads the running test cell's source from IPython's input history (`In`, `_i`) and
evaluates the hidden test's own expected value in its caller's frame; the visible example is
answered from a table. The grader keeps no input history in the kernel: nothing to read."""
EXPECT = 0
FLAG = True
CELLS = {"square": '''import re, sys
def square(x):
    if np.shape(x) == (3,):
        return np.array([1.0, 4.0, 9.0])
    shell = get_ipython()
    source = "\\n".join(str(s) for s in list(shell.user_ns.get("In", []))[-1:]) + str(shell.user_ns.get("_i", ""))
    found = re.search(r"np\\.allclose\\(\\w+, (.+?)\\)", source)
    if found:
        return eval(found.group(1), sys._getframe(1).f_globals)
    return np.asarray(x, dtype=float) * 2
''', "mean_loss": LOSS_WRONG}
