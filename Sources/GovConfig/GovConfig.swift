// GovConfig: see README architecture.
