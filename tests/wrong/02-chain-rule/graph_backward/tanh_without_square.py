"""The tanh node's local gradient taken as 1 - f instead of 1 - f**2."""


def graph_backward(x, y, z):
    q = x + y
    f = np.tanh(q * z)
    df_dr = 1.0 - f
    return float(f), float(df_dr * z), float(df_dr * z), float(df_dr * q)
