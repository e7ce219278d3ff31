"""The forms of pip_plans, by sub-domain."""
