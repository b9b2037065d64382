"""Returns np.exp(-delta_e / T) for every move, also downhill ones."""
import numpy as np

MISTAKE = "no_cap_at_one"

def acceptance(delta_e, temperature):
    return np.exp(-np.asarray(delta_e, float) / np.asarray(temperature, float))
