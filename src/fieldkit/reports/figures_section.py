"""The attendance figures of the minutes: key figures, tables by day, session, category; charts."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from fieldkit.core.model import AgeGroup, AttendanceMode, Gender
from fieldkit.i18n import N_
from fieldkit.labels import AGE_GROUP_LABELS, ATTENDANCE_MODE_LABELS
from fieldkit.labels import GENDER_PLURAL_LABELS as GENDER_LABELS
from fieldkit.reports.charts import Series, bar_chart, column_chart, has_data
from fieldkit.reports.data import MinutesData, Scope
from fieldkit.reports.figures import (
    UNKNOWN,
    Breakdown,
    Dimension,
    Figures,
    Period,
    Split,
    masked,
)
from fieldkit.reports.sections import session_reference
from fieldkit.reports.story import Story
from fieldkit.reports.styles import (
    CELL_PADDING,
    MUTED,
    Cell,
    cell,
    column_widths,
    grid_table,
    text,
)

DIMENSION_TITLES = {
    Dimension.GENDER: N_("By gender"),
    Dimension.AGE_GROUP: N_("By age group"),
    Dimension.MODE: N_("By mode of attendance"),
    Dimension.COUNTRY: N_("By country"),
    Dimension.DELEGATION: N_("By delegation"),
    Dimension.MUNICIPALITY: N_("By municipality"),
    Dimension.ORGANISATION: N_("By organisation"),
}
CHARTED = (Dimension.DELEGATION,)  # the other categories are few: their table says it all
CHART_CATEGORIES = 15  # the largest categories drawn; the table lists them all
NUMBER_COLUMN = 1.45 * cm
CATEGORY_COLUMN = 4 * cm  # the least left for the names of categories beside many columns


def figures_section(story: Story, data: MinutesData, figures: Figures) -> list[Flowable]:
    tx = story.tx
    flowables = story.heading(tx._("Attendance figures"), 0, new_page=True)
    flowables += _key_figures(story, figures)
    if story.hide_below > 1:
        withheld = tx._(
            "Counts from 1 to {limit} are withheld and shown as “<{bound}” so that no one "
            "can be singled out."
        )
        limit, bound = tx.number(story.hide_below - 1), tx.number(story.hide_below)
        flowables.append(
            story.paragraph(
                withheld.format(limit=limit, bound=bound),
                "muted",
            )
        )
    if data.scope == Scope.EVENT or len(figures.days) > 1:
        flowables += _by_day(story, figures)
    if figures.sessions:
        flowables += _by_session(story, figures)
    if not figures.unique_people:  # every table by category would be all zeros
        flowables.append(
            story.paragraph(
                tx._("No one was recorded by name, so there are no figures by category."),
                "muted",
            )
        )
        return flowables
    for breakdown in figures.breakdowns:
        flowables += _breakdown(story, data, figures.periods, breakdown)
    return flowables


def _key_figures(story: Story, figures: Figures) -> list[Flowable]:
    tx, st = story.tx, story.st
    # With nothing recorded at all, the people present are unknown, not zero.
    nothing = not any(day.recorded for day in figures.days)
    unknown = tx._("Attendance not recorded") if nothing else None
    rows: list[tuple[str, int | str]] = [
        (tx._("People registered for the event"), figures.registered),
        (tx._("People present (each counted once)"), unknown or figures.unique_people),
        (
            tx._("Person-sessions (each person once per session)"),
            unknown or figures.person_sessions,
        ),
    ]
    if figures.head_counted:
        rows.append(
            (tx._("Counted by head count where names were not taken"), figures.head_counted)
        )
    average = figures.average_per_session
    if average is not None:
        label = (
            tx._("Average attendance per session where it was recorded")
            if figures.sessions_not_recorded
            else tx._("Average attendance per session")
        )
        rows.append((label, tx.decimal(average)))
    if figures.sessions_not_recorded:
        rows.append(
            (
                tx._("Sessions whose attendance was not recorded"),
                tx._("{count} of {total}").format(
                    count=tx.number(figures.sessions_not_recorded),
                    total=tx.number(len(figures.sessions)),
                ),
            )
        )
    widths = column_widths(story.width * 0.75, (None, 3.2 * cm))
    table = grid_table(
        [
            [
                cell(label, st.cell, widths[0]),
                story.count(value)
                if isinstance(value, int)
                else cell(value, st.cell_right, widths[1]),
            ]
            for label, value in rows
        ],
        widths,
        header_rows=0,
        right_columns=(1,),
    )
    return [table, story.gap(6)]


def _word_width(story: Story, label: str) -> float:
    """The width a header needs to set every word of it on one line."""
    style = story.st.head_right
    words = label.split() or [""]
    return max(float(stringWidth(w, style.fontName, style.fontSize)) for w in words)


def _number_width(story: Story, labels: list[str]) -> float:
    """Columns of numbers as narrow as their headers allow: every word on one line."""
    widest = max((_word_width(story, label) for label in labels), default=0.0)
    return float(max(NUMBER_COLUMN, widest + 2 * CELL_PADDING + 1))


def _period_widths(story: Story, labels: list[str]) -> list[float]:
    """The columns of numbers of a breakdown, each as its own header needs ('Day 3' is narrower
    than 'Whole event'), made narrower still when the names of the categories would have less
    than `CATEGORY_COLUMN`; never narrower than a header's longest word or a number."""
    style = story.st.head_right
    least = float(stringWidth("100 000", style.fontName, style.fontSize))
    needs = [max(_word_width(story, label), least) + 2 * CELL_PADDING + 1 for label in labels]
    widths = [max(NUMBER_COLUMN, need) for need in needs]
    excess = CATEGORY_COLUMN - (story.width - sum(widths))
    slack = sum(w - n for w, n in zip(widths, needs, strict=True))
    if excess > 0 and slack > 0:
        share = min(1.0, excess / slack)
        widths = [w - (w - n) * share for w, n in zip(widths, needs, strict=True)]
    return widths


def _split_labels(story: Story) -> list[str]:
    tx = story.tx
    return [
        tx._("Present"),
        *(tx._(GENDER_LABELS[gender]) for gender in Gender),
        *(tx._(ATTENDANCE_MODE_LABELS[mode]) for mode in AttendanceMode),
    ]


def _split_table(story: Story, first: str, labelled: list[tuple[str, Split | None]]) -> Flowable:
    """A table of people by gender and mode, one row per day or session; a row whose split is
    None says that attendance was not recorded, across the columns of numbers."""
    labels = _split_labels(story)
    number = _number_width(story, labels)
    widths = column_widths(story.width, (None, *[number] * len(labels)))
    header: list[Cell] = [first, *(Paragraph(text(h), story.st.head_right) for h in labels)]
    rows: list[list[Cell]] = [header]
    spans: list[tuple[object, ...]] = []
    not_recorded = story.tx._("Attendance not recorded")
    for label, people in labelled:
        if people is None:
            spans += [
                ("SPAN", (1, len(rows)), (-1, len(rows))),
                ("ALIGN", (1, len(rows)), (-1, len(rows)), "CENTER"),
                ("TEXTCOLOR", (1, len(rows)), (-1, len(rows)), MUTED),
            ]
            rows.append(
                [cell(label, story.st.cell, widths[0]), not_recorded, *[""] * (len(labels) - 1)]
            )
            continue
        rows.append([cell(label, story.st.cell, widths[0]), *_split_cells(story, people)])
    return grid_table(
        rows,
        widths,
        right_columns=range(1, len(labels) + 1),
        long=len(rows) > 60,
        extra=spans,
    )


def _split_cells(story: Story, people: Split) -> list[Cell]:
    values: list[int | None] = [people.total, *people.genders, people.in_person, people.virtual]
    return ["—" if v is None else story.count(v) for v in values]


def _by_day(story: Story, figures: Figures) -> list[Flowable]:
    tx = story.tx
    labelled: list[tuple[str, Split | None]] = []
    for figure in figures.days:
        day = figure.day
        label = tx._("Day {number}").format(number=day.number)
        if day.date:
            label = f"{label} · {tx.date(day.date)}"
        labelled.append((label, figure.people if figure.recorded else None))
    charted = [f for f in figures.days if f.recorded]  # no empty column that would read as 0
    series = [
        Series(
            tx._(GENDER_LABELS[gender]),
            tuple(_chart_value(story, f.people.genders[index]) for f in charted),
        )
        for index, gender in enumerate(Gender)
    ]
    series = [s for s in series if any(s.values)]
    categories = [tx._("Day {number}").format(number=f.day.number) for f in charted]
    chart = column_chart(categories, series, story.width, 6 * cm) if has_data(series) else None
    return [
        *_with_chart(story, tx._("By day"), chart),
        _split_table(story, tx._("Day"), labelled),
        story.paragraph(
            tx._("Everyone recorded on a day counts once, at the arrival or at any session."),
            "muted",
        ),
    ]


def _with_chart(story: Story, title: str, chart: Flowable | None) -> list[Flowable]:
    """A heading and the chart under it, on one page; the table follows."""
    if chart is None:
        return story.heading(title, 1)
    return [*story.heading(title, 1, keep=chart.height + 1.2 * cm), chart, Spacer(1, 6)]


def _chart_value(story: Story, value: int) -> int | None:
    return None if masked(value, story.hide_below) else value


def _by_session(story: Story, figures: Figures) -> list[Flowable]:
    tx = story.tx
    labelled: list[tuple[str, Split | None]] = []
    marked = False
    for figure in figures.sessions:
        label = session_reference(story, figure.session)
        if figure.head_count and figure.recorded:
            label += "\u00a0*"  # a no-break space: the star stays with the title
            marked = True
        labelled.append((label, figure.people if figure.recorded else None))
    charted = [f for f in figures.sessions if f.recorded]  # a bar of nothing would read as 0
    in_person = tuple(_chart_value(story, f.people.in_person or 0) for f in charted)
    virtual = tuple(_chart_value(story, f.people.virtual or 0) for f in charted)
    counted = tuple(_chart_value(story, f.people.total) if f.head_count else 0 for f in charted)
    series = [
        Series(tx._(ATTENDANCE_MODE_LABELS[AttendanceMode.IN_PERSON]), in_person),
        Series(tx._(ATTENDANCE_MODE_LABELS[AttendanceMode.VIRTUAL]), virtual),
    ]
    if marked:
        series.append(Series(tx._("Head count"), counted))
    chart = None
    if has_data(series):
        labels = [session_reference(story, f.session) for f in charted]
        chart = bar_chart(labels, series, story.width, label_width=story.width * 0.42)
    flowables = [
        *_with_chart(story, tx._("By session"), chart),
        _split_table(story, tx._("Session"), labelled),
    ]
    if marked:
        note = tx._(
            "* Head count: names were not taken, so these people are not in the other figures."
        )
        flowables.append(story.paragraph(note, "muted"))
    return flowables


def _period_label(story: Story, data: MinutesData, period: Period) -> str:
    tx = story.tx
    if period.day_number is not None:
        return tx._("Day {number}").format(number=period.day_number)
    if data.scope == Scope.DAY and data.days:
        return tx._("Day {number}").format(number=data.days[0].number)
    if data.scope == Scope.SESSION:
        return tx._("Session")
    return tx._("Whole event")


def _category_label(story: Story, dimension: Dimension, category: str) -> str:
    tx = story.tx
    if category == UNKNOWN:
        return tx._("Not recorded")
    if dimension == Dimension.GENDER:
        return tx._(GENDER_LABELS[Gender(category)])
    if dimension == Dimension.AGE_GROUP:
        return tx._(AGE_GROUP_LABELS[AgeGroup(category)])
    if dimension == Dimension.MODE:
        return tx._(ATTENDANCE_MODE_LABELS[AttendanceMode(category)])
    return category


def _breakdown(
    story: Story, data: MinutesData, periods: tuple[Period, ...], breakdown: Breakdown
) -> list[Flowable]:
    tx, st = story.tx, story.st
    known = any(any(row.counts) for row in breakdown.rows if row.category != UNKNOWN)
    if not known and breakdown.dimension == Dimension.AGE_GROUP:
        # A table of zeros would read as "no one of any age": say why there is none instead.
        line = tx._("The table by age group is left out: no one's age group was recorded.")
        return [story.gap(6), story.paragraph(line, "muted")]
    if not breakdown.rows or (
        not known and breakdown.dimension not in (Dimension.GENDER, Dimension.MODE)
    ):
        return []
    columns = len(periods)
    labels = [_period_label(story, data, p) for p in periods]
    widths = column_widths(story.width, (None, *_period_widths(story, [*labels, "%"])))
    header: list[Cell] = [cell("", st.cell_bold, widths[0])]
    header += [Paragraph(text(label), st.head_right) for label in labels]
    header.append(Paragraph("%", st.head_right))
    rows: list[list[Cell]] = [header]
    whole = breakdown.totals[-1]
    for row in breakdown.rows:
        share = row.counts[-1] / whole * 100 if whole else 0.0
        shown_share = "" if masked(row.counts[-1], story.hide_below) else tx.percent(share)
        rows.append(
            [
                cell(_category_label(story, breakdown.dimension, row.category), st.cell, widths[0]),
                *(story.count(v) for v in row.counts),
                shown_share,
            ]
        )
    rows.append([tx._("Total"), *(story.count(v) for v in breakdown.totals), ""])
    chart = None
    if breakdown.dimension in CHARTED and len(breakdown.rows) > 1:
        top = [r for r in breakdown.rows if r.category != UNKNOWN][:CHART_CATEGORIES]
        series = [
            Series(
                _period_label(story, data, periods[-1]),
                tuple(_chart_value(story, r.counts[-1]) for r in top),
            )
        ]
        if has_data(series):
            labels = [_category_label(story, breakdown.dimension, r.category) for r in top]
            chart = bar_chart(labels, series, story.width, label_width=story.width * 0.3)
    table = grid_table(
        rows,
        widths,
        right_columns=range(1, columns + 2),
        bold_rows=(len(rows) - 1,),
        long=len(rows) > 60,
    )
    return [*_with_chart(story, tx._(DIMENSION_TITLES[breakdown.dimension]), chart), table]
