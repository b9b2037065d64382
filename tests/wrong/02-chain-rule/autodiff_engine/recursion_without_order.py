"""Each node pushes its gradient and recurses at once: a shared node passes on its gradient once per use.

A whole Value class, as a student writes it; only the mistake differs from the solution.
"""


class Value:
    """One number that remembers how it was computed, so gradients can flow back to its inputs."""

    def __init__(self, data, _inputs=()):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_inputs)

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, [(self, 1.0), (other, 1.0)])

    def __radd__(self, other):
        return self + other

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, [(self, other.data), (other, self.data)])

    def __rmul__(self, other):
        return self * other

    def tanh(self):
        t = float(np.tanh(self.data))
        return Value(t, [(self, 1.0 - t * t)])

    def backward(self):
        self.grad = 1.0
        self._push()

    def _push(self):
        for parent, local in self._inputs:
            parent.grad += local * self.grad
            parent._push()
