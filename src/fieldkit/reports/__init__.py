"""PDF reports: pure functions from plain data to a file (no Qt, no database session).

`gather_minutes(ws, event, day=, session_id=)` reads a workspace into `MinutesData`;
`build_minutes(data, lang, paper, out)` writes the PDF; `write_minutes` does both.
"""

from fieldkit.reports.data import MinutesData
from fieldkit.reports.gather import gather_minutes
from fieldkit.reports.minutes import PAPERS, build_minutes
from fieldkit.reports.service import MinutesRequest, output_language, output_paper, write_minutes

__all__ = [
    "PAPERS",
    "MinutesData",
    "MinutesRequest",
    "build_minutes",
    "gather_minutes",
    "output_language",
    "output_paper",
    "write_minutes",
]
