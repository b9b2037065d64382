"""Uses Python's min and math.exp: fine for one number, fails on arrays."""
import math


def acceptance(delta_e, temperature):
    return min(1.0, math.exp(-delta_e / temperature))
