"""People import cases: a 10,000-row list into the program-scale workspace, with matching.

The list is written the way partners write them (given names, two surnames, gender letters, age
ranges, organisation, delegation, phone, e-mail, ID card); a fifth of its rows are people the
workspace already knows (by phone, ID card or e-mail), the rest are new. The subject plans the
import (reading, header, values, matching against the 50,000 people) and writes it in one
transaction, on a fresh copy of the workspace each time, as `fieldkit people import` does:
the checked copy taken before an import is started first, and checked while the file is read
and matched. The floor reads the same file with the csv module or openpyxl (read-only) alone:
what merely getting the cells costs.
"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import statistics
from collections.abc import Callable
from pathlib import Path

from bench import names
from bench.registry import Context, case
from bench.timing import Measurement, seconds
from bench.workspace_builder import largest_event_id
from fieldkit.io.people_import import Outcome, apply_plan, plan_import
from fieldkit.store import Workspace
from fieldkit.store.backups import BEFORE_IMPORT

ROWS = 10_000
KNOWN_SHARE = 0.2
IMPORT_TARGET = 3.0
REPEAT = 3
HEADERS = [
    "N°", "Nombres", "Apellido paterno", "Apellido materno", "Sexo", "Edad", "Institución",
    "Delegación", "Celular", "Correo", "CI",
]  # fmt: skip
_AGES = ["17", "18-29", "de 30 a 44 años", "45-59", "60+", "34", ""]


def _rows(workspace: Path) -> list[list[str]]:
    rng = random.Random(2021)
    region = names.ANDES
    connection = sqlite3.connect(workspace)
    try:
        known = connection.execute(
            "SELECT given_names, surnames, phone, id_card, email FROM person "
            "WHERE deleted = 0 AND merged_into IS NULL AND (phone != '' OR id_card != '') "
            "ORDER BY id LIMIT ?",
            (int(ROWS * KNOWN_SHARE),),
        ).fetchall()
    finally:
        connection.close()
    rows: list[list[str]] = []
    for given, surnames, phone, card, email in known:
        first, _, second = surnames.partition(" ")
        rows.append([given, first, second, "", rng.choice(_AGES), "", "", phone, email, card])
    while len(rows) < ROWS:
        woman = rng.random() < 0.5
        given = rng.choice(region.women if woman else region.men)
        first, second = rng.choice(region.surnames), rng.choice(region.surnames)
        number = len(rows)
        rows.append(
            [
                given,
                first,
                second,
                "M" if woman else "H",
                rng.choice(_AGES),
                f"Organización {rng.randrange(300)}",
                rng.choice(("Taraco", "Salinas", "Palos Blancos", "Aija-La Merced", "Pamparomás")),
                f"+591 7{number:07d}",
                f"persona{number}@example.org" if rng.random() < 0.3 else "",
                f"9{number:07d}" if rng.random() < 0.5 else "",
            ]
        )
    rng.shuffle(rows)
    return [[str(n), *row] for n, row in enumerate(rows, start=1)]


def _files(ctx: Context) -> tuple[Path, Path]:
    csv_path, xlsx_path = ctx.scratch / "lista-10k.csv", ctx.scratch / "lista-10k.xlsx"
    if not csv_path.exists():
        rows = _rows(ctx.workspace())
        with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS)
            writer.writerows(rows)
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Participantes")
        sheet.append(["Lista de participantes"])
        sheet.append(HEADERS)
        for row in rows:
            sheet.append(row)
        book.save(xlsx_path)
    return csv_path, xlsx_path


def _import_seconds(ctx: Context, path: Path) -> float:
    """One import on a fresh copy of the workspace (the copy and the opening not counted)."""
    copy = ctx.scratch / "import-copy.sqlite"
    for stale in ctx.scratch.glob("import-copy.sqlite*"):
        stale.unlink()
    shutil.copy(ctx.workspace(), copy)
    ws = Workspace(copy)
    try:
        event_id = largest_event_id()
        plans = []

        def run() -> None:  # as `fieldkit people import` does it
            copy = ws.start_snapshot(BEFORE_IMPORT)
            plan = plan_import(ws, event_id, path)
            apply_plan(ws, plan, copy=copy)
            plans.append(plan)

        elapsed = seconds(run)
        (plan,) = plans
        known = int(ROWS * KNOWN_SHARE)
        assert plan.count(Outcome.MATCHED) >= known * 0.9, plan.count(Outcome.MATCHED)
        assert plan.count(Outcome.REJECTED) == 0
    finally:
        ws.close()
    return elapsed


def _read_csv(path: Path) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _row in csv.reader(handle, delimiter=";"):
            pass


def _read_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for _row in book.worksheets[0].iter_rows(values_only=True):
            pass
    finally:
        book.close()


def _measure(ctx: Context, path: Path, floor: Callable[[Path], None]) -> Measurement:
    floor(path)  # warm the file cache and the imports alike
    subject_s, floor_s = [], []
    for _ in range(REPEAT):
        subject_s.append(_import_seconds(ctx, path))
        floor_s.append(seconds(lambda: floor(path)))
    return Measurement(statistics.median(subject_s), statistics.median(floor_s))


@case("import_csv_10k", unit="s", target=IMPORT_TARGET)
def import_csv_10k(ctx: Context) -> Measurement:
    """10,000 rows of CSV into the largest event, next to reading them with the csv module."""
    csv_path, _xlsx = _files(ctx)
    return _measure(ctx, csv_path, _read_csv)


@case("import_xlsx_10k", unit="s", target=IMPORT_TARGET)
def import_xlsx_10k(ctx: Context) -> Measurement:
    """10,000 rows of XLSX into the largest event, next to reading them with openpyxl."""
    _csv, xlsx_path = _files(ctx)
    return _measure(ctx, xlsx_path, _read_xlsx)
