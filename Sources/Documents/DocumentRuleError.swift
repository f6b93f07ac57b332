import Foundation

/// Lỗi nghiệp vụ văn bản — a broken rule of document work, with a stable reason and a message in Vietnamese (for users)
/// and English (for logs and API clients).
public struct DocumentRuleError: Error, Equatable, Hashable, Codable, Sendable, CustomStringConvertible, LocalizedError {
    /// Which rule was broken; stable raw values, usable as a problem type or an API error code.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        // Số, ký hiệu
        /// The number and symbol is empty.
        case emptyNumberAndSymbol
        /// It contains a space or another white-space character.
        case whitespaceInNumberAndSymbol
        /// It has no "/" between the number and the symbol, or too many.
        case missingSlash
        /// The number is not made of digits, or is zero.
        case invalidNumber
        /// A number below 10 without its leading 0, or a number with superfluous leading zeros.
        case numberNotPadded
        /// The year of a normative document's number is not four digits.
        case invalidYear
        /// An empty part between "-" separators, or a character that is neither a letter nor a digit.
        case malformedSymbol
        /// A lower-case letter in an agency or unit abbreviation.
        case symbolNotUpperCase
        /// A type abbreviation written in another case than Annex III (e.g. `QYĐ` for `QyĐ`).
        case typeAbbreviationCase
        /// The issuing agency's abbreviation is missing.
        case missingIssuer
        /// A Công văn symbol without the drafting unit's abbreviation.
        case missingUnit
        /// More "-" parts than the symbol allows.
        case tooManySymbolParts
        /// The document type is not numbered (Thư công) or cannot carry this kind of number.
        case typeNotNumbered
        /// The number's symbol does not match the document's type.
        case symbolDoesNotMatchType
        // Sổ, số
        /// A number series with inconsistent fields.
        case invalidNumberSeries
        // Quy trình
        /// The action is not allowed from the current status.
        case forbiddenTransition
        /// A number given before issue, or missing after it.
        case numberAtWrongTime
        /// Assignments of an incoming document without exactly one lead, or with the same assignee twice.
        case invalidAssignments
    }

    /// Which rule was broken.
    public let reason: Reason
    /// Thông báo tiếng Việt.
    public let vietnamese: String
    /// The English message.
    public let english: String

    public init(_ reason: Reason, vietnamese: String, english: String) {
        self.reason = reason
        self.vietnamese = vietnamese
        self.english = english
    }

    public var description: String { "\(vietnamese) / \(english)" }
    public var errorDescription: String? { description }
}
