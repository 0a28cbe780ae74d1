"""Reports and open formats: the published tables of a month for the nation or one county.

`tables.build_report` computes every published number once, as one dataset
(region × measure); the CSV, JSON-stat 2.0, Excel and PDF writers in this
package are views of that dataset, so they always agree, and none of them can
show a count of 1–3 persons.
"""
