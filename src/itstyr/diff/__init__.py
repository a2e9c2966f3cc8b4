"""What a change does to governance (`itstyr diff`): entities added, removed and changed field by
field, findings introduced and fixed, the score per recommendation before and after; and the change
log, month by month, in words (`changelog.py`)."""
