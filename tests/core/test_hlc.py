from hypothesis import given
from hypothesis import strategies as st

from fieldkit.core.hlc import MAX_DRIFT_MS, HybridLogicalClock, Stamp


def test_stamps_increase_even_when_the_wall_clock_goes_back() -> None:
    wall = [1_000_000]
    clock = HybridLogicalClock("dev1", wall_ms=lambda: wall[0])
    first = clock.now()
    wall[0] = 500_000  # the laptop's clock was set back
    second = clock.now()
    assert second > first
    assert Stamp.parse(second).millis == 1_000_000


def test_a_restarted_clock_continues_after_its_last_stamp() -> None:
    clock = HybridLogicalClock("dev1", last=Stamp(2_000_000, 3, "dev1"), wall_ms=lambda: 10)
    assert clock.now() == str(Stamp(2_000_000, 4, "dev1"))


def test_observing_a_stamp_far_in_the_future_does_not_move_the_clock() -> None:
    clock = HybridLogicalClock("dev1", wall_ms=lambda: 1_000)
    clock.observe(str(Stamp(1_000 + MAX_DRIFT_MS + 1, 0, "dev2")))
    assert Stamp.parse(clock.now()).millis == 1_000
    clock.observe(str(Stamp(5_000, 7, "dev2")))
    assert Stamp.parse(clock.now()) == Stamp(5_000, 8, "dev1")


@given(
    st.integers(0, 10**12), st.integers(0, 99_999), st.integers(0, 10**12), st.integers(0, 99_999)
)
def test_string_order_is_clock_order(m1: int, c1: int, m2: int, c2: int) -> None:
    a, b = Stamp(m1, c1, "aa"), Stamp(m2, c2, "aa")
    assert (str(a) < str(b)) == (a < b)
    assert Stamp.parse(str(a)) == a
