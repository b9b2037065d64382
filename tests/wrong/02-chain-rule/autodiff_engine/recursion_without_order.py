"""Each node pushes its gradient and recurses at once: a shared node passes on its gradient once per use.

The solution's Value with one method replaced (the solved notebook's class is in scope here).
"""


class Value(Value):  # noqa: F821 - the solution's class
    def backward(self):
        self.grad = 1.0
        self._push()

    def _push(self):
        for parent, local in self._inputs:
            parent.grad += local * self.grad
            parent._push()
