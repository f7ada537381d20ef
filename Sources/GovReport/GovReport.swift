// GovReport: see README architecture.
