"""Scoring checks: cost."""

from __future__ import annotations
