import Foundation
import Indicators

/// JSON text written member by member, for the answers of the busiest routes (a submission answers with its whole
/// dossier) and the public tracking document rewritten with every change, where `JSONEncoder`'s generic machinery
/// costs more than the rest of the work. It writes what a `JSONEncoder` with ISO 8601 dates (Vapor's) writes for the
/// same value — members whose value is nil left out, dates in UTC to the second — which `DossierJSONTests` checks
/// against it.
public struct JSONText {
    public private(set) var text = ""
    /// Whether the object or array being written has no member yet (one entry per open level).
    private var empty: [Bool] = []

    public init(capacity: Int = 2048) { text.reserveCapacity(capacity) }

    /// `{ … }`: `body` writes the members.
    public mutating func object(_ body: (inout JSONText) -> Void) {
        text.append("{")
        empty.append(true)
        body(&self)
        empty.removeLast()
        text.append("}")
    }

    /// A member holding an object.
    public mutating func object(_ name: String, _ body: (inout JSONText) -> Void) {
        key(name)
        object(body)
    }

    /// A member holding an array of `items`, each written by `body` as one value.
    public mutating func array<Item>(_ name: String, _ items: [Item], _ body: (inout JSONText, Item) -> Void) {
        key(name)
        text.append("[")
        for (position, item) in items.enumerated() {
            if position > 0 { text.append(",") }
            body(&self, item)
        }
        text.append("]")
    }

    /// A member holding an object of string values, in the keys' order (as `JSONEncoder` with sorted keys would;
    /// without, the order of a dictionary is unspecified anyway).
    public mutating func strings(_ name: String, _ values: [String: String]) {
        object(name) { json in
            for key in values.keys.sorted() { json.member(key, values[key]) }
        }
    }

    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        appendQuoted(value)
    }

    public mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        text.append(String(value))
    }

    public mutating func member(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        // as JSONEncoder: a whole number without its ".0"
        text.append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
    }

    public mutating func member(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        text.append(value ? "true" : "false")
    }

    /// A date as ISO 8601 in UTC, to the second (the fraction cut off): `2026-12-03T10:15:00Z`.
    public mutating func member(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        text.append("\"")
        text.append(Self.iso8601(value))
        text.append("\"")
    }

    public mutating func member<Value: RawRepresentable>(_ name: String, _ value: Value?) where Value.RawValue == String {
        member(name, value?.rawValue)
    }

    /// `"name":`, after a comma unless it is the first member of its object.
    private mutating func key(_ name: String) {
        if empty.last == false { text.append(",") } else if !empty.isEmpty { empty[empty.count - 1] = false }
        appendQuoted(name)
        text.append(":")
    }

    private mutating func appendQuoted(_ string: String) {
        text.append("\"")
        var plain = true
        for unit in string.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C {
            plain = false
            break
        }
        if plain {
            text.append(string)
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": text.append("\\\"")
                case "\\": text.append("\\\\")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                case "\t": text.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` of `date` in UTC, its seconds' fraction cut off (as Foundation's `.iso8601`).
    public static func iso8601(_ date: Date) -> String {
        utc(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), separator: "T") + "Z"
    }

    /// `yyyy-MM-dd` + `separator` + `HH:mm:ss`: the UTC date and time `seconds` after 1970-01-01 (before it when
    /// negative).
    static func utc(seconds: Int64, separator: String) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let civil = Period.Day(daysSinceEpoch: Int(days))
        return padded(civil.year, 4) + "-" + padded(civil.month, 2) + "-" + padded(civil.day, 2) + separator
            + padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2)
    }

    /// `value` in decimal, with leading zeros up to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
