"""Telling neighbourhood teams: rendering taskings for email and SMS, and publishing them."""
