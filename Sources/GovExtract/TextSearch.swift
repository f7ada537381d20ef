import GovCore

