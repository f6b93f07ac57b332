import Access
import Testing

/// The 12-digit personal identification number: structure and meaning.
@Suite struct PersonalIdentificationNumberTests {
    @Test func a_valid_number_gives_province_sex_and_birth_year() throws {
        let pin = try PersonalIdentificationNumber("035199000123", currentYear: 2026)
        #expect(pin.provinceCode == "035")
        #expect(pin.sex == .female)
        #expect(pin.birthYear == 1999)
        let boy = try PersonalIdentificationNumber("008212000001", currentYear: 2026)
        #expect(boy.sex == .male && boy.birthYear == 2012 && boy.provinceCode == "008")
        #expect(boy.masked == "•••••••••001")
    }

    @Test(arguments: ["", "12345678901", "1234567890123", "03519900012a", "035 19900012", "０３５１９９０００１２３"])
    func anything_but_twelve_ascii_digits_is_a_format_error(text: String) {
        #expect(throws: PersonalIDError.notTwelveDigits) { try PersonalIdentificationNumber(text, currentYear: 2026) }
    }

    @Test(arguments: ["000", "003", "005", "097", "099", "063"])
    func an_unknown_birth_province_is_named(code: String) {
        #expect(throws: PersonalIDError.unknownProvince(code)) {
            try PersonalIdentificationNumber(code + "199000123", currentYear: 2026)
        }
        #expect(PersonalIDError.unknownProvince(code).vietnamese.contains(code))
    }

    @Test func a_birth_year_in_the_future_is_refused_with_the_century_digit() {
        #expect(throws: PersonalIDError.birthInFuture(year: 2027, centuryDigit: 2)) {
            try PersonalIdentificationNumber("001227000123", currentYear: 2026)
        }
        #expect(throws: PersonalIDError.birthInFuture(year: 2105, centuryDigit: 4)) {
            try PersonalIdentificationNumber("001405000123", currentYear: 2026)
        }
        // this year is fine
        #expect(throws: Never.self) { try PersonalIdentificationNumber("001226000123", currentYear: 2026) }
    }

    @Test func the_63_legacy_province_codes_are_valid() {
        #expect(PersonalIdentificationNumber.provinceCodes.count == 63)
        #expect(PersonalIdentificationNumber.provinceCodes.contains("008"))
    }
}
