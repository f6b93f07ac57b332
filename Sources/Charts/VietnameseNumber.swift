import Foundation

/// Số viết kiểu Việt Nam — numbers as Vietnamese readers write them: a dot between thousands and a
/// decimal comma ("12.345", "1.234,5", "87,3 %").
public enum VietnameseNumber {
    /// `value` rounded to `decimals` places (0…6), thousands grouped with dots and a decimal comma:
    /// `format(12345)` is "12.345", `format(1234.56, decimals: 1)` is "1.234,6". A value that rounds
    /// to zero has no minus sign; not-a-number and the infinities give "—".
    public static func format(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "—" }
        let fixed = String(format: "%.\(min(max(decimals, 0), 6))f", abs(value))
        let parts = fixed.split(separator: ".")
        let whole = Array(parts[0])
        var text = value < 0 && fixed.contains(where: { "123456789".contains($0) }) ? "-" : ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { text.append(".") }
            text.append(digit)
        }
        if parts.count > 1 { text += "," + parts[1] }
        return text
    }

    /// Tỷ lệ phần trăm — a fraction (1 is 100 %) as a percentage with `decimals` places:
    /// `percent(0.873)` is "87,3 %".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "—" }
        return format(fraction * 100, decimals: decimals) + " %"
    }

    /// A percentage with no decimals when the fraction is a whole percent ("80 %") and one otherwise
    /// ("92,5 %"): for thresholds and axis ticks.
    static func compactPercent(_ fraction: Double) -> String {
        let hundredths = fraction * 100
        return percent(fraction, decimals: abs(hundredths - hundredths.rounded()) < 1e-9 ? 0 : 1)
    }
}

/// Cách ghi giá trị — what a chart's values are and how its labels show them.
public enum ValueFormat: Sendable {
    /// Số lượng — counts, shown whole with thousands dots: "12.345".
    case count
    /// Tỷ lệ — fractions where 1 is 100 %, shown "87,3 %"; the axis runs from 0 to 100 %.
    case percent

    /// The value as printed beside a bar or in a tooltip: "12.345" or "87,3 %".
    public func label(_ value: Double) -> String {
        switch self {
        case .count: VietnameseNumber.format(value)
        case .percent: VietnameseNumber.percent(value)
        }
    }

    /// The label of an axis tick: "12.000", "80 %".
    func tickLabel(_ tick: Double) -> String {
        switch self {
        case .count: VietnameseNumber.format(tick)
        case .percent: VietnameseNumber.compactPercent(tick)
        }
    }

    /// The axis ticks from 0 up to or past `maximum`: nice counts, or nice percentages that reach at
    /// least 100 %.
    func ticks(upTo maximum: Double) -> [Double] {
        switch self {
        case .count: NiceTicks.ticks(upTo: maximum, integral: true)
        case .percent: NiceTicks.ticks(upTo: max(100, maximum * 100)).map { $0 / 100 }
        }
    }
}

/// Vạch chia trục "đẹp" — nice axis ticks (after Heckbert's "nice numbers").
enum NiceTicks {
    /// Ticks 0, s, 2s, … up to the first multiple of s at or above `maximum`, where the step s is the
    /// smallest of 1, 2 or 5 × 10ⁿ that needs at most five intervals: always 4–6 ticks, except that an
    /// `integral` axis (counts) takes no step below 1, so a maximum under 3 gives fewer. A maximum that
    /// is not positive is taken as 1.
    static func ticks(upTo maximum: Double, integral: Bool = false) -> [Double] {
        let top = maximum.isFinite && maximum > 0 ? maximum : 1
        let magnitude = pow(10, (log10(top / 5)).rounded(.down))
        var step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { intervals(top, $0) <= 5 } ?? 10 * magnitude
        if integral { step = max(step, 1) }
        return (0...intervals(top, step)).map { Double($0) * step }
    }

    private static func intervals(_ top: Double, _ step: Double) -> Int {
        Int((top / step - 1e-9).rounded(.up))
    }
}
