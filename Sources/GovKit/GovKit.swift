// GovKit: see README architecture.
