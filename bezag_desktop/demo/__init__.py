"""Demo data: a plausible two-year history of the Arbeitsgemeinschaft, built through the services."""
