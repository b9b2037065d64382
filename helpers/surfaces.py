"""Two-dimensional loss surfaces to descend, each with its exact gradient.

A surface is a loss of a parameter vector ``theta = (t0, t1)``. Its ``loss`` and ``gradient``
accept either one point (shape ``(2,)``) or a stack of points whose *first* axis holds the two
coordinates (shape ``(2, ...)``), so the same code draws a contour plot over a grid and scores a
single step. Nothing here is an exercise: the notebooks ask for the optimisers, not the surfaces.
"""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Surface:
    """A named 2-D loss with its gradient, its minimum and a view that frames the descent."""

    name: str
    loss: Callable[[np.ndarray], np.ndarray]
    gradient: Callable[[np.ndarray], np.ndarray]
    minimum: np.ndarray
    start: np.ndarray
    xlim: tuple
    ylim: tuple
    # Contour levels: losses of such surfaces span decades, so they are spaced logarithmically.
    levels: np.ndarray = field(default=None)

    def grid(self, resolution=200):
        """``xx, yy, loss`` over the view, ready for ``contour``."""
        xx, yy = np.meshgrid(np.linspace(*self.xlim, resolution), np.linspace(*self.ylim, resolution))
        return xx, yy, self.loss(np.stack([xx, yy]))


def _as_points(theta):
    theta = np.asarray(theta, dtype=float)
    if theta.ndim == 0 or theta.shape[0] != 2:
        raise ValueError(f"theta must have 2 coordinates along its first axis, got shape {theta.shape}")
    return theta


def _rotation(angle):
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def quadratic_valley(condition=25.0, angle=np.pi / 6, center=(0.0, 0.0)):
    """A long, narrow quadratic valley: ``L = 0.5 (u^2 + condition v^2)`` in rotated coordinates.

    ``u, v`` are the coordinates of ``theta - center`` along the valley's floor and across it. The
    Hessian has eigenvalues 1 and ``condition``, so plain gradient descent is stable only for a
    learning rate below ``2 / condition`` while the floor direction wants a large one: the classic
    ill-conditioned problem. ``angle`` tilts the valley away from the axes (a tilt matters for
    optimisers that scale each coordinate separately, such as RMSProp and Adam).
    """
    if condition < 1:
        raise ValueError(f"condition must be at least 1, got {condition}")
    rot = _rotation(angle)
    hessian = rot @ np.diag([1.0, float(condition)]) @ rot.T
    center = np.asarray(center, dtype=float)

    def _shifted(theta):
        theta = _as_points(theta)
        return theta - center.reshape((2,) + (1,) * (theta.ndim - 1))

    def loss(theta):
        d = _shifted(theta)
        return 0.5 * np.einsum("i...,ij,j...->...", d, hessian, d)

    def gradient(theta):
        return np.einsum("ij,j...->i...", hessian, _shifted(theta))

    start = center + rot @ np.array([-4.0, 1.2])
    return Surface(name=f"quadratic valley (condition {condition:g})", loss=loss, gradient=gradient,
                   minimum=center.copy(), start=start,
                   xlim=(center[0] - 5.0, center[0] + 5.0), ylim=(center[1] - 4.0, center[1] + 4.0),
                   levels=np.logspace(-2, 2.5, 16))


def rosenbrock(a=1.0, b=10.0):
    """A Rosenbrock-like banana valley: ``L = (a - t0)^2 + b (t1 - t0^2)^2``, minimum at ``(a, a^2)``.

    The floor is curved, so no single direction points to the minimum; ``b`` sets how steep the
    walls are (the textbook uses 100; 10 keeps plain descent feasible in a few hundred steps).
    """
    if b <= 0:
        raise ValueError(f"b must be positive, got {b}")

    def loss(theta):
        t0, t1 = _as_points(theta)
        return (a - t0) ** 2 + b * (t1 - t0 ** 2) ** 2

    def gradient(theta):
        t0, t1 = _as_points(theta)
        wall = t1 - t0 ** 2
        return np.stack([-2.0 * (a - t0) - 4.0 * b * t0 * wall, 2.0 * b * wall])

    return Surface(name=f"Rosenbrock-like (a={a:g}, b={b:g})", loss=loss, gradient=gradient,
                   minimum=np.array([a, a * a]), start=np.array([-1.5, 2.0]),
                   xlim=(-2.0, 2.0), ylim=(-1.0, 3.0), levels=np.logspace(-2, 2.5, 16))
