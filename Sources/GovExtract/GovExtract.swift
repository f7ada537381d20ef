// GovExtract: see README architecture.
