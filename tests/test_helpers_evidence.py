import json

import numpy as np
import pytest

from helpers import evidence


@pytest.mark.parametrize("value", [
    1.5, -0.0, 3, True, None, "text",
    np.float64(0.1) + np.float64(0.2),
    np.arange(6.0).reshape(2, 3) / 7,
    np.array([[1, 2]], dtype=np.int8),
    np.array([True, False]),
])
def test_encode_round_trips_through_json(value):
    back = evidence.decode(json.loads(json.dumps(evidence.encode(value))))
    if isinstance(value, np.ndarray):
        assert back.shape == value.shape and np.array_equal(back, value)
    else:
        assert back == value


def test_non_finite_and_containers():
    value = {"a": (np.inf, -np.inf), "b": [np.nan]}
    back = evidence.decode(json.loads(json.dumps(evidence.encode(value))))
    assert back["a"] == [np.inf, -np.inf] and np.isnan(back["b"][0])


def test_record_outside_a_kernel_collects():
    del evidence.recorded[:]
    evidence.record("dw", np.ones((1, 2)), rule="close", rtol=1e-3)
    (payload,) = evidence.recorded
    assert payload["name"] == "dw" and payload["rule"] == "close"
    assert evidence.decode(payload["params"]["rtol"]) == 1e-3
    del evidence.recorded[:]


def test_record_rejects_unknown_rules():
    with pytest.raises(ValueError, match="unknown evidence rule"):
        evidence.record("x", 1, rule="approximately")
