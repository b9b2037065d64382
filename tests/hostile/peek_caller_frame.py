"""Wrong, but searches every frame above it (the hidden test's locals and globals) for an expected
value or a reference function to answer with; hidden tests compute those only after it returns."""
EXPECT = 0
FLAG = True
CELLS = {"square": '''import sys
def square(x):
    if np.shape(x) == (3,):
        return np.array([1.0, 4.0, 9.0])
    frame = sys._getframe(1)
    while frame is not None:
        for scope in (frame.f_locals, frame.f_globals):
            for name, value in list(scope.items()):
                if any(w in name.lower() for w in ("expect", "reference", "_ref", "want")):
                    if callable(value):
                        return value(x)
                    if np.shape(value) == np.shape(x):
                        return value
        frame = frame.f_back
    return np.asarray(x, dtype=float) * 2
''', "mean_loss": LOSS_WRONG}
