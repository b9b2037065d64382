"""Shared code for the Backprop from Scratch notebooks.

Everything here is student-facing: data sets, plots, the checks that visible tests use, gradient
checking and the widgets. Nothing here solves an exercise.
"""
