import Foundation

/// edXML — the message format of QCVN 102:2016/BTTTT for exchanging electronic documents between agencies
/// (liên thông văn bản điện tử). Constants shared by ``EdXMLReader`` and ``EdXMLWriter``.
public enum EdXML {
    /// The namespace of every edXML element (`xmlns` of the root `edXML`).
    public static let namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
    /// The `version` attribute written on `edXMLManifest`.
    public static let manifestVersion = "1.0"
    /// Giờ Việt Nam (UTC+7): edXML dates and timestamps carry no zone and are read as Vietnam time.
    public static let vietnamTimeZone = TimeZone(secondsFromGMT: 7 * 3600)!
}

/// The value lists and output format used when reading, validating and writing edXML.
///
/// The value lists of `OtherInfo/Priority`, `SteeringType` and `DocumentType/Type` are **[U]**: the QCVN 102 annex
/// that defines them was not read, so the defaults below come from public implementations and are configuration.
public struct EdXMLConfiguration: Hashable, Sendable {
    /// Độ khẩn — allowed `OtherInfo/Priority` values and their labels. [U] Default, as used by public
    /// implementations: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ.
    public var priorities: [Int: String]
    /// Loại chỉ đạo — allowed `SteeringType` values and their labels. [U] Default 0 không chỉ đạo, 1 chỉ đạo,
    /// 2 chỉ đạo và yêu cầu báo cáo (the `NONE_STEER, STEER, STEER_REPORT` of public implementations).
    public var steeringTypes: [Int: String]
    /// Allowed `DocumentType/Type` values; `nil` (the default) accepts any integer. [U]
    public var documentTypes: [Int: String]?
    /// How dates and timestamps are written. Reading accepts both styles.
    public var dateStyle: EdXMLDateStyle

    public init(priorities: [Int: String] = EdXMLConfiguration.defaultPriorities,
                steeringTypes: [Int: String] = EdXMLConfiguration.defaultSteeringTypes,
                documentTypes: [Int: String]? = nil,
                dateStyle: EdXMLDateStyle = .yearFirst) {
        self.priorities = priorities
        self.steeringTypes = steeringTypes
        self.documentTypes = documentTypes
        self.dateStyle = dateStyle
    }

    /// [U] 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ.
    public static let defaultPriorities: [Int: String] = [
        0: "Thường", 1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc", 4: "Hỏa tốc hẹn giờ",
    ]
    /// [U] 0 không chỉ đạo, 1 chỉ đạo, 2 chỉ đạo và yêu cầu báo cáo.
    public static let defaultSteeringTypes: [Int: String] = [
        0: "Không chỉ đạo", 1: "Chỉ đạo", 2: "Chỉ đạo, yêu cầu báo cáo",
    ]

    public static let `default` = EdXMLConfiguration()
}
