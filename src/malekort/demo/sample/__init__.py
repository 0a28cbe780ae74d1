"""A small built-in sample for the demo when neither SSB's files nor its APIs can be reached.

The codes and names in regions.csv are SSB's; the population in population.py is invented.
"""
