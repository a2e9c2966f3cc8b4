"""Scoring checks: responsibility."""

from __future__ import annotations
