"""Not a notebook at all: broken JSON."""
EXPECT = 0


def mutate(nb):
    return '{"cells": [ this is not json'
