"""Scoring checks: forums."""

from __future__ import annotations
