"""The police console's API (/api/admin/...): a thin door into bobbies.admin_api's routers.

API Gateway's Cognito authorizer admits only signed-in staff; each route checks the caller's group.
"""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from bobbies.admin_api import areas, moderation, session, subscriptions, taskings
from bobbies.http import make_resolver, resolve
from bobbies.observability import logger, metrics, traced

app = make_resolver()
app.include_router(session.router)
app.include_router(moderation.router)
app.include_router(taskings.router)
app.include_router(areas.router)
app.include_router(subscriptions.router)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@metrics.log_metrics
@traced
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return resolve(app, event, context)
