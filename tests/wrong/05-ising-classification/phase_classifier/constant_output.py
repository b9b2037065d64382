"""Predicts the fraction of disordered training examples for every lattice, whatever it shows."""
import numpy as np


def train_phase_classifier(X, y, rng):
    rate = float(np.mean(y))

    def predict_proba(X_new):
        return np.full((1, np.asarray(X_new).shape[1]), rate)

    return predict_proba
