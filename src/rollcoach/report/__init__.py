"""The HTML report: pure functions from stored records to one self-contained page.

``build_report(ReportInput(...), week_data)`` returns the page as a string; the
``rollcoach report`` command only reads the store and writes the file.
matplotlib is imported with this package, so the CLI imports it only when asked.
"""

from rollcoach.knowledge.config_schema import WeekData
from rollcoach.report.page import build_page
from rollcoach.report.series import MAX_WEEKS, ReportData, ReportInput, report_data

__all__ = ["MAX_WEEKS", "ReportData", "ReportInput", "build_report", "report_data"]


def build_report(source: ReportInput, week: WeekData) -> str:
    """The report page for ``source`` (see :mod:`rollcoach.report.page`)."""
    return build_page(report_data(source, week), week)
