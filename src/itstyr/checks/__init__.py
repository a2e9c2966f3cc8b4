"""Checks over the loaded workspace; each yields findings and never prints."""
