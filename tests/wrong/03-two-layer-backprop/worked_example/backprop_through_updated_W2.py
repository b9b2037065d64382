"""Updates W2 first and then backpropagates into layer 1 through the new W2."""
import numpy as np


def worked_example():
    """One forward pass, backward pass and gradient step of the 2-2-1 network above, in numpy.

    Sigmoid on both layers, loss (a2 - y)**2 for the single example x = [1, 2], target y = 0.8,
    step size 0.1. Returns a dict with the keys
    z1, a1, z2, a2, loss, dW1, db1, dW2, db2, W1_new, b1_new, W2_new, b2_new.
    Vectors are columns: z1, a1, db1, b1_new are (2, 1); z2, a2, db2, b2_new are (1, 1);
    dW1 and W1_new are (2, 2); dW2 and W2_new are (1, 2); loss is a float.
    """
    x = np.array([[1.0], [2.0]])
    y = 0.8
    W1 = np.array([[0.5, 0.3], [0.2, 0.8]])
    b1 = np.array([[0.1], [0.4]])
    W2 = np.array([[0.9, 0.7]])
    b2 = np.array([[0.2]])
    lr = 0.1

    def sig(z):
        return 1.0 / (1.0 + np.exp(-z))

    z1 = W1 @ x + b1
    a1 = sig(z1)
    z2 = W2 @ a1 + b2
    a2 = sig(z2)
    loss = float(((a2 - y) ** 2).item())

    # Backward: every derivative of a sigmoid is taken at its input z, written through a = sigmoid(z).
    da2 = 2.0 * (a2 - y)
    dz2 = da2 * a2 * (1.0 - a2)
    dW2 = dz2 @ a1.T
    db2 = dz2
    W2 = W2 - lr * dW2
    da1 = W2.T @ dz2
    dz1 = da1 * a1 * (1.0 - a1)
    dW1 = dz1 @ x.T
    db1 = dz1

    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "loss": loss,
            "dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2,
            "W1_new": W1 - lr * dW1, "b1_new": b1 - lr * db1,
            "W2_new": W2, "b2_new": b2 - lr * db2}
