"""Balance Your Bobbies: the shared package every function uses (the Lambda layer)."""
