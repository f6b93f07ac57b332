import Foundation
import ArgumentParser

/// `cqs bench …` — benchmarks, run in release mode; results go to docs/benchmarks.md.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks (build with -c release).",
                                                    subcommands: [])
}
