"""The naive casualty baseline."""
from pipeline.eval.baselines import naive_counts


def test_naive_counts():
    assert naive_counts("Police said 3 were killed. Officials said 2 were injured.") == {"killed": 3, "injured": 2}
    # naive: the nearest number wins even when it counts something else
    assert naive_counts("Police said 3 people were killed and 2 were injured.")["killed"] == 2
    assert naive_counts("Nothing happened.") == {"killed": None, "injured": None}
