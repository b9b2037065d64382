"""tanh's local gradient computed from its input, 1 - x**2, instead of from its output, 1 - tanh(x)**2.

The solution's Value with one method replaced (the solved notebook's class is in scope here).
"""


class Value(Value):  # noqa: F821 - the solution's class
    def tanh(self):
        return Value(np.tanh(self.data), [(self, 1.0 - self.data ** 2)])
