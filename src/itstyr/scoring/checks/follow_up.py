"""Scoring checks: follow_up."""

from __future__ import annotations
