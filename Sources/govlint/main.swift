// govlint command-line entry point: a thin shell over GovCLI (lychee-bin over lychee-lib).
import Foundation
import GovCLI
import GovKit

LexiconRetention.keepUntilExit()

exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
