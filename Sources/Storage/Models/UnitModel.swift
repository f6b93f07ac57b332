import Fluent
import FluentSQL
import SQLKit
import Foundation
import Organisation

/// Đơn vị — a government unit in the tree. Units are ended (valid_until), never deleted once referenced.
public final class UnitModel: Model, @unchecked Sendable {
    public static let schema = "units"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    /// cqs's own unit code: GSO codes for administrative units ("08", "070", "00691"), mnemonics for departments.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: UnitKind
    @Field(key: "structure") public var structure: UnitStructure
    /// Materialised path of codes from the root, e.g. "/08/STP/".
    @Field(key: "path") public var path: String
    /// Mã định danh điện tử (QCVN 102:2016).
    @OptionalField(key: "agency_code") public var agencyCode: String?
    @OptionalField(key: "latitude") public var latitude: Double?
    @OptionalField(key: "longitude") public var longitude: Double?
    /// First and last day of validity ("YYYY-MM-DD"); `validUntil` nil while in force.
    @Field(key: "valid_from") public var validFrom: String
    @OptionalField(key: "valid_until") public var validUntil: String?

    // relationships
    @OptionalParent(key: "parent_id") public var parent: UnitModel?

    public init() {}

    public init(id: UUID? = nil, code: String, name: String, kind: UnitKind, structure: UnitStructure,
                parentID: UUID?, path: String, agencyCode: String?, latitude: Double? = nil,
                longitude: Double? = nil, validFrom: String, validUntil: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.structure = structure
        self.$parent.id = parentID
        self.path = path
        self.agencyCode = agencyCode
        self.latitude = latitude
        self.longitude = longitude
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}

extension UnitModel {
    /// The unit with that code, if any.
    public static func find(code: String, on database: any Database) async throws -> UnitModel? {
        // written out: most requests ask for a unit by code, and this is cheaper than Fluent's aliased select
        try await (database as! any SQLDatabase).raw("SELECT * FROM units WHERE code = \(bind: code) LIMIT 1").first()
            .map { try $0.decode(fluentModel: UnitModel.self) }
    }

    /// Whether the unit is in force on a day ("YYYY-MM-DD").
    public func isValid(on day: String) -> Bool {
        validFrom <= day && (validUntil.map { day <= $0 } ?? true)
    }
}

/// Đơn vị kế thừa — which unit(s) took over an ended unit (the 2025 ward mergers).
public final class UnitSuccessorModel: Model, @unchecked Sendable {
    public static let schema = "unit_successors"

    // managed fields
    @ID(key: .id) public var id: UUID?

    // data fields
    /// The successor that took most of a split unit.
    @Field(key: "is_default") public var isDefault: Bool
    /// `whole` or `split`.
    @Field(key: "kind") public var kind: String

    // relationships
    @Parent(key: "predecessor_id") public var predecessor: UnitModel
    @Parent(key: "successor_id") public var successor: UnitModel

    public init() {}

    public init(predecessorID: UUID, successorID: UUID, isDefault: Bool, kind: String) {
        self.$predecessor.id = predecessorID
        self.$successor.id = successorID
        self.isDefault = isDefault
        self.kind = kind
    }
}
