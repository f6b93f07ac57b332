import Core
import Dossiers
import Foundation
import Testing

/// The small text helpers on the submission path: hexadecimal digests, random identifiers, zero-padded numbers.
@Suite struct IdentifierTests {
    @Test func hex_is_lower_case_two_digits_a_byte() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa5, 0xff, 0x10]) == "000fa5ff10")
        #expect(Hex.lowercase([UInt8]()) == "")
        let bytes = (0...255).map { UInt8($0) }
        #expect(Hex.lowercase(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
    }

    @Test func random_identifiers_are_version_4_and_distinct() {
        let ids = (0..<1000).map { _ in UUID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4)  // version 4
            #expect(id.uuid.8 >> 6 == 0b10)  // RFC 4122 variant
            #expect(UUID(uuidString: id.uuidString) == id)
        }
    }

    @Test func time_ordered_identifiers_are_version_7_carry_the_millisecond_and_sort_by_time() {
        let instant = Date(timeIntervalSince1970: 1_764_650_000.123)
        let ids = (0..<1000).map { UUID.timeOrdered(at: instant + Double($0) / 1000) }
        #expect(Set(ids).count == 1000)
        for (offset, id) in ids.enumerated() {
            #expect(id.uuid.6 >> 4 == 7)  // version 7
            #expect(id.uuid.8 >> 6 == 0b10)  // RFC 4122 variant
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(milliseconds == 1_764_650_000_123 + UInt64(offset))
        }
        // bytewise order (SQLite's blob, PostgreSQL's uuid) is the order of time
        let texts = ids.map { $0.uuidString.lowercased() }
        #expect(texts == texts.sorted())
        let sameMillisecond = (0..<100).map { _ in UUID.timeOrdered(at: instant) }
        #expect(Set(sameMillisecond).count == 100)
    }

    @Test func numbers_are_padded_with_zeros_and_never_cut() {
        #expect(Digits.padded(7, to: 2) == "07")
        #expect(Digits.padded(42, to: 4) == "0042")
        #expect(Digits.padded(12345, to: 4) == "12345")
        #expect(Digits.padded(0, to: 3) == "000")
    }

    @Test func a_dossier_code_keeps_its_format_past_nine_thousand_nine_hundred_and_ninety_nine() {
        #expect(DossierCode(agencyCode: "000.00.20.H60", year: 2026, month: 3, day: 5, sequence: 7).description
                == "000.00.20.H60-260305-0007")
        #expect(DossierCode(agencyCode: "000.00.20.H60", year: 2026, month: 12, day: 31, sequence: 12345).description
                == "000.00.20.H60-261231-12345")
    }
}
