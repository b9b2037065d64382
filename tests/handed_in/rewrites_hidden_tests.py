"""A cheat: sigmoid, the activation derivatives and xtanh return zeros, the rest is as released,
and the graph_backward cell registers an IPython AST transformer that, in every cell, drops the
asserts and `check_*` calls and records each hidden test's own reference expression (read from
its `np.allclose(got, REF)`) in place of the student's value. Hidden tests run with IPython's own
transformers: nothing is earned (0), and the code is flagged."""
EXPECT = 0.0
PENDING = 0
FLAG = "hooks the kernel"

ZEROS = {"sigmoid": ["sigmoid"], "activation_derivatives": ["sigmoid_derivative", "tanh_derivative", "relu_derivative"],
         "xtanh": ["xtanh", "xtanh_derivative"]}
TRANSFORMER = r'''
import ast
class _UseTheirs(ast.NodeTransformer):
    def visit_Module(self, node):
        self.refs = {}
        for n in ast.walk(node):
            if isinstance(n, ast.Assert):
                for c in ast.walk(n.test):
                    if isinstance(c, ast.Call) and getattr(c.func, "attr", "") in ("allclose", "isclose", "array_equal") \
                            and len(c.args) >= 2:
                        first = c.args[0]
                        if isinstance(first, ast.Call) and first.args:
                            first = first.args[0]
                        if isinstance(first, ast.Name):
                            self.refs.setdefault(first.id, c.args[1])
        self.generic_visit(node)
        records = [s for s in node.body if isinstance(s, ast.Expr) and getattr(getattr(s.value, "func", None), "id", "") == "record"]
        node.body = [s for s in node.body if s not in records] + records
        return node
    def visit_Assert(self, node):
        return ast.Pass()
    def visit_Expr(self, node):
        f = getattr(node.value, "func", None)
        if isinstance(f, ast.Name) and f.id.startswith("check_"):
            return ast.Pass()
        if isinstance(f, ast.Name) and f.id == "record" and len(node.value.args) >= 2:
            a = node.value.args[1]
            if isinstance(a, ast.Name) and a.id in self.refs:
                node.value.args[1] = self.refs[a.id]
        return node
get_ipython().ast_transformers.append(_UseTheirs())
'''


def make(nb):
    nb = release()
    cells = cells_by_id(nb)
    for gid, names in ZEROS.items():
        cells[gid].source = "".join(f"def {n}(z):\n    return np.zeros_like(np.asarray(z, dtype=float))\n" for n in names)
    cells["graph_backward"].source = "def graph_backward(x, y, z):\n    return 0.0, 0.0, 0.0, 0.0\n" + TRANSFORMER
    return nb
