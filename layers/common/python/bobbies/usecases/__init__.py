"""What the functions do, each a short story: read through store/, decide in domain/, write, notify."""
