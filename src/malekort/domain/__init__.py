"""The rules of the domain, in plain Python: no Django imports here.

periods and deadlines, cell parsing and the suppression rule, the consistency
rules between key figures, SSB's symbols and the file formats we read.
"""
