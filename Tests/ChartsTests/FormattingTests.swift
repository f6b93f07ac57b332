import Foundation
import Testing
@testable import Charts

@Suite("Vietnamese numbers and nice ticks")
struct FormattingTests {
    @Test(arguments: [
        (12345.0, 0, "12.345"), (1_234_567.891, 2, "1.234.567,89"), (999.96, 1, "1.000,0"), (87.25, 0, "87"),
        (0, 0, "0"), (-1234, 0, "-1.234"), (-0.04, 1, "0,0"), (123, 0, "123"), (1000, 0, "1.000"),
    ])
    func numbers_group_thousands_with_dots_and_take_a_decimal_comma(_ value: Double, _ decimals: Int,
                                                                    _ expected: String) {
        // act
        let text = VietnameseNumber.format(value, decimals: decimals)
        // check
        #expect(text == expected)
    }

    @Test func percentages_take_a_decimal_comma_and_a_spaced_percent_sign() {
        // setup
        let fractions = [0.873, 1, 0.05, 12.3456]
        // act
        let texts = fractions.map { VietnameseNumber.percent($0) }
        // check
        #expect(texts == ["87,3 %", "100,0 %", "5,0 %", "1.234,6 %"])
        #expect(VietnameseNumber.percent(0.873, decimals: 0) == "87 %")
        #expect(VietnameseNumber.compactPercent(0.95) == "95 %")
        #expect(VietnameseNumber.compactPercent(0.925) == "92,5 %")
    }

    @Test func values_that_are_not_numbers_print_as_a_dash() {
        // act
        let texts = [VietnameseNumber.format(.nan), VietnameseNumber.format(.infinity), VietnameseNumber.percent(.nan)]
        // check
        #expect(texts == ["—", "—", "—"])
    }

    @Test func value_formats_label_counts_whole_and_rates_as_percentages() {
        // act
        let labels = [ValueFormat.count.label(12345.4), ValueFormat.percent.label(0.873)]
        // check
        #expect(labels == ["12.345", "87,3 %"])
    }

    @Test(arguments: [
        (87.0, [0.0, 20, 40, 60, 80, 100]), (100, [0, 20, 40, 60, 80, 100]), (12345, [0, 5000, 10000, 15000]),
        (5, [0, 1, 2, 3, 4, 5]), (0.37, [0, 0.1, 0.2, 0.3, 0.4]), (0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (101, [0, 50, 100, 150]),
    ])
    func ticks_are_nice_round_numbers_from_zero_past_the_maximum(_ maximum: Double, _ expected: [Double]) {
        // act
        let ticks = NiceTicks.ticks(upTo: maximum)
        // check
        #expect(ticks.count == expected.count)
        for (tick, wanted) in zip(ticks, expected) {
            #expect(abs(tick - wanted) < 1e-9, "\(ticks) for \(maximum)")
        }
    }

    @Test func every_maximum_gets_four_to_six_ticks_with_a_step_of_one_two_or_five() {
        // setup
        let maxima = stride(from: -3.0, through: 6, by: 0.01).map { pow(10, $0) }
        for maximum in maxima {
            // act
            let ticks = NiceTicks.ticks(upTo: maximum)
            // check
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow(10, (log10(step) + 1e-9).rounded(.down))
            #expect((4...6).contains(ticks.count), "\(ticks) for \(maximum)")
            #expect(ticks[0] == 0 && ticks.last! >= maximum * (1 - 1e-9) && ticks[ticks.count - 2] < maximum)
            #expect([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-6 }, "step \(step) for \(maximum)")
        }
    }

    @Test func count_axes_never_step_below_one() {
        // act
        let ticks = [2.0, 1, 0].map { ValueFormat.count.ticks(upTo: $0) }
        // check
        #expect(ticks == [[0, 1, 2], [0, 1], [0, 1]])
    }

    @Test func a_percent_axis_ends_at_100_percent_unless_a_rate_goes_beyond() {
        // act
        let usual = ValueFormat.percent.ticks(upTo: 0.873)
        let beyond = ValueFormat.percent.ticks(upTo: 1.3)
        // check
        #expect(usual.map(ValueFormat.percent.tickLabel) == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"])
        #expect(beyond.map(ValueFormat.percent.tickLabel) == ["0 %", "50 %", "100 %", "150 %"])
    }
}

