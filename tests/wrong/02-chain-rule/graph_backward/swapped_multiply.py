"""At the multiply node each input gets its own value instead of the other one: dx and dz mixed up."""


def graph_backward(x, y, z):
    q = x + y
    f = np.tanh(q * z)
    df_dr = 1.0 - f ** 2
    return float(f), float(df_dr * q), float(df_dr * q), float(df_dr * z)
