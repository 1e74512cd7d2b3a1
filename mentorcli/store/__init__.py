"""Reading, checking and writing cohort files: the only package that touches YAML text."""
