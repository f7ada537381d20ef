import GovCore
