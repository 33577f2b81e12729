"""The prediction service and the model registry it reads from."""
