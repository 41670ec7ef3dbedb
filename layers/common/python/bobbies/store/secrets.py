"""The key for hashing voter tokens, from Secrets Manager (cached for five minutes)."""

from bobbies.settings import settings


def voter_key() -> bytes:
    from aws_lambda_powertools.utilities import parameters  # brings boto3: only a voter's request needs it

    secret = parameters.get_secret(settings().voter_key_secret, max_age=300)
    return str(secret).encode()
