"""The police console's API under /api/admin/: one Powertools Router per job, included by
functions/admin/app.py. Each route says which groups may call it (bobbies.auth)."""
