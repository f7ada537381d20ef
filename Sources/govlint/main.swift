// govlint command-line entry point (thin shell over GovKit).
