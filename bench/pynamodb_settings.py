"""PynamoDB settings for the bench (PYNAMODB_CONFIG): moto on a busy machine is slow to answer."""

connect_timeout_seconds = 30
read_timeout_seconds = 300
