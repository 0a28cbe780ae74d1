"""FICTIONAL population for the built-in sample: invented, rounded numbers, not SSB's.

Each band gives the number of persons at every single age in it, the same in
every year. Only kommuner and bydeler are listed; a fylke and the nation are
the sums of the sample's kommuner. Oslo's four bydeler are a part of the city.
"""

from __future__ import annotations

YEARS = range(2022, 2027)
AGE_BANDS = ((0, 17), (18, 24), (25, 29), (30, 44), (45, 66), (67, 79), (80, 89), (90, 105))

# Persons per single year of age, one number per band in AGE_BANDS.
PER_AGE: dict[str, tuple[int, ...]] = {
    "0301": (8000, 9000, 13000, 12000, 8000, 5000, 2500, 200),
    "030101": (700, 900, 1600, 1300, 600, 300, 100, 10),
    "030102": (800, 1200, 2200, 1600, 700, 300, 100, 10),
    "030103": (500, 700, 1300, 1000, 500, 250, 100, 10),
    "030104": (400, 900, 1300, 900, 500, 300, 100, 10),
    "3301": (1200, 1100, 1200, 1300, 1300, 1000, 500, 50),
    "3320": (10, 10, 10, 10, 15, 15, 5, 0),
    "3322": (30, 30, 30, 30, 40, 40, 15, 1),
    "3324": (50, 50, 50, 50, 60, 50, 20, 2),
    "3326": (30, 30, 40, 40, 30, 20, 10, 1),
    "3328": (50, 40, 40, 50, 60, 60, 25, 2),
    "3330": (50, 40, 50, 50, 60, 50, 20, 2),
    "4204": (1400, 1500, 1500, 1500, 1400, 1000, 500, 50),
}
