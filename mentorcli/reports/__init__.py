"""Progress of a cohort and the reports that show it."""
