"""Builds the network but never updates its random initial weights."""
import numpy as np


def train_phase_classifier(X, y, rng):
    n_in = X.shape[0]
    W1 = rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(8, n_in))
    W2 = rng.normal(0.0, 1.0 / np.sqrt(8), size=(1, 8))

    def predict_proba(X_new):
        return 1.0 / (1.0 + np.exp(-(W2 @ np.tanh(W1 @ np.asarray(X_new, dtype=float)))))

    return predict_proba
