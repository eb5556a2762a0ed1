"""fieldkit's benchmark harness: `python -m bench` (or `make bench`) from the repository root.

Every case is timed next to its floor, the least work that gives the same answer, measured in the
same run: the machine is shared and noisy, so only the ratio of the two means something.
"""
