import Documents
import Foundation
import Testing

/// Number series: which series a document takes, and their keys.
@Suite struct NumberSeriesTests {
    let agency = "000.00.00.H60"

    @Test func administrative_documents_share_one_ordinary_series_by_default() throws {
        let policy = NumberingPolicy()
        let plan = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .plan)
        let letter = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .officialLetter)
        #expect(plan == letter)
        #expect(plan.kind == .ordinary && plan.direction == .outgoing && plan.documentType == nil)
        #expect(plan.storageKey == "000.00.00.H60/2026/outgoing/ordinary")
    }

    @Test func the_agency_may_give_each_administrative_type_its_own_series() throws {
        let policy = NumberingPolicy(separateSeriesPerAdministrativeType: true)
        let plan = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .plan)
        let letter = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .officialLetter)
        #expect(plan != letter)
        #expect(plan.storageKey == "000.00.00.H60/2026/outgoing/ordinary/plan")
    }

    @Test func secret_documents_have_a_separate_series_for_every_level() throws {
        let policy = NumberingPolicy(separateSeriesPerAdministrativeType: true)
        let ordinary = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .report)
        let levels = try [Confidentiality.confidential, .secret, .topSecret].map {
            try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .report, confidentiality: $0)
        }
        #expect(Set(levels).count == 1)
        #expect(levels[0] != ordinary && levels[0].kind == .secret)
        #expect(levels[0].storageKey == "000.00.00.H60/2026/outgoing/secret")
    }

    @Test func normative_decisions_and_resolutions_each_have_their_own_series() throws {
        let policy = NumberingPolicy()
        let decisions = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .decision, normative: true)
        let resolutions = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .resolution, normative: true)
        let individual = try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .decision)
        #expect(decisions.storageKey == "000.00.00.H60/2026/outgoing/normative/decision")
        #expect(decisions != resolutions && decisions != individual)
        #expect(throws: DocumentRuleError.self) {
            try policy.outgoingSeries(agencyCode: agency, year: 2026, type: .plan, normative: true)
        }
    }

    @Test func thu_cong_takes_no_series() {
        #expect(reason { try NumberingPolicy().outgoingSeries(agencyCode: agency, year: 2026, type: .publicLetter) }
            == .typeNotNumbered)
    }

    @Test func incoming_numbers_run_in_their_own_series_and_secret_ones_apart() throws {
        let policy = NumberingPolicy()
        let ordinary = try policy.incomingSeries(agencyCode: agency, year: 2026)
        let secret = try policy.incomingSeries(agencyCode: agency, year: 2026, confidentiality: .topSecret)
        #expect(ordinary.storageKey == "000.00.00.H60/2026/incoming/ordinary")
        #expect(secret.storageKey == "000.00.00.H60/2026/incoming/secret")
        let merged = NumberingPolicy(separateIncomingSecretSeries: false)
        #expect(try merged.incomingSeries(agencyCode: agency, year: 2026, confidentiality: .secret) == ordinary)
    }

    @Test func inconsistent_series_are_refused() {
        let cases: [() throws -> NumberSeries] = [
            { try NumberSeries(agencyCode: "", year: 2026) },
            { try NumberSeries(agencyCode: "H60 X", year: 2026) },
            { try NumberSeries(agencyCode: "H60/X", year: 2026) },
            { try NumberSeries(agencyCode: "H60", year: 26) },
            { try NumberSeries(agencyCode: "H60", year: 2026, kind: .normative) },
            { try NumberSeries(agencyCode: "H60", year: 2026, kind: .normative, documentType: .plan) },
            { try NumberSeries(agencyCode: "H60", year: 2026, direction: .incoming, kind: .normative, documentType: .decision) },
            { try NumberSeries(agencyCode: "H60", year: 2026, kind: .secret, documentType: .plan) },
            { try NumberSeries(agencyCode: "H60", year: 2026, direction: .incoming, documentType: .plan) },
            { try NumberSeries(agencyCode: "H60", year: 2026, documentType: .publicLetter) },
        ]
        for (index, make) in cases.enumerated() {
            #expect(reason(make) == .invalidNumberSeries, "case \(index)")
        }
    }

    @Test func a_series_starts_at_one_and_counts_up() throws {
        let series = try NumberSeries(agencyCode: agency, year: 2026)
        #expect(NumberSeries.firstNumber == 1)
        #expect(series.number(after: nil) == 1)
        #expect(series.number(after: 59) == 60)
        #expect(NumberAndSymbol.format(number: series.number(after: nil)) == "01")
    }

    @Test func the_year_turns_at_midnight_vietnam_time() {
        // 31 Dec 2025 17:00 UTC = 1 Jan 2026 00:00 in Vietnam.
        let newYear = Date(timeIntervalSince1970: 1_767_200_400)
        #expect(NumberSeries.year(of: newYear) == 2026)
        #expect(NumberSeries.year(of: newYear.addingTimeInterval(-1)) == 2025)
    }

    @Test func a_series_round_trips_through_json_and_decoding_checks_it() throws {
        let series = try NumberSeries(agencyCode: agency, year: 2026, kind: .normative, documentType: .decision)
        let data = try JSONEncoder().encode(series)
        #expect(try JSONDecoder().decode(NumberSeries.self, from: data) == series)
        let bad = Data(#"{"agencyCode":"H60","year":2026,"direction":"outgoing","kind":"normative","documentType":"plan"}"#.utf8)
        #expect(throws: DocumentRuleError.self) { try JSONDecoder().decode(NumberSeries.self, from: bad) }
    }
}
