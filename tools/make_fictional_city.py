#!/usr/bin/env python3
"""Writes sample-cities/fictional-values.csv and fictional-targets.csv.

Six invented cities ("Lakeside (fictional)" and five more, of every population
band): every value and every target in these two files is made up to
demonstrate full wheels, trends, comparisons and peer groups. Nothing here
describes a real place. Deterministic: the same script gives the same files.

Run from the repository root: python3 tools/make_fictional_city.py
"""
import csv
import random

# name, seed, first year, how well it does (shifts the achievement levels), yearly trend bias
CITIES = [
    ("Lakeside (fictional)", 20241128, 2019, 0.0, 0.0),
    ("Rivermouth (fictional)", 11, 2021, -0.25, 0.01),
    ("Northfield (fictional)", 12, 2019, -0.1, -0.02),
    ("Eastvale (fictional)", 13, 2019, 0.05, 0.02),
    ("Hillcrest (fictional)", 14, 2020, 0.12, 0.0),
    ("Bayport (fictional)", 15, 2019, -0.05, 0.03),
]
LAST_YEAR = 2024
NOTE = "fictional demonstration value"
TARGET_SOURCE = "Illustrative target for the fictional demo city; not a U4SSC benchmark"

# Illustrative targets and plausible value ranges for KPIs whose unit is not a plain %.
SPECIAL = {
    "EC: ICT: ICT: 3C": (100000, None),
    "EC: ICT: ICT: 5C": (200, None),
    "EC: P: IN: 1C": (3, None),
    "EC: P: IN: 2C": (60, None),
    "EC: P: EM: 1C": (4, None),
    "EC: P: EM: 2C": (8, None),
    "EC: I: ES: 1C": (0.5, None),
    "EC: I: ES: 2C": (30, None),
    "EC: I: T: 1C": (150, None),
    "EC: I: T: 3C": (120, None),
    "EC: I: T: 5A": (1.1, None),
    "EC: I: T: 6A": (300, None),
    "EC: I: T: 7A": (150, None),
    "EN: EN: AQ: 2C": (2, None),
    "EN: EN: WS: 2C": (120, None),
    "EN: EN: WS: 3C": (50, None),
    "EN: EN: EQ: 2A": (5, None),
    "EN: EN: PSN: 1C": (900, None),
    "EN: EN: PSN: 4A": (40, None),
    "EN: E: E: 2C": (3000, None),
    "EN: E: E: 3C": (5, None),
    "EN: E: E: 4A": (100, None),
    "EC: ICT: PS: 2A": (300, None),
    "SC: EH: ED: 3C": (25000, None),
    "SC: EH: H: 1C": (85, None),
    "SC: EH: H: 3C": (400, None),
    "SC: EH: H: 4A": (500, None),
    "SC: EH: C: 1C": (5, None),
    "SC: EH: C: 2A": (20, None),
    "SC: SH: HO: 2A": (30, None),
    "SC: SH: SI: 2C": (0.25, None),
    "SC: SH: SI: 3C": (5, None),
    "SC: SH: SA: 1C": (0.1, 2),
    "SC: SH: SA: 2C": (0.1, 2),
    "SC: SH: SA: 4A": (1, None),
    "SC: SH: SA: 5A": (8, None),
    "SC: SH: SA: 8C": (200, None),
    "SC: SH: SA: 9C": (2, None),
}
SPECIAL_POINTS = {
    ("EC: ICT: PS: 1A", "Number"): (300, None),
    ("EC: I: T: 4A", "Private vehicles"): (30, None),
    ("EC: I: T: 4A", "Public transport"): (30, None),
    ("EC: I: T: 4A", "Walking"): (25, None),
    ("EC: I: T: 4A", "Cycling"): (15, None),
    ("EN: EN: WA: 1C", "Landfill"): (10, None),
    ("EN: EN: WA: 1C", "Burnt"): (1, None),
    ("EN: EN: WA: 1C", "Open dump"): (1, None),
    ("EN: EN: WA: 1C", "Recycled"): (60, None),
}
SHORT_UNITS = {
    "EN: EN: AQ: 1C": "µg/m³",
    "EN: EN: AQ: 2C": "t CO2e per capita",
    "EN: EN: WS: 2C": "litres per capita per day",
    "EN: EN: PSN: 1C": "hectares per 100 000 inhabitants",
    "EN: EN: PSN: 4A": "m² per 100 000 inhabitants",
    "EN: E: E: 2C": "kWh per capita per year",
    "EN: E: E: 3C": "GJ per capita per year",
    "EN: E: E: 4A": "kWh per m² per year",
    "EC: I: ES: 1C": "interruptions per customer per year",
    "EC: I: ES: 2C": "minutes",
    "EC: I: T: 5A": "ratio",
    "SC: EH: H: 1C": "years",
    "SC: SH: SI: 2C": "Gini (0-1)",
    "SC: SH: SA: 5A": "minutes",
    "SC: SH: SA: 6C": "FTE per 100 000 inhabitants",
    "SC: SH: SA: 7C": "FTE per 100 000 inhabitants",
    "EC: I: T: 1C": "km per 100 000 inhabitants",
    "EC: I: T: 3C": "km per 100 000 inhabitants",
}
# KPIs and data points with no direction (no target): plausible levels only.
NO_DIRECTION_LEVEL = {"EC: P: EM: 3A": 6, "SC: SH: SA: 6C": 180, "SC: SH: SA: 7C": 90, "Para transport": 3, "Incinerated": 20, "Other": 5}
LOWER_PERCENT_TARGET = 5  # illustrative target for lower-is-better percentages


def items(catalogue):
    for row in catalogue:
        points = [p.strip() for p in row["data_points"].split("|") if p.strip()]
        if not points:
            yield row, None, row["direction"], row["unit"]
        for p in points:
            parts = [x.strip() for x in p.split(":")]
            direction = parts[1] if len(parts) > 1 and parts[1] else row["direction"]
            unit = parts[2] if len(parts) > 2 else row["unit"]
            yield row, parts[0], direction, unit


def city_rows(catalogue, defaults, name, seed, first_year, shift, bias):
    rng = random.Random(seed)
    years = list(range(first_year, LAST_YEAR + 1))
    values, targets = [], []
    for row, point, direction, unit in items(catalogue):
        code = row["code"]
        yes_no = unit.lower().startswith("yes/no")
        # Achievement in the latest year: spread over all four bands.
        final = min(1.0, max(0.1, rng.choice([0.2, 0.45, 0.55, 0.75, 0.85, 0.9, 0.97, 1.0, 1.0]) + shift))
        trend = rng.choice([0.04, 0.02, 0.0, -0.02, 0.06]) + bias
        if yes_no:
            answer = "Yes" if rng.random() < 0.7 + shift else "No"
            values += [[name, y, code, point or "", answer, "yes/no"] for y in years]
            if (code, point or "") not in defaults:
                targets.append([name, code, point or "", "Yes", "", "", TARGET_SOURCE])
            continue
        if direction == "target":  # gender income ratio, parity 1.0
            start = 0.78 + shift * 0.2
            series = [round(start + 0.025 * i + rng.uniform(-0.01, 0.01), 2) for i in range(len(years))]
            values += [[name, y, code, point or "", v, "ratio female:male"] for y, v in zip(years, series)]
            continue
        target, worst = SPECIAL_POINTS.get((code, point), SPECIAL.get(code, (None, None)))
        percent = "%" in unit
        if target is None:
            target = 100 if direction != "lower" else LOWER_PERCENT_TARGET
        series = []
        if direction == "none":
            level = NO_DIRECTION_LEVEL.get(point or code, 10)
            series = [round(level * (1 + rng.uniform(-0.08, 0.08)), 2) for _ in years]
        for i, _ in enumerate(years if direction != "none" else []):
            a = max(0.05, final - trend * (len(years) - 1 - i) + rng.uniform(-0.015, 0.015))
            if direction == "lower":
                v = target / a if worst is None else worst - a * (worst - target)
            else:
                v = target * a
            if percent:
                v = min(v, 100)
            series.append(round(max(v, 0), 2))
        if code == "SC: SH: FS: 1A" and name.startswith("Lakeside"):
            series[-1] = "NR"  # shows the not-reported look in the latest year
        short_unit = SHORT_UNITS.get(code) or ("%" if "%" in unit else unit.split("(")[0].split(";")[0].strip())
        values += [[name, y, code, point or "", v, short_unit] for y, v in zip(years, series)]
        if direction in ("higher", "lower") and (code, point or "") not in defaults:
            targets.append([name, code, point or "", target, worst if worst is not None else "", "", TARGET_SOURCE])
    return values, targets


def main():
    catalogue = list(csv.DictReader(open("assets/u4ssc_catalogue.csv", encoding="utf-8")))
    defaults = {(r["kpi"], r["data_point"]) for r in csv.DictReader(open("assets/default_targets.csv", encoding="utf-8"))}
    values, targets = [], []
    for name, seed, first_year, shift, bias in CITIES:
        v, t = city_rows(catalogue, defaults, name, seed, first_year, shift, bias)
        values += v
        targets += t
    with open("sample-cities/fictional-values.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["city", "year", "kpi", "data_point", "value", "unit", "quality", "verified", "note"])
        for v in values:
            w.writerow(v + ["personal estimation", "No", NOTE])
    with open("sample-cities/fictional-targets.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["city", "kpi", "data_point", "target", "worst", "direction", "source"])
        w.writerows(targets)
    print(len(values), "values,", len(targets), "targets")


if __name__ == "__main__":
    main()
