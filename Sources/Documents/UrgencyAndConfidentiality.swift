import Foundation

/// Độ khẩn — how fast a document must move (Decree 30/2020 art. 4(2)(c)). Hỏa tốc, Thượng khẩn and Khẩn documents are
/// registered, submitted and handed over immediately; the others the same day, at the latest the next working day.
///
/// The edXML `OtherInfo/Priority` code of each level is **[U]** (domain reference §3.3): it is configuration,
/// see ``EdXMLPriorityCodes``.
public enum Urgency: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable, Comparable {
    /// Thường — no urgency mark.
    case normal
    /// Khẩn.
    case urgent
    /// Thượng khẩn.
    case veryUrgent
    /// Hỏa tốc.
    case flash

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .normal: "Thường"
        case .urgent: "Khẩn"
        case .veryUrgent: "Thượng khẩn"
        case .flash: "Hỏa tốc"
        }
    }

    /// The stamp printed on a paper document (dấu độ khẩn); `nil` for an ordinary one.
    public var stamp: String? {
        switch self {
        case .normal: nil
        case .urgent: "KHẨN"
        case .veryUrgent: "THƯỢNG KHẨN"
        case .flash: "HỎA TỐC"
        }
    }

    /// Whether art. 4(2)(c) asks for immediate registration, submission and hand-over.
    public var requiresImmediateHandling: Bool { self != .normal }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}

/// Mã độ khẩn trong gói tin edXML — **[U]** configuration: the `Priority` value of each urgency level. The default
/// (0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, and 4 "Hỏa tốc hẹn giờ" read as Hỏa tốc) is the one seen in public
/// implementations; QCVN 102:2016's own table was not read (domain reference §3.3).
public struct EdXMLPriorityCodes: Codable, Sendable, Equatable {
    /// The code written for each level.
    public var codes: [Urgency: Int]
    /// Further codes accepted when reading.
    public var aliases: [Int: Urgency]

    public init(codes: [Urgency: Int] = [.normal: 0, .urgent: 1, .veryUrgent: 2, .flash: 3],
                aliases: [Int: Urgency] = [4: .flash]) {
        self.codes = codes
        self.aliases = aliases
    }

    /// The code to write for `urgency`.
    public func code(for urgency: Urgency) -> Int? { codes[urgency] }

    /// The level a received code means, or `nil` for an unknown code.
    public func urgency(forCode code: Int) -> Urgency? {
        codes.first(where: { $0.value == code })?.key ?? aliases[code]
    }
}

/// Độ mật — the state-secret level (Law on Protection of State Secrets 2018; Decree 30/2020 arts. 16(3), 22(4) hand
/// secret documents over to that law). Any secret level puts an outgoing document in the agency's separate secret number
/// series (art. 15(2)); see ``NumberSeries``.
public enum Confidentiality: String, Codable, Sendable, CaseIterable, Comparable {
    /// Thường — not secret.
    case normal
    /// Mật.
    case confidential
    /// Tối mật.
    case secret
    /// Tuyệt mật.
    case topSecret

    /// Vietnamese name.
    public var label: String {
        switch self {
        case .normal: "Thường"
        case .confidential: "Mật"
        case .secret: "Tối mật"
        case .topSecret: "Tuyệt mật"
        }
    }

    /// The stamp printed on a paper document (dấu độ mật); `nil` for an ordinary one.
    public var stamp: String? {
        switch self {
        case .normal: nil
        case .confidential: "MẬT"
        case .secret: "TỐI MẬT"
        case .topSecret: "TUYỆT MẬT"
        }
    }

    /// Whether the document is a state secret (any level above Thường).
    public var isSecret: Bool { self != .normal }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Confidentiality, rhs: Confidentiality) -> Bool { lhs.rank < rhs.rank }
}
