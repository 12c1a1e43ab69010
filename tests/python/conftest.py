import datetime as dt

import pytest

import treem


@pytest.fixture(scope="session")
def units() -> treem.UnitRegistry:
    return treem.UnitRegistry.bundled()


@pytest.fixture(scope="session")
def calendar() -> treem.HolidayCalendar:
    return treem.HolidayCalendar.vietnam()


D = dt.date
