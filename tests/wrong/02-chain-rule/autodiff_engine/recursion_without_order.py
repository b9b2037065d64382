"""Each node pushes its gradient and recurses at once: a shared node passes on its gradient once per use."""


class Value:
    def __init__(self, data, _inputs=()):
        self.data = float(data)
        self.grad = 0.0
        self._inputs = tuple(_inputs)

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, [(self, 1.0), (other, 1.0)])

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, [(self, other.data), (other, self.data)])

    __rmul__ = __mul__

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
