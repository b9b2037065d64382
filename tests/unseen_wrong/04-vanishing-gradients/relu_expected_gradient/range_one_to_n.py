"""Uses exponents 1..n_layers, so the output layer already gets p."""
import numpy as np

MISTAKE = "starts_at_p"

def relu_expected_gradient(n_layers, active_fraction=0.5):
    return active_fraction ** np.arange(1, n_layers + 1, dtype=float)
