"""KOSTRA individual files (11F social assistance, 11CF qualification benefit) and the key figures they give.

layouts.py   the fields we read, per form and reporting year
reading.py   decoding, line checks with Norwegian reasons, warnings, the person frame
identity.py  birth dates from identity numbers (D-, H- and synthetic numbers)
compute.py   the key figures per area and month (polars), and the 1–3 rule
importing.py one import of several files: pairing years, covering months, summaries
reference.py the same figures line by line, for the benchmark and tests
synthetic.py synthetic files (never real identity numbers)

Identity, DUF and journal numbers and birth dates stay inside this package:
what leaves it is area-month figures and counts.
"""
