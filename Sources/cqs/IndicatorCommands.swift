import ArgumentParser
import Core
import Foundation
import Indicators
import Storage
import Vapor

/// `cqs indicators verify` — recomputes every indicator from the raw tables and compares with what the dashboard
/// serves; exits 1 when anything differs.
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "indicators", abstract: "Indicators: check the served figures.",
                                                    subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute facts, running totals and figures from the raw tables and compare with the dashboard's.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The instant to evaluate at, ISO 8601 (default: now).") var at: String?

        func run() async throws {
            try await runCommand {
                let now = try at.map { text in
                    guard let date = ISO8601DateFormatter().date(from: text) else {
                        throw Core.Problem.invalid("Thời điểm không hợp lệ", "--at must be an ISO 8601 instant, e.g. 2026-12-01T10:00:00+07:00.")
                    }
                    return date
                } ?? Date()
                let report = try await withPlatform(db.config()) { app in
                    try await IndicatorVerification.run(now: now, on: app.db)
                }
                IndicatorsCommand.print(report)
                if report.differences > 0 { throw ExitCode(1) }
            }
        }
    }

    /// Prints a verification report: the counts compared, then each difference (at most 20 of each kind).
    static func print(_ report: IndicatorVerification.Report) {
        Swift.print("""
            dossiers: \(report.dossiers), running-total rows: \(report.totalsRows), scopes × periods compared: \(report.scopesCompared)
            differences: \(report.differences) (facts \(report.factDifferences.count), totals \(report.totalsDifferences.count), \
            figures \(report.figureDifferences.count))
            """)
        for line in (report.factDifferences.prefix(20) + report.totalsDifferences.prefix(20) + report.figureDifferences.prefix(20)) {
            Swift.print("  ≠ \(line)")
        }
        Swift.print(report.differences == 0 ? "khớp — the dashboard equals the full recomputation" : "KHÔNG KHỚP — differences found")
    }
}
