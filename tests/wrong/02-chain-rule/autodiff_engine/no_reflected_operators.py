"""No __radd__ or __rmul__: 2 * v and 1 + v raise TypeError, a plain number on the left is not supported.

The solution's Value with the reflected operators taken away (None marks an operator as missing).
"""


class Value(Value):  # noqa: F821 - the solution's class
    __radd__ = None
    __rmul__ = None
