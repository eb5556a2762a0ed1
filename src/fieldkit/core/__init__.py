"""Plain-Python domain: values, rules and clocks. Imports neither Qt nor SQLAlchemy."""
