"""math.exp works on one number only (and raises OverflowError at 1000): not elementwise."""
import math


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))
