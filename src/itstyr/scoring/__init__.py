"""Scoring against an assessment framework (the 2023 audit's R1–R7 and Q1–Q6 by default).

A framework is data: recommendations, questions, criteria and bands. Each criterion names a check, a
pure function registered by name that looks at the workspace as of a date and returns a result with
its evidence; the engine weighs the results into scores, labels and verdicts.
"""
