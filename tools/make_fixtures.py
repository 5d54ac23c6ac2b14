#!/usr/bin/env python3
"""Writes the spreadsheet fixtures under tests/fixtures/ (needs openpyxl: pip install openpyxl).

Run from the repository root: python3 tools/make_fixtures.py
"""
import openpyxl


def workbook():
    wb = openpyxl.Workbook()
    values = wb.active
    values.title = "Values"
    values.append(["City", "Year", "KPI", "Data point", "Value", "Unit"])
    values.append(["Testville", 2020, "EC: ICT: ICT: 2C", None, 44.8, "%"])
    values.append(["Testville", 2020, "EN:EN:AQ:1C", "PM2.5", 10, "µg/m³"])
    values.append(["Testville", 2020, "EN:EN:AQ:1C", "PM 10", "NR", None])
    values.append([None, None, None, None, None, None])
    values.append(["Testville", 2021, "Household Internet Access", None, "=20+25", "%"])
    values.append(["Testville", 2021, "Resilience Plans", None, "Yes", "yes/no"])
    targets = wb.create_sheet("Targets")
    targets.append(["kpi", "target", "source", "city"])
    targets.append(["EC: ICT: ICT: 1C", 95, "Testville digital plan 2030", "Testville"])
    targets.append(["EC: ICT: ICT: 3C", -5, "a broken target", None])
    cities = wb.create_sheet("Cities")
    cities.append(["city", "country", "population", "fictional"])
    cities.append(["Testville", "Testland", "18,500", "yes"])
    notes = wb.create_sheet("Notes")
    notes.append(["Test workbook for cityprofile; fictional data"])
    wb.save("tests/fixtures/book.xlsx")


if __name__ == "__main__":
    workbook()
