"""Scoring checks: goals."""

from __future__ import annotations
