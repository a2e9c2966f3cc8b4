"""The command line: a thin shell over `itstyr.api`. Nothing else imports this package."""
