"""Pure rules: ballots, tallies, rankings, rounds and taskings. No I/O, no boto3."""
