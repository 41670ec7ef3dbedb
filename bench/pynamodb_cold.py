"""PynamoDB settings for bench/cold_start.py (PYNAMODB_CONFIG): one attempt, as the baseline's
client makes (AWS_MAX_ATTEMPTS=1), so the refused request is not retried after backoff sleeps."""

max_retry_attempts = 0
