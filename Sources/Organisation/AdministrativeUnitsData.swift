import Foundation

/// Rows of the official unit lists of the General Statistics Office (units-2025.csv, units-legacy.csv,
/// ward-merge-2025.csv). Parsing is plain Swift so that it is tested without a database.
public enum AdministrativeUnitsData {
    /// One commune/ward of the 2025 structure.
    public struct Ward2025: Sendable, Equatable {
        public var provinceCode: String, province: String
        public var wardCode: String, ward: String, wardType: String
        public var latitude: Double?, longitude: Double?, areaKm2: Double?
    }

    /// One commune/ward of the legacy structure, with its district.
    public struct LegacyWard: Sendable, Equatable {
        public var provinceCode: String, province: String
        public var districtCode: String, district: String, districtType: String
        public var wardCode: String, ward: String, wardType: String
        public var latitude: Double?, longitude: Double?
    }

    /// Which 2025 ward a legacy ward went into.
    public struct Merge: Sendable, Equatable {
        public var legacyWardCode: String, wardCode2025: String
        /// The successor that took most of a split ward.
        public var isDefault: Bool
        /// `whole` or `split`.
        public var kind: String
    }

    /// Parses units-2025.csv, keeping the rows of one province.
    public static func wards2025(csv: String, province: String) throws -> [Ward2025] {
        try rows(csv, expect: ["province_code", "province", "ward_code", "ward", "ward_type", "lat", "lon", "area_km2"])
            .filter { $0[0] == province }
            .map { Ward2025(provinceCode: $0[0], province: $0[1], wardCode: $0[2], ward: $0[3], wardType: $0[4],
                            latitude: Double($0[5]), longitude: Double($0[6]), areaKm2: Double($0[7])) }
    }

    /// Parses units-legacy.csv, keeping the rows of one province.
    public static func legacyWards(csv: String, province: String) throws -> [LegacyWard] {
        try rows(csv, expect: ["province_code", "province", "district_code", "district", "district_type",
                               "ward_code", "ward", "ward_type", "lat", "lon"])
            .filter { $0[0] == province }
            .map { LegacyWard(provinceCode: $0[0], province: $0[1], districtCode: $0[2], district: $0[3],
                              districtType: $0[4], wardCode: $0[5], ward: $0[6], wardType: $0[7],
                              latitude: Double($0[8]), longitude: Double($0[9])) }
    }

    /// Parses ward-merge-2025.csv.
    public static func merges(csv: String) throws -> [Merge] {
        try rows(csv, expect: ["legacy_ward_code", "ward_code_2025", "is_default", "kind"])
            .map { Merge(legacyWardCode: $0[0], wardCode2025: $0[1], isDefault: $0[2] == "1", kind: $0[3]) }
    }

    /// Splits a simple CSV (no quoted commas in these files) and checks its header.
    static func rows(_ csv: String, expect header: [String]) throws -> [[String]] {
        var lines = csv.split(whereSeparator: \.isNewline).map { String($0) }
        guard let first = lines.first,
              first.split(separator: ",", omittingEmptySubsequences: false).map(String.init) == header
        else {
            throw UnitsDataError.unexpectedHeader(expected: header.joined(separator: ","))
        }
        lines.removeFirst()
        return try lines.enumerated().map { index, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count else { throw UnitsDataError.badRow(line: index + 2) }
            return fields
        }
    }
}

/// Errors reading the unit lists.
public enum UnitsDataError: Error, Equatable, CustomStringConvertible {
    case unexpectedHeader(expected: String)
    case badRow(line: Int)

    public var description: String {
        switch self {
        case .unexpectedHeader(let expected): "unexpected CSV header, expected \(expected)"
        case .badRow(let line): "CSV line \(line) has the wrong number of fields"
        }
    }
}
