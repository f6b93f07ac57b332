import Foundation

/// The kinds of government unit (đơn vị) in the tree.
public enum UnitKind: String, Codable, Sendable, CaseIterable {
    /// Tỉnh — the province (its People's Committee, UBND tỉnh).
    case province
    /// Sở, ban, ngành — a department of the province.
    case department
    /// Phòng, chi cục, trung tâm — an office inside a department or inside a commune's committee.
    case office
    /// Huyện, thành phố thuộc tỉnh — a district (legacy structure, ended 30 June 2025).
    case district
    /// Xã — a rural commune.
    case commune
    /// Phường — an urban ward.
    case ward
    /// Thị trấn — a township (legacy structure).
    case township
    /// Đặc khu — a special zone.
    case specialZone = "special-zone"

    /// The kind for a GSO type label ("Xã", "Phường", "Thị trấn", "Đặc khu", "Huyện", "Thành phố", "Thị xã", "Quận").
    public static func fromGSOType(_ label: String) -> UnitKind? {
        switch label {
        case "Xã": .commune
        case "Phường": .ward
        case "Thị trấn": .township
        case "Đặc khu": .specialZone
        case "Huyện", "Thành phố", "Thị xã", "Quận": .district
        default: nil
        }
    }

    /// Whether this kind is a commune-level local government (cấp xã).
    public var isCommuneLevel: Bool { [.commune, .ward, .township, .specialZone].contains(self) }

    /// Vietnamese label.
    public var label: String {
        switch self {
        case .province: "Tỉnh"
        case .department: "Sở, ban, ngành"
        case .office: "Phòng, đơn vị trực thuộc"
        case .district: "Huyện"
        case .commune: "Xã"
        case .ward: "Phường"
        case .township: "Thị trấn"
        case .specialZone: "Đặc khu"
        }
    }
}

/// Which administrative structure a unit belongs to: the three-level one in force until 30 June 2025,
/// or the two-level one from 1 July 2025.
public enum UnitStructure: String, Codable, Sendable, CaseIterable {
    case legacy
    case y2025 = "2025"

    /// The first day of the 2025 structure; the legacy units end the day before.
    public static let reorganisationDay = "2025-07-01"
    /// The last day of the legacy structure.
    public static let legacyEndDay = "2025-06-30"
}

/// Path helpers: every unit stores the materialised path of codes from the root ("/08/STP/STP-HCTP/"),
/// so "inside the scope of unit U" is a prefix test that works the same on SQLite and PostgreSQL.
public enum UnitPath {
    /// The path of a child unit under a parent path.
    public static func child(of parentPath: String?, code: String) -> String {
        (parentPath ?? "/") + code + "/"
    }

    /// Whether `path` is the unit at `scopePath` or below it.
    public static func isWithin(_ path: String, scope scopePath: String) -> Bool {
        path.hasPrefix(scopePath)
    }
}
