// govlint command-line entry point: a thin shell over GovKit (lychee-bin over lychee-lib).
import Foundation
import GovKit

exit(CLI.main(Array(CommandLine.arguments.dropFirst())))
