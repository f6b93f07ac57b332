import Foundation

/// An exact rational number (phân số), always reduced, with a positive denominator. Index points and rates are
/// fractions so that a test can compare them with values computed by hand, without rounding.
public struct Fraction: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let numerator: Int
    public let denominator: Int

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "Fraction with a zero denominator")
        let sign = denominator < 0 ? -1 : 1
        let divisor = Swift.max(Fraction.gcd(abs(numerator), abs(denominator)), 1)
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    public init(integerLiteral value: Int) { self.init(value, 1) }

    public static let zero = Fraction(0)
    public static let one = Fraction(1)

    /// The nearest `Double`, for display.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// "27/2", or "5" for a whole number.
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    public static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
        let g = gcd(lhs.denominator, rhs.denominator)
        let l = lhs.denominator / g
        return Fraction(lhs.numerator * (rhs.denominator / g) + rhs.numerator * l, l * rhs.denominator)
    }

    public static func - (lhs: Fraction, rhs: Fraction) -> Fraction { lhs + Fraction(-rhs.numerator, rhs.denominator) }

    public static func * (lhs: Fraction, rhs: Fraction) -> Fraction {
        // Cross-reduce first to keep the intermediate products small.
        let g1 = Swift.max(gcd(abs(lhs.numerator), rhs.denominator), 1)
        let g2 = Swift.max(gcd(abs(rhs.numerator), lhs.denominator), 1)
        return Fraction((lhs.numerator / g1) * (rhs.numerator / g2), (lhs.denominator / g2) * (rhs.denominator / g1))
    }

    public static func / (lhs: Fraction, rhs: Fraction) -> Fraction {
        precondition(rhs.numerator != 0, "Division by zero")
        return lhs * Fraction(rhs.denominator, rhs.numerator)
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        // Denominators are positive, so cross-multiplication keeps the order.
        (lhs - rhs).numerator < 0
    }

    public static func += (lhs: inout Fraction, rhs: Fraction) { lhs = lhs + rhs }
}

/// Tỷ lệ — a rate kept as the two counts it is made of ("21 of 24"), not reduced, so reports can show both.
/// A rate with a zero denominator has no value: nothing was there to count.
public struct Ratio: Hashable, Sendable, CustomStringConvertible {
    /// Tử số — what was counted.
    public let numerator: Int
    /// Mẫu số — out of how many.
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The exact value, or `nil` when the denominator is zero.
    public var fraction: Fraction? { denominator == 0 ? nil : Fraction(numerator, denominator) }
    /// The value as a `Double` (0.875), or `nil` when the denominator is zero.
    public var value: Double? { fraction?.doubleValue }
    /// The value in percent (87.5), or `nil` when the denominator is zero.
    public var percent: Double? { value.map { $0 * 100 } }

    /// "21/24".
    public var description: String { "\(numerator)/\(denominator)" }

    /// The product of two rates (`a/b × c/d = ac/bd`), as Decision 766 indicator 3.3 multiplies by the sync rate.
    public static func * (lhs: Ratio, rhs: Ratio) -> Ratio {
        Ratio(lhs.numerator * rhs.numerator, lhs.denominator * rhs.denominator)
    }
}
