"""The pages of pip_plans, by sub-domain."""
