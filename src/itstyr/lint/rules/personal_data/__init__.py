"""Personal data in the published handbook: e-mail addresses, phone numbers and personal identity
numbers have no place in files that are rendered and published."""

from itstyr.lint.rules.personal_data import personal_data

RULES = [personal_data]
