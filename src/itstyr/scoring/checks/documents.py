"""Scoring checks: documents."""

from __future__ import annotations
