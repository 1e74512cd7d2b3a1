"""mentorcli: run workplace mentoring cohorts from one YAML file per cohort."""

__version__ = "0.1.0"
