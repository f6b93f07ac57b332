import Foundation

/// Dãy số của sổ đăng ký — the key of one number series: numbers run from 01 on 1 January to 31 December in issue (or
/// receipt) order, unique within the year (Decree 30/2020 art. 15(1), art. 22(2); domain reference §3.2).
///
/// Decisions for cqs (the store keeps one counter per ``storageKey``):
/// - **ordinary** — administrative documents share one outgoing series per agency and year. Art. 15(1) lets the head
///   of the agency set the rule, so ``NumberingPolicy/separateSeriesPerAdministrativeType`` can split it by type
///   (then ``documentType`` is set).
/// - **secret** — every secret level (Mật, Tối mật, Tuyệt mật) shares one separate series (art. 15(2)).
/// - **normative** — normative (QPPL) Nghị quyết and Quyết định have one series per type (art. 15(1)).
/// - **incoming** — số đến: one series per agency and year (art. 22(2)); secret incoming documents get their own
///   series by default ([U] practice, ``NumberingPolicy/separateIncomingSecretSeries``).
/// An advisory council that uses the agency's seal has its own series: give it its own ``agencyCode``.
public struct NumberSeries: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Văn bản đi or văn bản đến.
    public enum Direction: String, Codable, Sendable, CaseIterable {
        /// Văn bản đi — the number and symbol given at issue.
        case outgoing
        /// Văn bản đến — the incoming number (số đến) given at registration.
        case incoming
    }

    /// Which series of the agency.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Văn bản thường — the ordinary series.
        case ordinary
        /// Văn bản mật — the separate series of secret documents (art. 15(2)).
        case secret
        /// Văn bản quy phạm pháp luật — one series per normative type (art. 15(1)); outgoing only.
        case normative
    }

    /// The agency's identifier code (mã định danh, e.g. `000.00.00.H60`) or any stable code of the numbering body.
    public let agencyCode: String
    /// The calendar year (in Vietnam time, see ``year(of:)``).
    public let year: Int
    /// Outgoing or incoming.
    public let direction: Direction
    /// Ordinary, secret or normative.
    public let kind: Kind
    /// The type of a per-type series (normative, or ordinary under a per-type policy); `nil` otherwise.
    public let documentType: DocumentType?

    /// Checks the combination: normative series are outgoing and name Nghị quyết or Quyết định; secret and incoming
    /// series name no type; no series for Thư công.
    public init(agencyCode: String, year: Int, direction: Direction = .outgoing, kind: Kind = .ordinary,
                documentType: DocumentType? = nil) throws {
        func refuse(_ vietnamese: String, _ english: String) -> DocumentRuleError {
            DocumentRuleError(.invalidNumberSeries, vietnamese: vietnamese, english: english)
        }
        guard !agencyCode.isEmpty, !agencyCode.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw refuse("Mã cơ quan của sổ không hợp lệ: «\(agencyCode)».", "Invalid agency code for a series: \"\(agencyCode)\".")
        }
        guard (1000...9999).contains(year) else {
            throw refuse("Năm của sổ phải có 4 chữ số: \(year).", "A series' year must have four digits: \(year).")
        }
        switch (direction, kind, documentType) {
        case (.outgoing, .normative, let type?) where type.hasNormativeCounterpart: break
        case (_, .normative, _):
            throw refuse("Dãy số văn bản quy phạm pháp luật chỉ dành cho Nghị quyết hoặc Quyết định ban hành.",
                         "A normative series is for an outgoing resolution or decision only.")
        case (.outgoing, .ordinary, let type?) where type.isNumbered: break
        case (_, _, let type?):
            throw refuse("Dãy số này không chia theo loại văn bản (\(type.vietnameseName)).",
                         "This series is not split by document type (\(type.rawValue)).")
        case (_, _, nil): break
        }
        self.agencyCode = agencyCode
        self.year = year
        self.direction = direction
        self.kind = kind
        self.documentType = documentType
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(agencyCode: container.decode(String.self, forKey: .agencyCode),
                      year: container.decode(Int.self, forKey: .year),
                      direction: container.decode(Direction.self, forKey: .direction),
                      kind: container.decode(Kind.self, forKey: .kind),
                      documentType: container.decodeIfPresent(DocumentType.self, forKey: .documentType))
    }

    /// A stable text key for a unique counter: `000.00.00.H60/2026/outgoing/ordinary`,
    /// `000.00.00.H60/2026/outgoing/normative/decision`.
    public var storageKey: String {
        ([agencyCode, String(year), direction.rawValue, kind.rawValue] + [documentType?.rawValue].compactMap { $0 })
            .joined(separator: "/")
    }

    public var description: String { storageKey }

    /// The first number of every series, written `01` (art. 15(1)).
    public static let firstNumber = 1

    /// The number after `last` (the series' highest number so far, `nil` when none was given this year).
    public func number(after last: Int?) -> Int { (last ?? 0) + 1 }

    /// The year a date falls in, in Vietnam time (UTC+7): series restart on 1 January at 00:00 there.
    public static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.component(.year, from: date)
    }
}

/// Quy định cấp số của cơ quan — which series a document takes. Art. 15(1) leaves administrative numbering to the head
/// of the agency, so it is configuration; the defaults are cqs's decisions (see ``NumberSeries``).
public struct NumberingPolicy: Codable, Sendable, Equatable {
    /// Whether each administrative type has its own ordinary series (default `false`: one shared series).
    public var separateSeriesPerAdministrativeType: Bool
    /// Whether secret incoming documents have their own incoming series (default `true`, [U] practice).
    public var separateIncomingSecretSeries: Bool

    public init(separateSeriesPerAdministrativeType: Bool = false, separateIncomingSecretSeries: Bool = true) {
        self.separateSeriesPerAdministrativeType = separateSeriesPerAdministrativeType
        self.separateIncomingSecretSeries = separateIncomingSecretSeries
    }

    /// The series an outgoing document takes: the type's normative series when `normative` (Nghị quyết, Quyết định
    /// QPPL), else the secret series for any secret level, else the ordinary one. Throws for Thư công (not numbered)
    /// and for a normative document of another type.
    public func outgoingSeries(agencyCode: String, year: Int, type: DocumentType,
                               confidentiality: Confidentiality = .normal, normative: Bool = false) throws -> NumberSeries {
        guard type.isNumbered else {
            throw DocumentRuleError(.typeNotNumbered, vietnamese: "\(type.vietnameseName) không được cấp số.",
                                    english: "A \(type.rawValue) document gets no number.")
        }
        if normative {
            return try NumberSeries(agencyCode: agencyCode, year: year, kind: .normative, documentType: type)
        }
        if confidentiality.isSecret {
            return try NumberSeries(agencyCode: agencyCode, year: year, kind: .secret)
        }
        return try NumberSeries(agencyCode: agencyCode, year: year, kind: .ordinary,
                                documentType: separateSeriesPerAdministrativeType ? type : nil)
    }

    /// The series of the incoming number (số đến) of a document received by the agency.
    public func incomingSeries(agencyCode: String, year: Int,
                               confidentiality: Confidentiality = .normal) throws -> NumberSeries {
        let secret = confidentiality.isSecret && separateIncomingSecretSeries
        return try NumberSeries(agencyCode: agencyCode, year: year, direction: .incoming, kind: secret ? .secret : .ordinary)
    }
}
