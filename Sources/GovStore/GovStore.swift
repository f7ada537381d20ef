// GovStore: see README architecture.
