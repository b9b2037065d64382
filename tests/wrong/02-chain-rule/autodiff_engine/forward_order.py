"""Walks the topological order forwards (inputs first): nodes pass their gradient on before it is complete.

The solution's Value with one method replaced (the solved notebook's class is in scope here).
"""


class Value(Value):  # noqa: F821 - the solution's class
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
