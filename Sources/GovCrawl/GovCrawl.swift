// GovCrawl: see README architecture.
