import Fluent
import Foundation

/// Thông báo nghỉ lễ hằng năm — the government's yearly calendar notice as an administrator recorded it.
public final class CalendarNoticeModel: Model, @unchecked Sendable {
    public static let schema = "calendar_notices"

    // managed fields
    @ID(key: .id) public var id: UUID?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    // data fields
    @Field(key: "year") public var year: Int
    /// JSON of `WorkCalendar.YearNotice`.
    @Field(key: "document") public var document: String

    public init() {}

    public init(year: Int, document: String) {
        self.year = year
        self.document = document
    }
}
