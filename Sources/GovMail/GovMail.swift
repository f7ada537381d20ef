// GovMail: see README architecture.
