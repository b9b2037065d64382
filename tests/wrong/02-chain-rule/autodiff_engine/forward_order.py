"""Walks the topological order forwards (inputs first): nodes pass their gradient on before it is complete.

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
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent, _ in node._inputs:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in order:
            for parent, local in node._inputs:
                parent.grad += local * node.grad
